"""The notification outbox: every message to a citizen, its state and its retries.

A message is written in the transaction of the step that causes it, so "Siap Diambil" and its
SMS are saved together or not at all. Sending happens later, from the modem worker; a message
counts as *terkirim* only when the modem returned a reference, and *diterima* only when the
network's delivery report for that reference came back (some cheap SMS gateways call a row
"inserted into the outbox" sent — here that is *antre*).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from desktop.models import audit
from desktop.models.clock import Clock, iso
from desktop.models.db import transaction
from desktop.models.errors import ValidationError
from desktop.models.ids import new_uuid
from desktop.models.users.accounts import User, require
from desktop.models.users.roles import Permission

STATES = ("antre", "terkirim", "diterima", "gagal")
STATE_LABELS = {"antre": "Antre", "terkirim": "Terkirim", "diterima": "Diterima", "gagal": "Gagal"}
MAX_ATTEMPTS = 5
REPORT_WINDOW = timedelta(days=3)  # delivery reports older than this cannot match a (reused) reference


def backoff(attempts: int) -> timedelta:
    """Wait before the next try: 1, 2, 4, 8… minutes, at most an hour."""
    return timedelta(minutes=min(60, 2 ** max(0, attempts - 1)))


@dataclass(frozen=True)
class Notification:
    id: str
    application_id: str | None
    application_number: str
    reason: str
    phone: str
    text: str
    state: str
    attempts: int
    next_attempt_at: datetime
    last_error: str
    modem_ref: int | None
    created_at: datetime
    sent_at: datetime | None
    delivered_at: datetime | None

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


COLUMNS = ["id", "application_id", "application_number", "reason", "phone", "text", "state", "attempts",
           "next_attempt_at", "last_error", "modem_ref", "created_at", "sent_at", "delivered_at"]


def _from_row(r: tuple) -> Notification:
    d = dict(zip(COLUMNS, r))
    for key in ("next_attempt_at", "created_at", "sent_at", "delivered_at"):
        d[key] = datetime.fromisoformat(d[key]) if d[key] else None
    return Notification(**d)


def queue_in_transaction(db: Database, clock: Clock, office_code: str, *, phone: str, text: str, reason: str,
                         trigger_key: str, application_id: str | None = None, application_number: str = "") -> bool:
    """Add a message (inside the caller's transaction); False when this trigger already queued one."""
    now = iso(clock.now())
    cursor = db.execute(
        "INSERT OR IGNORE INTO notifications (id, office_code, application_id, application_number, reason, phone, "
        "text, next_attempt_at, created_at, trigger_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [new_uuid(), office_code, application_id, application_number, reason, phone, text, now, now, trigger_key])
    return cursor.rowcount == 1


class NotificationOutbox:
    def __init__(self, db: Database, clock: Clock, office_code: str = "") -> None:
        self.db, self.clock, self.office_code = db, clock, office_code

    # --- reading -------------------------------------------------------------------------
    def list(self, state: str | None = None, limit: int = 500) -> list[Notification]:
        where, args = ("WHERE state = ?", [state]) if state else ("", [])
        rows = self.db.execute(f"SELECT {', '.join(COLUMNS)} FROM notifications {where} ORDER BY created_at DESC, "
                               f"rowid DESC LIMIT ?", [*args, limit]).fetchall()
        return [_from_row(r) for r in rows]

    def get(self, notification_id: str) -> Notification:
        row = self.db.execute(f"SELECT {', '.join(COLUMNS)} FROM notifications WHERE id = ?",
                              [notification_id]).fetchone()
        if row is None:
            raise ValidationError("Pesan tidak ditemukan.")
        return _from_row(row)

    def for_application(self, app_id: str) -> list[Notification]:
        rows = self.db.execute(f"SELECT {', '.join(COLUMNS)} FROM notifications WHERE application_id = ? "
                               "ORDER BY created_at, rowid", [app_id]).fetchall()
        return [_from_row(r) for r in rows]

    def due(self, limit: int = 20) -> list[Notification]:
        rows = self.db.execute(f"SELECT {', '.join(COLUMNS)} FROM notifications WHERE state = 'antre' AND "
                               "next_attempt_at <= ? ORDER BY next_attempt_at, rowid LIMIT ?",
                               [iso(self.clock.now()), limit]).fetchall()
        return [_from_row(r) for r in rows]

    def counts(self) -> dict[str, int]:
        found = dict(self.db.execute("SELECT state, count(*) FROM notifications GROUP BY state").fetchall())
        return {s: found.get(s, 0) for s in STATES}

    # --- the modem worker reports --------------------------------------------------------
    def mark_sent(self, notification_id: str, modem_ref: int | None) -> None:
        with transaction(self.db):
            self.db.execute("UPDATE notifications SET state = 'terkirim', modem_ref = ?, sent_at = ?, "
                            "attempts = attempts + 1, last_error = '' WHERE id = ? AND state = 'antre'",
                            [modem_ref, iso(self.clock.now()), notification_id])

    def mark_attempt_failed(self, notification_id: str, error: str, *, permanent: bool = False) -> None:
        """A try that did not go out: back in the queue after a pause, or gagal after MAX_ATTEMPTS."""
        with transaction(self.db):
            row = self.db.execute("SELECT attempts FROM notifications WHERE id = ? AND state = 'antre'",
                                  [notification_id]).fetchone()
            if row is None:
                return
            attempts = row[0] + 1
            state = "gagal" if permanent or attempts >= MAX_ATTEMPTS else "antre"
            self.db.execute("UPDATE notifications SET attempts = ?, state = ?, last_error = ?, next_attempt_at = ? "
                            "WHERE id = ?", [attempts, state, error[:500],
                                             iso(self.clock.now() + backoff(attempts)), notification_id])

    def mark_delivery_report(self, modem_ref: int, delivered: bool, detail: str = "") -> bool:
        """A +CDS status report: the newest recent message with that reference is diterima (or gagal)."""
        since = iso(self.clock.now() - REPORT_WINDOW)
        with transaction(self.db):
            row = self.db.execute("SELECT id FROM notifications WHERE modem_ref = ? AND state = 'terkirim' AND "
                                  "sent_at >= ? ORDER BY sent_at DESC, rowid DESC LIMIT 1",
                                  [modem_ref, since]).fetchone()
            if row is None:
                return False
            if delivered:
                self.db.execute("UPDATE notifications SET state = 'diterima', delivered_at = ? WHERE id = ?",
                                [iso(self.clock.now()), row[0]])
            else:
                self.db.execute("UPDATE notifications SET state = 'gagal', last_error = ? WHERE id = ?",
                                [f"Laporan jaringan: tidak sampai ke nomor tujuan {detail}".strip(), row[0]])
        return True

    # --- people ----------------------------------------------------------------------------
    def retry(self, notification_id: str, user: User) -> None:
        """Put a failed (or still queued) message back to be sent now."""
        user = require(user, Permission.SEND_NOTIFICATIONS, db=self.db)
        with transaction(self.db):
            current = self.get(notification_id)
            if current.state not in ("gagal", "antre"):
                raise ValidationError(f"Pesan ini sudah {current.state_label.lower()}; tidak perlu dikirim ulang.")
            self.db.execute("UPDATE notifications SET state = 'antre', attempts = 0, next_attempt_at = ?, "
                            "last_error = '' WHERE id = ?", [iso(self.clock.now()), notification_id])
            audit.record(self.db, self.clock, user.actor(), "notification.retry", "notification", notification_id,
                         office_code=self.office_code, before={"state": current.state}, after={"state": "antre"})

    def queue_test(self, phone: str, office_name: str, user: User) -> str:
        from desktop.models.notifications.phone import normalise_phone
        from desktop.models.notifications.texts import TEST, test_text

        user = require(user, Permission.SEND_NOTIFICATIONS, db=self.db)
        number = normalise_phone(phone)
        if not number:
            raise ValidationError("Isi nomor HP tujuan uji kirim.")
        key = f"uji:{new_uuid()}"
        with transaction(self.db):
            queue_in_transaction(self.db, self.clock, self.office_code, phone=number, text=test_text(office_name),
                                 reason=TEST, trigger_key=key)
            audit.record(self.db, self.clock, user.actor(), "notification.test", "notification", key,
                         office_code=self.office_code, after={"phone": number})
        return key
