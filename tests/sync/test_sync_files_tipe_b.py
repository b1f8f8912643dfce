"""Flashdisk round trip, and a Tipe B application going up and coming back decided."""

from __future__ import annotations

import errno

import pytest

from desktop.models.applications.status import Status
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role
from desktop.sync import files, outbound, status
from desktop.sync.errors import SyncError
from tests.sync.sync_helpers import KEC, KEL, received, sent, submit, user


def _to_kecamatan(kel, kec, tmp_path):
    """Kelurahan exports, kecamatan imports; returns the files the kecamatan wrote back."""
    stick = tmp_path / "flashdisk"
    path = files.export_pending(kel, stick)
    assert path is not None and path.suffix == files.BATCH_SUFFIX
    outcome = files.import_file(kec, path, stick / "balik")
    return outcome


def _back_to_kelurahan(kel, kec, outcome):
    messages = [files.import_file(kel, p, p.parent / "naik") for p in outcome.written]
    for m in messages:
        for p in m.written:  # the kelurahan's receipt for the decisions goes up again
            files.import_file(kec, p)
    return messages


def _send_verified_tipe_b(kel):
    app = submit(kel)
    assert app.status == Status.DIAJUKAN
    app = kel.applications.perform(app.id, app.active_step, user(kel, "petugas"), Role.PETUGAS)
    assert app.status == Status.DIKIRIM_KE_KECAMATAN and app.current.external
    return app


def test_file_round_trip_moves_every_record_once(linked, tmp_path):
    kel, kec = linked
    submit(kel)
    submit(kel)
    outcome = _to_kecamatan(kel, kec, tmp_path)
    assert "catatan baru dimasukkan" in outcome.message
    assert received(kec) == sent(kel) and outbound.pending_count(kel) == len(sent(kel))  # not yet acknowledged
    receipt = outcome.written[0]
    assert receipt.suffix == files.RECEIPT_SUFFIX
    assert "sudah diterima" in files.import_file(kel, receipt).message
    assert outbound.pending_count(kel) == 0
    assert files.export_pending(kel, tmp_path / "lagi") is None
    # Importing the same batch file again is harmless.
    again = files.import_file(kec, tmp_path / "flashdisk" / next((tmp_path / "flashdisk").glob("*.loketsync")).name)
    assert "tidak dimasukkan dua kali" in again.message and received(kec) == sent(kel)
    row = status.kelurahan_dashboard(kec)[0]
    assert (row.office_code, row.applications_open, row.last_sync is not None) == (KEL, 2, True)


def test_export_to_a_full_disk_says_so_and_keeps_everything(linked, tmp_path, monkeypatch):
    kel, _ = linked
    submit(kel)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("desktop.sync.files.os.fsync", full)
    with pytest.raises(SyncError, match="Disk penuh"):
        files.export_pending(kel, tmp_path / "stick")
    assert list((tmp_path / "stick").iterdir()) == []  # no half file left behind
    assert outbound.pending_count(kel) == len(sent(kel))


def test_tipe_b_goes_up_and_comes_back_approved(linked, tmp_path):
    kel, kec = linked
    app = _send_verified_tipe_b(kel)
    outcome = _to_kecamatan(kel, kec, tmp_path)
    assert status.kelurahan_dashboard(kec)[0].tipe_b_waiting == 1
    local_id = kec.db.execute("SELECT local_id FROM sync_tipe_b WHERE remote_id = ?", [app.id]).fetchone()[0]
    here = kec.applications.get(local_id)
    assert here.applicant.nik == app.applicant.nik and here.service_id == app.service_id
    # It waits in the inbox of whoever acts there, and is decided on the usual approval path.
    people = {n: user(kec, n) for n in ("petugas", "kasi", "sekcam", "camat")}
    seen_roles = set()
    while here.status not in (Status.SIAP_DIAMBIL, Status.DIAMBIL):
        step = here.current
        role = Role(step.roles[0])
        who = next(u for u in people.values() if u.has(role))
        assert any(i.app_id == here.id for i in kec.applications.inbox(who))
        seen_roles.add(role)
        here = kec.applications.perform(here.id, step.idx, who, role, pin=DEMO_PIN if step.needs_pin else None)
    assert {Role.SEKRETARIS_CAMAT, Role.CAMAT} <= seen_roles
    assert outcome.written[0].suffix == files.RECEIPT_SUFFIX
    # What came back down then was only the key directory (nothing decided yet).
    assert {e for (e,) in kec.db.execute("SELECT entity FROM sync_downlink")} == {"key_directory"}
    decided = files.export_pending(kec, tmp_path / "turun", KEL)
    assert decided is not None
    files.import_file(kel, decided, tmp_path / "naik")
    back = kel.applications.get(app.id)
    assert back.status == Status.SIAP_DIAMBIL
    external = [s for s in back.steps if s.external][0]
    letter = kec.db.execute("SELECT number FROM register WHERE application_id = ?", [here.id]).fetchone()
    assert external.state == "done" and "Camat Kanigaran" in external.note
    assert (letter[0] if letter else here.number) in external.note, external.note
    # The signed letter itself came down: printed here with the kecamatan's letterhead, verifiable.
    from desktop.printing.issue import render_application_letter
    from desktop.printing.qr import verify_payload
    from tests.printing.test_letters import pdf_text

    pdf, number = render_application_letter(kel, app.id)
    assert number == letter[0]
    text = pdf_text(pdf, tmp_path)
    assert "KECAMATAN KANIGARAN" in text and "Camat Kanigaran" in text and f"Nomor: {number}" in text
    qr = kel.db.execute("SELECT qr_payload FROM received_letters WHERE application_id = ?", [app.id]).fetchone()[0]
    assert verify_payload(qr, kel.directory).status == "asli"
    # The kelurahan's receipt for the decision reaches the kecamatan: nothing pending down any more.
    files.import_file(kec, next((tmp_path / "naik").glob("*.loketack")))
    assert outbound.pending_count(kec, KEL) == 0
    # The status change travels up: the dashboard no longer counts it as waiting.
    _to_kecamatan(kel, kec, tmp_path / "3")
    assert status.kelurahan_dashboard(kec)[0].tipe_b_waiting == 0
    assert received(kec) == sent(kel)


def test_tipe_b_rejected_at_the_kecamatan_comes_back_with_the_reason(linked, tmp_path):
    kel, kec = linked
    app = _send_verified_tipe_b(kel)
    _to_kecamatan(kel, kec, tmp_path)
    local_id = kec.db.execute("SELECT local_id FROM sync_tipe_b WHERE remote_id = ?", [app.id]).fetchone()[0]
    here = kec.applications.get(local_id)
    role = Role(here.current.roles[0])
    who = next(u for u in (user(kec, n) for n in ("petugas", "kasi", "sekcam", "camat")) if u.has(role))
    kec.applications.reject(local_id, who, role, "Surat pengantar RT tidak terbaca")
    outcome = _to_kecamatan(kel, kec, tmp_path / "2")
    _back_to_kelurahan(kel, kec, outcome)
    back = kel.applications.get(app.id)
    assert back.status == Status.DITOLAK and back.closed_reason == "Surat pengantar RT tidak terbaca"
    events = kel.applications.reader.history(app.id)
    assert events[-1].to_status == "ditolak" and "Ditolak kecamatan" in events[-1].note
    # Applying the same decision twice changes nothing.
    again = files.export_pending(kec, tmp_path / "ulang", KEL)
    assert again is None
    assert kel.applications.get(app.id).status == Status.DITOLAK
    assert kec.db.execute("SELECT count(*) FROM sync_downlink WHERE entity = 'decision'").fetchone()[0] == 1
    assert KEC in outbound.peers(kel).get(KEC).office_code


def test_tipe_b_for_a_service_the_kecamatan_lacks_is_flagged_not_blocking(linked, tmp_path):
    kel, kec = linked
    app = _send_verified_tipe_b(kel)
    kec.db.execute("UPDATE services SET id = 'dihapus' WHERE id = ?", [app.service_id])
    submit(kel, "kanigaran-sk-kelakuan-baik")  # later records still flow
    _to_kecamatan(kel, kec, tmp_path)
    state, note, local = kec.db.execute("SELECT state, note, local_id FROM sync_tipe_b WHERE remote_id = ?",
                                        [app.id]).fetchone()
    assert state == "layanan_tidak_dikenal" and local is None and note
    assert kec.db.execute("SELECT count(*) FROM applications").fetchone()[0] == 0
    assert received(kec) == sent(kel)
    assert status.kelurahan_dashboard(kec)[0].tipe_b_waiting == 1
