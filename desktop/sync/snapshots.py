"""Figures that travel as daily snapshots rather than per change: queue statistics per day and group.

A snapshot is appended to the outbox only when the day's figures changed since the last one, so a
quiet office sends nothing; the kecamatan keeps the latest snapshot per day (sync_mirror).
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import timedelta
from typing import TYPE_CHECKING

from desktop.models import audit, jsonutil, outbox
from desktop.models.db import transaction

if TYPE_CHECKING:
    from desktop.models.services import Services

SENT_KEY = "sync_queue_stats_sent"  # day -> digest of the figures last put in the outbox
DAYS_BACK = 7


def snapshot_queue_stats(services: Services) -> int:
    """Append changed daily queue figures (today and the last week) to the outbox; returns how many."""
    today = services.clock.now().date()
    sent: dict[str, str] = services.settings.get_raw(SENT_KEY, {}) or {}
    appended = 0
    with transaction(services.db):
        for back in range(DAYS_BACK, -1, -1):
            day = (today - timedelta(days=back)).isoformat()
            stats = [dataclasses.asdict(s) for s in services.queue.day_stats(day)]
            if not any(s["issued"] for s in stats):
                continue
            digest = hashlib.sha256(jsonutil.dumps(stats).encode()).hexdigest()
            if sent.get(day) == digest:
                continue
            outbox.append(services.db, services.clock, services.profile.office_code, "queue_stats", day, "snapshot",
                          {"day": day, "groups": stats})
            sent[day] = digest
            appended += 1
        if appended:
            keep = {d: h for d, h in sent.items() if d >= (today - timedelta(days=DAYS_BACK)).isoformat()}
            services.db["settings"].upsert({"key": SENT_KEY, "value": jsonutil.dumps(keep),
                                            "updated_at": services.clock.now().isoformat(timespec="seconds"),
                                            "updated_by": "Sistem"}, pk="key")
            audit.record(services.db, services.clock, audit.Actor.system(), "sync.queue_snapshot", "settings",
                         SENT_KEY, after={"days": appended})
    return appended
