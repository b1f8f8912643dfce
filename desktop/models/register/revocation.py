"""A cancelled letter says so everywhere: a signed revocation, kept here and sent to the kecamatan.

The revocation names the office, the number, the reason, when, and (for a letter re-signed after
its file was returned) the number that replaces it. It is signed by the voiding official's own key
when they typed their PIN for it, else by the office's sync key (the automatic void when a signed
file is returned). Any office that holds the key directory checks it offline (trust/directory.py).
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from desktop.models import outbox
from desktop.models.clock import Clock, iso
from desktop.models.trust.directory import revocation_fields
from desktop.models.trust.keys import REVOCATION, key_id, public_text_of, sign_statement

ENTITY = "letter_revocation"


def record_revocation(db: Database, clock: Clock, signer: Any, *, office_code: str, number: str, reason: str,
                      voided_at: str, replaced_by: str = "") -> dict[str, Any]:
    """Sign, store and queue for the kecamatan; inside the void's transaction. `signer` is an
    Ed25519 private key of this office (an official's, or the sync key)."""
    fields = revocation_fields(office_code, number, reason, voided_at, replaced_by)
    entry = {**fields, "signed_by": key_id(public_text_of(signer)),
             "signature": sign_statement(signer, REVOCATION, fields)}
    db.execute("INSERT INTO letter_revocations (office_code, number, reason, voided_at, replaced_by, signed_by, "
               "signature, source, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'own', ?) "
               "ON CONFLICT(office_code, number) DO UPDATE SET reason = excluded.reason, "
               "voided_at = excluded.voided_at, replaced_by = excluded.replaced_by, "
               "signed_by = excluded.signed_by, signature = excluded.signature",
               [*fields.values(), entry["signed_by"], entry["signature"], iso(clock.now())])
    outbox.append(db, clock, office_code, ENTITY, f"{office_code}:{number}", "batal", entry)
    return entry


def set_replacement(db: Database, clock: Clock, signer: Any, *, office_code: str, number: str,
                    replaced_by: str) -> None:
    """The re-signed letter's number joins the revocation of the letter it replaces."""
    row = db.execute("SELECT reason, voided_at FROM letter_revocations WHERE office_code = ? AND number = ?",
                     [office_code, number]).fetchone()
    if row is not None:
        record_revocation(db, clock, signer, office_code=office_code, number=number, reason=row[0],
                          voided_at=row[1], replaced_by=replaced_by)
