"""The one key directory: which keys may sign letters of which office, and which letters are cancelled.

Three sources fill it, all in `trust_keys` / `letter_revocations`:
* this office's own keys (custody.py): root, officials, sync, and the release-0.1 key as *legacy*;
* offices enrolled for sync (their root key pinned at enrolment or on first contact);
* the signed directory a kecamatan sends down or exports as a file (directory_file.py).

Nothing is believed because it is in a table: a key counts only with a valid chain to a root this
office anchored (its own, an enrolled peer's, or one a trusted kecamatan endorsed), checked on
every lookup. Letter revocations count only when signed by a key of the letter's office.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop.models.clock import Clock, iso
from desktop.models.trust.keys import (
    CERTIFICATE,
    ENDORSEMENT,
    REVOCATION,
    key_id,
    public_key_from_text,
    verify_statement,
)

ANCHORED = ("own", "peer", "legacy")  # roots trusted directly; "directory" roots need an endorsement


@dataclass(frozen=True)
class KeyInfo:
    key_id: str
    office_code: str
    kind: str
    public_key: str
    holder_name: str
    retired_at: str | None
    revoked_at: str | None
    revoke_reason: str


@dataclass(frozen=True)
class Revocation:
    office_code: str
    number: str
    reason: str
    voided_at: str
    replaced_by: str


def revocation_fields(office_code: str, number: str, reason: str, voided_at: str, replaced_by: str) -> dict[str, str]:
    return {"office_code": office_code, "number": number, "reason": reason, "voided_at": voided_at,
            "replaced_by": replaced_by}


class KeyDirectory:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock

    # --- lookups for verification ------------------------------------------------------------
    def key(self, office_code: str, kid: str) -> KeyInfo | None:
        """A key of `office_code` with a valid chain to an anchored root, else None."""
        row = self._row("key_id = ? AND office_code = ?", [kid, office_code])
        if row is None or not self._chain_holds(row):
            return None
        return _info(row)

    def legacy_keys(self, office_code: str) -> list[KeyInfo]:
        return [_info(r) for r in self.db.query("SELECT * FROM trust_keys WHERE office_code = ? AND kind = 'legacy'",
                                                [office_code])]

    def knows_office(self, office_code: str) -> bool:
        return self.db.execute("SELECT 1 FROM trust_keys WHERE office_code = ? LIMIT 1", [office_code]).fetchone() \
            is not None

    def revocation(self, office_code: str, number: str) -> Revocation | None:
        row = self.db.execute("SELECT reason, voided_at, replaced_by FROM letter_revocations WHERE office_code = ? "
                              "AND number = ?", [office_code, number]).fetchone()
        return Revocation(office_code, number, row[0], row[1], row[2]) if row else None

    def root(self, office_code: str) -> KeyInfo | None:
        rows = list(self.db.query("SELECT * FROM trust_keys WHERE office_code = ? AND kind = 'root' AND "
                                  "revoked_at IS NULL ORDER BY added_at DESC", [office_code]))
        for row in rows:
            if self._chain_holds(row):
                return _info(row)
        return None

    def _row(self, where: str, args: list[Any]) -> dict[str, Any] | None:
        rows = list(self.db.query(f"SELECT * FROM trust_keys WHERE {where} LIMIT 1", args))
        return rows[0] if rows else None

    def _chain_holds(self, row: dict[str, Any], depth: int = 0) -> bool:
        from desktop.models.trust.custody import certificate_fields

        if depth > 3:
            return False
        if row["kind"] == "legacy":
            return row["source"] in ANCHORED
        if row["kind"] == "root":
            if row["source"] in ANCHORED:
                return True
            endorser = self._row("key_id = ? AND kind = 'root'", [row["certified_by"]])
            return bool(endorser and endorser["office_code"] != row["office_code"]
                        and verify_statement(endorser["public_key"], row["certificate"], ENDORSEMENT,
                                             endorsement_fields(row["office_code"], row["public_key"]))
                        and self._chain_holds(endorser, depth + 1))
        root = self._row("key_id = ? AND kind = 'root' AND office_code = ?", [row["certified_by"], row["office_code"]])
        return bool(root and verify_statement(root["public_key"], row["certificate"], CERTIFICATE,
                                              certificate_fields(row))
                    and self._chain_holds(root, depth + 1))

    # --- adding what others send ------------------------------------------------------------------
    def pin_root(self, office_code: str, public: str, *, source: str, name: str = "",
                 endorsed_by: str = "", endorsement: str = "") -> bool:
        """Anchor an office's root key. A different root already anchored for that office is kept
        (replacing it needs the office to be enrolled again); returns whether `public` is the root now."""
        public_key_from_text(public)
        kid = key_id(public)
        current = self.root(office_code)
        if current is not None and current.key_id != kid:
            return False
        if self._row("key_id = ?", [kid]) is None:
            self.db["trust_keys"].insert({
                "key_id": kid, "office_code": office_code, "kind": "root", "public_key": public,
                "holder_name": name or f"Kunci induk {office_code}", "certified_by": endorsed_by,
                "certificate": endorsement, "source": source, "added_at": iso(self.clock.now())})
        elif source in ANCHORED:
            self.db.execute("UPDATE trust_keys SET source = ? WHERE key_id = ? AND source = 'directory'",
                            [source, kid])
        elif endorsement:  # a newer endorsement of a root known from a directory
            self.db.execute("UPDATE trust_keys SET certified_by = ?, certificate = ? WHERE key_id = ? AND "
                            "source = 'directory'", [endorsed_by, endorsement, kid])
        return True

    def add_certified(self, entry: dict[str, Any], *, source: str) -> bool:
        """Another office's key with its root's certificate; kept only when the chain holds."""
        from desktop.models.trust.custody import certificate_fields

        fields = certificate_fields(entry)
        if entry.get("kind") not in ("official", "sync") or key_id(str(fields["public_key"])) != fields["key_id"]:
            return False
        existing = self._row("key_id = ?", [fields["key_id"]])
        if existing is not None:
            return self._update_status(existing, entry)
        row = {**fields, "certified_by": str(entry.get("certified_by", "")),
               "certificate": str(entry.get("certificate", "")), "source": source, "added_at": iso(self.clock.now())}
        # Kept even when its root has not arrived yet (records may come in any order): every lookup
        # checks the chain, so a key without a valid one never verifies anything.
        self.db["trust_keys"].insert(row)
        self._update_status(row, entry)
        return self._chain_holds(row)

    def _update_status(self, row: dict[str, Any], entry: dict[str, Any]) -> bool:
        from desktop.models.trust.keys import KEY_STATUS

        status = {k: entry.get(k) for k in ("retired_at", "revoked_at", "revoke_reason")}
        if not (status["retired_at"] or status["revoked_at"]) or row.get("source") == "own":
            return True
        root = self._row("key_id = ? AND kind = 'root'", [row["certified_by"]])
        fields = key_status_fields(row["key_id"], status["retired_at"], status["revoked_at"],
                                   status["revoke_reason"] or "")
        if root and verify_statement(root["public_key"], str(entry.get("status_signature", "")), KEY_STATUS, fields):
            self.db.execute("UPDATE trust_keys SET retired_at = ?, revoked_at = ?, revoke_reason = ?, "
                            "status_signature = ? WHERE key_id = ?",
                            [status["retired_at"], status["revoked_at"], status["revoke_reason"] or "",
                             entry.get("status_signature"), row["key_id"]])
        return True

    def add_revocation(self, entry: dict[str, Any], *, source: str) -> bool:
        """A cancelled letter of another office, kept when signed by a key of that office."""
        fields = revocation_fields(*(str(entry.get(k, "")) for k in ("office_code", "number", "reason", "voided_at",
                                                                     "replaced_by")))
        signer = self.key(fields["office_code"], str(entry.get("signed_by", "")))
        if signer is None or not verify_statement(signer.public_key, str(entry.get("signature", "")), REVOCATION,
                                                  fields):
            return False
        self.db.execute("INSERT OR IGNORE INTO letter_revocations (office_code, number, reason, voided_at, "
                        "replaced_by, signed_by, signature, source, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [*fields.values(), signer.key_id, entry["signature"], source, iso(self.clock.now())])
        return True

    # --- what travels ----------------------------------------------------------------------------
    def entries(self, office_code: str | None = None) -> list[dict[str, Any]]:
        """Certified keys (not roots, not legacy) for a directory or an uplink, oldest first."""
        sql = "SELECT * FROM trust_keys WHERE kind IN ('official', 'sync') AND certificate != ''"
        args: list[Any] = []
        if office_code:
            sql, args = sql + " AND office_code = ?", [office_code]
        return [{k: r[k] for k in ("office_code", "key_id", "kind", "public_key", "holder_id", "holder_name",
                                   "valid_from", "certified_by", "certificate", "retired_at", "revoked_at",
                                   "revoke_reason", "status_signature")}
                for r in self.db.query(sql + " ORDER BY added_at, key_id", args) if self._chain_holds(r)]

    def revocations(self, office_code: str | None = None) -> list[dict[str, Any]]:
        sql, args = "SELECT * FROM letter_revocations", []
        if office_code:
            sql, args = sql + " WHERE office_code = ?", [office_code]
        return [{k: r[k] for k in ("office_code", "number", "reason", "voided_at", "replaced_by", "signed_by",
                                   "signature")} for r in self.db.query(sql + " ORDER BY voided_at, number", args)]


def endorsement_fields(office_code: str, public: str) -> dict[str, str]:
    return {"office_code": office_code, "root_key": public}


def key_status_fields(kid: str, retired_at: str | None, revoked_at: str | None, reason: str) -> dict[str, Any]:
    return {"key_id": kid, "retired_at": retired_at or "", "revoked_at": revoked_at or "", "reason": reason}


def _info(row: dict[str, Any]) -> KeyInfo:
    return KeyInfo(row["key_id"], row["office_code"], row["kind"], row["public_key"], row["holder_name"],
                   row["retired_at"], row["revoked_at"], row["revoke_reason"])
