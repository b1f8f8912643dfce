"""Letter number format: tokens an office can arrange as its own rules require."""

from __future__ import annotations

from datetime import date

from desktop.models.errors import ValidationError
from desktop.models.format_template import fields, render_check
from desktop.models.indonesian import roman_month

TOKENS = {"kode_klasifikasi", "nomor", "kode_kantor", "tahun", "bulan_romawi", "bulan"}


def check_template(template: str) -> None:
    """Refuse a template with unknown tokens, without the running number, or that cannot be filled."""
    names = fields(template, "Format nomor surat")
    unknown = names - TOKENS
    if unknown:
        raise ValidationError(f"Token tidak dikenal dalam format nomor surat: {', '.join(sorted(unknown))}. "
                              f"Yang tersedia: {', '.join(sorted(TOKENS))}.")
    if "nomor" not in names:
        raise ValidationError("Format nomor surat harus memuat {nomor}.")
    render_check(template, {"nomor": 1, "kode_klasifikasi": "470", "kode_kantor": "424.301", "tahun": 2026,
                            "bulan_romawi": "XI", "bulan": "11"}, "Format nomor surat")


def format_number(template: str, *, nomor: int, kode_klasifikasi: str, kode_kantor: str, when: date) -> str:
    check_template(template)
    return template.format(nomor=nomor, kode_klasifikasi=kode_klasifikasi, kode_kantor=kode_kantor,
                           tahun=when.year, bulan_romawi=roman_month(when), bulan=f"{when.month:02d}")
