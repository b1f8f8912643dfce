"""The kecamatan's roll-up of its kelurahan for a month: who reported and who did not, and the
figures of the reports that arrived, summed per kelurahan and per service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from desktop.models.reports.arrivals import Arrival, ArrivalCell, arrival_matrix, arrivals, enrolled_since
from desktop.models.reports.letters import LetterCount
from desktop.models.reports.pack import ReportSigner, office_signer
from desktop.models.reports.period import ReportPeriod
from desktop.models.settings import OfficeProfile, SettingsRepository


@dataclass(frozen=True)
class OfficeLine:
    code: str
    name: str
    arrival: Arrival | None


@dataclass(frozen=True)
class ServiceSum:
    service: str
    received: int = 0
    finished: int = 0
    rejected: int = 0
    cancelled: int = 0
    open_at_end: int = 0
    on_time: int = 0
    late: int = 0
    open_late: int = 0


@dataclass(frozen=True)
class Rollup:
    period: ReportPeriod
    profile: OfficeProfile
    signer: ReportSigner
    as_of: str
    sign_date: date
    offices: list[OfficeLine]
    matrix: dict[str, list[ArrivalCell]]  # January .. the period's month
    letters_by_kind: list[LetterCount]
    services: list[ServiceSum]

    @property
    def missing(self) -> list[OfficeLine]:
        return [o for o in self.offices if o.arrival is None]


def kelurahan_offices(db: Database) -> list[tuple[str, str]]:
    """The kelurahan enrolled to send here (code, name), in code order."""
    rows = db.execute("SELECT office_code, name FROM sync_peers WHERE role = 'kelurahan' AND active = 1 "
                      "ORDER BY office_code").fetchall()
    return [(r[0], r[1] or r[0]) for r in rows]


def build_rollup(db: Database, settings: SettingsRepository, period: ReportPeriod) -> Rollup:
    profile: OfficeProfile = settings.get(OfficeProfile)
    offices = kelurahan_offices(db)
    found = arrivals(db, period)
    as_of = max((a.received_at[:19] for a in found.values()), default=f"{period.end.isoformat()}T23:59:59")
    lines = [OfficeLine(code, name, found.get(code)) for code, name in offices]
    # Reports from an office no longer enrolled still count: they arrived signed by it.
    lines += [OfficeLine(code, a.report.office_name, a) for code, a in sorted(found.items())
              if code not in {c for c, _n in offices}]
    matrix = {code: cells[: period.index] for code, cells in
              arrival_matrix(db, [o.code for o in lines], period.year, as_of, enrolled_since(db)).items()}
    return Rollup(period=period, profile=profile, signer=office_signer(db, profile), as_of=as_of,
                  sign_date=max(period.end, date.fromisoformat(as_of[:10])), offices=lines, matrix=matrix,
                  letters_by_kind=_letters(found.values()), services=_services(found.values()))


def _letters(reports: object) -> list[LetterCount]:
    tally: dict[str, list[int]] = {}
    for a in reports:  # type: ignore[attr-defined]
        for kind, issued, voided, manual in a.report.letters_by_kind:
            counts = tally.setdefault(kind, [0, 0, 0])
            counts[0] += issued
            counts[1] += voided
            counts[2] += manual
    return sorted((LetterCount(k, *c) for k, c in tally.items()), key=lambda c: (-c.issued, c.kind))


def _services(reports: object) -> list[ServiceSum]:
    tally: dict[str, list[int]] = {}
    for a in reports:  # type: ignore[attr-defined]
        for name, received, finished, rejected, cancelled, open_end in a.report.applications:
            c = tally.setdefault(name, [0] * 8)
            for i, v in enumerate((received, finished, rejected, cancelled, open_end)):
                c[i] += v
        for row in a.report.sla:
            c = tally.setdefault(row[0], [0] * 8)
            c[5] += row[4]
            c[6] += row[5]
            c[7] += row[7]
    out = [ServiceSum(name, *c) for name, c in tally.items()]
    return sorted(out, key=lambda s: (-s.received, s.service))


def arrivals_overview(db: Database, year: int, today_iso: str) -> list[tuple[str, str, list[ArrivalCell]]]:
    """Per enrolled kelurahan: January..December of `year`, arrived or missing (the screen's grid)."""
    offices = kelurahan_offices(db)
    matrix = arrival_matrix(db, [code for code, _n in offices], year, today_iso, enrolled_since(db))
    return [(code, name, matrix[code]) for code, name in offices]
