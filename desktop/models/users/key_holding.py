"""Accounts and their signing keys: what happens to keys when people sign in, are added, change PIN.

The PIN is the only thing that unlocks a person's key, so every moment the core has a PIN in hand
(sign-in, a confirmation, a new account, a PIN change or reset) is when keys are made or re-wrapped.
Runs inside the account action's transaction; see trust/custody.py for the keys themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models import jsonutil
from desktop.models.trust.custody import OFFICIAL, KeyCustody
from desktop.models.trust.wrapping import CustodyError
from desktop.models.users.roles import Role

if TYPE_CHECKING:
    from desktop.models.users.accounts import User, UserRepository


def _is_admin(row: dict[str, Any]) -> bool:
    return Role.ADMIN.value in jsonutil.loads(row["roles"])


def on_pin(custody: KeyCustody, row: dict[str, Any], pin: str, *, always: bool) -> bytes | None:
    """A correct PIN was just typed: derive the unlock key when needed and tidy this person's keys.

    `always`: derive even when nothing is pending (a confirmation keeps it for signing)."""
    if not custody.device_available():
        return None  # a database moved without its device secret: signing explains why (signing_key)
    admin = _is_admin(row)
    pending = custody.needs_pin_work(row["id"], admin)
    if not (always or pending):
        return None
    unlock = custody.unlock_key(row["id"], pin)
    if pending or admin:
        custody.after_pin(row["id"], row["full_name"], unlock, is_admin=admin)
        if admin:
            _share_with_other_admins(custody, row["id"], unlock)
    return unlock


def _share_with_other_admins(custody: KeyCustody, admin_id: str, unlock: bytes) -> None:
    root = custody.unlock_root(admin_id, unlock)
    if root is None:
        return
    holders = {r[0] for r in custody.db.execute("SELECT holder FROM key_wraps WHERE key_id = ?",
                                                [custody.active("root")["key_id"]])}
    for user_id, roles in custody.db.execute("SELECT id, roles FROM users WHERE active = 1").fetchall():
        if Role.ADMIN.value in jsonutil.loads(roles) and user_id not in holders:
            custody.share_root(root, user_id)


def acting_root(repo: UserRepository, actor_session: Any) -> Ed25519PrivateKey | None:
    """The office root key, when the acting admin typed their PIN moments ago (else None: the new
    key waits for the next admin PIN to be certified)."""
    if repo.custody is None:
        return None
    user_id = repo.sessions.user_id(actor_session)
    unlock = repo.sessions.unlock_key(actor_session)
    if user_id is None or unlock is None:
        return None
    return repo.custody.unlock_root(user_id, unlock)


def on_create(repo: UserRepository, user_id: str, name: str, pin: str, roles: list[Role],
              actor_session: Any) -> None:
    custody = repo.custody
    if custody is None:
        return
    unlock = custody.unlock_key(user_id, pin)
    root = acting_root(repo, actor_session)
    custody.new_official_key(user_id, name, unlock, root)
    if Role.ADMIN in roles and root is not None:
        custody.share_root(root, user_id, unlock)


def on_pin_change(custody: KeyCustody | None, user_id: str, old_pin: str, new_pin: str) -> None:
    if custody is None:
        return
    old = custody.unlock_key(user_id, old_pin)
    new = custody.new_unlock_key(user_id, new_pin)
    custody.rewrap(user_id, old, new)


def on_pin_reset(repo: UserRepository, row: dict[str, Any], new_pin: str, actor_session: Any) -> None:
    """An admin set a new PIN: the old key cannot be opened any more, so the person gets a new one
    (letters signed with the old key stay genuine)."""
    custody = repo.custody
    if custody is None:
        return
    unlock = custody.new_unlock_key(row["id"], new_pin)
    root = acting_root(repo, actor_session)
    custody.new_official_key(row["id"], row["full_name"], unlock, root)
    custody.withdraw_root(row["id"])
    if _is_admin(row) and root is not None:
        custody.share_root(root, row["id"], unlock)


def on_roles_change(repo: UserRepository, user_id: str, was_admin: bool, is_admin: bool, actor_session: Any) -> None:
    custody = repo.custody
    if custody is None or was_admin == is_admin:
        return
    if not is_admin:
        custody.withdraw_root(user_id)
        return
    root = acting_root(repo, actor_session)
    if root is not None:
        custody.share_root(root, user_id)


def signing_key(repo: UserRepository, user: User) -> tuple[Ed25519PrivateKey, dict[str, Any]]:
    """The private key of a person who typed their PIN moments ago, and its directory row."""
    unlock = repo.sessions.unlock_key(user.session)
    if repo.custody is not None and not repo.custody.device_available():
        repo.custody.sync_private()  # raises the plain explanation: the device secret is not on this PC
    if repo.custody is None or unlock is None:
        raise CustodyError(f"Tanda tangan memerlukan PIN {user.full_name} saat ini juga.")
    private, row = repo.custody.unlock_official(user.id, unlock)
    if not row["certificate"]:
        raise CustodyError(f"Kunci tanda tangan {user.full_name} belum disahkan kantor. Minta admin masuk "
                           "dengan PIN-nya sekali (kunci disahkan saat itu), lalu tanda tangani lagi.")
    return private, row


def has_key(custody: KeyCustody | None, user_id: str) -> bool:
    return custody is not None and custody.active(OFFICIAL, user_id) is not None
