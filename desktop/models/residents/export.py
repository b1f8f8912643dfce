"""Export the resident register to CSV or XLSX (for the admin and for scripts).

Columns carry the headers the importer recognises, so an export can be imported elsewhere as
it is; cells go through models/export_cells.py, so a name that looks like a formula stays text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from desktop.models import audit
from desktop.models.db import transaction
from desktop.models.errors import ValidationError
from desktop.models.export_cells import write_csv, write_xlsx
from desktop.models.residents.repository import ResidentRepository

COLUMNS = [("NIK", "nik"), ("No KK", "no_kk"), ("Nama", "nama"), ("Tempat Lahir", "tempat_lahir"),
           ("Tanggal Lahir", "tanggal_lahir"), ("Jenis Kelamin", "jenis_kelamin"), ("Agama", "agama"),
           ("Status Perkawinan", "status_perkawinan"), ("Pekerjaan", "pekerjaan"),
           ("Kewarganegaraan", "kewarganegaraan"), ("Alamat", "alamat"), ("RT", "rt"), ("RW", "rw"),
           ("Kelurahan", "kelurahan"), ("Telepon", "telepon")]
FORMATS = ("csv", "xlsx")


def _rows(repo: ResidentRepository) -> Iterator[list[str]]:
    columns = ", ".join(field for _, field in COLUMNS)
    yield from (list(r) for r in repo.db.execute(f"SELECT {columns} FROM residents ORDER BY nama, nik"))


def export_residents(repo: ResidentRepository, path: Path, fmt: str, actor: audit.Actor) -> int:
    """Write every resident to `path`; returns how many. Only the admin may (everyone's personal data
    in one file), checked here whatever object arrives as `actor`; the export itself is audited."""
    from desktop.models.users.accounts import authorized_actor
    from desktop.models.users.roles import Permission

    actor = authorized_actor(actor, Permission.EXPORT_RESIDENTS, db=repo.db)  # before a byte is written
    if fmt not in FORMATS:
        raise ValidationError(f"Format ekspor '{fmt}' tidak dikenal; pilih csv atau xlsx.")
    headers = [label for label, _ in COLUMNS]
    try:
        if fmt == "csv":
            write_csv(path, headers, _rows(repo))
        else:
            write_xlsx(path, "Penduduk", headers, _rows(repo))
    except OSError as exc:
        raise ValidationError(f"Berkas {path} tidak dapat ditulis: {exc.strerror or exc}.") from None
    count = repo.count()
    with transaction(repo.db):
        audit.record(repo.db, repo.clock, actor, "resident.export", "resident", "*", office_code=repo.office_code,
                     after={"count": count, "format": fmt, "file": path.name})
    return count
