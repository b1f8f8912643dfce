"""Applications (permohonan): what was asked, by whom, under which standard, and where it stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from desktop.models import jsonutil
from desktop.models.applications.status import CLOSED, Status
from desktop.models.applications.step_kinds import StepKind
from desktop.models.applications.workflow import StepState, WorkStep


@dataclass
class Applicant:
    """Who applies: a resident, a foreign national, a desa (its Kepala Desa/Ketua BPD) or an institution."""

    kind: str  # penduduk | wna | desa | lembaga | umum
    name: str
    nik: str = ""
    resident_id: str | None = None
    document: str = ""  # passport/KITAS number for a WNA, letter number for a desa or lembaga
    address: str = ""
    representative: str = ""  # who comes to the counter for a desa/lembaga
    phone: str = ""
    details: dict[str, Any] = field(default_factory=dict)  # the resident's data at intake, for the letter


@dataclass
class RequirementCheck:
    idx: int
    text: str
    required: bool
    received: bool = False
    copy_kind: str = ""  # asli | fotokopi
    note: str = ""
    attachment: str = ""


@dataclass
class Application:
    id: str
    number: str
    office_code: str
    service_id: str
    service_name: str
    service_version: int
    standard: dict[str, Any]
    applicant: Applicant
    fields: dict[str, Any]
    status: Status
    active_step: int | None
    received_at: datetime
    due_at: datetime | None
    completed_at: datetime | None
    handed_over_at: datetime | None
    closed_reason: str | None
    created_by: str
    steps: list[WorkStep] = field(default_factory=list)
    requirements: list[RequirementCheck] = field(default_factory=list)

    @property
    def current(self) -> WorkStep | None:
        return None if self.active_step is None else self.steps[self.active_step]


@dataclass(frozen=True)
class Event:
    at: datetime
    user_name: str
    role: str
    action: str
    step_idx: int | None
    from_status: str | None
    to_status: str
    note: str


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


STEP_COLUMNS = ["idx", "kind", "roles", "actor", "action", "returns_to", "needs_pin", "auto", "external", "also",
                "state", "started_at", "finished_at", "done_by", "done_by_name", "done_role", "note", "confirm"]


class ApplicationReader:
    """Read side: one application in full, searches, history."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, app_id: str) -> Application:
        from desktop.models.errors import ValidationError

        row = self._row("id = ?", app_id)
        if row is None:
            raise ValidationError("Permohonan tidak ditemukan.")
        return self._load(row)

    def by_number(self, number: str) -> Application | None:
        row = self._row("number = ?", number.strip())
        return self._load(row) if row else None

    def by_request_key(self, key: str) -> Application | None:
        row = self._row("request_key = ?", key)
        return self._load(row) if row else None

    def has_letter(self, app_id: str) -> bool:
        """A letter to print: signed here (register), or signed at the kecamatan and sent down."""
        return self.db.execute("SELECT 1 FROM register WHERE application_id = ? UNION ALL SELECT 1 FROM "
                               "received_letters WHERE application_id = ? LIMIT 1", [app_id, app_id]).fetchone() \
            is not None

    def request_key(self, app_id: str) -> str | None:
        row = self.db.execute("SELECT request_key FROM applications WHERE id = ?", [app_id]).fetchone()
        return row[0] if row else None

    def _row(self, where: str, value: str) -> dict | None:
        rows = list(self.db["applications"].rows_where(where, [value], limit=1))
        return rows[0] if rows else None

    def _load(self, row: dict) -> Application:
        steps = []
        for r in self.db.execute(f"SELECT {', '.join(STEP_COLUMNS)} FROM application_steps WHERE application_id = ? "
                                 "ORDER BY idx", [row["id"]]):
            d = dict(zip(STEP_COLUMNS, r))
            d["roles"], d["also"] = jsonutil.loads(d["roles"]), [StepKind(a) for a in jsonutil.loads(d["also"])]
            d["kind"], d["state"] = StepKind(d["kind"]), StepState(d["state"])
            d["needs_pin"], d["auto"], d["external"] = bool(d["needs_pin"]), bool(d["auto"]), bool(d["external"])
            steps.append(WorkStep(**d))
        reqs = [RequirementCheck(idx=r[0], text=r[1], required=bool(r[2]), received=bool(r[3]), copy_kind=r[4],
                                 note=r[5], attachment=r[6])
                for r in self.db.execute("SELECT idx, text, required, received, copy_kind, note, attachment "
                                         "FROM application_requirements WHERE application_id = ? ORDER BY idx",
                                         [row["id"]])]
        applicant = Applicant(**jsonutil.loads(row["applicant"]))
        return Application(
            id=row["id"], number=row["number"], office_code=row["office_code"], service_id=row["service_id"],
            service_name=row["service_name"], service_version=row["service_version"],
            standard=jsonutil.loads(row["standard"]), applicant=applicant, fields=jsonutil.loads(row["fields"]),
            status=Status(row["status"]), active_step=row["active_step"], received_at=_dt(row["received_at"]),
            due_at=_dt(row["due_at"]), completed_at=_dt(row["completed_at"]),
            handed_over_at=_dt(row["handed_over_at"]), closed_reason=row["closed_reason"],
            created_by=row["created_by"], steps=steps, requirements=reqs)

    def history(self, app_id: str) -> list[Event]:
        rows = self.db.execute("SELECT at, user_name, role, action, step_idx, from_status, to_status, note "
                               "FROM application_events WHERE application_id = ? ORDER BY seq", [app_id])
        return [Event(_dt(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in rows]

    def find(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """By application number, NIK or part of the applicant's name; newest first."""
        q = query.strip()
        if q.upper().startswith("PERMOHONAN:"):  # the QR on a tanda terima, read by a scanner
            q = q.split(":", 1)[1].strip()
        if len(q) == 36 and q.count("-") == 4:  # a queue ticket's QR: the application it led to
            row = self.db.execute("SELECT application_id FROM queue_tickets WHERE id = ?", [q]).fetchone()
            q_id = row[0] if row and row[0] else q
            sql, args = "id = ?", [q_id]
        elif not q:
            sql, args = "1 = 1", []
        elif q.isdigit() and len(q) == 16:
            sql, args = "applicant_nik = ?", [q]  # the (NIK, received) index gives the newest first directly
        elif q.isdigit() and len(q) >= 6 and "-" not in q:
            # The start of a NIK as a range, not LIKE (case-blind LIKE cannot use the index).
            sql, args = "applicant_nik >= ? AND applicant_nik < ?", [q, q[:-1] + chr(ord(q[-1]) + 1)]
        else:
            sql, args = "(number = ? OR applicant_name LIKE ?)", [q, f"%{q.upper()}%"]
        # The newest matches are chosen on the index (rowid and date) before any row is read.
        rows = self.db.execute(
            f"SELECT id, number, service_name, applicant_name, applicant_nik, status, received_at, due_at "
            f"FROM applications WHERE rowid IN (SELECT rowid FROM applications WHERE {sql} "
            f"ORDER BY received_at DESC LIMIT ?) ORDER BY received_at DESC", [*args, limit])
        keys = ["id", "number", "service_name", "applicant_name", "applicant_nik", "status", "received_at", "due_at"]
        return [dict(zip(keys, r)) for r in rows]

    def day_list(self, day: str) -> list[dict[str, Any]]:
        """Applications received on `day` (ISO date), drafts excluded, in the order they came in."""
        rows = self.db.execute(
            "SELECT number, service_name, applicant_name, status, received_at, due_at, completed_at "
            "FROM applications WHERE substr(received_at, 1, 10) = ? AND status != 'draf' ORDER BY received_at",
            [day])
        keys = ["number", "service_name", "applicant_name", "status", "received_at", "due_at", "completed_at"]
        return [dict(zip(keys, r)) for r in rows]

    def open_for(self, nik: str, service_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT number, status FROM applications WHERE applicant_nik = ? AND service_id = ? "
            "AND status NOT IN (?, ?, ?)", [nik, service_id, *(c.value for c in CLOSED)])
        return [{"number": r[0], "status": r[1]} for r in rows]

    def recent_done_for(self, nik: str, service_id: str, since: datetime) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT number, completed_at FROM applications WHERE applicant_nik = ? AND service_id = ? "
            "AND completed_at IS NOT NULL AND completed_at >= ? AND status IN (?, ?)",
            [nik, service_id, since.isoformat(timespec="seconds"), Status.SIAP_DIAMBIL.value, Status.DIAMBIL.value])
        return [{"number": r[0], "completed_at": r[1]} for r in rows]
