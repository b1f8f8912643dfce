"""Every action × every role, generated from the one permission map and tried on the real models.

For each Permission and each Role, a person holding only that role signs in (and types their PIN
where the action needs one) and calls the real model method. The cell must succeed exactly when the
map allows it, and a refused cell must change nothing. A new Permission without an exerciser here
fails `test_every_permission_has_an_exerciser`: add one below.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.models.audit import Actor
from desktop.models.clock import WIB, FixedClock
from desktop.models.db import transaction
from desktop.models.errors import PermissionDenied
from desktop.models.office.first_run import DEMO_PIN, complete_first_run, demo_input
from desktop.models.residents.repository import Resident
from desktop.models.settings import OfficeProfile, PaperSettings
from desktop.models.users.accounts import NewUser, User
from desktop.models.users.roles import PERMISSIONS, Permission, Role, permission_table
from desktop.office import open_office
from tests.identities import FAST_KDF

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
_serial = itertools.count(1)


class Cell:
    """What one exerciser gets: the office, the person (signed in; `fresh` also PIN-confirmed)."""

    def __init__(self, services: Any, user: User, tmp: Path) -> None:
        self.services, self.user, self.tmp = services, user, tmp
        self.fresh = services.users.confirm(user.id, DEMO_PIN)
        self.n = next(_serial)


def _manage_users(c: Cell) -> None:
    c.services.users.create(NewUser(f"baru{c.n}", "Akun Baru", [Role.PETUGAS], "864213"), c.user.actor(), by=c.user)


def _edit_settings(c: Cell) -> None:
    c.services.settings.put(PaperSettings(size="A4" if c.n % 2 else "F4"), c.user.actor())


def _edit_catalog(c: Cell) -> None:
    service, _ = c.services.catalog.service("kalirejo-surat-keterangan-domisili")
    c.services.catalog.save_service(service.model_copy(update={"name": f"SK Domisili {c.n}"}), "kalirejo",
                                    c.user.actor())


def _edit_templates(c: Cell) -> None:
    from desktop.printing.templates import save_template

    text = "title: SURAT KETERANGAN\nopening: Yang bertanda tangan di bawah ini.\nclosing: Demikian.\n"
    save_template(c.tmp / f"umum{c.n}.yaml", text, set(), c.user)


def _manage_keys(c: Cell) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.models.trust.office_keys import public_key_text
    from desktop.sync.peers import PeerRepository

    key = public_key_text(Ed25519PrivateKey.generate().public_key())
    PeerRepository(c.services.db, c.services.clock).enroll(f"K{c.n}", key, c.fresh.actor())


def _manage_sync(c: Cell) -> None:
    c.services.settings.put_raw("sync_policy", {"encrypt": True, "hash_nik": True, "n": c.n}, c.fresh.actor())


def _intake(c: Cell) -> None:
    from tests.models.test_applications import draft_for

    c.services.applications.submit(draft_for(c.services), c.user)


def _manage_residents(c: Cell) -> None:
    c.services.residents.create(Resident(nik=f"351410520785{c.n:04d}", nama=f"WARGA {c.n}", tempat_lahir="Pasuruan",
                                         tanggal_lahir="1985-07-12", jenis_kelamin="P"), c.user.actor())


def _export_residents(c: Cell) -> None:
    from desktop.models.residents.export import export_residents

    out = c.tmp / f"penduduk-{c.n}.csv"
    try:
        assert export_residents(c.services.residents, out, "csv", c.user.actor()) >= 5 and out.exists()
    finally:
        # a refused export writes no file at all (the refusal comes before the first byte)
        assert out.exists() == c.user.can(Permission.EXPORT_RESIDENTS)


def _manage_queue(c: Cell) -> None:
    c.services.queue.issue("A", c.user.actor())


def _configure_queue(c: Cell) -> None:
    c.services.queue.save_counter(10 + c.n, "", ["A"], c.user.actor())


def _register_manual(c: Cell) -> None:
    c.services.register.add_manual(c.user, classification="470", subject="Undangan", recipient="Ketua RW",
                                   signer_name="Lurah")


def _void_letter(c: Cell) -> None:
    with transaction(c.services.db):
        entry = c.services.register.allocate(classification="470", subject="Surat", recipient="BUDI",
                                             signer_name="LURAH", signer_role="lurah", actor=Actor.system())
    c.services.register.void(entry.id, c.user, "Salah ketik", pin=DEMO_PIN)


def _record_decision(c: Cell) -> None:
    from desktop.models.applications.kecamatan_decision import PaperDecision
    from tests.sync.sync_helpers import submit

    clerk = c.services.users.authenticate("petugas", DEMO_PIN)
    app = submit(c.services)  # a Tipe B file of Kanigaran, sent on to the kecamatan
    app = c.services.applications.perform(app.id, app.active_step, clerk, Role.PETUGAS)
    c.services.applications.record_kecamatan_decision(app.id, c.user, PaperDecision(
        approved=True, decided_by="Camat Kanigaran", letter_number=f"474/{c.n}/425.102/2026"))


def _survey_entry(c: Cell) -> None:
    from desktop.models.survey.responses import SurveyAnswers

    c.services.survey.record(SurveyAnswers(scores=(4, 3, 4, 3, 4, 3, 4, 3, 4)), "kertas", c.user.actor())


def _new_complaint(c: Cell) -> Any:
    from desktop.models.complaints.register import NewComplaint

    return NewComplaint(channel="Langsung di loket", subject=f"Antrean lama {c.n}", description="Menunggu dua jam.",
                        complainant_name="Warga Contoh")


def _register_complaint(c: Cell) -> None:
    c.services.complaints.register(_new_complaint(c), c.user)


def _handle_complaint(c: Cell) -> None:
    clerk = c.services.users.authenticate("petugas", DEMO_PIN)
    complaint = c.services.complaints.register(_new_complaint(c), clerk)
    koordinator = c.services.users.authenticate("hanya_koordinator", DEMO_PIN)
    c.services.complaints.assign(complaint.id, koordinator.id, c.user)


def _send_notifications(c: Cell) -> None:
    c.services.notifications.queue_test("081234567890", "Kelurahan Contoh", c.user)


def _send_reports(c: Cell) -> None:
    from desktop.models.reports import travel
    from desktop.models.reports.pack import build_pack
    from desktop.models.reports.period import ReportPeriod
    from desktop.models.reports.sending import record_send

    october = ReportPeriod.month(2026, 10)  # ended: the office's clock stands in November
    data = travel.figures(build_pack(c.services.db, c.services.settings, october))
    # The model's send (the PDF and XLSX rendering lives in printing/; their bytes only travel here).
    result = record_send(c.services.db, c.services.clock, c.user, c.services.profile.office_code, october, data,
                         b"%PDF-1.4 laporan", b"PK laporan")
    assert result.period == "2026-10"


EXERCISERS: dict[Permission, Callable[[Cell], None]] = {
    Permission.MANAGE_USERS: _manage_users,
    Permission.EDIT_SETTINGS: _edit_settings,
    Permission.EDIT_CATALOG: _edit_catalog,
    Permission.EDIT_TEMPLATES: _edit_templates,
    Permission.MANAGE_KEYS: _manage_keys,
    Permission.MANAGE_SYNC: _manage_sync,
    Permission.INTAKE: _intake,
    Permission.MANAGE_RESIDENTS: _manage_residents,
    Permission.EXPORT_RESIDENTS: _export_residents,
    Permission.MANAGE_QUEUE: _manage_queue,
    Permission.CONFIGURE_QUEUE: _configure_queue,
    Permission.REGISTER_MANUAL: _register_manual,
    Permission.VOID_LETTER: _void_letter,
    Permission.RECORD_DECISION: _record_decision,
    Permission.SURVEY_ENTRY: _survey_entry,
    Permission.REGISTER_COMPLAINT: _register_complaint,
    Permission.HANDLE_COMPLAINT: _handle_complaint,
    Permission.SEND_NOTIFICATIONS: _send_notifications,
    Permission.SEND_REPORTS: _send_reports,
}


@pytest.fixture(scope="module")
def office(tmp_path_factory, seeded_template):
    """A kelurahan of Kecamatan Kanigaran (it has Tipe B services) with one account per role, each holding
    that role only, PIN 246810."""
    path = tmp_path_factory.mktemp("perm") / "loket.sqlite3"
    shutil.copy(seeded_template, path)
    from datetime import datetime

    services = open_office(path, FixedClock(datetime(2026, 11, 24, 8, 30, tzinfo=WIB)), kdf=FAST_KDF)
    complete_first_run(services, demo_input(services.catalog.office("kanigaran"), "Kebonsari Kulon", residents=5))
    admin = services.users.confirm(services.users.authenticate("admin", DEMO_PIN).id, DEMO_PIN)
    for role in Role:
        services.users.create(NewUser(f"hanya_{role.value}", f"Hanya {role.label}", [role], DEMO_PIN),
                              admin.actor(Role.ADMIN))
    services.queue.save_group("A", "Surat Keterangan", [], admin.actor(Role.ADMIN))
    yield services
    services.db.conn.close()


def _audit_count(services: Any) -> int:
    return services.db.execute("SELECT count(*) FROM audit").fetchone()[0]


def test_every_permission_has_an_exerciser():
    assert set(EXERCISERS) == set(Permission), "add an exerciser for the new Permission in this file"


@pytest.mark.parametrize(("permission", "role"), list(itertools.product(Permission, Role)),
                         ids=lambda v: v.value)
def test_action_by_role(office, tmp_path, permission, role):
    user = office.users.authenticate(f"hanya_{role.value}", DEMO_PIN)
    cell = Cell(office, user, tmp_path)
    if permission in PERMISSIONS[role]:
        EXERCISERS[permission](cell)
        return
    before = _audit_count(office)
    with pytest.raises(PermissionDenied):
        EXERCISERS[permission](cell)
    # A refused action changes nothing (the set-up before it — a void's allocation, the Tipe B file
    # submitted and sent on — is not the refused action).
    allowed_setup = {Permission.VOID_LETTER: 1, Permission.RECORD_DECISION: 2,
                     Permission.HANDLE_COMPLAINT: 1}.get(permission, 0)
    assert _audit_count(office) - before == allowed_setup


def test_fresh_pin_actions_refuse_a_plain_session(office, tmp_path):
    """MANAGE_KEYS / MANAGE_SYNC / VOID_LETTER and the office identity need the PIN typed now."""
    admin = office.users.authenticate("admin", DEMO_PIN)  # signed in, but no PIN confirmation
    with pytest.raises(PermissionDenied, match="PIN"):
        office.settings.put(OfficeProfile(office_code="UBAH"), admin.actor())
    with pytest.raises(PermissionDenied, match="PIN"):
        office.settings.put_raw("sync_policy", {"encrypt": False}, admin.actor())
    assert office.settings.get(OfficeProfile).office_code == "DEMO.KK"


def test_permission_table_document_is_generated_from_the_map(update_golden):
    if update_golden:
        DOC.write_text("# Siapa boleh melakukan apa\n\nDibuat dari `desktop/models/users/roles.py` "
                       "(`permission_table()`); jangan diubah dengan tangan.\n\n" + permission_table(),
                       encoding="utf-8")
    assert DOC.exists(), "docs/permissions.md is missing: run pytest with --update-golden"
    assert permission_table() in DOC.read_text(encoding="utf-8")
