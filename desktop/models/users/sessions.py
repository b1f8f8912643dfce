"""Sessions the core can verify: issued only by a PIN check, kept in this process's memory.

A `User` object says who the caller claims to be; the core does not believe it. Sign-in (or a
fresh PIN check) issues a ticket: an unguessable token that this book remembers together with the
user id it was issued to. Every authorisation looks the token up here and then reads the user's
roles, name and active flag from the database. A `User` built by hand has no ticket; one edited
with `dataclasses.replace` still carries the ticket of the real person, whose roles are read again
from the database, so the edit changes nothing.

A ticket issued by a PIN check at this moment ("fresh") also holds, for a short time, the key that
unlocks that person's signing key (derived from their PIN; see trust/custody.py), so signing,
voiding and certifying never need the PIN twice and never keep it.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from desktop.models.clock import Clock

if TYPE_CHECKING:
    from desktop.models.users.accounts import UserRepository

FRESH_SECONDS = 120  # a PIN typed at this moment counts as "now" for two minutes


@dataclass(frozen=True, eq=False)
class SessionTicket:
    """Proof of a PIN check, valid only in the book that issued it (never stored, never sent)."""

    token: str = field(repr=False)
    book: SessionBook = field(repr=False)


@dataclass
class _Live:
    user_id: str
    issued_at: datetime
    fresh_until: datetime | None
    unlock_key: bytes | None  # the PIN-derived key-encryption key, while fresh


class SessionBook:
    """Tokens issued by one UserRepository (one open database) in this process."""

    def __init__(self, users: UserRepository, clock: Clock) -> None:
        self.users = users
        self.clock = clock
        self._live: dict[str, _Live] = {}
        self._lock = threading.Lock()

    def issue(self, user_id: str, *, fresh: bool, unlock_key: bytes | None = None) -> SessionTicket:
        now = self.clock.now()
        token = secrets.token_urlsafe(32)
        until = now + timedelta(seconds=FRESH_SECONDS) if fresh else None
        with self._lock:
            self._live[token] = _Live(user_id, now, until, unlock_key if fresh else None)
        return SessionTicket(token, self)

    def revoke(self, ticket: SessionTicket | None) -> None:
        if isinstance(ticket, SessionTicket) and ticket.book is self:
            with self._lock:
                self._live.pop(ticket.token, None)

    def revoke_user(self, user_id: str) -> None:
        """A deactivated account or a reset PIN ends every session of that person."""
        with self._lock:
            for token in [t for t, live in self._live.items() if live.user_id == user_id]:
                del self._live[token]

    def user_id(self, ticket: object) -> str | None:
        """The user a ticket was issued to, or None when this book never issued it (or revoked it)."""
        if not isinstance(ticket, SessionTicket) or ticket.book is not self:
            return None
        with self._lock:
            live = self._live.get(ticket.token)
        return live.user_id if live else None

    def is_fresh(self, ticket: object) -> bool:
        live = self._get(ticket)
        return bool(live and live.fresh_until and self.clock.now() <= live.fresh_until)

    def unlock_key(self, ticket: object) -> bytes | None:
        live = self._get(ticket)
        if live is None or not self.is_fresh(ticket):
            return None
        return live.unlock_key

    def _get(self, ticket: object) -> _Live | None:
        if not isinstance(ticket, SessionTicket) or ticket.book is not self:
            return None
        with self._lock:
            return self._live.get(ticket.token)
