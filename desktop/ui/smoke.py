"""`loket --smoke`: a packaging check that exercises the Qt binding the way a working day does.

It opens the queue display board next to the main window and drives it through many updates
(clock, running text, numbers) on the live event loop. A binding that miscounts references on
void calls (PySide6-Essentials 6.12.0 on Python < 3.12) aborts the process within this burst, or
is caught by the reference-count check at the end, instead of aborting at an office hours later.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

UPDATES = 30_000
PER_TICK = 500
REFCOUNT_FAILED = 3
"""Exit code when None's reference count fell during the burst."""


class BoardBurst:
    """Runs the board through `UPDATES` updates in event-loop ticks, then quits the app."""

    def __init__(self, app: QApplication, ctx, done) -> None:
        from desktop.ui.screens.queue_display import QueueDisplay

        self.app, self.done = app, done
        self.board = QueueDisplay(ctx=ctx)
        self.board.announcer.announce = lambda number, counter: None  # silent: a check, not a call
        self.board.show_on(None)
        self.ctx = ctx
        self.count = 0
        self.none_before = 0
        self.timer = QTimer()
        self.timer.timeout.connect(self._on_timer_timeout)
        # The baseline is taken once start-up work on the worker (e.g. loading the catalogue for the
        # first-run wizard) is done and its garbage collected: objects freed then would lower None's
        # count during the burst and look like the binding's defect.
        self.wait = QTimer()
        self.wait.timeout.connect(self._on_wait_timeout)
        self.wait.start(20)

    def _on_wait_timeout(self) -> None:
        if self.ctx.tasks.busy:
            return
        self.wait.stop()
        gc.collect()
        self.none_before = sys.getrefcount(None)
        self.timer.start(0)

    def _on_timer_timeout(self) -> None:
        board = self.board
        for _ in range(PER_TICK):
            self.count += 1
            board._update_clock()
            board.marquee.setText(f"Uji paket {self.count}")
            for label in board.counter_numbers.values():
                label.setText(str(self.count))
            board.update()
        if self.count >= UPDATES:
            self.timer.stop()
            self.board.close()
            self.done(self._verdict())

    def _verdict(self) -> int:
        if sys.version_info >= (3, 12):  # None is immortal: its count says nothing
            print(f"Uji paket: layar antrean {self.count} pembaruan, baik.")
            return 0
        gc.collect()
        fell = self.none_before - sys.getrefcount(None)
        if fell > 1000:
            print(f"Pustaka Qt rusak: hitungan referensi None turun {fell} selama uji layar antrean.",
                  file=sys.stderr)
            return REFCOUNT_FAILED
        print(f"Uji paket: layar antrean {self.count} pembaruan, baik.")
        return 0
