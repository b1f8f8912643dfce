"""The kelurahan's complaints as the kecamatan sees them: state and deadlines, never the complainant.

Each kelurahan sends every change of a complaint as a "complaint" record (register.py writes it to
the outbox; sync/record_schemas.py checks its shape on arrival). The receiving office keeps the
latest state of each in `sync_mirror`, as sent. This reads those rows for the kecamatan's
Pengaduan screen: each kelurahan's complaints, and per office how many are open, late, resolved.
A row that does not read as a complaint (damaged, or from a newer version) is skipped, never
guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from desktop.models import jsonutil
from desktop.models.complaints.categories import CATEGORIES, OPEN_STATUSES, STATUS_LABELS

ENTITY = "complaint"
_CATEGORY_LABELS = {c.key: c.label for c in CATEGORIES}


@dataclass(frozen=True)
class KelurahanComplaint:
    office_code: str
    number: str
    received_at: datetime
    category: str
    subject: str
    status: str
    first_response_due: datetime | None
    resolution_due: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def category_label(self) -> str:
        return _CATEGORY_LABELS.get(self.category, self.category)

    def late(self, now: datetime) -> bool:
        """Open and past a deadline (the same rule as the kelurahan's own register)."""
        if not self.is_open:
            return False
        past_resolution = self.resolution_due is not None and now > self.resolution_due
        unanswered = self.first_response_at is None and self.first_response_due is not None \
            and now > self.first_response_due
        return past_resolution or unanswered

    def resolved_late(self) -> bool:
        return (not self.is_open and self.resolved_at is not None and self.resolution_due is not None
                and self.resolved_at > self.resolution_due)


@dataclass(frozen=True)
class OfficeComplaints:
    office_code: str
    received: int
    open: int
    late: int
    resolved: int
    resolved_late: int


def kelurahan_complaints(db: Database, *, office_code: str | None = None) -> list[KelurahanComplaint]:
    """Every complaint that arrived from the offices below, newest first (one office's with `office_code`)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sync_mirror'").fetchone() is None:
        return []
    sql = "SELECT office_code, payload FROM sync_mirror WHERE entity = ? AND op != 'delete'"
    args: list[str] = [ENTITY]
    if office_code is not None:
        sql += " AND office_code = ?"
        args.append(office_code)
    found = [c for c in (_read(office, payload) for office, payload in db.execute(sql, args)) if c is not None]
    return sorted(found, key=lambda c: (c.received_at, c.office_code, c.number), reverse=True)


def per_office(complaints: list[KelurahanComplaint], now: datetime) -> list[OfficeComplaints]:
    offices = sorted({c.office_code for c in complaints})
    return [OfficeComplaints(
        office_code=office,
        received=sum(1 for c in complaints if c.office_code == office),
        open=sum(1 for c in complaints if c.office_code == office and c.is_open),
        late=sum(1 for c in complaints if c.office_code == office and c.late(now)),
        resolved=sum(1 for c in complaints if c.office_code == office and not c.is_open),
        resolved_late=sum(1 for c in complaints if c.office_code == office and c.resolved_late()),
    ) for office in offices]


def _read(office: str, payload: str) -> KelurahanComplaint | None:
    try:
        data = jsonutil.loads(payload)
        return KelurahanComplaint(
            office_code=office, number=str(data["number"]), received_at=_when(data["received_at"]),
            category=str(data.get("category") or ""), subject=str(data.get("subject") or ""),
            status=str(data.get("status") or ""),
            first_response_due=_when(data.get("first_response_due")), resolution_due=_when(data.get("resolution_due")),
            first_response_at=_when(data.get("first_response_at")), resolved_at=_when(data.get("resolved_at")))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _when(value: object) -> datetime | None:
    if value in (None, ""):
        return None
    moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise ValueError("a time without its zone")  # never compared against the office's aware clock
    return moment


def office_names(db: Database) -> dict[str, str]:
    """The enrolled kelurahan's names by office code (the code itself where no name was given)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sync_peers'").fetchone() is None:
        return {}
    return {code: name or code for code, name in db.execute("SELECT office_code, name FROM sync_peers")}
