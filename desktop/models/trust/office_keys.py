"""The office's keys as the rest of the app sees them: the sync key others enrol, and the upgrade.

Other offices enrol this office by its *sync* public key (43 base64url characters, shown on the
Sinkronisasi screen): it signs batches, receipts and the key directory, and batches are sealed to
it. Letters are signed by each official's own key, certified by the office's root key
(custody.py); other offices learn those from the key directory (directory.py).
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models import audit, jsonutil, outbox
from desktop.models.clock import iso
from desktop.models.errors import LoketError
from desktop.models.settings import SettingsRepository
from desktop.models.trust.custody import SYNC, KeyCustody
from desktop.models.trust.directory import revocation_fields
from desktop.models.trust.keys import (  # noqa: F401 - re-exported: the names the sync code uses
    HANDOVER,
    KEY_BYTES,
    REVOCATION,
    b64url_decode,
    b64url_encode,
    key_id,
    public_key_from_text,
    public_key_text,
    public_text_of,
    sign_statement,
)

HANDOVER_KEY = "sync_key_handover"


class OfficeKeys:
    """This office's sync key (unattended signing) and the release-0.1 hand-over."""

    def __init__(self, settings: SettingsRepository, custody: KeyCustody) -> None:
        self.settings, self.custody = settings, custody

    def ensure_key(self, actor: audit.Actor | None = None) -> str:
        """The sync key exists (created on first need); its public text."""
        return self.custody.ensure_sync_key()

    def has_key(self) -> bool:
        return self.custody.active(SYNC) is not None

    def public_key(self) -> str:
        """What another office enrols to accept this office's batches (and seals records to)."""
        row = self.custody.active(SYNC)
        if row is None:
            raise LoketError("Kunci sinkronisasi kantor belum dibuat. Selesaikan pengaturan kantor terlebih dahulu.")
        return str(row["public_key"])

    def private_key(self) -> Ed25519PrivateKey:
        """For signing inside the app only (batches, receipts, directory, revocations)."""
        return self.custody.sync_private()

    def handover(self) -> dict[str, Any] | None:
        """The release-0.1 key's signed word that the sync key now speaks for this office."""
        value = self.settings.get_raw(HANDOVER_KEY)
        return value if isinstance(value, dict) and value.get("signature") else None

    def root_public(self) -> str | None:
        row = self.custody.active("root")
        return str(row["public_key"]) if row else None


def adopt_legacy_key(custody: KeyCustody) -> bool:
    """First open after the upgrade from 0.1: the old plaintext key signs its last statements, then goes.

    It signs (1) a hand-over naming the new sync key, so a kecamatan that enrolled the old key keeps
    accepting this office's batches, and (2) the revocation of every letter 0.1 voided, so they verify
    as cancelled elsewhere too. Then its private half is deleted: the database holds no usable key.
    Runs inside the caller's transaction.
    """
    db = custody.db
    row = db.execute("SELECT office_code, public_key, private_key FROM legacy_key_handover").fetchone()
    if row is None:
        return False
    code, legacy_public, private_text = row
    legacy = Ed25519PrivateKey.from_private_bytes(b64url_decode(private_text))
    sync_public = custody.ensure_sync_key()
    last = db.execute("SELECT retired_at FROM trust_keys WHERE public_key = ?", [legacy_public]).fetchone()
    # `last_letter`: letters this key signed are dated up to then; a later date is a forgery.
    statement = {"office_code": code, "from": legacy_public, "to": sync_public, "last_letter": last[0] if last else ""}
    now = iso(custody.clock.now())
    db.execute("INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, 'Sistem') "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
               [HANDOVER_KEY, jsonutil.dumps({**statement, "signature": sign_statement(legacy, HANDOVER, statement)}),
                now])
    legacy_id = key_id(legacy_public)
    for number, reason, voided_at in db.execute("SELECT number, coalesce(void_reason, ''), coalesce(voided_at, '') "
                                                "FROM register WHERE status = 'batal'").fetchall():
        fields = revocation_fields(code, number, reason, voided_at, "")
        entry = {**fields, "signed_by": legacy_id, "signature": sign_statement(legacy, REVOCATION, fields)}
        db.execute("INSERT OR IGNORE INTO letter_revocations (office_code, number, reason, voided_at, replaced_by, "
                   "signed_by, signature, source, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'own', ?)",
                   [*fields.values(), legacy_id, entry["signature"], now])
        outbox.append(db, custody.clock, code, "letter_revocation", f"{code}:{number}", "batal", entry)
    db.execute("DELETE FROM legacy_key_handover")
    audit.record(db, custody.clock, audit.Actor.system(), "trust.legacy_key_retired", "trust_key", legacy_id,
                 office_code=code, after={"sync_key": sync_public, "private_key": "dihapus"})
    return True


def handed_over_key(handover: Any, sender: str, enrolled: str) -> str | None:
    """The new sync key a release-0.1 office key handed over to, when the hand-over is genuine
    (signed by `enrolled`, the key the receiver holds for `sender`); else None."""
    from desktop.models.trust.keys import verify_statement

    if not isinstance(handover, dict) or handover.get("from") != enrolled or handover.get("office_code") != sender:
        return None
    fields = {"office_code": sender, "from": enrolled, "to": str(handover.get("to", "")),
              "last_letter": str(handover.get("last_letter", ""))}
    return fields["to"] if verify_statement(enrolled, str(handover.get("signature", "")), HANDOVER, fields) else None
