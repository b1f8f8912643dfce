"""Queue statistics travel to the kecamatan as daily snapshots, only when they changed."""

from desktop.sync.inbound import receive
from desktop.sync.outbound import accept_receipt, pending_batch
from desktop.sync.snapshots import snapshot_queue_stats
from tests.identities import admin_actor
from tests.sync.sync_helpers import KEL, kec, kel, linked  # noqa: F401 - fixtures


def test_queue_figures_reach_the_kecamatan_once(kel, kec, linked):  # noqa: F811
    admin, clerk = admin_actor(kel), kel.users.authenticate("petugas", "246810").actor()
    kel.queue.save_group("A", "Surat Keterangan", [], admin)
    counter = kel.queue.save_counter(1, "", ["A"], admin)
    for _ in range(3):
        kel.queue.issue("A", clerk)
    kel.queue.call_next(counter.id, clerk)
    batch = pending_batch(kel)
    result = receive(kec, batch)
    accept_receipt(kel, result.receipt_bytes)
    row = kec.db.execute("SELECT payload FROM sync_mirror WHERE office_code = ? AND entity = 'queue_stats'",
                         [KEL]).fetchone()
    import json

    groups = json.loads(row[0])["groups"]
    assert groups[0]["group_code"] == "A" and groups[0]["issued"] == 3
    assert snapshot_queue_stats(kel) == 0  # unchanged figures are not sent again
    kel.queue.issue("A", clerk)
    assert snapshot_queue_stats(kel) == 1
