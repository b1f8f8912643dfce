"""Offices enrolled at the kabupaten receiver: each with its public key and its own database role.

Enrolling creates the role (no login; the receiver takes it on per batch) and the row the office's
stream state lives in. A re-key keeps the stream state, as on the kecamatan PC.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from psycopg import sql

from desktop.models.errors import ValidationError
from desktop.models.trust.office_keys import public_key_from_text
from desktop.sync.postgres.database import office_role
from desktop.sync.postgres.identity import read_identity

LEVELS = ("kelurahan", "desa", "kecamatan")


@dataclass(frozen=True)
class EnrolledOffice:
    office_code: str
    name: str
    level: str
    kecamatan: str
    public_key: str
    active: bool
    in_last_seq: int
    in_last_at: str | None
    in_records: int
    last_error: str


def enroll(conn: Any, office_code: str, public_key: str, now: str, *, name: str = "", level: str = "kelurahan",
           kecamatan: str = "") -> EnrolledOffice:
    """Inside the caller's transaction (conn from the owner's URL)."""
    code = office_code.strip()
    if not code or len(code) > 100:
        raise ValidationError("Kode kantor wajib diisi (paling panjang 100 karakter).")
    if level not in LEVELS:
        raise ValidationError(f"Tingkat kantor harus salah satu dari: {', '.join(LEVELS)}.")
    try:
        public_key_from_text(public_key)
    except ValueError as exc:
        raise ValidationError(f"Kunci publik kantor {code} tidak sah: harus 43 karakter base64url.") from exc
    identity = read_identity(conn)
    if code == identity.office_code:
        raise ValidationError("Kode itu milik penerima kabupaten sendiri.")
    database = conn.execute("SELECT current_database()").fetchone()[0]
    role = office_role(database, code)
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone()
    if not exists:
        conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN IN ROLE {}").format(
            sql.Identifier(role), sql.Identifier(identity.office_group_role)))
    conn.execute(sql.SQL("GRANT {} TO CURRENT_USER").format(sql.Identifier(role)))
    conn.execute(
        "INSERT INTO offices (office_code, name, level, kecamatan, public_key, db_role, enrolled_at) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (office_code) DO UPDATE SET name = excluded.name, "
        "level = excluded.level, kecamatan = excluded.kecamatan, public_key = excluded.public_key, active = true",
        [code, name.strip(), level, kecamatan.strip(), public_key.strip(), role, now])
    return get(conn, code)


def deactivate(conn: Any, office_code: str) -> None:
    conn.execute("UPDATE offices SET active = false WHERE office_code = %s", [office_code])


_COLUMNS = "office_code, name, level, kecamatan, public_key, active, in_last_seq, in_last_at, in_records, last_error"


def get(conn: Any, office_code: str) -> EnrolledOffice:
    row = conn.execute(f"SELECT {_COLUMNS} FROM offices WHERE office_code = %s", [office_code]).fetchone()
    if row is None:
        raise ValidationError(f"Kantor {office_code} belum terdaftar di penerima kabupaten.")
    return EnrolledOffice(*row)


def list_offices(conn: Any) -> list[EnrolledOffice]:
    return [EnrolledOffice(*r) for r in conn.execute(f"SELECT {_COLUMNS} FROM offices ORDER BY office_code")]
