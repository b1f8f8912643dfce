"""Application statuses, in words a clerk understands, and the changes that move them."""

from __future__ import annotations

from enum import Enum


class Status(str, Enum):
    DRAF = "draf"
    DIAJUKAN = "diajukan"
    DIVERIFIKASI = "diverifikasi"
    MENUNGGU_TTD = "menunggu_ttd"
    SIAP_DIAMBIL = "siap_diambil"
    DIAMBIL = "diambil"
    DIKEMBALIKAN = "dikembalikan"
    DITOLAK = "ditolak"
    DIBATALKAN = "dibatalkan"
    DIKIRIM_KE_KECAMATAN = "dikirim_kecamatan"

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def is_open(self) -> bool:
        return self not in CLOSED


LABELS = {
    Status.DRAF: "Draf",
    Status.DIAJUKAN: "Diajukan",
    Status.DIVERIFIKASI: "Diverifikasi",
    Status.MENUNGGU_TTD: "Menunggu Tanda Tangan",
    Status.SIAP_DIAMBIL: "Siap Diambil",
    Status.DIAMBIL: "Diambil",
    Status.DIKEMBALIKAN: "Dikembalikan",
    Status.DITOLAK: "Ditolak",
    Status.DIBATALKAN: "Dibatalkan",
    Status.DIKIRIM_KE_KECAMATAN: "Dikirim ke Kecamatan",
}

CLOSED = frozenset({Status.DIAMBIL, Status.DITOLAK, Status.DIBATALKAN})
# Where the clerk's inbox looks: every open status except a draft nobody has submitted yet.
WAITING = tuple(s for s in Status if s not in CLOSED and s != Status.DRAF)


class ChangeAction(str, Enum):
    """What moved an application, as written in its history, the audit log and the outbox.

    A performed step is recorded under its StepKind instead (e.g. "tanda_tangan")."""

    DRAFT = "draft"
    SUBMIT = "submit"
    RETURN = "return"
    REJECT = "reject"
    CANCEL = "cancel"
    KECAMATAN_APPROVED = "kecamatan_setuju"
    KECAMATAN_REJECTED = "kecamatan_tolak"

    def __str__(self) -> str:
        return self.value
