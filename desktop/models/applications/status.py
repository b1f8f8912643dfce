"""Application statuses, in words a clerk understands."""

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
