"""The daily backup: where it goes, how many are kept, when one is due, and the week-old reminder.

Each run writes one encrypted file (office/backup.py, the same format as `loket backup create`)
named by date and time into the chosen folder (a flash disk too), then deletes the oldest so that
only the newest `keep` remain. The passphrase for unattended runs is kept on this PC, outside the
database (backup_secret.py), so a copied database file never carries the key to its backups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from desktop.models import audit
from desktop.models.clock import Clock, iso
from desktop.models.db import transaction
from desktop.models.errors import ValidationError
from desktop.models.office.backup import create_backup

SETTINGS_KEY = "backup_plan"
SUFFIX = ".loketbak"
NAME = re.compile(r"^loket-(\d{8})-(\d{4})\.loketbak$")
REMIND_AFTER = timedelta(days=7)


@dataclass
class BackupPlan:
    """What the admin set (folder, keep, daily) and, read from the run log, how the last runs went."""

    folder: str = ""
    keep: int = 7
    daily: bool = True
    last_success_at: str | None = None
    last_file: str = ""
    last_error: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> BackupPlan:
        names = {"folder", "keep", "daily"}
        return cls(**{k: v for k, v in (data or {}).items() if k in names})

    def settings_part(self) -> dict[str, Any]:
        return {"folder": self.folder, "keep": self.keep, "daily": self.daily}


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: datetime
    size: int


def load_plan(settings: Any) -> BackupPlan:
    plan = BackupPlan.from_dict(settings.get_raw(SETTINGS_KEY))
    db = settings.db
    success = db.execute("SELECT at, file FROM backup_runs WHERE ok = 1 ORDER BY seq DESC LIMIT 1").fetchone()
    last = db.execute("SELECT ok, error FROM backup_runs ORDER BY seq DESC LIMIT 1").fetchone()
    if success:
        plan.last_success_at, plan.last_file = success[0], success[1]
    if last and not last[0]:
        plan.last_error = last[1]
    return plan


def save_plan(settings: Any, plan: BackupPlan, actor: audit.Actor) -> None:
    """The admin's choice of folder and count (a signed-in admin: the settings check that)."""
    if not plan.folder.strip():
        raise ValidationError("Pilih folder cadangan (boleh di flashdisk).")
    if not 1 <= int(plan.keep) <= 60:
        raise ValidationError("Jumlah cadangan yang disimpan: 1 sampai 60.")
    settings.put_raw(SETTINGS_KEY, plan.settings_part(), actor)


def _record_run(db: Database, clock: Clock, actor: audit.Actor, *, folder: str, file: str = "",
                error: str = "") -> None:
    with transaction(db):
        db["backup_runs"].insert({"at": iso(clock.now()), "ok": int(not error), "folder": folder, "file": file,
                                  "error": error})
        audit.record(db, clock, actor, "backup.made" if not error else "backup.failed", "backup", file or folder,
                     after={"file": file, "error": error})


def is_due(plan: BackupPlan, now: datetime) -> bool:
    """One automatic backup per day, the first time the app is open that day."""
    if not plan.daily or not plan.folder:
        return False
    if plan.last_success_at is None:
        return True
    return datetime.fromisoformat(plan.last_success_at).date() < now.date()


def reminder(plan: BackupPlan, now: datetime) -> str:
    """A sentence for the screen when no backup has succeeded for a week (or ever), else ""."""
    if plan.last_success_at is None:
        return "Belum pernah ada cadangan data. Atur cadangan otomatis di menu Cadangan Data."
    last = datetime.fromisoformat(plan.last_success_at)
    if now - last < REMIND_AFTER:
        return ""
    days = (now - last).days
    why = f" Kendala terakhir: {plan.last_error}" if plan.last_error else ""
    return f"Cadangan data terakhir {days} hari lalu.{why} Buka menu Cadangan Data."


def backups_in(folder: Path) -> list[BackupFile]:
    """This app's backup files in `folder`, newest first (other files are left alone)."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = NAME.match(path.name)
        if match and path.is_file():
            made = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M")
            found.append(BackupFile(path, made, path.stat().st_size))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def run_backup(db: Database, settings: Any, clock: Clock, passphrase: str, actor: audit.Actor) -> BackupFile:
    """Write today's backup into the plan's folder and keep only the newest `keep`.

    The outcome (success or the reason it failed) goes into the run log with an audit entry, so the
    reminder can say why; a failure never deletes an older backup. `actor` may be the system (the
    daily run) or the admin pressing "Buat cadangan sekarang"."""
    plan = load_plan(settings)
    now = clock.now()
    folder = Path(plan.folder)
    try:
        if not plan.folder or not folder.is_dir():
            raise ValidationError(f"Folder cadangan {plan.folder or '(belum dipilih)'} tidak ditemukan "
                                  "(flashdisk belum dipasang?).")
        out = folder / f"loket-{now:%Y%m%d-%H%M}{SUFFIX}"
        try:
            create_backup(db, out, passphrase)
        except OSError as exc:
            raise ValidationError(f"Cadangan tidak dapat ditulis ke {folder}: {exc.strerror or exc}.") from None
        for old in backups_in(folder)[max(1, int(plan.keep)):]:
            old.path.unlink(missing_ok=True)
    except ValidationError as exc:
        _record_run(db, clock, actor, folder=plan.folder, error=str(exc))
        raise
    _record_run(db, clock, actor, folder=plan.folder, file=out.name)
    return BackupFile(out, now.replace(tzinfo=None), out.stat().st_size)
