"""A kelurahan with a real, enrolled key turned hostile: whatever it signs, the kecamatan stays
correct, refuses in plain words and loses nothing of what honest offices send."""

from __future__ import annotations

import json
import tracemalloc

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models.errors import LoketError
from desktop.sync import batch, outbound
from desktop.sync.errors import SyncError
from desktop.sync.files import export_pending, import_file
from desktop.sync.inbound import receive
from desktop.sync.peers import PeerRepository
from tests.identities import admin_actor
from tests.sync.hostile import forge, line, record, state
from tests.sync.sync_helpers import KEC, KEL, received, sent, submit, user

MiB = 1024 * 1024


def _key(kel):
    return kel.office_keys.private_key()


def test_a_batch_that_inflates_1000_to_1_is_refused_without_unpacking_it(linked):
    kel, kec = linked
    before = state(kec)
    # 70 records, each padded with 1 MiB of JSON whitespace: about 70 KiB on the wire, 70 MiB unpacked.
    lines = b"".join(b" " * MiB + line(record(i)) for i in range(1, 71))
    data = forge(_key(kel), lines, count=70)
    assert len(data) < 200 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(SyncError, match="membengkak"):
            receive(kec, data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 24 * MiB  # unpacked piece by piece, never whole
    assert state(kec) == before


def test_one_oversized_record_is_refused(linked):
    kel, kec = linked
    data = forge(_key(kel), b" " * (13 * MiB) + line(record(1)), count=1)
    with pytest.raises(SyncError, match="Satu catatan"):
        receive(kec, data)


@pytest.mark.parametrize("bad", [
    record(2, entity="perintah_rahasia"),                       # an entity nobody defined
    record(2, entity="application", payload=[1, 2, 3]),         # payload not an object (was AttributeError)
    record(2, payload={"number": "1", "subject": "x", "extra": "?"}),  # a key the schema does not have
    record(2, payload={"number": 12}),                          # wrong type
    record(2, payload={"letter_date": "2026-02-31"}),           # not a date
    record(2, entity="application", payload={"status": "dikirim_ke_kecamatan", "tipe_b": "x"}),
    {"seq": 2, "uuid": "u", "at": "kemarin", "entity": "register", "entity_id": "e", "op": "x", "payload": {}},
    [1, 2],
    "teks",
])
def test_invalid_records_are_refused_before_anything_is_applied(linked, bad):
    kel, kec = linked
    before = state(kec)
    data = forge(_key(kel), line(record(1)) + line(bad), count=2)
    with pytest.raises(SyncError) as info:
        receive(kec, data)
    assert "Catatan ke-2" in str(info.value) and "Tidak ada data yang dimasukkan" in str(info.value)
    assert state(kec) == before  # the valid first record was not applied either


def test_deeply_nested_json_is_refused_not_a_crash(linked):
    kel, kec = linked
    deep = b'{"seq":1,"payload":' + b"[" * 200_000 + b"]" * 200_000 + b"}\n"
    with pytest.raises(SyncError, match="bersarang terlalu dalam"):
        receive(kec, forge(_key(kel), deep, count=1))
    header = b'{"loket_sync":1,"x":' + b"[" * 50_000 + b"]" * 50_000 + b"}\n"
    with pytest.raises(SyncError):
        receive(kec, header + b"rest")


def test_a_sequence_claim_beyond_the_records_is_refused_and_later_records_arrive(linked):
    kel, kec = linked
    forged = forge(_key(kel), line(record(1)), count=1, seq_from=1, seq_to=10**9)
    with pytest.raises(SyncError, match="urutan"):
        receive(kec, forged)
    for _ in range(2):
        submit(kel)  # five real records follow
    result = receive(kec, outbound.pending_batch(kel))
    assert result.receipt.status == "applied"
    assert received(kec) == sent(kel) and outbound.peers(kec).get(KEL).in_last_seq == len(sent(kel))


def test_a_range_with_holes_is_refused(linked):
    kel, kec = linked
    with pytest.raises(SyncError, match="tanpa celah"):
        receive(kec, forge(_key(kel), line(record(1)) + line(record(7)), count=2))


def test_another_kelurahan_reusing_a_batch_id_does_not_overwrite_its_row(linked):
    kel, kec = linked
    submit(kel)
    honest = outbound.pending_batch(kel)
    receive(kec, honest)
    honest_id = batch._split(honest)[0]["manifest"]["batch_id"]
    other_key = Ed25519PrivateKey.generate()
    from cryptography.hazmat.primitives import serialization

    from desktop.models.trust.office_keys import b64url_encode

    public = b64url_encode(other_key.public_key().public_bytes(serialization.Encoding.Raw,
                                                               serialization.PublicFormat.Raw))
    PeerRepository(kec.db, kec.clock).enroll("KBX", public, admin_actor(kec), name="Kelurahan Lain")
    receive(kec, forge(other_key, line(record(1)), count=1, sender="KBX", batch_id=honest_id))
    rows = kec.db.execute("SELECT office_code, seq_to FROM sync_batches WHERE batch_id = ? ORDER BY office_code",
                          [honest_id]).fetchall()
    assert rows == [("KBK", len(sent(kel))), ("KBX", 1)]


def _waiting_tipe_b(kel):
    """A real Tipe B application sent up by the kelurahan: its record, as the kelurahan signs it."""
    app = submit(kel)
    kel.applications.perform(app.id, app.active_step, user(kel, "petugas"), user(kel, "petugas").primary_role)
    records = outbound.pending_records(kel, outbound.peers(kel).get(KEC))
    return records, next(i for i, r in enumerate(records) if r.payload.get("tipe_b"))


def _resign(kel, records, index, payload):
    rows = [r.as_dict() for r in records]
    rows[index]["payload"] = payload
    return forge(_key(kel), b"".join(line(r) for r in rows), count=len(rows))


def test_tipe_b_under_another_kecamatans_service_is_not_opened(linked):
    kel, kec = linked
    records, i = _waiting_tipe_b(kel)
    payload = {**records[i].payload, "service_id": "bangil-konsultasi"}
    result = receive(kec, _resign(kel, records, i, payload))
    assert result.receipt.status == "applied"  # the batch itself is fine; this file is set aside
    state_, note, local = kec.db.execute("SELECT state, note, local_id FROM sync_tipe_b").fetchone()
    assert local is None and "bukan layanan kecamatan ini" in note
    assert kec.db.execute("SELECT count(*) FROM applications WHERE service_id LIKE 'bangil-%'").fetchone()[0] == 0


@pytest.mark.parametrize("change", [
    {"applicant": {"details": "x"}},
    {"applicant": {"details": {"tanggal_lahir": "31-02-1990"}}},
    {"applicant": {"kind": "alien"}},
    {"fields": {"tanggal_surat": "2026-13-45"}},
    {"fields": {"ahli_waris": [[{"nama": 1}]]}},
    {"requirements": [{"text": "KTP", "required": True, "received": True, "attachment": {"name": "a",
                                                                                          "data_b64": "%%%"}}]},
])
def test_a_dossier_that_would_crash_the_camats_signature_is_refused(linked, change):
    kel, kec = linked
    records, i = _waiting_tipe_b(kel)
    dossier = json.loads(json.dumps(records[i].payload["tipe_b"]))
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(dossier.get(key), dict):
            dossier[key].update(value)
        else:
            dossier[key] = value
    before = state(kec)
    with pytest.raises(SyncError, match="tipe_b"):
        receive(kec, _resign(kel, records, i, {**records[i].payload, "tipe_b": dossier}))
    assert state(kec) == before


def test_own_receipt_brought_back_names_the_real_problem(linked, tmp_path):
    kel, kec = linked
    submit(kel)
    path = export_pending(kel, tmp_path)
    outcome = import_file(kec, path)
    receipt_file = outcome.written[0]
    with pytest.raises(SyncError, match="dibuat kantor ini sendiri") as info:
        import_file(kec, receipt_file)
    assert "belum terdaftar" not in str(info.value) and f"kantor {KEL}" in str(info.value)


def test_batch_for_another_kecamatan_names_the_real_problem(linked):
    kel, _ = linked
    submit(kel)
    data = outbound.pending_batch(kel)
    with pytest.raises(SyncError, match=f"ditujukan ke kantor {KEC}") as info:
        batch.read(data, lambda code: None, "KRT")  # a kecamatan where this kelurahan is not enrolled
    assert "belum terdaftar" not in str(info.value)


def test_a_receipt_claiming_more_than_was_sent_moves_nothing(linked):
    kel, kec = linked
    submit(kel)
    fields = {"sender": KEC, "receiver": KEL, "batch_sender": KEL, "batch_id": "x", "status": "applied",
              "acked_seq": 10**9, "expected_seq": 10**9 + 1, "applied": 1, "message": "ok",
              "at": "2026-11-24T08:30:00+07:00"}
    forged = batch.build_receipt(fields, kec.office_keys.private_key())
    with pytest.raises(LoketError, match="baru mengirim sampai"):
        outbound.accept_receipt(kel, forged)
    assert outbound.peers(kel).get(KEC).out_acked_seq == 0
