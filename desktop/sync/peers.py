"""Who this office exchanges batches with: the kecamatan above, or the enrolled kelurahan below."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop.models import audit
from desktop.models.clock import Clock, iso
from desktop.models.db import transaction
from desktop.models.errors import ValidationError
from desktop.models.trust.office_keys import public_key_from_text
from desktop.models.users.accounts import authorized_actor
from desktop.models.users.roles import Permission
from desktop.sync.errors import NotConfigured

ROLE_KELURAHAN = "kelurahan"  # enrolled here, sends up to us
ROLE_KECAMATAN = "kecamatan"  # we send up to it


@dataclass(frozen=True)
class Peer:
    office_code: str
    role: str
    name: str
    public_key: str
    url: str
    active: bool
    in_last_seq: int
    in_last_at: str | None
    in_batches: int
    in_records: int
    out_acked_seq: int
    out_acked_at: str | None
    last_error: str
    last_error_at: str | None


_COLUMNS = ("office_code", "role", "name", "public_key", "url", "active", "in_last_seq", "in_last_at", "in_batches",
            "in_records", "out_acked_seq", "out_acked_at", "last_error", "last_error_at")


class PeerRepository:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock

    def enroll(self, office_code: str, public_key: str, actor: audit.Actor, *, role: str = ROLE_KELURAHAN,
               name: str = "", url: str = "") -> Peer:
        """Register (or re-key) an office by its public key; audited. Sequence state is kept on re-key.

        Only an admin, with their PIN at this moment: a wrong key here trusts a stranger's letters
        and batches."""
        actor = authorized_actor(actor, Permission.MANAGE_KEYS, db=self.db)
        code, key = office_code.strip(), public_key.strip()
        if not code:
            raise ValidationError("Kode kantor wajib diisi.")
        try:
            public_key_from_text(key)
        except ValueError as exc:
            raise ValidationError(f"Kunci publik kantor {code} tidak sah: harus 43 karakter base64url seperti "
                                  "yang tampil di layar Sinkronisasi kantor itu. Periksa salinannya.") from exc
        current = self.upstream(required=False) if role == ROLE_KECAMATAN else None
        if current is not None and current.office_code != code:
            raise ValidationError("Kelurahan ini sudah tersambung ke kecamatan lain; ubah dulu pengaturannya.")
        with transaction(self.db):
            row = {"office_code": code, "role": role, "name": name.strip(), "public_key": key, "url": url.strip(),
                   "active": 1, "enrolled_at": iso(self.clock.now()), "enrolled_by": actor.name}
            if self.db.execute("SELECT 1 FROM sync_peers WHERE office_code = ?", [code]).fetchone():
                self.db["sync_peers"].update(code, {k: row[k] for k in ("role", "name", "public_key", "url", "active")})
            else:
                self.db["sync_peers"].insert(row)
            audit.record(self.db, self.clock, actor, "sync.enroll", "sync_peer", code,
                         after={"role": role, "public_key": key, "url": url})
        return self.get(code)

    def set_url(self, office_code: str, url: str, actor: audit.Actor) -> None:
        actor = authorized_actor(actor, Permission.MANAGE_SYNC, db=self.db)
        with transaction(self.db):
            self.db["sync_peers"].update(office_code, {"url": url.strip()})
            audit.record(self.db, self.clock, actor, "sync.url", "sync_peer", office_code, after={"url": url})

    def get(self, office_code: str) -> Peer:
        row = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM sync_peers WHERE office_code = ?",
                              [office_code]).fetchone()
        if row is None:
            raise NotConfigured(f"Kantor {office_code} belum terdaftar untuk sinkronisasi.")
        return _peer(row)

    def key_for(self, office_code: str) -> str | None:
        """The enrolled public key of an active peer (None: refuse whatever it sends)."""
        row = self.db.execute("SELECT public_key FROM sync_peers WHERE office_code = ? AND active = 1",
                              [office_code]).fetchone()
        return row[0] if row else None

    def list(self, role: str | None = None) -> list[Peer]:
        where, args = ("WHERE role = ?", [role]) if role else ("", [])
        rows = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM sync_peers {where} ORDER BY office_code", args)
        return [_peer(r) for r in rows]

    def upstream(self, *, required: bool = True) -> Peer | None:
        peers = self.list(ROLE_KECAMATAN)
        if not peers and required:
            raise NotConfigured("Sambungan ke kecamatan belum diatur: isi kode, alamat dan kunci publik "
                                "kecamatan di layar Sinkronisasi.")
        return peers[0] if peers else None

    def note_error(self, office_code: str, message: str) -> None:
        with transaction(self.db):
            self.db.execute("UPDATE sync_peers SET last_error = ?, last_error_at = ? WHERE office_code = ?",
                            [message, iso(self.clock.now()), office_code])

    def update(self, office_code: str, values: dict[str, Any]) -> None:
        """Inside the caller's transaction."""
        self.db["sync_peers"].update(office_code, values)


def _peer(row: Any) -> Peer:
    d = dict(zip(_COLUMNS, row))
    d["active"] = bool(d["active"])
    return Peer(**d)
