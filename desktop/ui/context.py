"""What every screen receives: the model services, the task runner and the signed-in session."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.ui.queue_bus import QueueBus
from desktop.ui.tasks import TaskManager

if TYPE_CHECKING:  # the models load after the window is on screen (fast start)
    from desktop.models.services import Services
    from desktop.models.users.accounts import User


class Session(QObject):
    """The user at the keyboard right now ("Ganti pengguna" swaps it without closing anything)."""

    sig_user_changed = Signal(object)
    """The new User, or None after signing out."""

    def __init__(self) -> None:
        super().__init__()
        self._user: User | None = None

    @property
    def user(self) -> User | None:
        return self._user

    def sign_in(self, user: User) -> None:
        self._user = user
        self.sig_user_changed.emit(user)

    def sign_out(self) -> None:
        self._user = None
        self.sig_user_changed.emit(None)


@dataclass
class AppContext:
    services: Services  # None for a moment at start-up, until the database is open
    tasks: TaskManager
    session: Session
    queue_bus: QueueBus = field(default_factory=QueueBus)  # calls made at this app's counters

    def __post_init__(self) -> None:
        if self.services is not None:
            self.tasks.watch(self.services.db)

    def attach(self, services: Services) -> None:
        """The database is open: screens may use the services, and its changes are reported."""
        self.services = services
        self.tasks.watch(services.db)

    @property
    def user(self) -> User:
        if self.session.user is None:
            raise RuntimeError("no user signed in")
        return self.session.user
