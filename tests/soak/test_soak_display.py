"""The waiting-room board runs all day: 100 000 updates (calls, clock ticks, running text) headless."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtWidgets import QApplication

from desktop.models.office.first_run import DEMO_PIN
from desktop.ui.screens.queue_display import QueueDisplay
from tests.soak.memory import Watch

UPDATES = 100_000


def _queue_with_calls(services):
    admin = services.users.authenticate("admin", DEMO_PIN).actor()
    q = services.queue
    q.save_group("A", "Surat Keterangan", [], admin)
    q.save_group("B", "Kependudukan", [], admin)
    counters = [q.save_counter(n, "", ["A", "B"], admin) for n in (1, 2, 3)]
    clerk = services.users.authenticate("petugas", DEMO_PIN).actor()
    for code in "ABABAB":
        q.issue(code, clerk)
    for counter in counters:
        q.call_next(counter.id, clerk)
    return q.recent_calls(5)


def test_display_board_survives_100k_updates(qtbot, clerk_ctx, open_screen, office_services):
    calls = _queue_with_calls(office_services)
    display = open_screen(QueueDisplay, clerk_ctx)
    display.announcer.announce = lambda number, counter: None  # no sound device in CI
    display.show_on(None)
    qtbot.waitUntil(lambda: display.state is not None and len(display.counter_numbers) == 3, timeout=10000)
    base, bus, marquee = display.state, clerk_ctx.queue_bus, display.marquee
    watch = Watch()
    for i in range(UPDATES):
        kind = i % 4
        if kind == 0:  # a call made at this PC arrives through the bus
            call = calls[i % len(calls)]
            bus.sig_called.emit(replace(call, number=f"A-{i % 1000:03d}", at=call.at + timedelta(seconds=i)))
        elif kind == 1:  # the clock ticks
            display._update_clock()
        elif kind == 2:  # the running text moves one step
            marquee._on_timer_timeout()
        else:  # a poll result: new recent calls, counts and running text
            display._on_state_loaded(replace(base, announcement=f"Maklumat pelayanan no. {i}",
                                             waiting={"A": i % 17, "B": i % 5}))
        if i % 2000 == 0:
            QApplication.processEvents()  # paint what changed, as the event loop would
            display.grab()
        if i == UPDATES // 10:
            watch.rebase()
    # A real poll through the worker still works at the end of the day.
    with qtbot.waitSignal(display.sig_updated, timeout=10000):
        display.reload()
    assert display.counter_numbers and display.clock.text()
    watch.check(max_growth_mib=40)
