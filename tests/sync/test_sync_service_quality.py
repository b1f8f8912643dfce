"""Service quality across the link: the kelurahan's raw SKM answers pooled at the kecamatan, and
the Tipe B letter's SMS sent once, by the kelurahan, when the kecamatan's decision comes back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desktop.models import audit
from desktop.models.applications.status import Status
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.survey.responses import SurveyAnswers, ikm_for_period
from desktop.models.users.roles import Role
from desktop.sync import files
from tests.sync.sync_helpers import KEL, submit, user

KIOSK = audit.Actor(None, "Kiosk", "warga")
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def test_kecamatan_pools_the_kelurahans_raw_answers(linked, tmp_path):
    kel, kec = linked
    for _ in range(9):
        kel.survey.record(SurveyAnswers(scores=(2,) * 9), "kiosk", KIOSK)  # 50 each
    kec.survey.record(SurveyAnswers(scores=(4,) * 9), "kertas", user(kec, "petugas").actor())  # 100
    path = files.export_pending(kel, tmp_path / "stick")
    files.import_file(kec, path, tmp_path / "balik")
    pooled = ikm_for_period(kec, *NOVEMBER)
    assert pooled.responden == 10 and pooled.ikm == Decimal("55.00")  # not (50 + 100) / 2
    assert ikm_for_period(kec, *NOVEMBER, pooled=False).responden == 1
    assert ikm_for_period(kel, *NOVEMBER).ikm == Decimal("50.00")
    # Importing the same batch again does not count anyone twice.
    files.import_file(kec, path)
    assert ikm_for_period(kec, *NOVEMBER).responden == 10


def test_tipe_b_sms_goes_once_from_the_kelurahan_when_the_decision_arrives(linked, tmp_path):
    kel, kec = linked
    app = submit(kel)
    kel.db.execute("UPDATE applications SET applicant = json_set(applicant, '$.phone', '+6281234567890') "
                   "WHERE id = ?", [app.id])
    app = kel.applications.perform(app.id, app.active_step, user(kel, "petugas"), Role.PETUGAS)
    assert app.status == Status.DIKIRIM_KE_KECAMATAN
    files.import_file(kec, files.export_pending(kel, tmp_path / "up"), tmp_path / "ack")
    local_id = kec.db.execute("SELECT local_id FROM sync_tipe_b WHERE remote_id = ?", [app.id]).fetchone()[0]
    here = kec.applications.get(local_id)
    assert here.applicant.phone == ""  # the number stays with the kelurahan
    people = {n: user(kec, n) for n in ("petugas", "kasi", "sekcam", "camat")}
    while here.active_step is not None:
        step = here.current
        role = Role(step.roles[0])
        who = next(u for u in people.values() if u.has(role))
        here = kec.applications.perform(here.id, step.idx, who, role, pin=DEMO_PIN if step.needs_pin else None)
    assert kec.notifications.list() == []
    assert kel.notifications.list() == []
    files.import_file(kel, files.export_pending(kec, tmp_path / "down", KEL), tmp_path / "naik")
    back = kel.applications.get(app.id)
    assert back.status == Status.SIAP_DIAMBIL
    (note,) = kel.notifications.list()
    assert note.reason == "siap_diambil" and note.phone == "+6281234567890" and app.number in note.text


def test_complaint_outcomes_travel_without_the_complainants_identity(linked, tmp_path):
    from desktop.models.complaints.register import CHANNELS, NewComplaint

    kel, kec = linked
    kel.complaints.register(NewComplaint(channel=sorted(CHANNELS)[0], subject="Antrean lama",
                                         description="Menunggu dua jam", complainant_name="Budi Santoso",
                                         contact="081234567890"), user(kel, "petugas"))
    path = files.export_pending(kel, tmp_path / "stick")
    files.import_file(kec, path, tmp_path / "balik")  # refused by the receiver's schema if the shape drifted
    payloads = [r[0] for r in kec.db.execute(
        "SELECT payload FROM sync_mirror WHERE office_code = ? AND entity = 'complaint'", [KEL])]
    assert len(payloads) == 1 and "Antrean lama" in payloads[0]
    assert "Budi" not in payloads[0] and "081234567890" not in payloads[0]
