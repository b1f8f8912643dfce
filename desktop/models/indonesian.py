"""Indonesian dates, months and roman numerals for letters and screens."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def format_date(when: date | datetime) -> str:
    """23 November 2026"""
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}"


def format_day_date(when: date | datetime) -> str:
    """Selasa, 24 November 2026"""
    return f"{DAYS[when.weekday()]}, {format_date(when)}"


def roman_month(when: date | datetime) -> str:
    return ROMAN[when.month - 1]


def rupiah(amount: int | None) -> str:
    if amount is None:
        return "-"
    if amount == 0:
        return "Gratis"
    return "Rp " + f"{amount:,}".replace(",", ".")
