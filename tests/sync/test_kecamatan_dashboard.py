"""The kecamatan's per-kelurahan figures: letters issued and applications still in work."""

from __future__ import annotations

from desktop.models.applications.status import Status
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role
from desktop.sync import files, status
from tests.sync.sync_helpers import user

TIPE_A = "kanigaran-sk-usaha"


def _finish_to_ready(kel, app):
    people = [user(kel, n) for n in ("petugas", "kasi", "seklur", "lurah")]
    while app.status != Status.SIAP_DIAMBIL:
        step = app.current
        role = Role(step.roles[0])
        who = next(u for u in people if u.has(role))
        app = kel.applications.perform(app.id, step.idx, who, role, pin=DEMO_PIN if step.needs_pin else None)
    return app


def test_letters_issued_count_and_ready_letters_are_not_open_work(linked, tmp_path):
    from tests.sync.sync_helpers import submit

    kel, kec = linked
    ready = _finish_to_ready(kel, submit(kel, TIPE_A))  # signed: one letter in the register, ready for pick-up
    submit(kel, TIPE_A)  # still at the counter
    voided = _finish_to_ready(kel, submit(kel, TIPE_A))
    entry = kel.register.for_application(voided.id)
    kel.register.void(entry.id, user(kel, "lurah"), "Salah ketik nama", pin=DEMO_PIN)
    assert ready.status == Status.SIAP_DIAMBIL
    path = files.export_pending(kel, tmp_path / "flashdisk")
    files.import_file(kec, path, tmp_path / "balik")
    row = status.kelurahan_dashboard(kec)[0]
    assert row.letters_issued == 1  # the voided one does not count
    # Open work: the one still at the counter, and the voided one (back at the signature for a new
    # letter); the letter ready for pick-up is finished work.
    assert row.applications_open == 2
