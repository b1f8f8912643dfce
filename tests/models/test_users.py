"""Accounts: KDF-hashed PINs, lockout after 5 wrong tries, permissions enforced in the model."""

import pytest

from desktop.models.audit import Actor
from desktop.models.errors import AuthError, PermissionDenied, ValidationError
from desktop.models.users.accounts import LOCK_MINUTES, MAX_ATTEMPTS, NewUser
from desktop.models.users.roles import Permission, Role


def make(services, username="petugas1", roles=(Role.PETUGAS,), pin="135790"):
    """An account made by the office's admin (the first account, made here when missing)."""
    if services.users.count() == 0:
        services.users.create(NewUser("admin0", "Admin Pertama", [Role.ADMIN], "975310"), Actor.system())
    admin = services.users.authenticate("admin0", "975310")
    made = services.users.create(NewUser(username, "Petugas Satu", list(roles), pin), admin.actor(Role.ADMIN))
    return services.users.authenticate(username, pin) if pin else made


def test_pin_is_stored_as_scrypt_hash_not_plain(services):
    make(services)
    stored = services.db.execute("SELECT pin_hash FROM users").fetchone()[0]
    assert stored.startswith("scrypt$") and "135790" not in stored


def test_sign_in_with_right_pin(services):
    make(services)
    user = services.users.authenticate("PETUGAS1", "135790")  # user names are case-insensitive
    assert user.username == "petugas1" and user.has(Role.PETUGAS)


def test_wrong_pin_counts_down_then_locks(services, clock):
    make(services)
    for left in range(MAX_ATTEMPTS - 1, 0, -1):
        with pytest.raises(AuthError, match=f"Sisa percobaan: {left}"):
            services.users.authenticate("petugas1", "000000")
    with pytest.raises(AuthError, match="dikunci"):
        services.users.authenticate("petugas1", "000000")
    # Even the right PIN is refused while locked...
    with pytest.raises(AuthError, match="terkunci"):
        services.users.authenticate("petugas1", "135790")
    # ...and accepted again after the lock expires.
    clock.advance(minutes=LOCK_MINUTES + 1)
    assert services.users.authenticate("petugas1", "135790").username == "petugas1"


def test_unknown_user_and_wrong_pin_say_the_same(services):
    make(services)
    with pytest.raises(AuthError, match="Nama pengguna atau PIN salah"):
        services.users.authenticate("tidakada", "135790")


@pytest.mark.parametrize("pin", ["123", "111111", ""])
def test_weak_pin_refused_and_nothing_saved(services, pin):
    with pytest.raises(ValidationError):
        make(services, pin=pin)
    assert services.users.count() == 1  # only the admin who tried


def test_duplicate_username_refused(services):
    make(services)
    with pytest.raises(ValidationError, match="sudah dipakai"):
        make(services)
    assert services.users.count() == 2


def test_clerk_cannot_manage_users(services):
    clerk = make(services)
    with pytest.raises(PermissionDenied):
        services.users.create(NewUser("lurah2", "Lurah", [Role.LURAH], "975310"), clerk.actor(), by=clerk)
    assert not clerk.can(Permission.MANAGE_USERS)


def test_last_admin_cannot_be_removed(services):
    admin = make(services, "admin", (Role.ADMIN,))
    first = services.users.authenticate("admin0", "975310")
    services.users.update_profile(first.id, admin, full_name="Admin Pertama", jabatan="", nip="", pangkat="",
                                  roles=[Role.PETUGAS])  # one of two admins may go
    with pytest.raises(ValidationError, match="paling sedikit satu admin"):
        services.users.update_profile(admin.id, admin, full_name="Admin", jabatan="", nip="", pangkat="",
                                      roles=[Role.PETUGAS])


def test_user_may_hold_several_roles(services):
    user = make(services, "multi", (Role.PETUGAS, Role.KASI))
    assert user.primary_role is Role.KASI and user.can(Permission.INTAKE)


def test_every_account_change_is_audited(services):
    user = make(services)
    services.users.reset_pin(user.id, "864200", make(services, "admin", (Role.ADMIN,)))
    actions = [r[0] for r in services.db.execute("SELECT action FROM audit WHERE entity = 'user' ORDER BY seq")]
    assert actions == ["user.create", "user.create", "user.create", "user.reset_pin"]
