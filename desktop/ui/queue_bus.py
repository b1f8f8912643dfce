"""One QObject that queue screens of this app share, so the display reacts to a call at once.

Screens emit after every change they make; screens that show queue state listen. Another PC
(or another copy of the app) does not reach this bus, which is why the display also polls.
The bus belongs to the AppContext's task runner (a QObject child), so each context, and each
test, has its own and it dies with it: no module-level singleton.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.ui.context import AppContext

BUS_NAME = "queueBus"


class QueueBus(QObject):
    """Queue change notifications within one app."""

    sig_changed = Signal()
    """Tickets, counters, groups or queue settings changed: reload what you show."""

    sig_called = Signal(object)
    """A models.queue.Call just made (call or recall) by a counter panel of this app."""

    def changed(self) -> None:
        self.sig_changed.emit()

    def called(self, call: object) -> None:
        self.sig_called.emit(call)
        self.sig_changed.emit()


def queue_bus(ctx: AppContext) -> QueueBus:
    """The context's bus, created on first use."""
    bus = ctx.tasks.findChild(QueueBus, BUS_NAME)
    if bus is None:
        bus = QueueBus(ctx.tasks)
        bus.setObjectName(BUS_NAME)
    return bus
