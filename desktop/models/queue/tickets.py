"""The walk-in queue (antrean): daily numbered tickets per group, called by counters.

All state is in SQLite, so an app restarted mid-day carries on where it was. A number is
allocated by one INSERT … SELECT inside the issuing transaction and guarded by
UNIQUE(day, group_code, seq): no number is issued twice on one day.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from desktop.models import audit, jsonutil
from desktop.models.clock import Clock, iso
from desktop.models.db import transaction
from desktop.models.errors import ValidationError
from desktop.models.ids import new_uuid
from desktop.models.queue import stats as queue_stats
from desktop.models.queue.config import Counter, QueueConfig, QueueError, QueueGroup
from desktop.models.queue.records import (
    Call,
    IssueResult,
    NoCurrentTicket,
    QueueEmpty,
    Ticket,
    TicketStatus,
    ticket_from_row,
)
from desktop.models.queue.stats import GroupStats

__all__ = ["Call", "Counter", "IssueResult", "NoCurrentTicket", "QueueEmpty", "QueueError", "QueueGroup",
           "QueueService", "Ticket", "TicketStatus"]


_ALLOCATE = """
WITH next AS (SELECT coalesce(max(seq), 0) + 1 AS seq FROM queue_tickets WHERE day = :day AND group_code = :grp)
INSERT INTO queue_tickets (id, office_code, day, group_code, seq, number, arrival, status, issued_at,
                           application_id, transferred_from)
SELECT :id, :office, :day, :grp, next.seq, printf('%s-%03d', :grp, next.seq),
       coalesce(:arrival, (SELECT coalesce(max(arrival), 0) + 1 FROM queue_tickets WHERE day = :day)),
       'waiting', :now, :app, :src
FROM next
"""


class QueueService:
    """Issue, call, recall, skip, restore, transfer and finish tickets; each action is logged."""

    def __init__(self, db: Database, clock: Clock, office_code: str = "") -> None:
        self.db = db
        self.clock = clock
        self.config = QueueConfig(db, clock, office_code)

    @property
    def office_code(self) -> str:
        return self.config.office_code

    @office_code.setter
    def office_code(self, code: str) -> None:
        self.config.office_code = code

    # --- configuration (audited in QueueConfig) --------------------------------------------
    def save_group(self, code: str, label: str, service_ids: list[str], actor: audit.Actor,
                   *, active: bool = True) -> QueueGroup:
        actor = _authorized(actor, "configure_queue", self.db)
        return self.config.save_group(code, label, service_ids, actor, active=active)

    def groups(self, include_inactive: bool = False) -> list[QueueGroup]:
        return self.config.groups(include_inactive)

    def save_counter(self, number: int, name: str, group_codes: list[str], actor: audit.Actor,
                     *, active: bool = True) -> Counter:
        actor = _authorized(actor, "configure_queue", self.db)
        return self.config.save_counter(number, name, group_codes, actor, active=active)

    def counters(self, include_inactive: bool = False) -> list[Counter]:
        return self.config.counters(include_inactive)

    # --- actions ---------------------------------------------------------------------------
    def issue(self, group_code: str, actor: audit.Actor) -> IssueResult:
        actor = _authorized(actor, "manage_queue", self.db)
        group = self._active_group(group_code)
        with transaction(self.db):
            ticket = self._allocate(group.code, arrival=None, source=None)
            self._event(ticket, "issue", actor)
            ahead = self._ahead(ticket)
        minutes, text = queue_stats.estimate(ahead, self._median(group.code))
        return IssueResult(ticket, ahead, minutes, text)

    def call_next(self, counter_id: str, actor: audit.Actor) -> Ticket:
        """Finish this counter's current ticket, then call the oldest waiting one it serves."""
        actor = _authorized(actor, "manage_queue", self.db)
        counter = self._active_counter(counter_id)
        with transaction(self.db):
            self._close_current(counter, TicketStatus.DONE, "finish", actor)
            marks = ", ".join("?" * len(counter.group_codes))
            row = self._first("SELECT * FROM queue_tickets WHERE day = ? AND status = 'waiting' "
                              f"AND group_code IN ({marks}) ORDER BY arrival, rowid LIMIT 1",
                              [self.today(), *counter.group_codes])
            if row is not None:
                self.db.execute("UPDATE queue_tickets SET status = 'called', called_at = ?, counter_id = ?, "
                                "call_count = call_count + 1 WHERE id = ?", [self._now(), counter.id, row["id"]])
                called = self.ticket(row["id"])
                self._event(called, "call", actor, counter.id)
        # Raised after commit: the finished ticket stays finished even when nobody is waiting.
        if row is None:
            raise QueueEmpty(f"Tidak ada antrean yang menunggu untuk loket {counter.number}.")
        return called

    def recall(self, counter_id: str, actor: audit.Actor) -> Ticket:
        actor = _authorized(actor, "manage_queue", self.db)
        counter = self.config.counter(counter_id)
        with transaction(self.db):
            ticket = self._require_current(counter)
            self.db.execute("UPDATE queue_tickets SET call_count = call_count + 1 WHERE id = ?", [ticket.id])
            self._event(ticket, "recall", actor, counter.id)
        return self.ticket(ticket.id)

    def skip(self, counter_id: str, actor: audit.Actor) -> Ticket:
        """The called citizen did not come: set the ticket aside (it can be restored today)."""
        actor = _authorized(actor, "manage_queue", self.db)
        counter = self.config.counter(counter_id)
        with transaction(self.db):
            ticket = self._require_current(counter)
            self._close_current(counter, TicketStatus.SKIPPED, "skip", actor)
        return self.ticket(ticket.id)

    def finish(self, counter_id: str, actor: audit.Actor) -> Ticket:
        actor = _authorized(actor, "manage_queue", self.db)
        counter = self.config.counter(counter_id)
        with transaction(self.db):
            ticket = self._require_current(counter)
            self._close_current(counter, TicketStatus.DONE, "finish", actor)
        return self.ticket(ticket.id)

    def restore(self, ticket_id: str, actor: audit.Actor) -> Ticket:
        """A skipped citizen turned up: back into the line with the same number and place."""
        actor = _authorized(actor, "manage_queue", self.db)
        with transaction(self.db):
            ticket = self._today_ticket(ticket_id, {TicketStatus.SKIPPED}, "dipulihkan")
            self.db.execute("UPDATE queue_tickets SET status = 'waiting', called_at = NULL, counter_id = NULL "
                            "WHERE id = ?", [ticket.id])
            self._event(ticket, "restore", actor, ticket.counter_id)
        return self.ticket(ticket_id)

    def transfer(self, ticket_id: str, group_code: str, actor: audit.Actor) -> Ticket:
        """Move a ticket to another group's line as a new number that keeps the old place."""
        actor = _authorized(actor, "manage_queue", self.db)
        target = self._active_group(group_code)
        with transaction(self.db):
            old = self._today_ticket(ticket_id, {TicketStatus.WAITING, TicketStatus.CALLED,
                                                 TicketStatus.SKIPPED}, "dialihkan")
            if old.group_code == target.code:
                raise QueueError(f"Antrean {old.number} sudah berada di kelompok {target.code}.")
            self.db.execute("UPDATE queue_tickets SET status = 'transferred', finished_at = ? WHERE id = ?",
                            [self._now(), old.id])
            new = self._allocate(target.code, arrival=old.arrival, source=old)
            self._event(old, "transfer", actor, old.counter_id, to=new.number, to_ticket=new.id)
            self._event(new, "transfer_in", actor, **{"from": old.number, "from_ticket": old.id})
        return new

    def link_application(self, ticket_id: str, application_id: str, actor: audit.Actor) -> Ticket:
        """Note which application (permohonan) this visit led to."""
        actor = _authorized(actor, "manage_queue", self.db)
        try:
            application_id = str(uuid.UUID(application_id))
        except (ValueError, AttributeError, TypeError):
            raise ValidationError("Nomor permohonan tidak sah.") from None
        with transaction(self.db):
            ticket = self.ticket(ticket_id)
            if ticket.status not in (TicketStatus.CALLED, TicketStatus.DONE):
                raise QueueError(f"Antrean {ticket.number} belum dipanggil; belum dapat dikaitkan "
                                 "dengan permohonan.")
            self.db.execute("UPDATE queue_tickets SET application_id = ? WHERE id = ?",
                            [application_id, ticket_id])
            self._event(ticket, "link", actor, ticket.counter_id, application_id=application_id,
                        before=ticket.application_id)
        return self.ticket(ticket_id)

    # --- reading ---------------------------------------------------------------------------
    def today(self) -> str:
        return self.clock.now().date().isoformat()

    def ticket(self, ticket_id: str) -> Ticket:
        row = self._first("SELECT * FROM queue_tickets WHERE id = ?", [ticket_id])
        if row is None:
            raise QueueError("Tiket antrean tidak ditemukan.")
        return ticket_from_row(row)

    def waiting(self, group_code: str | None = None) -> list[Ticket]:
        """Today's line in calling order (all groups, or one)."""
        return self._tickets(TicketStatus.WAITING, group_code)

    def skipped(self, group_code: str | None = None) -> list[Ticket]:
        return self._tickets(TicketStatus.SKIPPED, group_code)

    def current(self, counter_id: str) -> Ticket | None:
        row = self._first("SELECT * FROM queue_tickets WHERE day = ? AND counter_id = ? AND status = 'called' "
                          "ORDER BY called_at DESC LIMIT 1", [self.today(), counter_id])
        return ticket_from_row(row) if row else None

    def recent_calls(self, limit: int = 5) -> list[Call]:
        """Today's latest calls, newest first, one per ticket (a recall moves it to the top)."""
        rows = self.db.execute(
            "SELECT e.ticket_id, t.number, c.id, c.number, c.name, e.at, e.action FROM queue_events e "
            "JOIN queue_tickets t ON t.id = e.ticket_id JOIN queue_counters c ON c.id = e.counter_id "
            "WHERE e.day = ? AND e.action IN ('call', 'recall') ORDER BY e.rowid DESC",
            [self.today()]).fetchall()
        calls: dict[str, Call] = {}
        for r in rows:
            if r[0] not in calls and len(calls) < limit:
                calls[r[0]] = Call(r[0], r[1], r[2], r[3], r[4], datetime.fromisoformat(r[5]), r[6] == "recall")
        return list(calls.values())

    def waiting_counts(self) -> dict[str, int]:
        counts = {g.code: 0 for g in self.groups()}
        for code, n in self.db.execute("SELECT group_code, count(*) FROM queue_tickets WHERE day = ? "
                                       "AND status = 'waiting' GROUP BY group_code", [self.today()]):
            counts[code] = n
        return counts

    def people_ahead(self, ticket_id: str) -> int:
        return self._ahead(self.ticket(ticket_id))

    def estimate_wait(self, group_code: str) -> tuple[int | None, str]:
        """Expected wait for a ticket issued now: people waiting × the group's median service."""
        code = self.config.group(group_code).code
        return queue_stats.estimate(self.waiting_counts().get(code, 0), self._median(code))

    def day_stats(self, day: date | str | None = None) -> list[GroupStats]:
        return queue_stats.day_stats(self.db, day or self.today())

    def events(self, ticket_id: str) -> list[dict[str, Any]]:
        """The ticket's logged actions, oldest first (who, when, where)."""
        cursor = self.db.execute("SELECT at, action, counter_id, user_id, user_name, role, detail "
                                 "FROM queue_events WHERE ticket_id = ? ORDER BY rowid", [ticket_id])
        names = [d[0] for d in cursor.description]
        return [{**dict(zip(names, r)), "detail": jsonutil.loads(r[6])} for r in cursor.fetchall()]

    # --- internals -------------------------------------------------------------------------
    def _now(self) -> str:
        return iso(self.clock.now())

    def _median(self, code: str) -> float | None:
        return queue_stats.median_service_seconds(self.db, code, self.clock.now().date())

    def _allocate(self, code: str, *, arrival: int | None, source: Ticket | None) -> Ticket:
        ticket_id = new_uuid()
        self.db.execute(_ALLOCATE, {
            "id": ticket_id, "office": self.office_code, "day": self.today(), "grp": code,
            "arrival": arrival, "now": self._now(), "src": source.id if source else None,
            "app": source.application_id if source else None})
        return self.ticket(ticket_id)

    def _ahead(self, ticket: Ticket) -> int:
        return self.db.execute("SELECT count(*) FROM queue_tickets WHERE day = ? AND group_code = ? "
                               "AND status = 'waiting' AND arrival < ?",
                               [ticket.day, ticket.group_code, ticket.arrival]).fetchone()[0]

    def _close_current(self, counter: Counter, status: TicketStatus, action: str, actor: audit.Actor) -> None:
        ticket = self.current(counter.id)
        if ticket is None:
            return
        finished = self._now() if status is TicketStatus.DONE else None
        self.db.execute("UPDATE queue_tickets SET status = ?, finished_at = ? WHERE id = ?",
                        [status.value, finished, ticket.id])
        self._event(ticket, action, actor, counter.id)

    def _require_current(self, counter: Counter) -> Ticket:
        ticket = self.current(counter.id)
        if ticket is None:
            raise NoCurrentTicket(f"Loket {counter.number} sedang tidak melayani antrean.")
        return ticket

    def _today_ticket(self, ticket_id: str, allowed: set[TicketStatus], verb: str) -> Ticket:
        ticket = self.ticket(ticket_id)
        if ticket.day != self.today():
            raise QueueError(f"Antrean {ticket.number} dari hari lain tidak dapat {verb}.")
        if ticket.status not in allowed:
            raise QueueError(f"Antrean {ticket.number} berstatus {ticket.status.label}; tidak dapat {verb}.")
        return ticket

    def _active_group(self, code: str) -> QueueGroup:
        group = self.config.group(code)
        if not group.active:
            raise QueueError(f"Kelompok antrean {group.code} ({group.label}) sedang tidak aktif.")
        return group

    def _active_counter(self, counter_id: str) -> Counter:
        counter = self.config.counter(counter_id)
        if not counter.active:
            raise QueueError(f"Loket {counter.number} sedang tidak aktif.")
        return counter

    def _tickets(self, status: TicketStatus, group_code: str | None) -> list[Ticket]:
        sql, params = "SELECT * FROM queue_tickets WHERE day = ? AND status = ?", [self.today(), status.value]
        if group_code:
            sql, params = sql + " AND group_code = ?", [*params, group_code.upper()]
        return [ticket_from_row(r) for r in self._rows(sql + " ORDER BY arrival, rowid", params)]

    def _event(self, ticket: Ticket, action: str, actor: audit.Actor, counter_id: str | None = None,
               **detail: Any) -> None:
        self.db["queue_events"].insert({
            "id": new_uuid(), "office_code": self.office_code, "day": self.today(), "at": self._now(),
            "ticket_id": ticket.id, "counter_id": counter_id, "action": action, "user_id": actor.user_id,
            "user_name": actor.name, "role": actor.role, "detail": jsonutil.dumps(detail) if detail else None})

    def _rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r)) for r in cursor.fetchall()]

    def _first(self, sql: str, params: list[Any]) -> dict[str, Any] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None


def _authorized(actor: audit.Actor, permission: str, db: Database) -> audit.Actor:
    from desktop.models.users.accounts import authorized_actor
    from desktop.models.users.roles import Permission

    return authorized_actor(actor, Permission(permission), db=db)
