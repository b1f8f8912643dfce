"""Queue configuration set by the admin: service groups (letter prefix) and counters (loket)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop.models import audit, jsonutil
from desktop.models.clock import Clock, iso
from desktop.models.db import transaction
from desktop.models.errors import LoketError, ValidationError
from desktop.models.ids import new_uuid


class QueueError(LoketError):
    """A queue action cannot be done now (unknown group/counter, wrong ticket state)."""


@dataclass(frozen=True)
class QueueGroup:
    """A line of tickets with its own prefix, e.g. A — Surat Keterangan."""

    id: str
    code: str
    label: str
    service_ids: tuple[str, ...]
    active: bool = True
    office_code: str = ""


@dataclass(frozen=True)
class Counter:
    """One service desk (loket) and the groups whose tickets it calls."""

    id: str
    number: int
    name: str
    group_codes: tuple[str, ...]
    active: bool = True
    office_code: str = ""


def _group(row: dict[str, Any]) -> QueueGroup:
    return QueueGroup(id=row["id"], code=row["code"], label=row["label"],
                      service_ids=tuple(jsonutil.loads(row["service_ids"])), active=bool(row["active"]),
                      office_code=row["office_code"])


def _counter(row: dict[str, Any]) -> Counter:
    return Counter(id=row["id"], number=row["number"], name=row["name"],
                   group_codes=tuple(jsonutil.loads(row["group_codes"])), active=bool(row["active"]),
                   office_code=row["office_code"])


class QueueConfig:
    """All SQL about queue groups and counters; every change is audited."""

    def __init__(self, db: Database, clock: Clock, office_code: str = "") -> None:
        self.db = db
        self.clock = clock
        self.office_code = office_code

    # --- groups ---------------------------------------------------------------------------
    def save_group(self, code: str, label: str, service_ids: list[str], actor: audit.Actor,
                   *, active: bool = True) -> QueueGroup:
        """Create or update the group with this prefix letter."""
        code = code.strip().upper()
        if not re.fullmatch(r"[A-Z]", code):
            raise ValidationError("Kode kelompok antrean harus satu huruf A–Z.")
        if not label.strip():
            raise ValidationError("Nama kelompok antrean wajib diisi.")
        ids = list(dict.fromkeys(s.strip() for s in service_ids if s.strip()))
        with transaction(self.db):
            self._check_services(code, ids, active)
            old = self._row("queue_groups", "code = ?", code)
            row = {"id": old["id"] if old else new_uuid(), "office_code": self.office_code, "code": code,
                   "label": label.strip(), "service_ids": jsonutil.dumps(ids), "active": int(active),
                   "updated_at": iso(self.clock.now()), "updated_by": actor.name}
            self.db["queue_groups"].upsert(row, pk="id")
            audit.record(self.db, self.clock, actor, "queue.group.save", "queue_group", row["id"],
                         office_code=self.office_code, before=_public(old), after=_public(row))
        return _group(row)

    def _check_services(self, code: str, ids: list[str], active: bool) -> None:
        if not ids:
            return
        marks = ", ".join("?" * len(ids))
        known = {r[0] for r in self.db.execute(f"SELECT id FROM services WHERE id IN ({marks})", ids)}
        unknown = [s for s in ids if s not in known]
        if unknown:
            raise ValidationError(f"Layanan tidak ada di katalog: {', '.join(unknown)}.")
        if not active:
            return
        # A service in two active groups would leave the kiosk unsure which prefix to print.
        for other in self.groups():
            clash = sorted(set(ids) & set(other.service_ids))
            if other.code != code and clash:
                raise ValidationError(f"Layanan {', '.join(clash)} sudah termasuk kelompok "
                                      f"{other.code} ({other.label}).")

    def groups(self, include_inactive: bool = False) -> list[QueueGroup]:
        where = "" if include_inactive else "WHERE active = 1"
        return [_group(r) for r in self._rows(f"SELECT * FROM queue_groups {where} ORDER BY code")]

    def group(self, code: str) -> QueueGroup:
        row = self._row("queue_groups", "code = ?", code.strip().upper())
        if row is None:
            raise QueueError(f"Kelompok antrean {code} tidak ada.")
        return _group(row)

    def group_for_service(self, service_id: str) -> QueueGroup | None:
        return next((g for g in self.groups() if service_id in g.service_ids), None)

    # --- counters -------------------------------------------------------------------------
    def save_counter(self, number: int, name: str, group_codes: list[str], actor: audit.Actor,
                     *, active: bool = True) -> Counter:
        """Create or update the counter with this number; it calls tickets of `group_codes`."""
        if number < 1:
            raise ValidationError("Nomor loket harus 1 atau lebih.")
        codes = list(dict.fromkeys(c.strip().upper() for c in group_codes if c.strip()))
        if not codes:
            raise ValidationError(f"Pilih paling sedikit satu kelompok antrean untuk loket {number}.")
        with transaction(self.db):
            known = {g.code for g in self.groups()}
            unknown = [c for c in codes if c not in known]
            if unknown:
                raise ValidationError(f"Kelompok antrean tidak ada atau nonaktif: {', '.join(unknown)}.")
            old = self._row("queue_counters", "number = ?", number)
            row = {"id": old["id"] if old else new_uuid(), "office_code": self.office_code, "number": number,
                   "name": name.strip() or f"Loket {number}", "group_codes": jsonutil.dumps(codes),
                   "active": int(active), "updated_at": iso(self.clock.now()), "updated_by": actor.name}
            self.db["queue_counters"].upsert(row, pk="id")
            audit.record(self.db, self.clock, actor, "queue.counter.save", "queue_counter", row["id"],
                         office_code=self.office_code, before=_public(old), after=_public(row))
        return _counter(row)

    def counters(self, include_inactive: bool = False) -> list[Counter]:
        where = "" if include_inactive else "WHERE active = 1"
        return [_counter(r) for r in self._rows(f"SELECT * FROM queue_counters {where} ORDER BY number")]

    def counter(self, counter_id: str) -> Counter:
        row = self._row("queue_counters", "id = ?", counter_id)
        if row is None:
            raise QueueError("Loket tidak ditemukan.")
        return _counter(row)

    # --- helpers --------------------------------------------------------------------------
    def _rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r)) for r in cursor.fetchall()]

    def _row(self, table: str, where: str, value: Any) -> dict[str, Any] | None:
        rows = self._rows(f"SELECT * FROM {table} WHERE {where}", [value])
        return rows[0] if rows else None


def _public(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    out = {k: v for k, v in row.items() if k not in ("updated_at", "updated_by")}
    for key in ("service_ids", "group_codes"):
        if key in out:
            out[key] = jsonutil.loads(out[key])
    return out

