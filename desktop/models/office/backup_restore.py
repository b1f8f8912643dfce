"""Restoring a backup from the screen without touching the database in use.

The backup is decrypted next to the live file as `<name>.pulih.sqlite3` and checked; at the next
start, before anything opens the database, the live file is set aside (kept, renamed with the time)
and the restored one takes its place. Nothing is ever overwritten.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from desktop.models.errors import ValidationError
from desktop.models.office.backup import restore_backup


def staged_path(live: Path) -> Path:
    return live.with_name(live.stem + ".pulih.sqlite3")


def stage_restore(backup: Path, passphrase: str, live: Path) -> Path:
    """Decrypt `backup` beside `live`, ready to replace it at the next start; refuses a file that is
    not a Loket database."""
    target = staged_path(live)
    target.unlink(missing_ok=True)  # a restore staged earlier and not used yet: this one wins
    restore_backup(backup, passphrase, target)
    try:
        conn = sqlite3.connect(target)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            has_data = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'settings'").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        ok, has_data = False, 0
    if not ok or not has_data:
        target.unlink(missing_ok=True)
        raise ValidationError(f"{backup.name} tidak berisi basis data Loket yang utuh; tidak dipulihkan.")
    return target


def apply_staged_restore(live: Path, when: datetime) -> Path | None:
    """At start-up: put a staged restore in place; the previous file is kept as
    `<name>-sebelum-pulih-<time>.sqlite3`. Returns that kept file, or None when nothing was staged."""
    staged = staged_path(live)
    if not staged.exists():
        return None
    kept = live.with_name(f"{live.stem}-sebelum-pulih-{when:%Y%m%d-%H%M%S}{live.suffix}")
    if live.exists():
        os.replace(live, kept)
        for extra in ("-wal", "-shm"):  # SQLite's journal files belong to the file set aside
            side = live.with_name(live.name + extra)
            if side.exists():
                os.replace(side, kept.with_name(kept.name + extra))
    os.replace(staged, live)
    return kept
