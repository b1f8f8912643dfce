"""The complaint register: record, assign to the Koordinator Pengaduan, respond, resolve.

Each action is one transaction with its history line and audit entry. Authorisation is checked
here: recording needs REGISTER_COMPLAINT, handling needs HANDLE_COMPLAINT (or being the assignee).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from desktop.models import audit, outbox
from desktop.models.clock import Clock, iso
from desktop.models.complaints.categories import CHANNELS, category, deadlines
from desktop.models.complaints.record import Complaint, ComplaintEvent, from_row
from desktop.models.db import transaction
from desktop.models.errors import PermissionDenied, ValidationError
from desktop.models.ids import new_uuid
from desktop.models.settings import OfficeCalendar, SettingsRepository
from desktop.models.survey.unsur import CODES
from desktop.models.users.accounts import User, require
from desktop.models.users.roles import Permission, Role

MAX_TEXT = 5000


@dataclass
class NewComplaint:
    channel: str
    subject: str
    description: str
    category: str = "normatif"
    anonymous: bool = False
    confidential: bool = False
    complainant_name: str = ""
    complainant_nik: str = ""
    contact: str = ""
    reported_party: str = ""
    location: str = ""
    service_id: str = ""
    service_name: str = ""
    application_id: str | None = None
    unsur: str = ""

    def validate(self) -> None:
        if self.channel not in CHANNELS:
            raise ValidationError(f"Saluran pengaduan '{self.channel}' tidak dikenal.")
        category(self.category)
        if not self.subject.strip() or not self.description.strip():
            raise ValidationError("Pokok pengaduan dan uraiannya wajib diisi.")
        if any(len(v) > MAX_TEXT for v in (self.subject, self.description, self.reported_party, self.location)):
            raise ValidationError(f"Isian pengaduan terlalu panjang (paling banyak {MAX_TEXT} huruf).")
        if self.anonymous and (self.complainant_name.strip() or self.complainant_nik.strip() or self.contact.strip()):
            raise ValidationError("Pengaduan anonim tidak boleh menyimpan nama, NIK atau kontak pelapor.")
        if not self.anonymous and not self.complainant_name.strip():
            raise ValidationError("Nama pelapor wajib diisi (atau tandai pengaduan sebagai anonim).")
        if self.complainant_nik and not (self.complainant_nik.isdigit() and len(self.complainant_nik) == 16):
            raise ValidationError("NIK pelapor harus 16 angka (atau dikosongkan).")
        if self.unsur and self.unsur not in CODES:
            raise ValidationError(f"Unsur '{self.unsur}' tidak dikenal (u1 sampai u9).")


class ComplaintRegister:
    def __init__(self, db: Database, clock: Clock, settings: SettingsRepository, office_code: str = "") -> None:
        self.db, self.clock, self.settings, self.office_code = db, clock, settings, office_code

    # --- reading -------------------------------------------------------------------------
    def get(self, complaint_id: str) -> Complaint:
        rows = list(self.db["complaints"].rows_where("id = ?", [complaint_id], limit=1))
        if not rows:
            raise ValidationError("Pengaduan tidak ditemukan.")
        return from_row(rows[0])

    def list(self, *, open_only: bool = False, limit: int = 500) -> list[Complaint]:
        where = "status IN ('baru', 'diproses')" if open_only else "1 = 1"
        rows = self.db["complaints"].rows_where(where, order_by="received_at DESC", limit=limit)
        return [from_row(r) for r in rows]

    def late(self) -> list[Complaint]:
        now = self.clock.now()
        return [c for c in self.list(open_only=True) if c.late(now)]

    def for_application(self, app_id: str) -> Complaint | None:
        rows = list(self.db["complaints"].rows_where("application_id = ?", [app_id], limit=1))
        return from_row(rows[0]) if rows else None

    def history(self, complaint_id: str) -> list[ComplaintEvent]:
        rows = self.db.execute("SELECT at, user_name, role, action, note FROM complaint_events WHERE complaint_id = ? "
                               "ORDER BY seq", [complaint_id]).fetchall()
        return [ComplaintEvent(datetime.fromisoformat(r[0]), r[1], r[2], r[3], r[4]) for r in rows]

    # --- writing -------------------------------------------------------------------------
    def register(self, new: NewComplaint, user: User, role: Role | None = None) -> Complaint:
        user = require(user, Permission.REGISTER_COMPLAINT, db=self.db)  # the person as the database has them
        actor = user.actor(role)
        with transaction(self.db):
            complaint_id = self.register_in_transaction(new, actor)
        return self.get(complaint_id)

    def register_in_transaction(self, new: NewComplaint, actor: audit.Actor,
                                due_cap: datetime | None = None) -> str:
        new.validate()
        now = self.clock.now()
        due = deadlines(now, new.category, self.settings.get(OfficeCalendar))
        resolution_due = min(due.resolution, due_cap) if due_cap else due.resolution
        row = {
            "id": new_uuid(), "office_code": self.office_code, "number": self._next_number(now),
            "received_at": iso(now), "channel": new.channel, "anonymous": int(new.anonymous),
            "confidential": int(new.confidential), "complainant_name": new.complainant_name.strip(),
            "complainant_nik": new.complainant_nik.strip(), "contact": new.contact.strip(),
            "subject": new.subject.strip(), "description": new.description.strip(),
            "reported_party": new.reported_party.strip(), "location": new.location.strip(),
            "category": new.category, "service_id": new.service_id, "service_name": new.service_name,
            "application_id": new.application_id, "unsur": new.unsur, "status": "baru",
            "first_response_due": iso(due.first_response), "resolution_due": iso(resolution_due),
            "created_by": actor.name, "updated_at": iso(now)}
        self.db["complaints"].insert(row)
        self._event(row["id"], actor, "catat", f"Dicatat ({new.channel}), nomor {row['number']}")
        self._changed(row["id"], actor, "complaint.register", None)
        return row["id"]

    def assign(self, complaint_id: str, assignee_id: str, user: User, role: Role | None = None) -> Complaint:
        user = require(user, Permission.HANDLE_COMPLAINT, db=self.db)
        from desktop.models.users.accounts import UserRepository

        assignee = UserRepository(self.db, self.clock).get(assignee_id)
        if Role.KOORDINATOR not in assignee.roles or not assignee.active:
            raise ValidationError(f"{assignee.full_name} bukan Koordinator Pengaduan yang aktif.")
        with transaction(self.db):
            before = self._open(complaint_id)
            self.db["complaints"].update(complaint_id, {"assignee_id": assignee.id, "assignee_name": assignee.full_name,
                                                        "updated_at": iso(self.clock.now())})
            self._event(complaint_id, user.actor(role), "tugaskan", f"Ditugaskan kepada {assignee.full_name}")
            self._changed(complaint_id, user.actor(role), "complaint.assign", before)
        return self.get(complaint_id)

    def respond(self, complaint_id: str, text: str, user: User, role: Role | None = None) -> Complaint:
        """A response to the complainant (the first one meets the 3-working-day deadline)."""
        user = self._may_handle(complaint_id, user)
        if not text.strip():
            raise ValidationError("Isi tanggapan wajib diisi.")
        with transaction(self.db):
            before = self._open(complaint_id)
            now = iso(self.clock.now())
            changes: dict[str, Any] = {"status": "diproses", "updated_at": now}
            if before.first_response_at is None:
                changes["first_response_at"] = now
            self.db["complaints"].update(complaint_id, changes)
            self._event(complaint_id, user.actor(role), "tanggapi", text.strip()[:MAX_TEXT])
            self._changed(complaint_id, user.actor(role), "complaint.respond", before)
        return self.get(complaint_id)

    def resolve(self, complaint_id: str, resolution: str, user: User, role: Role | None = None, *,
                close_only: bool = False) -> Complaint:
        """Selesai with what was done; or (close_only) ditutup — not a complaint, duplicate, withdrawn."""
        user = self._may_handle(complaint_id, user)
        if not resolution.strip():
            raise ValidationError("Hasil penyelesaian / alasan penutupan wajib diisi.")
        with transaction(self.db):
            before = self._open(complaint_id)
            now = iso(self.clock.now())
            first = iso(before.first_response_at) if before.first_response_at else now  # resolving answers too
            self.db["complaints"].update(complaint_id, {
                "status": "ditutup" if close_only else "selesai", "resolution": resolution.strip()[:MAX_TEXT],
                "resolved_at": now, "first_response_at": first, "updated_at": now})
            self._event(complaint_id, user.actor(role), "tutup" if close_only else "selesaikan", resolution.strip())
            self._changed(complaint_id, user.actor(role), "complaint.resolve", before)
        return self.get(complaint_id)

    # --- helpers -------------------------------------------------------------------------
    def _may_handle(self, complaint_id: str, user: User) -> User:
        from desktop.models.users.accounts import verify_session

        user = verify_session(user, db=self.db)  # roles from the database, not from the object passed in
        if user.can(Permission.HANDLE_COMPLAINT):
            return user
        if self.get(complaint_id).assignee_id == user.id:
            return user
        raise PermissionDenied(f"{user.full_name} tidak menangani pengaduan ini.")

    def _open(self, complaint_id: str) -> Complaint:
        complaint = self.get(complaint_id)
        if not complaint.is_open:
            raise ValidationError(f"Pengaduan {complaint.number} sudah {complaint.status_label.lower()}.")
        return complaint

    def _next_number(self, now: datetime) -> str:
        row = self.db.execute("SELECT last FROM complaint_counters WHERE year = ?", [now.year]).fetchone()
        last = (row[0] if row else 0) + 1
        self.db.execute("INSERT INTO complaint_counters(year, last) VALUES (?, ?) ON CONFLICT(year) DO UPDATE "
                        "SET last = excluded.last", [now.year, last])
        return f"ADU-{now.year}-{last:04d}"

    def _event(self, complaint_id: str, actor: audit.Actor, action: str, note: str) -> None:
        self.db["complaint_events"].insert({"complaint_id": complaint_id, "at": iso(self.clock.now()),
                                            "user_name": actor.name, "role": actor.role, "action": action,
                                            "note": note})

    def _changed(self, complaint_id: str, actor: audit.Actor, action: str, before: Complaint | None) -> None:
        after = self.get(complaint_id)
        audit.record(self.db, self.clock, actor, action, "complaint", complaint_id, office_code=self.office_code,
                     before={"status": before.status} if before else None, after={"status": after.status})
        # The kecamatan monitors complaints without the complainant's identity (it never leaves the office).
        outbox.append(self.db, self.clock, self.office_code, "complaint", complaint_id, action.split(".")[1], {
            "number": after.number, "received_at": iso(after.received_at), "channel": after.channel,
            "category": after.category, "subject": after.subject, "service_id": after.service_id,
            "unsur": after.unsur, "status": after.status, "first_response_due": iso(after.first_response_due),
            "resolution_due": iso(after.resolution_due),
            "first_response_at": iso(after.first_response_at) if after.first_response_at else None,
            "resolved_at": iso(after.resolved_at) if after.resolved_at else None})
