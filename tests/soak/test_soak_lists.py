"""Screens a clerk keeps open all day: resident search through 2 000 queries, Buku Register with
20 000 letters opened and scrolled, again and again."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from desktop.models.ids import new_uuid
from desktop.ui.screens.register_screen import RegisterScreen
from desktop.ui.screens.residents_screen import ResidentsScreen
from tests.soak.memory import Watch, settle

QUERIES = 2000
LETTERS = 20_000


def test_resident_search_survives_2000_queries(qtbot, clerk_ctx, open_screen, office_services):
    screen = open_screen(ResidentsScreen, clerk_ctx)
    screen.show()
    names = [r[0] for r in office_services.db.execute("SELECT nama FROM residents LIMIT 40")]
    niks = [r[0] for r in office_services.db.execute("SELECT nik FROM residents LIMIT 40")]
    words = [w for n in names for w in n.split()] + [nik[:8] for nik in niks] + ["", "zzz tidak ada"]
    watch = Watch()
    for i in range(QUERIES):
        screen.search.setText(words[i % len(words)][: 2 + i % 6])
        if i % 20 == 19:  # a person pauses: results arrive and are painted
            settle(clerk_ctx)
        if i == QUERIES // 10:
            settle(clerk_ctx)
            watch.rebase()
    settle(clerk_ctx)
    screen.search.setText(niks[0])
    qtbot.waitUntil(lambda: [r.nik for r in screen.rows] == [niks[0]], timeout=10000)
    watch.check(max_growth_mib=40)


def _fill_register(services, count: int) -> None:
    """One real letter from the register, then copies of its row with their own ids and numbers
    (the screen is under test here, not numbering)."""
    from desktop.models.audit import Actor
    from desktop.models.db import transaction

    db = services.db
    with transaction(db):
        first = services.register.allocate(classification="470", subject="Surat Keterangan", recipient="Warga",
                                           signer_name="H. Contoh", signer_role="lurah", actor=Actor.system())
    template = next(db["register"].rows_where("id = ?", [first.id]))
    rows = []
    for seq in range(first.seq + 1, first.seq + count):
        day = 1 + seq % 28
        rows.append(template | {"id": new_uuid(), "seq": seq, "number": f"470/{seq}/KLR/2026",
                                "letter_date": f"2026-{1 + seq % 10:02d}-{day:02d}",  # before the clock's 24 Nov
                                "recipient": f"Warga nomor {seq}"})
    with db.conn:
        db["register"].insert_all(rows, batch_size=2000)


def test_register_with_20000_letters_opens_and_scrolls(qtbot, clerk_ctx, office_services):
    _fill_register(office_services, LETTERS)
    watch = Watch()
    for round_ in range(3):  # opened, scrolled, searched and closed again: nothing may pile up
        screen = RegisterScreen(ctx=clerk_ctx)
        screen.resize(1366, 700)
        screen.show()
        qtbot.waitUntil(lambda s=screen: s.model.rowCount() == LETTERS, timeout=30000)
        bar = screen.table.verticalScrollBar()
        for value in range(0, bar.maximum() + 1, max(1, bar.maximum() // 200)):
            bar.setValue(value)
            screen.table.viewport().repaint()
        screen.query.setText("Warga nomor 1999")
        screen.reload()
        qtbot.waitUntil(lambda s=screen: s.model.rowCount() == 11, timeout=30000)  # 1999 and 19990–19999
        screen.close()
        screen.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if round_ == 0:
            watch.rebase()
    watch.check(max_growth_mib=60)
