"""User accounts: roles, PIN sign-in with lockout, and the checks every service relies on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from desktop.models import audit, jsonutil
from desktop.models.clock import Clock, iso
from desktop.models.db import transaction
from desktop.models.errors import AuthError, PermissionDenied, ValidationError
from desktop.models.ids import new_uuid
from desktop.models.users.pin_hash import check_pin, hash_pin
from desktop.models.users.roles import PERMISSIONS, Permission, Role, parse_roles

MAX_ATTEMPTS = 5
LOCK_MINUTES = 15
MIN_PIN = 6


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

    def has(self, role: Role) -> bool:
        return role in self.roles

    def can(self, permission: Permission) -> bool:
        return any(permission in PERMISSIONS[r] for r in self.roles)

    def actor(self, role: Role | None = None) -> audit.Actor:
        chosen = role or self.primary_role
        return audit.Actor(user_id=self.id, name=self.full_name, role=chosen.value)

    @property
    def primary_role(self) -> Role:
        order = [Role.CAMAT, Role.LURAH, Role.SEKRETARIS_CAMAT, Role.SEKRETARIS_LURAH, Role.KASI,
                 Role.KOORDINATOR, Role.PETUGAS, Role.ADMIN]
        return next(r for r in order if r in self.roles)

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


def require(user: User, permission: Permission) -> None:
    if not user.can(permission):
        raise PermissionDenied(f"{user.full_name} ({user.roles_label}) tidak berwenang melakukan tindakan ini.")


def validate_pin(pin: str) -> None:
    if len(pin) < MIN_PIN:
        raise ValidationError(f"PIN/kata sandi minimal {MIN_PIN} karakter.")
    if pin.isdigit() and len(set(pin)) == 1:
        raise ValidationError("PIN terlalu mudah ditebak (angka yang sama semua).")


class UserRepository:
    """All SQL about users lives here."""

    def __init__(self, db: Database, clock: Clock, office_code: str = "") -> None:
        self.db = db
        self.clock = clock
        self.office_code = office_code

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
        """Create an account. `by` must be an admin unless this is the very first account."""
        if by is not None:
            require(by, Permission.MANAGE_USERS)
        username = new.username.strip()
        if not re.fullmatch(r"[A-Za-z0-9_.-]{3,32}", username):
            raise ValidationError("Nama pengguna 3–32 huruf/angka (boleh . _ -), tanpa spasi.")
        if not new.full_name.strip():
            raise ValidationError("Nama lengkap wajib diisi.")
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
            "pin_hash": hash_pin(new.pin),
            "failed_attempts": 0,
            "locked_until": None,
            "active": 1,
            "created_at": iso(self.clock.now()),
        }
        with transaction(self.db):
            if self._row("username = ?", username) is not None:
                raise ValidationError(f"Nama pengguna '{username}' sudah dipakai.")
            self.db["users"].insert(row)
            public = {k: v for k, v in row.items() if k != "pin_hash"}
            audit.record(self.db, self.clock, actor, "user.create", "user", row["id"],
                         office_code=self.office_code, after=public)
        return _to_user(row)

    def update_profile(self, user_id: str, by: User, *, full_name: str, jabatan: str, nip: str,
                       pangkat: str, roles: list[Role], active: bool = True) -> User:
        require(by, Permission.MANAGE_USERS)
        if not full_name.strip() or not roles:
            raise ValidationError("Nama lengkap dan paling sedikit satu peran wajib diisi.")
        before = self._row("id = ?", user_id)
        if before is None:
            raise ValidationError("Pengguna tidak ditemukan.")
        changes = {"full_name": full_name.strip(), "jabatan": jabatan.strip(), "nip": nip.strip(),
                   "pangkat": pangkat.strip(), "roles": jsonutil.dumps(sorted(r.value for r in roles)),
                   "active": 1 if active else 0}
        with transaction(self.db):
            if Role.ADMIN.value in jsonutil.loads(before["roles"]) and (Role.ADMIN not in roles or not active):
                if self._active_admins() <= 1:
                    raise ValidationError("Harus tetap ada paling sedikit satu admin aktif.")
            self.db["users"].update(user_id, changes)
            audit.record(self.db, self.clock, by.actor(Role.ADMIN), "user.update", "user", user_id,
                         office_code=self.office_code, before=_public(before), after=changes)
        return self.get(user_id)

    def set_signature(self, user_id: str, path: str, by: User) -> None:
        """The official's scanned signature, placed on letters they sign (admin, or the official themself)."""
        if by.id != user_id:
            require(by, Permission.MANAGE_USERS)
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
        user = self.authenticate_id(user_id, old_pin)
        validate_pin(new_pin)
        with transaction(self.db):
            self.db["users"].update(user_id, {"pin_hash": hash_pin(new_pin)})
            audit.record(self.db, self.clock, user.actor(), "user.change_pin", "user", user_id,
                         office_code=self.office_code)

    def reset_pin(self, user_id: str, new_pin: str, by: User) -> None:
        require(by, Permission.MANAGE_USERS)
        validate_pin(new_pin)
        with transaction(self.db):
            self.db["users"].update(user_id, {"pin_hash": hash_pin(new_pin), "failed_attempts": 0,
                                              "locked_until": None})
            audit.record(self.db, self.clock, by.actor(Role.ADMIN), "user.reset_pin", "user", user_id,
                         office_code=self.office_code)

    # --- signing in ----------------------------------------------------------------------
    def authenticate(self, username: str, pin: str) -> User:
        row = self._row("username = ?", username.strip())
        if row is None or not row["active"]:
            raise AuthError("Nama pengguna atau PIN salah.")
        return self._check(row, pin)

    def authenticate_id(self, user_id: str, pin: str) -> User:
        """Check a known user's PIN (an official confirming a signature at this moment)."""
        row = self._row("id = ?", user_id)
        if row is None or not row["active"]:
            raise AuthError("Pengguna tidak ditemukan atau tidak aktif.")
        return self._check(row, pin)

    def _check(self, row: dict, pin: str) -> User:
        # The attempt is counted (and, at the limit, the lock set) in one write transaction
        # *before* the PIN is checked: processes guessing at once (the app and a second copy on
        # the same file) each take their turn, so no more than MAX_ATTEMPTS wrong PINs are ever
        # checked before the lock.
        attempts = self._charge_attempt(row["id"], row["username"])
        actor = audit.Actor(user_id=row["id"], name=row["full_name"], role="pengguna")
        if check_pin(pin, row["pin_hash"]):
            with transaction(self.db):
                self.db["users"].update(row["id"], {"failed_attempts": 0, "locked_until": None})
            return _to_user(row)
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


def _public(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in ("pin_hash", "failed_attempts", "locked_until")}


def _to_user(row: dict) -> User:
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
    )
