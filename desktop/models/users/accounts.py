"""User accounts: roles, PIN sign-in with lockout, and the checks every service relies on."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from desktop.models import audit, jsonutil
from desktop.models.clock import Clock, iso
from desktop.models.db import transaction
from desktop.models.errors import AuthError, PermissionDenied, ValidationError
from desktop.models.ids import new_uuid
from desktop.models.text_input import check_text
from desktop.models.trust.custody import KeyCustody
from desktop.models.trust.kdf import STRONG, KdfParams
from desktop.models.users import key_holding
from desktop.models.users.identity import (  # noqa: F401 - the names callers import from accounts
    ROLE_ORDER,
    NewUser,
    User,
    authorized_actor,
    require,
    verify_session,
)
from desktop.models.users.pin_hash import check_pin, hash_pin
from desktop.models.users.roles import Permission, Role, parse_roles
from desktop.models.users.sessions import SessionBook, SessionTicket

MAX_ATTEMPTS = 5
LOCK_MINUTES = 15
MIN_PIN = 6


def validate_pin(pin: str) -> None:
    if len(pin) < MIN_PIN:
        raise ValidationError(f"PIN/kata sandi minimal {MIN_PIN} karakter.")
    if pin.isdigit() and len(set(pin)) == 1:
        raise ValidationError("PIN terlalu mudah ditebak (angka yang sama semua).")


class UserRepository:
    """All SQL about users lives here."""

    def __init__(self, db: Database, clock: Clock, office_code: str = "", *, kdf: KdfParams = STRONG) -> None:
        self.db = db
        self.clock = clock
        self.office_code = office_code
        self.kdf = kdf
        self.sessions = SessionBook(self, clock)
        self.custody: KeyCustody | None = None  # set by build_services: keys follow the accounts

    # --- sessions ------------------------------------------------------------------------
    def verify(self, who: User | audit.Actor, *, fresh: bool = False) -> User:
        """The person behind a session this repository issued, as the database has them now."""
        ticket = getattr(who, "session", None)
        user_id = self.sessions.user_id(ticket)
        if user_id is None:
            raise PermissionDenied("Sesi tidak sah atau sudah berakhir: masuk lagi dengan PIN Anda.")
        claimed = getattr(who, "id", None) or getattr(who, "user_id", None)
        if claimed != user_id:
            raise PermissionDenied("Sesi ini milik pengguna lain; tindakan ditolak.")
        row = self._row("id = ?", user_id)
        if row is None or not row["active"]:
            self.sessions.revoke_user(user_id)
            raise PermissionDenied("Akun ini tidak aktif lagi.")
        if fresh and not self.sessions.is_fresh(ticket):
            raise PermissionDenied(f"Tindakan ini memerlukan PIN {row['full_name']} saat ini juga.")
        return _to_user(row, ticket)

    def sign_out(self, user: User | None) -> None:
        if user is not None:
            self.sessions.revoke(user.session)

    # --- reading -------------------------------------------------------------------------
    def list(self, include_inactive: bool = False) -> list[User]:
        where = "" if include_inactive else "WHERE active = 1"
        rows = self.db.execute(f"SELECT * FROM users {where} ORDER BY full_name").fetchall()
        cols = [d[0] for d in self.db.execute("SELECT * FROM users LIMIT 0").description]
        return [_to_user(dict(zip(cols, r))) for r in rows]

    def get(self, user_id: str) -> User:
        row = self._row("id = ?", user_id)
        if row is None:
            raise AuthError("Pengguna tidak ditemukan.")
        return _to_user(row)

    def by_role(self, role: Role) -> list[User]:
        return [u for u in self.list() if role in u.roles]

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM users").fetchone()[0]

    # --- writing -------------------------------------------------------------------------
    def create(self, new: NewUser, actor: audit.Actor, *, by: User | None = None) -> User:
        """Create an account. An admin's session (`by`, else `actor`'s) is required unless this is
        the very first account of the office (first-run set-up)."""
        if self.count() > 0:
            actor = authorized_actor(by if by is not None else actor, Permission.MANAGE_USERS, db=self.db)
        username = new.username.strip()
        if not re.fullmatch(r"[A-Za-z0-9_.-]{3,32}", username):
            raise ValidationError("Nama pengguna 3–32 huruf/angka (boleh . _ -), tanpa spasi.")
        if not new.full_name.strip():
            raise ValidationError("Nama lengkap wajib diisi.")
        _check_printed(new.full_name, new.jabatan, new.nip, new.pangkat)
        if not new.roles:
            raise ValidationError("Pilih paling sedikit satu peran.")
        validate_pin(new.pin)
        row = {
            "id": new_uuid(),
            "office_code": self.office_code,
            "username": username,
            "full_name": new.full_name.strip(),
            "roles": jsonutil.dumps(sorted(r.value for r in new.roles)),
            "jabatan": new.jabatan.strip(),
            "nip": new.nip.strip(),
            "pangkat": new.pangkat.strip(),
            "pin_hash": hash_pin(new.pin, self.kdf.pin_scrypt_n),
            "failed_attempts": 0,
            "locked_until": None,
            "active": 1,
            "created_at": iso(self.clock.now()),
        }
        with transaction(self.db):
            if self.count() > 0 and actor.session is None:
                raise PermissionDenied("Akun baru hanya dibuat oleh admin yang masuk.")
            if self._row("username = ?", username) is not None:
                raise ValidationError(f"Nama pengguna '{username}' sudah dipakai.")
            self.db["users"].insert(row)
            public = {k: v for k, v in row.items() if k != "pin_hash"}
            audit.record(self.db, self.clock, actor, "user.create", "user", row["id"],
                         office_code=self.office_code, after=public)
            key_holding.on_create(self, row["id"], row["full_name"], new.pin, list(new.roles), actor.session)
        return _to_user(row)

    def update_profile(self, user_id: str, by: User, *, full_name: str, jabatan: str, nip: str,
                       pangkat: str, roles: list[Role], active: bool = True) -> User:
        by = require(by, Permission.MANAGE_USERS)
        if not full_name.strip() or not roles:
            raise ValidationError("Nama lengkap dan paling sedikit satu peran wajib diisi.")
        _check_printed(full_name, jabatan, nip, pangkat)
        before = self._row("id = ?", user_id)
        if before is None:
            raise ValidationError("Pengguna tidak ditemukan.")
        changes = {"full_name": full_name.strip(), "jabatan": jabatan.strip(), "nip": nip.strip(),
                   "pangkat": pangkat.strip(), "roles": jsonutil.dumps(sorted(r.value for r in roles)),
                   "active": 1 if active else 0}
        with transaction(self.db):
            was_admin = Role.ADMIN.value in jsonutil.loads(before["roles"])
            if was_admin and (Role.ADMIN not in roles or not active):
                if self._active_admins() <= 1:
                    raise ValidationError("Harus tetap ada paling sedikit satu admin aktif.")
            self.db["users"].update(user_id, changes)
            key_holding.on_roles_change(self, user_id, was_admin, Role.ADMIN in roles and active, by.session)
            audit.record(self.db, self.clock, by.actor(Role.ADMIN), "user.update", "user", user_id,
                         office_code=self.office_code, before=_public(before), after=changes)
        if not active:
            self.sessions.revoke_user(user_id)
        return self.get(user_id)

    def set_signature(self, user_id: str, path: str, by: User) -> None:
        """The official's scanned signature, placed on letters they sign (admin, or the official themself)."""
        by = self.verify(by)
        if by.id != user_id:
            by = require(by, Permission.MANAGE_USERS)
        if path and not path.lower().endswith((".png", ".jpg", ".jpeg")):
            raise ValidationError("Pindaian tanda tangan harus gambar PNG atau JPG.")
        with transaction(self.db):
            before = self.db.execute("SELECT signature_path FROM users WHERE id = ?", [user_id]).fetchone()
            if before is None:
                raise ValidationError("Pengguna tidak ditemukan.")
            self.db["users"].update(user_id, {"signature_path": path})
            audit.record(self.db, self.clock, by.actor(), "user.signature", "user", user_id,
                         office_code=self.office_code, before={"signature_path": before[0]},
                         after={"signature_path": path})

    def change_pin(self, user_id: str, old_pin: str, new_pin: str) -> None:
        """The person's own PIN change: their keys are re-encrypted under the new PIN."""
        user = self.authenticate(self.get(user_id).username, old_pin)
        validate_pin(new_pin)
        with transaction(self.db):
            key_holding.on_pin_change(self.custody, user_id, old_pin, new_pin)
            self.db["users"].update(user_id, {"pin_hash": hash_pin(new_pin, self.kdf.pin_scrypt_n)})
            audit.record(self.db, self.clock, user.actor(), "user.change_pin", "user", user_id,
                         office_code=self.office_code)

    def reset_pin(self, user_id: str, new_pin: str, by: User) -> None:
        by = require(by, Permission.MANAGE_USERS, db=self.db)
        validate_pin(new_pin)
        with transaction(self.db):
            target = self._row("id = ?", user_id)
            if target is None:
                raise ValidationError("Pengguna tidak ditemukan.")
            self.db["users"].update(user_id, {"pin_hash": hash_pin(new_pin, self.kdf.pin_scrypt_n), "failed_attempts": 0,
                                              "locked_until": None})
            key_holding.on_pin_reset(self, target, new_pin, by.session)
            audit.record(self.db, self.clock, by.actor(Role.ADMIN), "user.reset_pin", "user", user_id,
                         office_code=self.office_code)
        self.sessions.revoke_user(user_id)

    # --- signing in ----------------------------------------------------------------------
    def authenticate(self, username: str, pin: str) -> User:
        """Sign-in: the user with a new session (not "fresh": officials' acts still ask their PIN)."""
        row = self._row("username = ?", username.strip())
        if row is None or not row["active"]:
            raise AuthError("Nama pengguna atau PIN salah.")
        self._check(row, pin)
        if self.custody is not None:
            with transaction(self.db):
                key_holding.on_pin(self.custody, row, pin, always=False)
        return _to_user(row, self.sessions.issue(row["id"], fresh=False))

    def confirm(self, user_id: str, pin: str) -> User:
        """A known user's PIN at this moment (paraf, signature, void, settings that matter).

        Returns that user with a fresh session: good for the acts that need a PIN for two minutes.
        """
        row = self._row("id = ?", user_id)
        if row is None or not row["active"]:
            raise AuthError("Pengguna tidak ditemukan atau tidak aktif.")
        self._check(row, pin)
        unlock = None
        if self.custody is not None:
            with transaction(self.db):
                unlock = key_holding.on_pin(self.custody, row, pin, always=True)
        return _to_user(row, self.sessions.issue(row["id"], fresh=True, unlock_key=unlock))

    def signing_key(self, user: User) -> tuple[Any, dict]:
        """The signing key of a person who typed their PIN just now (for letters and revocations)."""
        return key_holding.signing_key(self, self.verify(user, fresh=True))

    authenticate_id = confirm  # the name earlier callers use

    def _check(self, row: dict, pin: str) -> None:
        # The attempt is counted (and, at the limit, the lock set) in one write transaction
        # *before* the PIN is checked: processes guessing at once (the app and a second copy on
        # the same file) each take their turn, so no more than MAX_ATTEMPTS wrong PINs are ever
        # checked before the lock.
        attempts = self._charge_attempt(row["id"], row["username"])
        actor = audit.Actor(user_id=row["id"], name=row["full_name"], role="pengguna")
        if check_pin(pin, row["pin_hash"]):
            with transaction(self.db):
                self.db["users"].update(row["id"], {"failed_attempts": 0, "locked_until": None})
            return
        with transaction(self.db):
            audit.record(self.db, self.clock, actor, "user.pin_wrong", "user", row["id"],
                         office_code=self.office_code, after={"attempt": attempts})
        if attempts >= MAX_ATTEMPTS:
            raise AuthError(f"PIN salah {MAX_ATTEMPTS} kali. Akun {row['username']} dikunci "
                            f"{LOCK_MINUTES} menit.")
        left = MAX_ATTEMPTS - attempts
        raise AuthError(f"PIN salah. Sisa percobaan: {left}.")

    def _charge_attempt(self, user_id: str, username: str) -> int:
        """Count one attempt, refusing while locked; returns the attempt's number (1..MAX)."""
        now = self.clock.now()
        with transaction(self.db):
            failed, locked_until = self.db.execute("SELECT failed_attempts, locked_until FROM users WHERE id = ?",
                                                   [user_id]).fetchone()
            if locked_until and datetime.fromisoformat(locked_until) > now:
                until = datetime.fromisoformat(locked_until).strftime("%H:%M")
                raise AuthError(f"Akun {username} terkunci karena {MAX_ATTEMPTS} kali PIN salah. "
                                f"Coba lagi setelah pukul {until} atau minta admin mengatur ulang PIN.")
            attempts = (0 if locked_until else failed) + 1  # a lock that ran out starts afresh
            changes: dict = {"failed_attempts": attempts, "locked_until": None}
            if attempts >= MAX_ATTEMPTS:
                changes["locked_until"] = iso(now + timedelta(minutes=LOCK_MINUTES))
            self.db["users"].update(user_id, changes)
        return attempts

    def _row(self, where: str, value: str) -> dict | None:
        rows = list(self.db["users"].rows_where(where, [value], limit=1))
        return rows[0] if rows else None

    def _active_admins(self) -> int:
        return sum(1 for u in self.list() if Role.ADMIN in u.roles)


def _check_printed(full_name: str, jabatan: str, nip: str, pangkat: str) -> None:
    """An official's name, jabatan, NIP and rank are printed on every letter they sign."""
    for label, text, limit in (("Nama lengkap", full_name, 120), ("Jabatan", jabatan, 120), ("NIP", nip, 40),
                               ("Pangkat", pangkat, 80)):
        check_text(label, text, limit)


def _public(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in ("pin_hash", "failed_attempts", "locked_until")}


def _to_user(row: dict, session: SessionTicket | None = None) -> User:
    return User(
        id=row["id"],
        username=row["username"],
        full_name=row["full_name"],
        roles=parse_roles(jsonutil.loads(row["roles"])),
        jabatan=row["jabatan"],
        nip=row["nip"],
        pangkat=row["pangkat"],
        active=bool(row["active"]),
        office_code=row["office_code"],
        session=session,
    )
