"""The inbox and the NIK search answered by indexes give exactly what reading every file would.

The inbox filters by role, orders, pages and counts in SQL (applications.inbox_roles, kept by
the aggregate; m060 fills it on an old database); find by NIK is a range on an index instead
of LIKE. Each is compared here with the plain answer computed from the applications themselves.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models.applications.application import Applicant
from desktop.models.applications.status import Status
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.identity import User
from desktop.models.users.roles import Role
from desktop.office import open_office
from tests.identities import FAST_KDF
from tests.models.test_applications import draft_for

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "loket-0.1.0-kelurahan.sqlite3"


def expected_inbox(services, roles: set[str]) -> tuple[list[str], int]:
    """Oldest first, and how many are past their limit — from every application, read one by one."""
    now = services.clock.now()
    ids = [r[0] for r in services.db.execute("SELECT id FROM applications")]
    apps = [services.applications.get(i) for i in ids]
    waiting = sorted((a for a in apps if a.status.is_open and a.status != Status.DRAF and a.current is not None
                      and set(a.current.roles) & roles), key=lambda a: a.received_at)
    # Late: past the limit and not finished (a letter ready for pick-up was finished when it became ready).
    return [a.id for a in waiting], sum(1 for a in waiting if a.due_at is not None and a.due_at < now
                                        and a.completed_at is None)


def paged_ids(services, user: User, size: int) -> list[str]:
    ids: list[str] = []
    while True:
        page = services.applications.inbox_page(user, offset=len(ids), limit=size)
        ids += [i.app_id for i in page.items]
        if not page.items:
            return ids


def assert_inbox_exact(services, user: User) -> int:
    want, late = expected_inbox(services, {r.value for r in user.roles})
    page = services.applications.inbox_page(user, limit=3)
    assert (page.total, page.overdue) == (len(want), late)
    assert services.applications.inbox_counts(user) == (len(want), late)
    assert [i.app_id for i in page.items] == want[:3]
    assert paged_ids(services, user, 4) == want
    assert [i.app_id for i in services.applications.inbox(user)] == want
    assert sum(i.overdue for i in services.applications.inbox(user)) == late
    return len(want)


def applicant(services, n: int) -> Applicant:
    r = services.residents.get(services.db.execute("SELECT id FROM residents ORDER BY nik LIMIT 1 OFFSET ?",
                                                   [n]).fetchone()[0])
    return Applicant(kind="penduduk", name=r.nama, nik=r.nik, resident_id=r.id, address=r.alamat)


def step_once(services, app):
    role = Role(app.current.roles[0])
    who = services.users.by_role(role)[0]
    return services.applications.perform(app.id, app.active_step, who, role, pin=DEMO_PIN,
                                         confirmed=bool(app.current.confirm))


@pytest.fixture
def busy_office(office_services, clock):
    """Fourteen files a minute apart in every state: draft, each step, ready, returned, rejected, cancelled, done."""
    s = office_services
    clerk = s.users.authenticate("petugas", DEMO_PIN)
    apps = []
    for n in range(14):
        draft = draft_for(s)
        draft.applicant = applicant(s, n % 9)  # several files per NIK, several NIKs
        apps.append(s.applications.submit(draft, clerk, as_draft=n == 0))
        clock.advance(minutes=1)
    for n, steps in ((1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (6, 3), (7, 2), (10, 20)):
        for _ in range(steps):
            if apps[n].active_step is not None:
                apps[n] = step_once(s, apps[n])
    for n in (2, 11):  # ready for pick-up: finished, so never late while it waits at the counter
        while apps[n].status != Status.SIAP_DIAMBIL:
            apps[n] = step_once(s, apps[n])
    kasi = s.users.authenticate("kasi", DEMO_PIN)
    if Role.KASI.value in apps[7].current.roles:
        s.applications.return_to(apps[7].id, None, kasi, Role.KASI, "Fotokopi KK kurang jelas")
    s.applications.reject(apps[8].id, clerk, Role.PETUGAS, "Bukan warga kelurahan ini")
    s.applications.cancel(apps[9].id, clerk, Role.PETUGAS, "Pemohon membatalkan")
    return s  # 8.44: the files before 8.39 are past their five minutes, the newer ones are not


def test_each_users_inbox_is_exact_page_by_page(busy_office):
    s = busy_office
    users = [s.users.authenticate(n, DEMO_PIN) for n in ("petugas", "kasi", "seklur", "lurah", "admin")]
    both = User(id="x", username="x", full_name="Dua Peran", roles=frozenset({Role.PETUGAS, Role.LURAH}))
    sizes = [assert_inbox_exact(s, u) for u in [*users, both]]
    assert sizes[0] > 3 and sizes[1] > 0 and sizes[5] == sizes[0] + sizes[3]  # pages and both roles mattered
    page = s.applications.inbox_page(users[0], limit=None)
    assert 0 < page.overdue < sizes[0]  # both kinds are counted
    ready = [i for i in page.items if i.status == Status.SIAP_DIAMBIL]
    assert ready and not any(i.overdue for i in ready) and ready[0].time_left.startswith("selesai")


def test_the_inbox_follows_every_change(busy_office, clock):
    s = busy_office
    clerk = s.users.authenticate("petugas", DEMO_PIN)
    before = s.applications.inbox_counts(clerk)[0]
    first = s.applications.inbox(clerk)[0]
    app = s.applications.perform(first.app_id, first.step_idx, clerk, Role.PETUGAS)
    expected = before - (0 if Role.PETUGAS.value in (app.current.roles if app.current else []) else 1)
    assert s.applications.inbox_counts(clerk)[0] == expected
    clock.advance(hours=2)
    assert_inbox_exact(s, clerk)


def test_an_upgraded_release_database_has_the_same_inbox(tmp_path, clock):
    path = tmp_path / "loket.sqlite3"
    shutil.copy(FIXTURE, path)
    services = open_office(path, clock, kdf=FAST_KDF)
    try:
        sizes = [assert_inbox_exact(services, User(id=r.value, username=r.value, full_name=r.label,
                                                   roles=frozenset({r}))) for r in Role]
        assert sum(sizes) > 0  # the frozen release holds files waiting for someone
    finally:
        services.db.conn.close()


def expected_find(services, q: str, limit: int = 50) -> list[str]:
    rows = services.db.execute("SELECT id, applicant_nik, received_at FROM applications").fetchall()
    hits = sorted((r for r in rows if r[1].startswith(q)), key=lambda r: r[2], reverse=True)
    return [r[0] for r in hits[:limit]]


def test_find_by_nik_whole_and_partial(busy_office):
    s = busy_office
    nik = applicant(s, 3).nik
    whole = [r["id"] for r in s.applications.reader.find(nik)]
    assert whole and whole == expected_find(s, nik)
    assert [r["id"] for r in s.applications.reader.find(nik[:10])] == expected_find(s, nik[:10])
    assert [r["id"] for r in s.applications.reader.find(nik, limit=1)] == expected_find(s, nik, 1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_find_by_nik_matches_a_plain_prefix_filter(busy_office, data):
    s = busy_office
    niks = [r[0] for r in s.db.execute("SELECT DISTINCT applicant_nik FROM applications")]
    q = data.draw(st.one_of(
        st.sampled_from(niks).flatmap(lambda n: st.integers(6, 16).map(lambda k: n[:k])),
        st.text(alphabet="0123456789", min_size=6, max_size=16),
        st.text(alphabet="٠١٢٣٤٥٦٧٨٩9０１", min_size=6, max_size=20),  # other scripts' digits: found nowhere
    ))
    assert [r["id"] for r in s.applications.reader.find(q)] == expected_find(s, q)


def test_a_step_several_roles_may_do_is_in_each_of_their_inboxes_once(services, clock):
    """Kandangan: the camat, the sekcam or a kasi may sign; a file waiting there is in each inbox."""
    from desktop.demo import _sample
    from desktop.models.applications.intake import IntakeDraft, checklist, form_fields
    from desktop.models.office.first_run import complete_first_run, demo_input

    complete_first_run(services, demo_input(services.catalog.office("kandangan"), residents=5))
    service, _ = services.catalog.service("kandangan-legalisasi-sktm")
    clerk = services.users.by_role(Role.PETUGAS)[0]
    clerk = services.users.confirm(clerk.id, DEMO_PIN)
    items = checklist(service)
    for item in items:
        item.received = True
    fields = {f["key"]: _sample(f) for f in form_fields(service)}
    app = services.applications.submit(IntakeDraft(service.id, applicant(services, 1), items, fields), clerk)
    while len(app.current.roles) < 2:
        app = step_once(services, app)
    roles = {Role(r) for r in app.current.roles}
    assert {Role.CAMAT, Role.KASI} <= roles
    for role in roles:
        user = User(id=role.value, username=role.value, full_name=role.label, roles=frozenset({role}))
        assert [i.app_id for i in services.applications.inbox(user)] == [app.id]
        assert_inbox_exact(services, user)
    everyone = User(id="x", username="x", full_name="Semua", roles=frozenset(roles))
    assert [i.app_id for i in services.applications.inbox(everyone)] == [app.id]
    assert services.applications.inbox_counts(everyone) == (1, 0)
