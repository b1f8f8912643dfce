"""Buku register surat keluar for a period: every number (incl. BATAL and manual entries), and the
counts per service or letter type and per day."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from desktop.models.reports.period import ReportPeriod

TERBIT, BATAL = "terbit", "batal"
MANUAL_SUFFIX = " (dicatat manual)"


@dataclass(frozen=True)
class RegisterLine:
    seq: int
    number: str
    letter_date: str
    classification: str
    subject: str
    recipient: str
    signer_name: str
    status: str  # terbit | batal
    void_reason: str
    manual: bool
    service_name: str  # the service of the application; "" for a letter recorded by hand

    @property
    def kind(self) -> str:
        """What the counts group by: the service, or for a manual entry its subject."""
        return self.service_name or (self.subject.strip().upper() + MANUAL_SUFFIX)

    @property
    def status_text(self) -> str:
        return "BATAL" if self.status == BATAL else "TERBIT"


@dataclass(frozen=True)
class LetterCount:
    kind: str
    issued: int  # numbers given, whatever their status now
    voided: int
    manual: int

    @property
    def valid(self) -> int:
        return self.issued - self.voided


@dataclass(frozen=True)
class BucketCount:
    key: str
    label: str
    issued: int
    voided: int
    manual: int


def register_lines(db: Database, period: ReportPeriod) -> list[RegisterLine]:
    """Ordered as the book is: by year, counter and number, so the same data gives the same report."""
    rows = db.execute(
        "SELECT r.seq, r.number, r.letter_date, r.classification, r.subject, r.recipient, r.signer_name, r.status, "
        "coalesce(r.void_reason, ''), r.manual, coalesce(a.service_name, '') FROM register r "
        "LEFT JOIN applications a ON a.id = r.application_id "
        "WHERE r.letter_date >= ? AND r.letter_date <= ? ORDER BY r.year, r.scope, r.seq, r.id",
        [period.start.isoformat(), period.end.isoformat()]).fetchall()
    return [RegisterLine(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]), r[10]) for r in rows]


def letters_by_kind(lines: list[RegisterLine]) -> list[LetterCount]:
    """Most letters first; ties by name, so the order never depends on the database's."""
    tally: dict[str, list[int]] = {}
    for line in lines:
        counts = tally.setdefault(line.kind, [0, 0, 0])
        counts[0] += 1
        counts[1] += line.status == BATAL
        counts[2] += line.manual
    rows = [LetterCount(kind, *counts) for kind, counts in tally.items()]
    return sorted(rows, key=lambda r: (-r.issued, r.kind))


def letters_by_bucket(lines: list[RegisterLine], period: ReportPeriod) -> list[BucketCount]:
    """Per day (monthly report) or per month (semester, year); empty days are kept as zero bars."""
    tally: dict[str, list[int]] = {b.key: [0, 0, 0] for b in period.buckets()}
    for line in lines:
        counts = tally.get(period.bucket_key(line.letter_date))
        if counts is not None:
            counts[0] += 1
            counts[1] += line.status == BATAL
            counts[2] += line.manual
    return [BucketCount(b.key, b.label, *tally[b.key]) for b in period.buckets()]


def total(counts: list[LetterCount]) -> LetterCount:
    return LetterCount("Jumlah", sum(c.issued for c in counts), sum(c.voided for c in counts),
                       sum(c.manual for c in counts))
