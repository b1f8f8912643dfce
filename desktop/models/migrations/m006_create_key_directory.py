"""m006_create_key_directory: per-official keys held encrypted, one key directory, letter revocations.

Release 0.1 kept the office's Ed25519 private key in plaintext in `settings`. Here its public half
joins the key directory as a *legacy* key (letters issued by 0.1 keep verifying as genuine, up to
the last letter date in the register), and its private half leaves `settings` for a one-row
hand-over table that the first open after this migration consumes (trust/custody.py: the key signs
a hand-over to the new sync key, then is deleted). From then on the database holds no usable key.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models import jsonutil
from desktop.models.migrations.registry import migrations


@migrations()
def m006_create_key_directory(db: Database) -> None:
    # Every key this office knows: its own (root, officials, sync) and other offices' (pinned at
    # enrolment or received in a signed directory). certified_by/certificate: the signature of the
    # office's root key over the key's certificate statement (trust/keys.py).
    db.execute(
        """CREATE TABLE trust_keys (
            key_id TEXT PRIMARY KEY,
            office_code TEXT NOT NULL,
            kind TEXT NOT NULL,
            public_key TEXT NOT NULL UNIQUE,
            holder_id TEXT NOT NULL DEFAULT '',
            holder_name TEXT NOT NULL DEFAULT '',
            valid_from TEXT NOT NULL DEFAULT '',
            certified_by TEXT NOT NULL DEFAULT '',
            certificate TEXT NOT NULL DEFAULT '',
            retired_at TEXT,
            revoked_at TEXT,
            revoke_reason TEXT NOT NULL DEFAULT '',
            status_signature TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL,
            added_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX trust_keys_office ON trust_keys(office_code, kind)")
    # Private halves of this office's own keys, only ever encrypted: holder is a user id (PIN +
    # device secret) or 'perangkat' (device secret alone: the sync key, or a key waiting for its
    # holder's first PIN after an upgrade).
    db.execute(
        """CREATE TABLE key_wraps (
            key_id TEXT NOT NULL,
            holder TEXT NOT NULL,
            scheme TEXT NOT NULL,
            blob TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (key_id, holder)
        )"""
    )
    # Per person: the salt and cost of the memory-hard function that turns their PIN into the key
    # that opens their wraps.
    db.execute(
        """CREATE TABLE key_unlock_params (
            user_id TEXT PRIMARY KEY,
            salt TEXT NOT NULL,
            ops INTEGER NOT NULL,
            mem INTEGER NOT NULL
        )"""
    )
    # Cancelled letters, this office's and others': each signed by the cancelling office.
    db.execute(
        """CREATE TABLE letter_revocations (
            office_code TEXT NOT NULL,
            number TEXT NOT NULL,
            reason TEXT NOT NULL,
            voided_at TEXT NOT NULL,
            replaced_by TEXT NOT NULL DEFAULT '',
            signed_by TEXT NOT NULL,
            signature TEXT NOT NULL,
            source TEXT NOT NULL,
            received_at TEXT NOT NULL,
            PRIMARY KEY (office_code, number)
        )"""
    )
    # The highest directory version received per issuing kecamatan: an older one is refused.
    db.execute(
        """CREATE TABLE key_directory_versions (
            issuer TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            received_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE legacy_key_handover (
            office_code TEXT PRIMARY KEY,
            public_key TEXT NOT NULL,
            private_key TEXT NOT NULL
        )"""
    )
    _move_legacy_keys(db)


def _setting(db: Database, key: str) -> object:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return jsonutil.loads(row[0]) if row else None


def _key_id(public_text: str) -> str:
    import base64
    import hashlib

    raw = base64.urlsafe_b64decode(public_text + "=" * (-len(public_text) % 4))
    return hashlib.sha256(raw).hexdigest()[:16]


def _move_legacy_keys(db: Database) -> None:
    profile = _setting(db, "office_profile") or {}
    own_code = str(profile.get("office_code", "")) if isinstance(profile, dict) else ""
    last_letter = db.execute("SELECT max(letter_date) FROM register").fetchone()[0]
    last_audit = db.execute("SELECT max(at) FROM audit").fetchone()[0]
    stamp = last_audit or ""
    own = _setting(db, "office_signing_key")
    if isinstance(own, dict) and own.get("public"):
        public = str(own["public"])
        db.execute("INSERT INTO trust_keys (key_id, office_code, kind, public_key, holder_name, retired_at, "
                   "source, added_at) VALUES (?, ?, 'legacy', ?, 'Kunci kantor (versi 0.1)', ?, 'legacy', ?)",
                   [_key_id(public), own_code, public, last_letter or "", stamp])
        if own.get("private"):
            db.execute("INSERT INTO legacy_key_handover (office_code, public_key, private_key) VALUES (?, ?, ?)",
                       [own_code, public, str(own["private"])])
        db.execute("UPDATE settings SET value = ? WHERE key = 'office_signing_key'",
                   [jsonutil.dumps({"public": public, "dipindah": "trust_keys"})])
    trusted = _setting(db, "trusted_office_keys")
    others = dict(trusted) if isinstance(trusted, dict) else {}
    # In 0.1 an enrolled peer's key was also the key that signed its letters.
    others.update({code: key for code, key in db.execute("SELECT office_code, public_key FROM sync_peers")})
    if others:
        for code, public in others.items():
            if code == own_code or not public:
                continue
            db.execute("INSERT OR IGNORE INTO trust_keys (key_id, office_code, kind, public_key, holder_name, "
                       "source, added_at) VALUES (?, ?, 'legacy', ?, 'Kunci kantor (versi 0.1)', 'legacy', ?)",
                       [_key_id(str(public)), str(code), str(public), stamp])
