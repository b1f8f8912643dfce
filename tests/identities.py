"""Signed-in people for tests: the core accepts only sessions issued by a PIN check.

Tests that work on a bare database (no first run) get an admin and a clerk here; tests on a demo
office sign in its accounts (PIN 246810).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.models.audit import Actor
from desktop.models.trust.kdf import KdfParams
from desktop.models.users.accounts import NewUser, User, UserRepository
from desktop.models.users.roles import Role

PIN = "135790"
DEMO_PIN = "246810"
# Cheap PIN hashing and key unlocking so tests stay fast; the app always uses trust.kdf.STRONG
# (tests/models/test_key_custody.py checks that default).
FAST_KDF = KdfParams(pin_scrypt_n=2, key_ops=1, key_mem=8192)


@dataclass
class Staff:
    users: UserRepository
    admin: User  # fresh: confirmed by PIN just now
    clerk: User

    @property
    def admin_actor(self) -> Actor:
        return self.admin.actor(Role.ADMIN)

    @property
    def clerk_actor(self) -> Actor:
        return self.clerk.actor(Role.PETUGAS)


def staff(db: Any, clock: Any, users: UserRepository | None = None, *, admin_name: str = "Admin Kantor",
          clerk_name: str = "Sari Wulandari") -> Staff:
    """An admin and a clerk in `db` (created if missing), both signed in."""
    users = users or UserRepository(db, clock, kdf=FAST_KDF)
    if users.count() == 0:
        users.create(NewUser("admin", admin_name, [Role.ADMIN], PIN), Actor.system())
    pin = DEMO_PIN if _is_demo(users) else PIN  # a demo office's admin has the demo PIN
    admin = users.confirm(users.authenticate("admin", pin).id, pin)
    if not any(u.username == "petugas1" for u in users.list()):
        users.create(NewUser("petugas1", clerk_name, [Role.PETUGAS], PIN), admin.actor(Role.ADMIN))
    return Staff(users, admin, users.authenticate("petugas1", PIN))


def _is_demo(users: UserRepository) -> bool:
    return any(u.username == "lurah" or u.username == "camat" for u in users.list())


def office_staff(services: Any) -> Staff:
    """The same, on a Services (uses its own UserRepository)."""
    return staff(services.db, services.clock, services.users)


def admin_actor(services: Any) -> Actor:
    """A fresh admin of `services` (creating one on a bare database), for settings in set-up code."""
    return office_staff(services).admin_actor


def signed_in(services: Any, username: str, pin: str = "246810") -> User:
    return services.users.authenticate(username, pin)


def confirmed(services: Any, username: str, pin: str = "246810") -> User:
    """Signed in and PIN-confirmed just now (fresh session) — for acts that need a PIN."""
    user = services.users.authenticate(username, pin)
    return services.users.confirm(user.id, pin)
