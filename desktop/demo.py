"""`loket demo`: a demo office made without a single question, with letters through its real chain.

Each letter is taken in at the counter, walked through every step of the office's own procedure by
the account holding that step's role (each typing their PIN where the decree asks for a mark),
signed with the signing official's key, numbered in the register and archived as PDF. With two
letters or more, the first one is then voided by the head of office, so the register, the key
directory and `loket verify` show a cancelled letter as well.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.models.applications.step_kinds import StepKind
from desktop.models.clock import Clock
from desktop.models.errors import ValidationError
from desktop.models.trust.kdf import STRONG, KdfParams

if TYPE_CHECKING:
    from desktop.models.services import Services

VOID_REASON = "Contoh pembatalan (demo): surat diganti"


def run_demo(office_id: str, db: Path, *, kelurahan: str = "", residents: int = 50, letters: int = 1,
             clock: Clock | None = None, kdf: KdfParams = STRONG) -> dict[str, Any]:
    """Create the office in `db` and issue `letters` letters; returns what `--json` prints."""
    from desktop.models.office.first_run import complete_first_run, demo_input
    from desktop.office import open_office

    if residents < 0 or letters < 0:
        raise ValidationError("Jumlah penduduk dan surat tidak boleh negatif.")
    services = open_office(db, clock, kdf=kdf)
    try:
        if services.is_set_up:
            raise ValidationError(f"{db} sudah berisi kantor; pilih berkas baru untuk demo.")
        known = {o.id for o in services.catalog.offices()}
        if office_id not in known:
            raise ValidationError(f"Kantor '{office_id}' tidak ada di katalog. Pilihan: {', '.join(sorted(known))}.")
        office = services.catalog.office(office_id)
        complete_first_run(services, demo_input(office, kelurahan, residents=max(residents, letters)))
        archive = db.parent / f"{db.stem}-arsip"
        issued = [_issue_one(services, i, archive) for i in range(letters)]
        if len(issued) >= 2:
            _void_first(services, issued[0], archive)
        return {"db": str(db), "letters": [{"number": e["number"], "status": e["status"], "pdf": e["pdf"]}
                                           for e in issued]}
    finally:
        services.db.conn.close()


def _service_signed_here(services: Services) -> Any:
    """A service whose letter this office signs itself (not sent on to the kecamatan)."""
    profile = services.profile
    candidates = []
    for service in services.catalog.services(profile.catalog_office_id):
        goes_up = profile.level == "kelurahan" and service.ends_at == "kecamatan" and service.type == "B"
        if goes_up or service.detail_missing or not any(s.kind == StepKind.TANDA_TANGAN for s in service.steps):
            continue
        candidates.append(service)
    if not candidates:
        raise ValidationError("Kantor ini tidak punya layanan bersurat yang ditandatangani di kantor sendiri.")
    return next((s for s in candidates if "domisili" in s.id), candidates[0])


def _issue_one(services: Services, index: int, archive: Path) -> dict[str, Any]:
    from desktop.models.applications.application import Applicant
    from desktop.models.applications.intake import IntakeDraft, checklist, form_fields
    from desktop.models.office.first_run import DEMO_PIN
    from desktop.models.users.roles import Role
    from desktop.printing.issue import render_application_letter

    service = _service_signed_here(services)
    items = checklist(service)
    for item in items:
        item.received = True
    row = services.db.execute("SELECT id, nik, nama, alamat FROM residents ORDER BY nik LIMIT 1 OFFSET ?",
                              [index]).fetchone()
    fields = {f["key"]: _sample(f) for f in form_fields(service)}
    draft = IntakeDraft(service_id=service.id, requirements=items, fields=fields,
                        applicant=Applicant(kind="penduduk", name=row[2], nik=row[1], resident_id=row[0],
                                            address=row[3]))
    apps = services.applications
    app = apps.submit(draft, services.users.authenticate("petugas", DEMO_PIN))
    while services.register.for_application(app.id) is None:
        step = app.current
        if step is None:
            raise ValidationError(f"Alur {service.name} selesai tanpa surat bernomor.")
        role = Role(step.roles[0])
        holder = services.users.by_role(role)[0]
        app = apps.perform(app.id, step.idx, holder, role, pin=DEMO_PIN)
    pdf, number = render_application_letter(services, app.id)
    path = archive / f"{number.replace('/', '-')}.pdf"
    archive.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)
    entry = services.register.for_application(app.id)
    return {"number": number, "status": entry.status, "pdf": str(path), "entry_id": entry.id}


def _void_first(services: Services, issued: dict[str, Any], archive: Path) -> None:
    from desktop.models.office.first_run import DEMO_PIN
    from desktop.models.users.roles import Role
    from desktop.printing.issue import render_register_letter

    head = Role.LURAH if services.profile.level == "kelurahan" else Role.CAMAT
    official = services.users.by_role(head)[0]
    entry = services.register.void(issued["entry_id"], official, VOID_REASON, pin=DEMO_PIN)
    Path(issued["pdf"]).write_bytes(render_register_letter(services, entry.id, reprint=False))  # now marked BATAL
    issued["status"] = entry.status


def _sample(field: dict[str, Any]) -> Any:
    kind = field.get("type")
    if kind == "date":
        return "2026-11-20"
    if kind == "number":
        return "1500000"
    if kind == "choice":
        return (field.get("options") or ["contoh"])[0]
    if kind == "people":
        return [["SITI AMINAH", "3514105207850004", "Istri"]]
    return f"Contoh {field['label'].lower()}"
