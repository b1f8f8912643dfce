"""The complaint register: fields, anonymity, roles, working-day deadlines across weekends and
holidays, late ones, the SP4N-LAPOR export, and the decree's complaint service running through it."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models import audit
from desktop.models.clock import WIB
from desktop.models.complaints.categories import CATEGORIES, deadlines
from desktop.models.complaints.register import NewComplaint
from desktop.models.errors import PermissionDenied, ValidationError
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.settings import OfficeCalendar
from desktop.models.users.roles import Role

MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=WIB)
FRIDAY = datetime(2026, 11, 27, 14, 0, tzinfo=WIB)


@pytest.fixture
def people(office_services):
    users = office_services.users
    return {n: users.authenticate(n, DEMO_PIN) for n in ("petugas", "kasi", "lurah", "admin", "pengaduan")}


def new(**changes):
    values = dict(channel="Langsung di loket", subject="Lampu jalan mati", description="Lampu RT 02 mati seminggu",
                  complainant_name="Budi", contact="081234567890", category="ringan", location="RT 02/RW 01")
    values.update(changes)
    return NewComplaint(**values)


@pytest.mark.parametrize(("received", "key", "first", "resolution"), [
    # Monday 10:00: 3 working days → Thursday; ringan 2 → Wednesday.
    (MONDAY, "ringan", "2026-11-26T10:00", "2026-11-25T10:00"),
    # Friday 14:00: the weekend does not count.
    (FRIDAY, "ringan", "2026-12-02T14:00", "2026-12-01T14:00"),
    (FRIDAY, "normatif", "2026-12-02T14:00", "2026-12-04T14:00"),
    # Saturday: counting starts at Monday's opening.
    (datetime(2026, 11, 28, 9, 0, tzinfo=WIB), "ringan", "2026-12-03T08:00", "2026-12-02T08:00"),
    # After closing time on Friday: also from Monday's opening.
    (datetime(2026, 11, 27, 17, 30, tzinfo=WIB), "ringan", "2026-12-03T08:00", "2026-12-02T08:00"),
    (MONDAY, "tanpa_pemeriksaan", "2026-11-26T10:00", "2026-12-11T10:00"),
    (MONDAY, "pemeriksaan_lapangan", "2026-11-26T10:00", "2027-02-15T10:00"),
])
def test_deadlines_count_working_days(received, key, first, resolution):
    due = deadlines(received, key, OfficeCalendar())
    assert due.first_response.isoformat()[:16] == first
    assert due.resolution.isoformat()[:16] == resolution


def test_holidays_of_the_office_calendar_do_not_count():
    calendar = OfficeCalendar(holidays=["2026-11-30", "2026-12-01"])  # Monday, Tuesday off
    due = deadlines(FRIDAY, "ringan", calendar)
    assert due.resolution.isoformat()[:16] == "2026-12-03T14:00"
    assert due.first_response.isoformat()[:16] == "2026-12-04T14:00"


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 365 * 24), st.sampled_from([c.key for c in CATEGORIES]),
       st.sets(st.integers(0, 90), max_size=10))
def test_deadline_is_a_working_day_and_exactly_n_working_days_later(hours, key, holiday_offsets):
    from datetime import timedelta

    from desktop.models.applications.sla import Calendar

    received = datetime(2026, 1, 1, tzinfo=WIB) + timedelta(hours=hours)
    holidays = sorted({(received.date() + timedelta(days=d)).isoformat() for d in holiday_offsets})
    cal_settings = OfficeCalendar(holidays=holidays)
    cal = Calendar(cal_settings)
    due = deadlines(received, key, cal_settings).resolution
    assert cal.is_workday(due.date())
    start = cal.next_open(received).date()
    days = sum(1 for n in range(1, (due.date() - start).days + 1) if cal.is_workday(start + timedelta(days=n)))
    assert days == next(c.working_days for c in CATEGORIES if c.key == key)


def test_register_assign_respond_resolve(office_services, people):
    reg = office_services.complaints
    c = reg.register(new(), people["petugas"])
    assert c.number == "ADU-2026-0001" and c.status == "baru" and c.assignee_name == ""
    c = reg.assign(c.id, people["pengaduan"].id, people["lurah"], Role.LURAH)
    assert c.assignee_name == "Rina Wulandari"
    c = reg.respond(c.id, "Sudah dilaporkan ke dinas", people["pengaduan"])
    assert c.status == "diproses" and c.first_response_at is not None
    c = reg.resolve(c.id, "Lampu diganti 25 November", people["pengaduan"])
    assert c.status == "selesai" and c.resolution == "Lampu diganti 25 November"
    assert [e.action for e in reg.history(c.id)] == ["catat", "tugaskan", "tanggapi", "selesaikan"]
    assert [e.action for e in audit.history(office_services.db, "complaint", c.id)] == [
        "complaint.register", "complaint.assign", "complaint.respond", "complaint.resolve"]
    with pytest.raises(ValidationError, match="sudah selesai"):
        reg.respond(c.id, "lagi", people["pengaduan"])
    # What travels to the kecamatan carries no identity.
    sent = office_services.db.execute("SELECT payload FROM outbox WHERE entity = 'complaint'").fetchall()
    assert sent and all("Budi" not in p and "0812" not in p for (p,) in sent)


def test_assignee_must_be_the_koordinator_and_roles_are_checked(office_services, people):
    reg = office_services.complaints
    c = reg.register(new(), people["petugas"])
    with pytest.raises(ValidationError, match="Koordinator"):
        reg.assign(c.id, people["kasi"].id, people["lurah"])
    with pytest.raises(PermissionDenied):
        reg.assign(c.id, people["pengaduan"].id, people["petugas"])
    with pytest.raises(PermissionDenied):
        reg.resolve(c.id, "x", people["petugas"])
    with pytest.raises(PermissionDenied):
        reg.register(new(), people["lurah"])


@pytest.mark.parametrize(("changes", "message"), [
    (dict(anonymous=True), "anonim"), (dict(complainant_name=""), "Nama pelapor"), (dict(subject=" "), "Pokok"),
    (dict(channel="Merpati"), "Saluran"), (dict(category="berat"), "Kategori"), (dict(unsur="u10"), "Unsur"),
    (dict(complainant_nik="123"), "NIK"), (dict(description="x" * 5001), "terlalu panjang"),
])
def test_bad_input_changes_nothing(office_services, people, changes, message):
    with pytest.raises(ValidationError, match=message):
        office_services.complaints.register(new(**changes), people["petugas"])
    assert office_services.db.execute("SELECT count(*) FROM complaints").fetchone()[0] == 0


def test_anonymous_and_confidential(office_services, people):
    reg = office_services.complaints
    anon = reg.register(new(anonymous=True, complainant_name="", contact=""), people["petugas"])
    secret = reg.register(new(confidential=True), people["petugas"])
    assert anon.who(True) == "Anonim"
    assert secret.who(False) == "(dirahasiakan)" and secret.who(True) == "Budi"


def test_late_ones(office_services, people, clock):
    reg = office_services.complaints
    c = reg.register(new(category="ringan"), people["petugas"])  # Tuesday 08:30 → due Thursday 08:30
    clock.advance(days=2)
    assert reg.late() == []
    clock.advance(minutes=1)
    assert [x.id for x in reg.late()] == [c.id]
    reg.resolve(c.id, "Selesai", people["pengaduan"])
    assert reg.late() == []
    assert reg.get(c.id).resolution_late(clock.now())  # finished, but after the deadline


def test_lapor_export_hides_confidential_identity_and_defuses_formulas(office_services, people, tmp_path):
    from openpyxl import load_workbook

    from desktop.models.complaints.lapor_export import HEADERS, to_csv, to_xlsx

    reg = office_services.complaints
    reg.register(new(confidential=True, subject="=HYPERLINK(\"x\")"), people["petugas"])
    reg.register(new(complainant_name="Siti"), people["petugas"])
    path = to_xlsx(reg.list(), "Kelurahan Kalirejo", tmp_path / "lapor.xlsx")
    ws = load_workbook(path).active
    rows = list(ws.values)
    assert list(rows[0]) == HEADERS
    by_number = {r[0]: r for r in rows[1:]}
    secret, open_ = by_number["ADU-2026-0001"], by_number["ADU-2026-0002"]
    assert secret[HEADERS.index("Nama pelapor")] in ("", None) and secret[HEADERS.index("Rahasia")] == "Ya"
    assert secret[HEADERS.index("Judul laporan")].startswith("'=")
    assert open_[HEADERS.index("Nama pelapor")] == "Siti"
    assert "Kelurahan Kalirejo" in to_csv(reg.list(), "Kelurahan Kalirejo", tmp_path / "l.csv").read_text("utf-8-sig")


def test_kanigaran_penanganan_pengaduan_runs_through_the_register(services):
    from desktop.models.applications.status import Status
    from tests.models.test_chains_per_office import make_draft, setup_office

    by_role = setup_office(services, "kanigaran", "")
    draft = make_draft(services, "kanigaran-penanganan-pengaduan-masyarakat")
    draft.fields.update(isi="Sengketa batas pagar dengan tetangga", lokasi="RT 3", rahasiakan="Ya")
    app = services.applications.submit(draft, by_role[Role.PETUGAS])
    complaint = services.complaints.for_application(app.id)
    assert complaint is not None and complaint.confidential and complaint.status == "baru"
    assert complaint.subject == "Sengketa batas pagar dengan tetangga"
    # The decree's 360 minutes cap the category's 5 working days.
    assert complaint.resolution_due == app.due_at
    while app.status != Status.SIAP_DIAMBIL and app.active_step is not None:
        step = app.steps[app.active_step]
        role = next(Role(r) for r in step.roles if Role(r) in by_role)
        app = services.applications.perform(app.id, step.idx, by_role[role], role, note="ok")
    complaint = services.complaints.get(complaint.id)
    assert complaint.first_response_at is not None and complaint.status == "selesai"
    assert "Penanganan Pengaduan" in complaint.resolution
    assert [e.action for e in services.complaints.history(complaint.id)][0] == "catat"
    assert "langkah" in [e.action for e in services.complaints.history(complaint.id)]


def test_holidays_typed_in_the_settings():
    from desktop.models.applications.sla import parse_holidays

    assert parse_holidays("2026-12-25 Natal\n\n2026-12-24 cuti bersama\n2026-12-25") == ["2026-12-24", "2026-12-25"]
    with pytest.raises(ValidationError, match="baris 2"):
        parse_holidays("2026-12-25\n25-12-2026")
