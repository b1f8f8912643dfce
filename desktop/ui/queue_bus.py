"""Calls made at a counter of this app, for the queue board to announce at once.

The counter panel says "A-012 to counter 2" here the moment the call is made; the board (and the
citizens' kiosk) listen. That an application, ticket or setting changed is not this bus's
business: every screen learns that from the task runner's `sig_data_changed`. The bus belongs to
the AppContext (`ctx.queue_bus`), so each context, and each test, has its own.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class QueueBus(QObject):
    """Queue calls within one app."""

    sig_called = Signal(object)
    """A models.queue.Call just made (call or recall) by a counter panel of this app."""

    def called(self, call: object) -> None:
        self.sig_called.emit(call)
