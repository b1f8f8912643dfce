"""Residents (penduduk): validated records and a fast as-you-type search (FTS5)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from desktop.models import audit
from desktop.models.clock import Clock, iso
from desktop.models.db import transaction
from desktop.models.errors import ValidationError
from desktop.models.ids import new_uuid
from desktop.models.residents.nik import check_nik

SEXES = {"L": "Laki-laki", "P": "Perempuan"}
RELIGIONS = ["Islam", "Kristen", "Katolik", "Hindu", "Buddha", "Khonghucu", "Kepercayaan"]
MARITAL = ["Belum Kawin", "Kawin", "Cerai Hidup", "Cerai Mati"]


@dataclass
class Resident:
    nik: str
    nama: str
    tempat_lahir: str = ""
    tanggal_lahir: str = ""  # ISO date
    jenis_kelamin: str = ""  # L | P
    agama: str = ""
    status_perkawinan: str = ""
    pekerjaan: str = ""
    kewarganegaraan: str = "WNI"
    alamat: str = ""
    rt: str = ""
    rw: str = ""
    kelurahan: str = ""
    no_kk: str = ""
    telepon: str = ""
    id: str = ""
    office_code: str = ""

    @property
    def birth_date(self) -> date | None:
        return date.fromisoformat(self.tanggal_lahir) if self.tanggal_lahir else None

    @property
    def ttl(self) -> str:
        from desktop.models.indonesian import format_date

        when = self.birth_date
        return f"{self.tempat_lahir}, {format_date(when)}" if when else self.tempat_lahir


FIELDS = [f.name for f in dataclasses.fields(Resident)]


def validate(resident: Resident) -> Resident:
    """Normalise and check a resident; raises ValidationError with an Indonesian message."""
    r = dataclasses.replace(resident, nama=" ".join(resident.nama.split()).upper())
    if not r.nama:
        raise ValidationError("Nama wajib diisi.")
    if r.jenis_kelamin not in SEXES:
        raise ValidationError("Jenis kelamin wajib dipilih (L/P).")
    if not r.tanggal_lahir:
        raise ValidationError("Tanggal lahir wajib diisi.")
    try:
        born = date.fromisoformat(r.tanggal_lahir)
    except ValueError:
        raise ValidationError("Tanggal lahir tidak sah.") from None
    r.nik = check_nik(r.nik, born, r.jenis_kelamin)
    if r.no_kk and not re.fullmatch(r"[0-9]{16}", r.no_kk.strip()):
        raise ValidationError("No. KK harus 16 angka.")
    if r.telepon and not re.fullmatch(r"\+?[0-9 -]{6,16}", r.telepon.strip()):
        raise ValidationError("Nomor telepon hanya boleh angka, spasi, tanda - dan +.")
    return r


class ResidentRepository:
    def __init__(self, db: Database, clock: Clock, office_code: str = "") -> None:
        self.db = db
        self.clock = clock
        self.office_code = office_code

    def create(self, resident: Resident, actor: audit.Actor) -> Resident:
        actor = _authorized(actor, self.db)
        r = validate(resident)
        with transaction(self.db):
            if self.by_nik(r.nik) is not None:
                raise ValidationError(f"NIK {r.nik} sudah terdaftar.")
            r.id = new_uuid()
            r.office_code = self.office_code
            now = iso(self.clock.now())
            self.db["residents"].insert({**dataclasses.asdict(r), "created_at": now, "updated_at": now})
            audit.record(self.db, self.clock, actor, "resident.create", "resident", r.id,
                         office_code=self.office_code, after=dataclasses.asdict(r))
        return r

    def update(self, resident: Resident, actor: audit.Actor) -> Resident:
        actor = _authorized(actor, self.db)
        r = validate(resident)
        with transaction(self.db):
            before = self.get(r.id)
            other = self.by_nik(r.nik)
            if other is not None and other.id != r.id:
                raise ValidationError(f"NIK {r.nik} sudah dipakai penduduk lain.")
            self.db["residents"].update(r.id, {**dataclasses.asdict(r), "updated_at": iso(self.clock.now())})
            audit.record(self.db, self.clock, actor, "resident.update", "resident", r.id,
                         office_code=self.office_code, before=dataclasses.asdict(before), after=dataclasses.asdict(r))
        return r

    def get(self, resident_id: str) -> Resident:
        row = self.db.execute(f"SELECT {', '.join(FIELDS)} FROM residents WHERE id = ?", [resident_id]).fetchone()
        if row is None:
            raise ValidationError("Penduduk tidak ditemukan.")
        return Resident(*row)

    def by_nik(self, nik: str) -> Resident | None:
        row = self.db.execute(f"SELECT {', '.join(FIELDS)} FROM residents WHERE nik = ?", [nik]).fetchone()
        return Resident(*row) if row else None

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM residents").fetchone()[0]

    def search(self, text: str, limit: int = 30) -> list[Resident]:
        """By NIK prefix when digits are typed, else by name words (prefix match, any order)."""
        query = text.strip()
        if not query:
            return []
        cols = ", ".join("r." + f for f in FIELDS)
        if query.isdigit():
            rows = self.db.execute(
                f"SELECT {cols} FROM residents r WHERE r.nik >= ? AND r.nik < ? ORDER BY r.nik LIMIT ?",
                [query, query + "\uffff", limit]).fetchall()
            return [Resident(*row) for row in rows]
        words = [w for w in re.findall(r"[\w']+", query.lower()) if w]
        if not words:
            return []
        match = " ".join(f'nama:"{w}"*' for w in words)
        rows = self.db.execute(
            f"SELECT {cols} FROM residents_fts f JOIN residents r ON r.rowid = f.rowid "
            f"WHERE residents_fts MATCH ? LIMIT ?", [match, limit]).fetchall()  # rank sorting costs O(matches)
        return [Resident(*row) for row in rows]

    def insert_many(self, residents: list[Resident], actor: audit.Actor, batch: int = 5000) -> int:
        """Bulk insert already-validated residents (demo data, imports, benchmarks)."""
        actor = _authorized(actor, self.db)
        now = iso(self.clock.now())
        with transaction(self.db):
            rows = ({**dataclasses.asdict(r), "id": r.id or new_uuid(), "office_code": self.office_code,
                     "created_at": now, "updated_at": now} for r in residents)
            self.db["residents"].insert_all(rows, batch_size=batch)
            audit.record(self.db, self.clock, actor, "resident.bulk_insert", "resident", "*",
                         office_code=self.office_code, after={"count": len(residents)})
        return len(residents)


def _authorized(actor: audit.Actor, db: Database) -> audit.Actor:
    from desktop.models.users.accounts import authorized_actor
    from desktop.models.users.roles import Permission

    return authorized_actor(actor, Permission.MANAGE_RESIDENTS, db=db)
