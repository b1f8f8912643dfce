"""Sending a month's report to the kecamatan: one transaction records the send, its audit entry and
the outbox record that carries it (in the next sync batch, signed and sealed like every record).

Only a month that has ended can be sent, and only by the head of office, a secretary or the admin.
Sending again sends a new revision only when the figures changed since the last one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop.models import audit, outbox
from desktop.models.clock import Clock, iso
from desktop.models.db import transaction
from desktop.models.errors import ValidationError
from desktop.models.reports import travel
from desktop.models.reports.period import PeriodKind, ReportPeriod
from desktop.models.users.accounts import User, require
from desktop.models.users.roles import Permission


@dataclass(frozen=True)
class SendResult:
    period: str
    revision: int
    sent: bool  # False: the same figures were sent before, nothing new travels
    message: str


def last_send(db: Database, period: str) -> tuple[int, str] | None:
    row = db.execute("SELECT revision, digest FROM report_sends WHERE period = ? ORDER BY revision DESC LIMIT 1",
                     [period]).fetchone()
    return (row[0], row[1]) if row else None


def sent_periods(db: Database) -> dict[str, tuple[int, str]]:
    """Latest revision and when it was sent, per month."""
    rows = db.execute("SELECT period, max(revision), max(sent_at) FROM report_sends GROUP BY period").fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def check_can_send(user: User, period: ReportPeriod, clock: Clock, db: Database | None = None) -> User:
    """The signed-in sender as the database knows them (their session verified), if they may send."""
    verified = require(user, Permission.SEND_REPORTS, db=db)
    if period.kind != PeriodKind.MONTH:
        raise ValidationError("Yang dikirim ke kecamatan adalah laporan bulanan.")
    if not period.has_ended(clock.now().date()):
        raise ValidationError(f"Laporan {period.label} belum dapat dikirim: bulannya belum berakhir.")
    return verified


def record_send(db: Database, clock: Clock, user: User, office_code: str, period: ReportPeriod,
                data: dict[str, Any], pdf: bytes, xlsx: bytes) -> SendResult:
    """`data` is travel.figures(pack); the PDF and XLSX are the pack as rendered for this send."""
    user = check_can_send(user, period, clock, db)
    fingerprint = travel.digest(data)
    with transaction(db):
        last = last_send(db, period.key)
        if last is not None and last[1] == fingerprint:
            return SendResult(period.key, last[0], False, f"Laporan {period.label} sudah terkirim (revisi "
                                                          f"{last[0]}) dan angkanya tidak berubah.")
        revision = (last[0] if last else 0) + 1
        payload = travel.with_files(data, revision, pdf, xlsx)
        db["report_sends"].insert({"period": period.key, "revision": revision, "digest": fingerprint,
                                   "pdf_sha256": payload["pdf_sha256"], "xlsx_sha256": payload["xlsx_sha256"],
                                   "sent_at": iso(clock.now()), "sent_by": user.full_name})
        audit.record(db, clock, user.actor(), "report.send", "report", period.key, office_code=office_code,
                     after={"revision": revision, "digest": fingerprint, "pdf_sha256": payload["pdf_sha256"]})
        outbox.append(db, clock, office_code, travel.ENTITY, period.key, travel.OP_SENT, payload)
    word = "dikirim" if revision == 1 else f"dikirim ulang (revisi {revision}, angkanya berubah)"
    return SendResult(period.key, revision, True, f"Laporan {period.label} {word}; berangkat bersama "
                                                  "sinkronisasi berikutnya ke kecamatan.")
