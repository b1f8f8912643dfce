"""Canonical kinds of procedure steps (see resources/catalog/SCHEMA.md)."""

from __future__ import annotations

from enum import Enum


class StepKind(str, Enum):
    """A step's kind as stored and sent (its value); str() and f-strings give the value on every Python."""

    AJUKAN = "ajukan"
    TERIMA = "terima"
    VERIFIKASI = "verifikasi"
    PARAF = "paraf"
    KONSEP = "konsep"
    REGISTER = "register"
    TANDA_TANGAN = "tanda_tangan"
    STEMPEL = "stempel"
    CETAK = "cetak"
    SERAH = "serah"
    AMBIL = "ambil"
    SURVEI_LOKASI = "survei_lokasi"
    PANGGIL_AHLI_WARIS = "panggil_ahli_waris"
    SKM = "skm"
    KIRIM = "kirim"
    NOTIFIKASI = "notifikasi"
    ARSIP = "arsip"
    RAPAT = "rapat"
    LAINNYA = "lainnya"

    def __str__(self) -> str:
        return self.value
