"""The NIK as a keyed hash, for what leaves the office (sync payloads; letters' QR may reuse it).

A NIK has little entropy: region, birth date and a serial. A plain SHA-256 of it is reversed by
trying every candidate (one was recovered in seconds from region and birth year). An HMAC
with a secret that never leaves the office cannot be: the kecamatan can still tell that two
applications came from the same person, but not who.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from sqlite_utils import Database

from desktop.models import audit, jsonutil
from desktop.models.clock import Clock, iso
from desktop.models.db import transaction

SECRET_KEY = "nik_hash_secret"
SECRET_BYTES = 32


def nik_keyed_hash(nik: str, secret: bytes) -> str:
    """64 hex characters: HMAC-SHA256 of the normalised NIK under the office's secret."""
    if len(secret) < 16:
        raise ValueError("secret too short")
    return hmac.new(secret, nik.strip().encode("utf-8"), hashlib.sha256).hexdigest()


def office_nik_secret(db: Database, clock: Clock) -> bytes:
    """This office's secret, made on first use; kept in the settings table (and so in backups).

    The value is never audited, shown or sent; only the fact that it was made is audited.
    """
    row = db.execute("SELECT value FROM settings WHERE key = ?", [SECRET_KEY]).fetchone()
    if row is None:
        with transaction(db):
            row = db.execute("SELECT value FROM settings WHERE key = ?", [SECRET_KEY]).fetchone()
            if row is None:
                value = jsonutil.dumps(base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii"))
                db.execute("INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)",
                           [SECRET_KEY, value, iso(clock.now()), "Sistem"])
                audit.record(db, clock, audit.Actor.system(), "settings.create_secret", "settings", SECRET_KEY)
                row = (value,)
    return base64.b64decode(jsonutil.loads(row[0]))
