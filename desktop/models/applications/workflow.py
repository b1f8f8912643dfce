"""From a service standard's procedure to the steps one application goes through.

Pure functions (no database): which step comes next, who may do it, what status that means.
The steps are stored with the application, so a later catalogue edit never changes an
application in flight.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from desktop.models.applications.status import Status
from desktop.models.applications.step_kinds import StepKind
from desktop.models.errors import ValidationError
from desktop.models.users.roles import Role

if TYPE_CHECKING:
    from desktop.models.catalog.standard import Service

# Catalogue role -> app roles that perform the step at this counter.
ROLE_MAP: dict[str, list[Role]] = {
    "petugas": [Role.PETUGAS],
    "kasi": [Role.KASI],
    "kasubbag": [Role.KASI],
    "sekretaris_lurah": [Role.SEKRETARIS_LURAH],
    "lurah": [Role.LURAH],
    "sekretaris_camat": [Role.SEKRETARIS_CAMAT],
    "camat": [Role.CAMAT],
    "koordinator": [Role.KOORDINATOR],
    # The applicant's and outsiders' acts are recorded by the counter staff.
    "pemohon": [Role.PETUGAS],
    "luar": [Role.PETUGAS],
}

OFFICIAL_MARKS = {StepKind.TANDA_TANGAN, StepKind.PARAF}
HANDOVER = {StepKind.SERAH, StepKind.AMBIL}
# After the signature these only finish the paper while the citizen waits: it counts as ready.
FINISHING = HANDOVER | {StepKind.REGISTER, StepKind.STEMPEL, StepKind.CETAK, StepKind.SKM, StepKind.ARSIP,
                        StepKind.NOTIFIKASI}
VERIFYING = {StepKind.VERIFIKASI, StepKind.PARAF}


class StepState(str, Enum):
    """Where one step of one application stands (stored as its value)."""

    PENDING = "pending"
    ACTIVE = "active"
    DONE = "done"

    def __str__(self) -> str:
        return self.value


@dataclass
class WorkStep:
    idx: int
    kind: StepKind
    roles: list[str]  # Role values allowed to perform it
    actor: str  # as the decree names the actor
    action: str
    returns_to: int | None = None  # step index a returned file goes back to (decree), if any
    needs_pin: bool = False
    auto: bool = False  # done by the app itself (archive, SMS) or with the step before it
    state: StepState = StepState.PENDING
    started_at: str | None = None
    finished_at: str | None = None
    done_by: str | None = None
    done_by_name: str | None = None
    done_role: str | None = None
    note: str = ""
    also: list[StepKind] = field(default_factory=list)
    external: bool = False  # waits for the kecamatan's decision (Tipe B at a kelurahan)
    confirm: str = ""  # what the person doing the step confirms first (the decree's condition to go on)


def _roles(catalog_role: str) -> list[str]:
    return [r.value for r in ROLE_MAP.get(catalog_role, [Role.PETUGAS])]


NO_PROCEDURE = ("Keputusan tidak memuat prosedur untuk layanan ini. Admin perlu menentukan alurnya di Katalog "
                "Layanan (Ubah layanan…) sebelum layanan ini dapat diajukan.")


def build_steps(service: Service, *, tipe_b_at_kelurahan: bool = False, head_role: Role = Role.LURAH) -> list[WorkStep]:
    """The workflow of one application of `service` at this counter.

    A service the decree lists without a procedure is refused (never an invented "alur umum"):
    the office's admin writes its steps into the catalogue first.
    """
    if tipe_b_at_kelurahan:
        return _steps_via_kecamatan(service)
    if not service.steps:
        raise ValidationError(NO_PROCEDURE)
    steps: list[WorkStep] = []
    sources: list = []  # the catalogue step each work step comes from (None: added by the app)
    signer_roles = [r for s in service.signers for r in _roles(s) if s not in ("pemohon", "luar")]
    for st in service.steps:
        if st.condition:
            continue  # "jika berkas belum lengkap": that is a return to the counter, not a step of the flow
        kind = st.kind
        roles = _roles(st.role)
        auto = st.role == "sistem"
        needs_pin = kind in OFFICIAL_MARKS and st.role not in ("petugas", "pemohon", "luar", "sistem")
        if kind == StepKind.TANDA_TANGAN and signer_roles:
            # The signature is the signers' act even where the decree words it as the clerk
            # "asking for the signature"; any signer the decree names may sign.
            official = [r for r in roles if r not in (Role.PETUGAS.value,)]
            roles = sorted(set(official) | set(signer_roles))
            needs_pin = True
        if kind == StepKind.AMBIL and steps and steps[-1].kind == StepKind.SERAH:
            auto = True  # collecting is the same moment as handing over
        steps.append(WorkStep(idx=len(steps), kind=kind, roles=roles, actor=st.actor or "", action=st.action,
                              needs_pin=needs_pin, auto=auto, also=list(st.also), confirm=st.confirm or ""))
        sources.append(st)
    # First step "the applicant submits" is the intake itself.
    if steps and steps[0].kind == StepKind.AJUKAN:
        steps[0].auto = True
    if service.signature_step_missing and not any(is_signature(s) for s in steps):
        _add_signature(steps, sources, head_role)
    _ensure_handover(steps, sources)
    _resolve_returns(steps, sources)
    return steps


def _add_signature(steps: list[WorkStep], sources: list, head: Role) -> None:
    """A letter whose printed procedure names no signature (Kraton Pengantar Kepala Desa/BPD…): signed
    before it is registered, by whichever "pejabat yang berwenang" the office has sign it."""
    secretary = Role.SEKRETARIS_LURAH if head == Role.LURAH else Role.SEKRETARIS_CAMAT
    position = next((s.idx for s in steps if s.kind in (StepKind.REGISTER, StepKind.STEMPEL)),
                    len(steps))
    steps.insert(position, WorkStep(
        idx=0, kind=StepKind.TANDA_TANGAN, roles=[head.value, secretary.value, Role.KASI.value],
        actor="Pejabat yang berwenang", needs_pin=True,
        action="Pejabat yang berwenang menandatangani surat (langkah ditambahkan aplikasi: prosedur di keputusan "
               "tidak menyebut penandatanganan; kantor memilih pejabatnya saat menandatangani)."))
    sources.insert(position, None)
    for i, s in enumerate(steps):
        s.idx = i


def _ensure_handover(steps: list[WorkStep], sources: list) -> None:
    """Every product is handed over at the counter; add that step where a decree leaves it implicit."""
    if any(is_handover(s) for s in steps):
        return
    position = len(steps)
    while position > 0 and steps[position - 1].kind == StepKind.KIRIM:
        position -= 1
    steps.insert(position, WorkStep(idx=0, kind=StepKind.SERAH, roles=[Role.PETUGAS.value],
                                    actor="Petugas", action="Menyerahkan produk layanan kepada pemohon "
                                    "(langkah ditambahkan aplikasi; tidak tertulis di keputusan)."))
    sources.insert(position, None)
    for i, s in enumerate(steps):
        s.idx = i
    for s in steps[position + 1:]:
        if s.kind == StepKind.KIRIM:
            s.auto = True  # the applicant takes it on after the hand-over


def _resolve_returns(steps: list[WorkStep], sources: list) -> None:
    for work, st in zip(steps, sources):
        if st is not None and st.returns_to:
            targets = [s.idx for s in steps[: work.idx] if st.returns_to in _catalog_roles(s) and returnable(s)]
            work.returns_to = targets[-1] if targets else None


def returnable(step: WorkStep) -> bool:
    """A step a returned file can go back to: one a person does. The intake (step 0) counts: it is
    the counter staff's act on the applicant's behalf ("dikembalikan ke CS"), even though the app
    completes it by itself when the application is submitted."""
    return step.idx == 0 or not step.auto


def return_target(steps: list[WorkStep], current: int) -> int | None:
    """Where a file returned from step `current` goes: the decree's target, else the person-step
    before it, else back to the counter (the intake)."""
    if current <= 0:
        return None
    decree = steps[current].returns_to
    if decree is not None and decree < current and returnable(steps[decree]):
        return decree
    earlier = [s.idx for s in steps[1:current] if returnable(s)]
    return earlier[-1] if earlier else 0


def _catalog_roles(step: WorkStep) -> set[str]:
    names = {r for r, mapped in ROLE_MAP.items() if set(v.value for v in mapped) & set(step.roles)}
    if Role.PETUGAS.value in step.roles:
        names -= {"pemohon", "luar"}
    return names


def _steps_via_kecamatan(service: Service) -> list[WorkStep]:
    """Tipe B at a kelurahan counter: checked here, decided and signed at the kecamatan."""
    return [
        WorkStep(0, StepKind.AJUKAN, [Role.PETUGAS.value], "Pemohon", "Pemohon mengajukan permohonan.", auto=True),
        WorkStep(1, StepKind.VERIFIKASI, [Role.PETUGAS.value], "Operator Kelurahan",
                 "Operator kelurahan memeriksa kelengkapan berkas dan meneruskannya ke kecamatan."),
        WorkStep(2, StepKind.KIRIM, [Role.PETUGAS.value], "Kecamatan",
                 f"Menunggu keputusan kecamatan ({service.name}); dicatat saat keputusan/surat diterima.",
                 external=True),
        # The decree: once signed, "aplikasi web juga mengirimkan sms gateway kepada pemohon".
        WorkStep(3, StepKind.NOTIFIKASI, [Role.PETUGAS.value], "Aplikasi",
                 "Mengirim SMS kepada pemohon bahwa produk layanan sudah selesai (bila pemohon memberi nomor HP).",
                 auto=True),
        WorkStep(4, StepKind.SERAH, [Role.PETUGAS.value], "Customer Service Kelurahan",
                 "Menyerahkan produk layanan kepada pemohon."),
    ]


def next_active(steps: list[WorkStep], start: int) -> int | None:
    """Index of the first step from `start` that a person must do (auto steps are done on the way)."""
    for s in steps[start:]:
        if not s.auto:
            return s.idx
    return None


def derive_status(steps: list[WorkStep], active: int | None, *, returned: bool = False) -> Status:
    if active is None:
        return Status.DIAMBIL
    step = steps[active]
    if returned:
        return Status.DIKEMBALIKAN
    if step.external:
        return Status.DIKIRIM_KE_KECAMATAN
    if is_handover(step):
        return Status.SIAP_DIAMBIL
    signed = any(is_signature(s) and s.state == StepState.DONE for s in steps[:active])
    if signed and step.kind in FINISHING:
        return Status.SIAP_DIAMBIL
    if step.kind == StepKind.TANDA_TANGAN:
        return Status.MENUNGGU_TTD
    if any(s.kind in VERIFYING and s.state == StepState.DONE for s in steps[:active]):
        return Status.DIVERIFIKASI
    return Status.DIAJUKAN


def is_handover(step: WorkStep) -> bool:
    return step.kind in HANDOVER or bool(set(step.also) & HANDOVER)


def is_signature(step: WorkStep) -> bool:
    return step.kind == StepKind.TANDA_TANGAN


def signed_steps(steps: list[WorkStep]) -> list[WorkStep]:
    """The signature steps already given, in order (the last one is the letter in force)."""
    return [s for s in steps if is_signature(s) and s.state == StepState.DONE]


def previous_manual(steps: list[WorkStep], current: int) -> int | None:
    """The last step before `current` that a person did (where a returned file goes by default)."""
    earlier = [s.idx for s in steps[1:current] if not s.auto]
    return earlier[-1] if earlier else None


def step_label(step: WorkStep) -> str:
    return KIND_LABELS.get(step.kind, step.kind)


KIND_LABELS: dict[StepKind, str] = {
    StepKind.AJUKAN: "Pengajuan", StepKind.TERIMA: "Penerimaan berkas", StepKind.VERIFIKASI: "Verifikasi",
    StepKind.PARAF: "Paraf", StepKind.KONSEP: "Konsep surat", StepKind.REGISTER: "Register",
    StepKind.TANDA_TANGAN: "Tanda tangan", StepKind.STEMPEL: "Stempel", StepKind.CETAK: "Cetak",
    StepKind.SERAH: "Penyerahan", StepKind.AMBIL: "Pengambilan", StepKind.SURVEI_LOKASI: "Survei lokasi",
    StepKind.PANGGIL_AHLI_WARIS: "Pemanggilan ahli waris", StepKind.SKM: "Survei kepuasan (SKM)",
    StepKind.KIRIM: "Diteruskan", StepKind.NOTIFIKASI: "Notifikasi", StepKind.ARSIP: "Arsip",
    StepKind.RAPAT: "Rapat/koordinasi", StepKind.LAINNYA: "Langkah",
}
