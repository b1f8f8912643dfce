"""Buku register surat keluar: numbers that are never skipped, repeated or reused.

A number is allocated inside the transaction that records the final signature, so an abandoned
draft never takes one and a crash before commit leaves the counter as it was. A voided letter
keeps its number (status BATAL); the counter only ever moves forward.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from desktop.models import audit, jsonutil, outbox
from desktop.models.clock import Clock, iso
from desktop.models.db import transaction
from desktop.models.errors import LoketError, ValidationError
from desktop.models.ids import new_uuid
from desktop.models.register.numbering import format_number
from desktop.models.settings import NumberingSettings, OfficeProfile, SettingsRepository
from desktop.models.users.accounts import User, UserRepository, authorized_actor
from desktop.models.users.roles import Permission

if TYPE_CHECKING:
    from desktop.models.applications.application import Application

TERBIT, BATAL = "terbit", "batal"


@dataclass(frozen=True)
class RegisterEntry:
    id: str
    number: str
    seq: int
    year: int
    classification: str
    letter_date: str
    subject: str
    recipient: str
    signer_name: str
    status: str
    void_reason: str | None
    manual: bool
    application_id: str | None
    qr_payload: str
    replaces: str = ""  # the cancelled number this letter takes the place of
    voided_at: str | None = None


COLUMNS = ["id", "number", "seq", "year", "classification", "letter_date", "subject", "recipient", "signer_name",
           "status", "void_reason", "manual", "application_id", "qr_payload", "replaces", "voided_at"]


class RegisterBook:
    def __init__(self, db: Database, clock: Clock, settings: SettingsRepository,
                 users: UserRepository | None = None) -> None:
        self.db, self.clock, self.settings, self.users = db, clock, settings, users
        # Called in the void's transaction when a letter is voided from the register: (application
        # id, actor, reason). The applications service sends an open file back to its signature.
        self.void_hooks: list[Callable[[str, audit.Actor, str], None]] = []

    def allocate(self, *, classification: str, subject: str, recipient: str, signer_name: str, signer_role: str,
                 actor: audit.Actor, application_id: str | None = None, service_id: str | None = None,
                 nik_hash: str = "", manual: bool = False, when: date | None = None,
                 letter: dict[str, Any] | None = None, replaces: str = "") -> RegisterEntry:
        """Take the next number. Must run inside the caller's transaction (the signature's)."""
        if not self.db.conn.in_transaction:
            raise RuntimeError("allocate() belongs inside the signing transaction")
        profile: OfficeProfile = self.settings.get(OfficeProfile)
        numbering: NumberingSettings = self.settings.get(NumberingSettings)
        when = when or self.clock.now().date()
        classification = classification or numbering.default_classification
        scope = classification if numbering.scope == "classification" else "*"
        row = self.db.execute("SELECT last FROM register_counters WHERE year = ? AND scope = ?",
                              [when.year, scope]).fetchone()
        seq = (row[0] if row else 0) + 1
        self.db.execute("INSERT INTO register_counters(year, scope, last) VALUES (?, ?, ?) "
                        "ON CONFLICT(year, scope) DO UPDATE SET last = excluded.last", [when.year, scope, seq])
        number = format_number(numbering.template, nomor=seq, kode_klasifikasi=classification,
                               kode_kantor=profile.office_code, when=when)
        entry = {
            "id": new_uuid(), "office_code": profile.office_code, "year": when.year, "scope": scope, "seq": seq,
            "number": number, "classification": classification, "letter_date": when.isoformat(),
            "subject": subject, "recipient": recipient, "nik_hash": nik_hash, "application_id": application_id,
            "service_id": service_id, "signer_name": signer_name, "signer_role": signer_role, "status": TERBIT,
            "manual": int(manual), "letter": jsonutil.dumps(letter or {}), "created_at": iso(self.clock.now()),
            "created_by": actor.name, "replaces": replaces,
        }
        self.db["register"].insert(entry)
        audit.record(self.db, self.clock, actor, "register.allocate", "register", entry["id"],
                     office_code=profile.office_code, after={"number": number, "subject": subject})
        outbox.append(self.db, self.clock, profile.office_code, "register", entry["id"], "terbit",
                      _travelling(entry))
        return self.get(entry["id"])

    def set_qr(self, entry_id: str, payload: str, content_sha256: str, signer_key_id: str = "") -> None:
        self.db["register"].update(entry_id, {"qr_payload": payload, "content_sha256": content_sha256,
                                              "signer_key_id": signer_key_id})

    def live_for_application(self, app_id: str) -> RegisterEntry | None:
        """The application's letter that is in force (TERBIT), if any: there is at most one."""
        row = self.db.execute(f"SELECT {', '.join(COLUMNS)} FROM register WHERE application_id = ? AND "
                              "status = 'terbit'", [app_id]).fetchone()
        return _entry(row) if row else None

    def last_voided_for_application(self, app_id: str) -> RegisterEntry | None:
        row = self.db.execute(f"SELECT {', '.join(COLUMNS)} FROM register WHERE application_id = ? AND "
                              "status = 'batal' ORDER BY created_at DESC, seq DESC LIMIT 1", [app_id]).fetchone()
        return _entry(row) if row else None

    def add_manual(self, user: User, *, classification: str, subject: str, recipient: str, signer_name: str,
                   when: date | None = None) -> RegisterEntry:
        """A letter issued outside the app takes the next number the same way, so the book stays complete."""
        actor = authorized_actor(user, Permission.REGISTER_MANUAL, db=self.db)
        if not subject.strip() or not recipient.strip():
            raise ValidationError("Perihal dan nama penerima wajib diisi.")
        with transaction(self.db):
            return self.allocate(classification=classification.strip(), subject=subject.strip(),
                                 recipient=recipient.strip(), signer_name=signer_name.strip() or "-",
                                 signer_role="manual", actor=actor, manual=True, when=when)

    def void(self, entry_id: str, user: User, reason: str, *, pin: str | None = None) -> RegisterEntry:
        """Cancel an issued letter: an official allowed to void, with their PIN now (`pin`, or a
        session from a PIN check in the last two minutes). The letter then verifies as DIBATALKAN."""
        if not reason.strip():
            raise ValidationError("Alasan pembatalan surat wajib diisi.")
        if pin and self.users is not None:
            user = self.users.confirm(user.id, pin)
        actor = authorized_actor(user, Permission.VOID_LETTER, db=self.db)
        with transaction(self.db):
            entry = self.void_in_transaction(entry_id, actor, reason, signer=self._signer(user))
            if entry.application_id:
                for hook in self.void_hooks:
                    hook(entry.application_id, actor, f"Surat {entry.number} dibatalkan: {reason.strip()}")
        return self.get(entry_id)

    def void_in_transaction(self, entry_id: str, actor: audit.Actor, reason: str, *, signer: Any = None,
                            replaced_by: str = "") -> RegisterEntry:
        """Mark BATAL, audit, sign the revocation and queue both for the kecamatan (caller's transaction;
        the caller has authorised `actor`). `signer` defaults to the office's sync key."""
        from desktop.models.register.revocation import record_revocation

        entry = self.get(entry_id)
        if entry.status == BATAL:
            raise ValidationError(f"Surat {entry.number} sudah dibatalkan.")
        now = iso(self.clock.now())
        self.db["register"].update(entry_id, {"status": BATAL, "void_reason": reason.strip(), "voided_at": now,
                                              "voided_by": actor.name})
        audit.record(self.db, self.clock, actor, "register.void", "register", entry_id,
                     before={"status": TERBIT}, after={"status": BATAL, "reason": reason.strip()})
        row = next(self.db["register"].rows_where("id = ?", [entry_id]))
        outbox.append(self.db, self.clock, row["office_code"], "register", entry_id, "batal", _travelling(row))
        record_revocation(self.db, self.clock, signer or self._sync_key(), office_code=row["office_code"],
                          number=row["number"], reason=reason.strip(), voided_at=now, replaced_by=replaced_by)
        return self.get(entry_id)

    def on_file_reopened(self, app: Application, actor: audit.Actor, reason: str) -> None:
        """A reopen hook of ApplicationService: a file whose letter was signed is returned before its
        signature, rejected or cancelled. The letter in force is voided at once (its number is never reused, and the
        re-signed letter will say which number it replaces): one number per letter, always."""
        entry = self.live_for_application(app.id)
        if entry is not None:
            self.void_in_transaction(entry.id, actor, reason)

    def _signer(self, user: User) -> Any:
        """The voiding official's own key (their PIN was just typed), else the office's sync key."""
        from desktop.models.trust.wrapping import CustodyError

        if self.users is not None:
            try:
                return self.users.signing_key(user)[0]
            except (CustodyError, PermissionError, LoketError):
                pass
        return self._sync_key()

    def _sync_key(self) -> Any:
        if self.users is None or self.users.custody is None:
            raise ValidationError("Kunci kantor belum tersedia untuk menandatangani pembatalan.")
        return self.users.custody.sync_private()

    def get(self, entry_id: str) -> RegisterEntry:
        row = self.db.execute(f"SELECT {', '.join(COLUMNS)} FROM register WHERE id = ?", [entry_id]).fetchone()
        if row is None:
            raise ValidationError("Entri register tidak ditemukan.")
        return _entry(row)

    def for_application(self, app_id: str) -> RegisterEntry | None:
        row = self.db.execute(f"SELECT {', '.join(COLUMNS)} FROM register WHERE application_id = ? "
                              "ORDER BY status = 'terbit' DESC, created_at DESC, rowid DESC LIMIT 1",
                              [app_id]).fetchone()
        return _entry(row) if row else None

    def entries(self, start: date | None = None, end: date | None = None, query: str = "") -> list[RegisterEntry]:
        sql, args = [], []
        if start:
            sql.append("letter_date >= ?")
            args.append(start.isoformat())
        if end:
            sql.append("letter_date <= ?")
            args.append(end.isoformat())
        if query.strip():
            sql.append("(number LIKE ? OR subject LIKE ? OR recipient LIKE ?)")
            args += [f"%{query.strip()}%"] * 3
        where = ("WHERE " + " AND ".join(sql)) if sql else ""
        rows = self.db.execute(f"SELECT {', '.join(COLUMNS)} FROM register {where} ORDER BY year, scope, seq", args)
        return [_entry(r) for r in rows]


def _entry(row: Any) -> RegisterEntry:
    d = dict(zip(COLUMNS, row))
    d["manual"] = bool(d["manual"])
    return RegisterEntry(**d)


def _travelling(entry: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "office_code", "number", "year", "seq", "classification", "letter_date", "subject", "nik_hash",
            "application_id", "service_id", "signer_name", "status", "void_reason", "manual", "replaces")
    return {k: entry.get(k) for k in keys}

