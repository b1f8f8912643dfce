"""Issuing a letter: at the final signature, in the same transaction, the register number is taken,
the letter's words are fixed and sealed with the office's key (QR). Reprints render that record."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.models import jsonutil
from desktop.models.applications.application import Application
from desktop.models.applications.intake import IntakeDraft, form_fields
from desktop.models.applications.workflow import StepState, WorkStep, is_signature
from desktop.models.audit import Actor
from desktop.models.register.book import RegisterBook
from desktop.models.settings import OfficeProfile, PaperSettings, SettingsRepository
from desktop.models.users.accounts import User
from desktop.models.users.roles import Role
from desktop.printing.letter_content import LetterDoc, Signer, build_letter
from desktop.printing.templates import Template, load_template, titled_for

if TYPE_CHECKING:
    from desktop.models.applications.service import ApplicationService, StepHook
    from desktop.models.services import Services

HEADS = {Role.LURAH, Role.CAMAT}


def signer_for(user: User, role: Role, profile: OfficeProfile, signature_path: str = "") -> Signer:
    place = (profile.kelurahan or profile.kecamatan).replace("KELURAHAN ", "").replace("KECAMATAN ", "").title()
    head = "Lurah" if profile.level == "kelurahan" else "Camat"
    own = user.jabatan or role.label
    jabatan = f"{head} {place}" if role in HEADS else f"a.n. {head} {place} {own}"
    return Signer(jabatan=jabatan, name=user.full_name, pangkat=user.pangkat, nip=user.nip,
                  signature_path=signature_path, title=head if role in HEADS else own)


def _trail(app: Application) -> list[str]:
    """The approval trail on the archive copy, in words: "Paraf: Sri Handayani (Sekretaris Lurah) …"."""
    from desktop.models.applications.workflow import step_label
    from desktop.models.users.roles import role_words

    system = Actor.system().role
    return [f"{step_label(s)}: {s.done_by_name} ({role_words(s.done_role)}) "
            f"{(s.finished_at or '')[:16].replace('T', ' ')}"
            for s in app.steps if s.state == StepState.DONE and s.done_by_name and s.done_role not in (system, None)]


def make_sign_hook(register: RegisterBook, settings: SettingsRepository) -> StepHook:
    """A step hook for ApplicationService: numbers and seals the letter when the signature is given.

    Render before you number: the letter is laid out and checked (dates, printable characters, fits
    the paper) first; only then is a number taken. The QR is signed with the signing official's own
    key, unlocked by the PIN they just typed. One letter in force per application: a re-signed
    letter records the cancelled number it replaces."""
    from desktop.models.catalog.standard import Service
    from desktop.models.errors import ValidationError
    from desktop.models.register.numbering import format_number
    from desktop.models.register.revocation import set_replacement
    from desktop.models.settings import NumberingSettings
    from desktop.printing.letter_check import check_inputs, probe_layout
    from desktop.printing.qr import LetterClaim, applicant_subject, content_digest, sign_claim, subject_hash

    def hook(ctx: ApplicationService, app: Application, step: WorkStep, user: User) -> None:
        if not is_signature(step):
            return
        if register.live_for_application(app.id) is not None:
            raise ValidationError(f"Permohonan {app.number} sudah punya surat yang berlaku; batalkan dulu surat "
                                  "itu bila perlu diganti (satu nomor untuk satu surat).")
        service = Service.model_validate(app.standard)
        profile: OfficeProfile = settings.get(OfficeProfile)
        role = Role(step.done_role)
        private, key_row = ctx.users.signing_key(user)
        sig_row = ctx.db.execute("SELECT signature_path FROM users WHERE id = ?", [user.id]).fetchone()
        signer = signer_for(user, role, profile, sig_row[0] if sig_row else "")
        fields = form_fields(service)
        template = titled_for(load_template(service.id, service.form, {f["key"] for f in fields}), service)
        when = ctx.clock.now().date()
        classification = service.classification_code or template.classification
        check_inputs(app, profile, signer, fields)
        numbering: NumberingSettings = settings.get(NumberingSettings)
        longest = format_number(numbering.template, nomor=99999, when=when, kode_kantor=profile.office_code,
                                kode_klasifikasi=classification or numbering.default_classification)
        probe_layout(build_letter(app, template, profile, signer, longest, when, fields),
                     settings.get(PaperSettings), longest)
        subject, identifier = applicant_subject(app.applicant.kind, app.applicant.nik, app.applicant.document)
        hashed = subject_hash(subject, identifier, profile.office_code)
        replaced = register.last_voided_for_application(app.id)
        replaces = replaced.number if replaced is not None else ""
        entry = register.allocate(
            classification=classification, subject=template.title, recipient=app.applicant.name,
            signer_name=user.full_name, signer_role=role.value, actor=user.actor(role), application_id=app.id,
            service_id=service.id, nik_hash=hashed, when=when, replaces=replaces)
        doc = build_letter(app, template, profile, signer, entry.number, when, fields)
        doc.signed = True
        digest = content_digest(doc.content_fields())
        claim = LetterClaim(office_code=profile.office_code, number=entry.number, date=when.isoformat(),
                            service=service.name[:60], signer=user.full_name, nik_hash=hashed, content_sha256=digest,
                            key_id=key_row["key_id"], subject=subject, replaces=replaces)
        doc.qr_payload = sign_claim(private, claim)
        register.set_qr(entry.id, doc.qr_payload, digest, key_row["key_id"])
        ctx.db["register"].update(entry.id, {"letter": jsonutil.dumps(_doc_to_dict(doc))})
        ctx.aggregate.link_letter(app, entry.id)
        if replaces:  # the cancelled letter's revocation now names its replacement
            set_replacement(ctx.db, ctx.clock, private, office_code=profile.office_code, number=replaces,
                            replaced_by=entry.number)

    return hook


def _doc_to_dict(doc: LetterDoc) -> dict[str, Any]:
    data = dataclasses.asdict(doc)
    data.pop("profile")
    return data


def stored_letter(register: RegisterBook, entry_id: str, profile: OfficeProfile) -> LetterDoc:
    row = register.db.execute("SELECT letter FROM register WHERE id = ?", [entry_id]).fetchone()
    data = jsonutil.loads(row[0]) if row else None
    if not data:
        from desktop.models.errors import ValidationError

        raise ValidationError("Isi surat ini tidak tersimpan (surat manual); tidak dapat dicetak ulang.")
    data["signer"] = Signer(**data["signer"])
    data["biodata"] = [tuple(x) for x in data["biodata"]]
    data["details"] = [tuple(x) for x in data["details"]]
    return LetterDoc(profile=profile, **data)


def render_application_letter(services: Services, app_id: str, *, archive_copy: bool = False,
                              reprint: bool = False) -> tuple[bytes, str]:
    """PDF of the letter of an application (the one in force, else its last, voided one), and its number."""
    from desktop.models.errors import ValidationError

    register = RegisterBook(services.db, services.clock, services.settings)
    entry = register.for_application(app_id)
    if entry is None:
        received = render_received_letter(services, app_id, archive_copy=archive_copy, reprint=reprint)
        if received is not None:
            return received
        raise ValidationError("Surat untuk permohonan ini belum ditandatangani, jadi belum bernomor.")
    trail = _trail(services.applications.get(app_id)) if archive_copy else None
    return render_register_letter(services, entry.id, archive_copy=archive_copy, reprint=reprint, trail=trail), \
        entry.number


def render_received_letter(services: Services, app_id: str, *, archive_copy: bool = False,
                           reprint: bool = False) -> tuple[bytes, str] | None:
    """A Tipe B letter signed at the kecamatan and sent down: printed here with the kecamatan's own
    letterhead and the camat's QR, exactly as signed."""
    import dataclasses as dc

    from desktop.printing.letters import render_letter
    from desktop.printing.qr import qr_matrix

    row = services.db.execute("SELECT number, letter, letterhead, qr_payload FROM received_letters "
                              "WHERE application_id = ?", [app_id]).fetchone()
    if row is None:
        return None
    names = {f.name for f in dc.fields(OfficeProfile)}
    letterhead = OfficeProfile(**{k: v for k, v in (jsonutil.loads(row[2]) or {}).items() if k in names})
    # Images named by the kecamatan's paths print when this PC has them (the bundled samples do).
    letterhead.logo_path = letterhead.logo_path if Path(letterhead.logo_path or "-").exists() else ""
    letterhead.stamp_path = letterhead.stamp_path if Path(letterhead.stamp_path or "-").exists() else ""
    data = jsonutil.loads(row[1])
    data["signer"] = Signer(**data["signer"])
    data["biodata"] = [tuple(x) for x in data["biodata"]]
    data["details"] = [tuple(x) for x in data["details"]]
    doc = LetterDoc(profile=letterhead, **data)
    pdf = render_letter(doc, services.settings.get(PaperSettings), archive_copy=archive_copy, reprint=reprint,
                        qr=qr_matrix(row[3]) if row[3] else None)
    return pdf, row[0]


def render_register_letter(services: Services, entry_id: str, *, archive_copy: bool = False, reprint: bool = True,
                           trail: list[str] | None = None) -> bytes:
    """PDF of one register entry's letter; a voided one carries BATAL with its date and reason."""
    from desktop.models.indonesian import format_date
    from desktop.models.register.book import BATAL
    from desktop.printing.letters import render_letter
    from desktop.printing.qr import qr_matrix

    register = RegisterBook(services.db, services.clock, services.settings)
    entry = register.get(entry_id)
    doc = stored_letter(register, entry.id, services.settings.get(OfficeProfile))
    if trail is not None:
        doc.trail = trail
    cancelled = ""
    if entry.status == BATAL:
        when = (entry.voided_at or "")[:10]
        cancelled = (f"SURAT INI DIBATALKAN pada {format_date(date.fromisoformat(when)) if when else '-'}. "
                     f"Alasan: {entry.void_reason or '-'}. Tidak berlaku.")
    return render_letter(doc, services.settings.get(PaperSettings), archive_copy=archive_copy, reprint=reprint,
                         qr=qr_matrix(entry.qr_payload) if entry.qr_payload else None, cancelled=cancelled)


def preview_letter(services: Services, office_id: str, service_id: str, paper: str = "F4", *,
                   template: Template | None = None) -> bytes:
    """A service's letter with sample data, through the same code path as a real one (unsigned, no number);
    `template`: a template being edited and not saved yet (the Templat Surat screen's preview)."""
    from desktop.models.applications.application import Applicant
    from desktop.models.applications.status import Status
    from desktop.models.catalog.standard import Service
    from desktop.models.office.first_run import profile_from_catalog
    from desktop.models.residents.synthetic import residents
    from desktop.printing.letters import render_letter

    service: Service = next(s for s in services.catalog.services(office_id, include_inactive=True)
                            if s.id == service_id) if service_id else None
    if service is None:
        from desktop.models.errors import ValidationError

        raise ValidationError(f"Layanan '{service_id}' tidak ada di katalog {office_id}.")
    office = services.catalog.office(office_id)
    profile = services.profile if services.profile.catalog_office_id == office_id else profile_from_catalog(
        office, "Contoh" if office.level == "kecamatan" and service.ends_at == "kelurahan" else "")
    sample = next(residents(1, seed=3))
    fields = form_fields(service)
    values = {f["key"]: (f.get("options") or ["contoh"])[0] if f["type"] == "choice" else
              ("2026-11-20" if f["type"] == "date" else "1500000" if f["type"] == "number" else f"[{f['label']}]")
              for f in fields}
    if any(f["type"] == "people" for f in fields):
        values["ahli_waris"] = [["SITI AMINAH", "3514105207850004", "Istri"], ["BUDI SANTOSO", "3514101207080003", "Anak"]]
    app = Application(id="contoh", number="CONTOH-0001", office_code=profile.office_code, service_id=service.id,
                      service_name=service.name, service_version=1, standard={}, fields=values,
                      applicant=Applicant(kind="penduduk", name=sample.nama, nik=sample.nik,
                                          address=f"{sample.alamat} RT {sample.rt}/RW {sample.rw}",
                                          details=dataclasses.asdict(sample)),
                      status=Status.DIAJUKAN, active_step=None, received_at=services.clock.now(), due_at=None,
                      completed_at=None, handed_over_at=None, closed_reason=None, created_by="contoh")
    template = titled_for(template or load_template(service.id, service.form, {f["key"] for f in fields}), service)
    head = Role.LURAH if profile.level == "kelurahan" else Role.CAMAT
    user = User(id="-", username="-", full_name="NAMA PEJABAT", roles=frozenset({head}), jabatan=head.label,
                nip="19700101 199001 1 001", pangkat="Pembina (IV/a)")
    number = f"{template.classification}/___/{profile.office_code or '___'}/{services.clock.now().year}"
    doc = build_letter(app, template, profile, signer_for(user, head, profile), number, services.clock.now().date(),
                       fields)
    return render_letter(doc, PaperSettings(size=paper))


def check_printable(draft: IntakeDraft) -> None:
    """At the counter already: every character of the applicant and the isian prints on the letter."""
    from desktop.models.errors import ValidationError
    from desktop.printing.fonts import unprintable
    from desktop.printing.letter_check import describe_char

    texts = [("Nama pemohon", draft.applicant.name), ("Alamat pemohon", draft.applicant.address),
             ("Nomor dokumen", draft.applicant.document), ("Perwakilan", draft.applicant.representative)]
    texts += [(str(k), " ".join(map(str, v)) if isinstance(v, list) else str(v)) for k, v in draft.fields.items()]
    for label, text in texts:
        bad = unprintable(text)
        if bad:
            raise ValidationError(f"{label} memuat karakter yang tidak dapat dicetak pada surat: "
                                  f"{', '.join(describe_char(c) for c in bad[:3])}. Hapus atau ganti karakter itu.")


def attach_letter_issuing(services: Services) -> None:
    """Wire the signing hook into a Services container (composition roots call this once)."""
    if not getattr(services, "_letters_attached", False):
        services.applications.step_hooks.append(make_sign_hook(services.register, services.settings))
        services.applications.submit_checks.append(check_printable)
        services._letters_attached = True
