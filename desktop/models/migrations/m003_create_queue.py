"""m003_create_queue: The walk-in queue: groups, counters, tickets and their event log.

Released: never edit. The DDL is written out here, so later code changes cannot change it.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.migrations.registry import migrations


@migrations()
def m003_create_queue(db: Database) -> None:
    db.execute(
        """CREATE TABLE queue_groups (
            id TEXT PRIMARY KEY,
            office_code TEXT NOT NULL,
            code TEXT NOT NULL UNIQUE,
            label TEXT NOT NULL,
            service_ids TEXT NOT NULL DEFAULT '[]',
            active INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL,
            updated_by TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE queue_counters (
            id TEXT PRIMARY KEY,
            office_code TEXT NOT NULL,
            number INTEGER NOT NULL UNIQUE,
            name TEXT NOT NULL,
            group_codes TEXT NOT NULL DEFAULT '[]',
            active INTEGER NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL,
            updated_by TEXT
        )"""
    )
    # `arrival` orders the waiting line across groups independently of clock resolution;
    # a transferred ticket inherits its source's arrival so the citizen keeps their place.
    # UNIQUE(day, group_code, seq) is the last guard against a number issued twice.
    db.execute(
        """CREATE TABLE queue_tickets (
            id TEXT PRIMARY KEY,
            office_code TEXT NOT NULL,
            day TEXT NOT NULL,
            group_code TEXT NOT NULL,
            seq INTEGER NOT NULL,
            number TEXT NOT NULL,
            arrival INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'skipped', 'done', 'transferred')),
            issued_at TEXT NOT NULL,
            called_at TEXT,
            finished_at TEXT,
            counter_id TEXT REFERENCES queue_counters(id),
            call_count INTEGER NOT NULL DEFAULT 0,
            application_id TEXT,
            transferred_from TEXT REFERENCES queue_tickets(id),
            UNIQUE (day, group_code, seq)
        )"""
    )
    db.execute("CREATE INDEX idx_queue_tickets_line ON queue_tickets(day, status, arrival)")
    db.execute("CREATE INDEX idx_queue_tickets_counter ON queue_tickets(counter_id, status)")
    db.execute(
        """CREATE TABLE queue_events (
            id TEXT PRIMARY KEY,
            office_code TEXT NOT NULL,
            day TEXT NOT NULL,
            at TEXT NOT NULL,
            ticket_id TEXT NOT NULL REFERENCES queue_tickets(id),
            counter_id TEXT,
            action TEXT NOT NULL,
            user_id TEXT,
            user_name TEXT NOT NULL,
            role TEXT NOT NULL,
            detail TEXT
        )"""
    )
    db.execute("CREATE INDEX idx_queue_events_ticket ON queue_events(ticket_id)")
    db.execute("CREATE INDEX idx_queue_events_day ON queue_events(day, action, at)")
