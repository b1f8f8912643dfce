"""The Sinkronisasi screen and the background worker, driven through their public methods."""

from __future__ import annotations

import socket

from desktop.sync import files, outbound, server
from desktop.sync.peers import ROLE_KELURAHAN
from desktop.ui.screens.sync_screen import Column, SyncScreen
from desktop.ui.sync_worker import SyncWorker
from tests.identities import DEMO_PIN, FAST_KDF, admin_actor
from tests.sync.sync_helpers import KEL, link, open_office, received, sent, submit, user


def test_kelurahan_exports_and_imports_the_receipt(qtbot, make_ctx, linked, tmp_path):
    kel, kec = linked
    submit(kel)
    screen = SyncScreen(ctx=make_ctx(kel, user(kel, "admin")))
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: "menunggu" in screen.status_label.text(), timeout=10000)
    assert screen.own_key.text() == kel.office_keys.public_key()
    with qtbot.waitSignal(screen.sig_message, timeout=10000) as blocker:
        screen.export_to(tmp_path)
    assert "ditulis" in blocker.args[0]
    batch_file = next(tmp_path.glob("*" + files.BATCH_SUFFIX))
    receipt = files.import_file(kec, batch_file).written[0]
    with qtbot.waitSignal(screen.sig_message, timeout=10000) as blocker:
        screen.import_from(receipt)
    assert "sudah diterima" in blocker.args[0]
    qtbot.waitUntil(lambda: screen.status_label.text().startswith("0 batch menunggu"), timeout=10000)


def test_corrupt_file_shows_a_plain_message(qtbot, make_ctx, linked, tmp_path):
    kel, _ = linked
    screen = SyncScreen(ctx=make_ctx(kel, user(kel, "admin")))
    qtbot.addWidget(screen)
    bad = tmp_path / "rusak.loketsync"
    bad.write_bytes(b"bukan berkas")
    with qtbot.waitSignal(screen.sig_message, timeout=10000) as blocker:
        screen.import_from(bad)
    assert "terpotong atau bukan berkas Loket" in blocker.args[0]
    assert screen.message_label.text() == blocker.args[0]


def test_kecamatan_enrols_a_kelurahan_by_key_and_sees_it_on_the_dashboard(qtbot, make_ctx, kel, kec):
    screen = SyncScreen(ctx=make_ctx(kec, user(kec, "admin")))
    qtbot.addWidget(screen)
    assert screen.table.isVisibleTo(screen) and not screen.export_button.isVisibleTo(screen)
    with qtbot.waitSignal(screen.sig_message, timeout=10000) as blocker:
        screen.enrol(KEL, "Kebonsari Kulon", kel.office_keys.public_key())  # no PIN typed
    assert "memerlukan PIN" in blocker.args[0] and outbound.peers(kec).list() == []
    with qtbot.waitSignal(screen.sig_message, timeout=10000) as blocker:
        screen.enrol(KEL, "Kebonsari Kulon", "bukan-kunci", pin=DEMO_PIN)
    assert "tidak sah" in blocker.args[0]
    with qtbot.waitSignal(screen.sig_refreshed, timeout=10000):
        screen.enrol(KEL, "Kebonsari Kulon", kel.office_keys.public_key(), pin=DEMO_PIN)
    assert outbound.peers(kec).get(KEL).role == ROLE_KELURAHAN
    assert screen.model.rowCount() == 1
    assert screen.model.data(screen.model.index(0, Column.NAME)) == "Kebonsari Kulon"
    assert screen.model.data(screen.model.index(0, Column.LAST_SYNC)) == "belum pernah"


def test_worker_pushes_in_the_background_and_reports(qtbot, kel, kec):
    receiver = server.start_background(kec)
    link(kel, kec, url=receiver.url)
    submit(kel)
    path = kel.db.execute("PRAGMA database_list").fetchone()[2]
    worker = SyncWorker(lambda: open_office(path, kel.clock, kdf=FAST_KDF), interval_ms=60_000)
    try:
        with qtbot.waitSignal(worker.sig_status, timeout=20000) as blocker:
            worker.start()
        report = blocker.args[0]
        assert report.ok and report.status.pending_records == 0, report.message
        assert received(kec) == sent(kel)
    finally:
        worker.stop()
        receiver.stop()


def test_worker_reports_an_unreachable_kecamatan_and_backs_off(qtbot, linked):
    kel, _ = linked
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    outbound.peers(kel).set_url("KNG", f"http://127.0.0.1:{port}", admin_actor(kel))
    submit(kel)
    path = kel.db.execute("PRAGMA database_list").fetchone()[2]
    worker = SyncWorker(lambda: open_office(path, kel.clock, kdf=FAST_KDF), interval_ms=1000, max_interval_ms=4000)
    try:
        with qtbot.waitSignal(worker.sig_status, timeout=20000) as blocker:
            worker.start()
        report = blocker.args[0]
        assert not report.ok and "belum menjawab" in report.message
        assert report.status.pending_records == len(sent(kel))
        assert worker.next_delay_ms == 2000
    finally:
        worker.stop()
