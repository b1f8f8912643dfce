"""Indonesian mobile numbers: what a clerk types (0812-3456-789, +62 812…, 62812…) to one form."""

from __future__ import annotations

import re

from desktop.models.errors import ValidationError


def normalise_phone(text: str) -> str:
    """'' stays '' (the number is optional); otherwise +62… or a clear Indonesian error."""
    raw = text.strip()
    if not raw:
        return ""
    if not re.fullmatch(r"\+?[0-9 .()-]{6,24}", raw):
        raise ValidationError("Nomor HP hanya boleh berisi angka, spasi, tanda - dan + (contoh 0812 3456 7890).")
    digits = re.sub(r"\D", "", raw)
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    if not digits.startswith("628") or not 10 <= len(digits) <= 15:
        raise ValidationError("Nomor HP harus nomor seluler Indonesia (diawali 08 atau +628), 10–15 angka.")
    return "+" + digits


def local_form(phone: str) -> str:
    """+6281234567890 → 081234567890 (as people read it)."""
    return "0" + phone[3:] if phone.startswith("+62") else phone
