"""Who acts: the User a caller holds, and the checks every model runs on it.

`require` / `authorized_actor` believe only the session a User (or an Actor made from one) carries:
the roles, name and active flag come from the database each time (sessions.py, accounts.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from desktop.models import audit
from desktop.models.errors import PermissionDenied
from desktop.models.users.roles import FRESH_PIN, PERMISSIONS, Permission, Role
from desktop.models.users.sessions import SessionTicket


@dataclass(frozen=True)
class User:
    id: str
    username: str
    full_name: str
    roles: frozenset[Role]
    jabatan: str = ""
    nip: str = ""
    pangkat: str = ""
    active: bool = True
    office_code: str = ""
    # Issued by sign-in or a PIN check (sessions.py); a hand-made User has none and is refused.
    session: SessionTicket | None = field(default=None, compare=False, repr=False)

    def has(self, role: Role) -> bool:
        return role in self.roles

    def can(self, permission: Permission) -> bool:
        """A hint for screens (which buttons to show); the core decides with `require`."""
        return any(permission in PERMISSIONS[r] for r in self.roles)

    def actor(self, role: Role | None = None) -> audit.Actor:
        chosen = role or self.primary_role
        return audit.Actor(user_id=self.id, name=self.full_name, role=chosen.value, session=self.session)

    @property
    def primary_role(self) -> Role:
        return next(r for r in ROLE_ORDER if r in self.roles)

    @property
    def roles_label(self) -> str:
        return ", ".join(r.label for r in sorted(self.roles, key=lambda r: r.value))


@dataclass
class NewUser:
    username: str
    full_name: str
    roles: list[Role]
    pin: str
    jabatan: str = ""
    nip: str = ""
    pangkat: str = ""


def require(who: User | audit.Actor, permission: Permission, *, fresh: bool | None = None,
            db: Database | None = None) -> User:
    """The signed-in person behind `who`, read from the database, if their roles allow `permission`.

    `who` is a User or an Actor made by `User.actor`; only its session ticket is believed. `fresh`
    (default: whether the permission needs a PIN now, roles.FRESH_PIN) also demands a PIN check of
    that person within the last two minutes. `db`, when given, must be the database the session was
    issued for (a session of another office opened in the same process is refused). Raises
    PermissionDenied otherwise.
    """
    user = verify_session(who, fresh=permission in FRESH_PIN if fresh is None else fresh, db=db)
    if not user.can(permission):
        raise PermissionDenied(f"{user.full_name} ({user.roles_label}) tidak berwenang melakukan tindakan ini.")
    return user


def verify_session(who: User | audit.Actor, *, fresh: bool = False, db: Database | None = None) -> User:
    """The database's User for the session `who` carries; PermissionDenied when there is none."""
    ticket = getattr(who, "session", None)
    if not isinstance(ticket, SessionTicket):
        raise PermissionDenied("Tindakan ini memerlukan pengguna yang masuk dengan PIN-nya sendiri.")
    if db is not None and ticket.book.users.db is not db:
        raise PermissionDenied("Sesi ini berasal dari basis data kantor lain; masuk di kantor ini.")
    return ticket.book.users.verify(who, fresh=fresh)


def authorized_actor(who: User | audit.Actor, permission: Permission, *, fresh: bool | None = None,
                     db: Database | None = None) -> audit.Actor:
    """For the audit trail: the verified person, acting in a role of theirs that grants `permission`."""
    user = require(who, permission, fresh=fresh, db=db)
    claimed = getattr(who, "role", None)
    granting = [r for r in ROLE_ORDER if r in user.roles and permission in PERMISSIONS[r]]
    chosen = next((r for r in granting if r.value == claimed), granting[0])
    return user.actor(chosen)


ROLE_ORDER = [Role.CAMAT, Role.LURAH, Role.SEKRETARIS_CAMAT, Role.SEKRETARIS_LURAH, Role.KASI,
              Role.KOORDINATOR, Role.PETUGAS, Role.ADMIN]
