"""The catalogue in the database: seeded from the decrees, editable by the office's admin.

Applications keep a snapshot of the standard they were made under, so an edit here changes
only applications created afterwards.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from desktop.models import audit, jsonutil
from desktop.models.clock import Clock, iso
from desktop.models.db import transaction
from desktop.models.errors import ValidationError

if TYPE_CHECKING:  # pydantic loads only when the catalogue is first read, not at start-up
    from desktop.models.catalog.standard import CatalogFile, Office, Service


class CatalogRepository:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # --- seeding and importing -------------------------------------------------------------
    def is_seeded(self) -> bool:
        return self.db.execute("SELECT count(*) FROM offices").fetchone()[0] > 0

    def ensure_seeded(self, folder: Path | None = None) -> None:
        """Load the decrees' catalogues into an empty database (first start)."""
        if self.is_seeded():
            return
        from desktop.models.catalog.loader import load_all

        catalogs = load_all(folder)
        with transaction(self.db):
            for catalog in catalogs:
                self._replace_office(catalog, audit.Actor.system(), source="decree")

    def import_file(self, path: Path, actor: audit.Actor) -> dict[str, int]:
        """Load an updated catalogue file for one office (its decree changed).

        Changed services get a new version, new ones are added, ones no longer in the file are
        deactivated (kept, so old applications still show what they were made under).
        """
        from desktop.models.catalog.loader import load_catalog_file
        from desktop.models.users.accounts import authorized_actor
        from desktop.models.users.roles import Permission

        actor = authorized_actor(actor, Permission.EDIT_CATALOG, db=self.db)
        catalog = load_catalog_file(path)
        with transaction(self.db):
            return self._replace_office(catalog, actor, source="file")

    def _replace_office(self, catalog: CatalogFile, actor: audit.Actor, source: str) -> dict[str, int]:
        office = catalog.office
        self.db["offices"].upsert(
            {"id": office.id, "name": office.name, "level": office.level,
             "data": office.model_dump_json()}, pk="id")
        existing = {r["id"]: r for r in self.db["services"].rows_where("office_id = ?", [office.id])}
        counts = {"baru": 0, "berubah": 0, "tetap": 0, "nonaktif": 0}
        now = iso(self.clock.now())
        for position, service in enumerate(catalog.services, start=1):
            standard = service.model_dump_json()
            old = existing.pop(service.id, None)
            if old is None:
                counts["baru"] += 1
                self.db["services"].insert(
                    {"id": service.id, "office_id": office.id, "position": position, "name": service.name,
                     "version": 1, "standard": standard, "source": source, "active": 1, "updated_at": now,
                     "updated_by": actor.name})
            elif old["standard"] != standard or not old["active"]:
                counts["berubah"] += 1
                self.db["services"].update(service.id, {
                    "position": position, "name": service.name, "version": old["version"] + 1,
                    "standard": standard, "source": source, "active": 1, "updated_at": now,
                    "updated_by": actor.name})
                audit.record(self.db, self.clock, actor, "catalog.update", "service", service.id,
                             before=jsonutil.loads(old["standard"]), after=jsonutil.loads(standard))
            else:
                counts["tetap"] += 1
                self.db["services"].update(service.id, {"position": position})
        for gone in existing.values():
            if gone["active"]:
                counts["nonaktif"] += 1
                self.db["services"].update(gone["id"], {"active": 0, "updated_at": now, "updated_by": actor.name})
        audit.record(self.db, self.clock, actor, "catalog.import", "office", office.id, after=counts)
        return counts

    # --- reading ---------------------------------------------------------------------------
    def offices(self) -> list[Office]:
        from desktop.models.catalog.standard import Office

        return [Office.model_validate_json(r[0]) for r in self.db.execute("SELECT data FROM offices ORDER BY id")]

    def office(self, office_id: str) -> Office:
        from desktop.models.catalog.standard import Office

        row = self.db.execute("SELECT data FROM offices WHERE id = ?", [office_id]).fetchone()
        if row is None:
            raise ValidationError(f"Kantor '{office_id}' tidak ada di katalog.")
        return Office.model_validate_json(row[0])

    def offices_covering_kelurahan(self) -> set[str]:
        """Kecamatan whose decree also standardises services that end at its kelurahan (Tipe A)."""
        rows = self.db.execute(
            "SELECT DISTINCT o.id FROM offices o JOIN services s ON s.office_id = o.id "
            "WHERE o.level = 'kecamatan' AND s.active = 1 AND json_extract(s.standard, '$.ends_at') = 'kelurahan'")
        return {r[0] for r in rows}

    def services(self, office_id: str, include_inactive: bool = False) -> list[Service]:
        from desktop.models.catalog.standard import Service

        active = "" if include_inactive else "AND active = 1"
        rows = self.db.execute(
            f"SELECT standard FROM services WHERE office_id = ? {active} ORDER BY position", [office_id])
        return [Service.model_validate_json(r[0]) for r in rows]

    def service(self, service_id: str) -> tuple[Service, int]:
        """The current standard of a service and its version number."""
        from desktop.models.catalog.standard import Service

        row = self.db.execute("SELECT standard, version FROM services WHERE id = ?", [service_id]).fetchone()
        if row is None:
            raise ValidationError(f"Layanan '{service_id}' tidak ada di katalog.")
        return Service.model_validate_json(row[0]), row[1]

    def count(self, office_id: str) -> int:
        return self.db.execute("SELECT count(*) FROM services WHERE office_id = ? AND active = 1",
                               [office_id]).fetchone()[0]

    # --- editing by the office's admin -----------------------------------------------------
    def save_service(self, service: Service, office_id: str, actor: audit.Actor) -> int:
        """Add or change one service; returns its new version."""
        from desktop.models.catalog.standard import Service
        from desktop.models.users.accounts import authorized_actor
        from desktop.models.users.roles import Permission

        actor = authorized_actor(actor, Permission.EDIT_CATALOG, db=self.db)
        if not service.id.startswith(office_id + "-"):
            raise ValidationError(f"Id layanan harus diawali '{office_id}-'.")
        Service.model_validate(service.model_dump())  # re-run validators on edited data
        with transaction(self.db):
            old = self.db.execute("SELECT standard, version FROM services WHERE id = ?", [service.id]).fetchone()
            now = iso(self.clock.now())
            if old is None:
                position = self.db.execute("SELECT coalesce(max(position), 0) + 1 FROM services WHERE office_id = ?",
                                           [office_id]).fetchone()[0]
                self.db["services"].insert(
                    {"id": service.id, "office_id": office_id, "position": position, "name": service.name,
                     "version": 1, "standard": service.model_dump_json(), "source": "admin", "active": 1,
                     "updated_at": now, "updated_by": actor.name})
                version = 1
            else:
                version = old[1] + 1
                self.db["services"].update(service.id, {
                    "name": service.name, "version": version, "standard": service.model_dump_json(),
                    "source": "admin", "active": 1, "updated_at": now, "updated_by": actor.name})
            audit.record(self.db, self.clock, actor, "catalog.edit", "service", service.id,
                         before=jsonutil.loads(old[0]) if old else None, after=service.model_dump(mode="json"))
        return version

    # --- export ----------------------------------------------------------------------------
    def export(self, office_id: str | None = None) -> dict[str, Any]:
        """The stable JSON shape admins and the kecamatan rely on."""
        offices = [self.office(office_id)] if office_id else self.offices()
        return {"offices": [_export_office(o, self.services(o.id)) for o in offices]}


def _export_office(office: Office, services: list[Service]) -> dict[str, Any]:
    return {
        "id": office.id,
        "name": office.name,
        "level": office.level,
        "address": office.address,
        "phone": office.phone,
        "email": office.email,
        "decree": office.decree.model_dump(mode="json"),
        "services": [_export_service(s) for s in services],
    }


def _export_service(s: Service) -> dict[str, Any]:
    return {
        "id": s.id,
        "number": s.number,
        "name": s.name,
        "type": s.type,
        "ends_at": s.ends_at,
        "detail_missing": s.detail_missing,
        "requirements": [r.text for r in s.requirements],
        "steps": [{"actor": st.actor, "action": st.action} for st in s.steps],
        "duration_text": s.duration.text,
        "duration_minutes": s.duration.minutes,
        "fee_rupiah": s.fee.rupiah,
        "product": s.product,
        "complaint_channels": list(s.complaint_channels),
        "legal_basis": list(s.legal_basis),
        "guarantee": s.guarantee,
    }
