"""Dates as a clerk types them: 12-03-2026, 12/3/2026, 12.03.26, 12032026, 2026-03-12, 12 Maret 2026.

Day first, always (the Indonesian order). Anything that is not a real date is refused with the
reason, never turned into another date: "12-03-2026" must never become 12 November.
"""

from __future__ import annotations

import re
from datetime import date

from desktop.models.errors import ValidationError
from desktop.models.indonesian import MONTHS

EXAMPLE = "12-03-2026"
_MONTH_WORDS = {m.lower(): i for i, m in enumerate(MONTHS, start=1)}
_MONTH_WORDS |= {m.lower()[:3]: i for i, m in enumerate(MONTHS, start=1)}
_MONTH_WORDS |= {"agu": 8, "agt": 8, "ags": 8, "okt": 10, "des": 12, "nop": 11, "peb": 2, "pebruari": 2,
                 "nopember": 11}


def parse_typed_date(text: str, today: date) -> date | None:
    """The date typed, or None for an empty field; ValidationError (in words) for anything else.

    A two-digit year is this century's when that is not in the future, else the last century's
    (a birth date typed 15-08-70 is 1970)."""
    raw = " ".join(text.strip().split())
    if not raw:
        return None
    day, month, year_text = _parts(raw)
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if 2000 + year <= today.year else 1900
    if not 1 <= month <= 12:
        raise ValidationError(f"Bulan {month} tidak ada (tanggal '{text.strip()}'). Tulis seperti {EXAMPLE}.")
    if not 1900 <= year <= 2200:
        raise ValidationError(f"Tahun {year} tidak masuk akal (tanggal '{text.strip()}').")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(f"Tanggal {day} {MONTHS[month - 1]} {year} tidak ada.") from None


def _parts(raw: str) -> tuple[int, int, str]:
    """Day, month, and the year as typed (its length tells a two-digit year)."""
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw)
    if iso:
        return int(iso.group(3)), int(iso.group(2)), iso.group(1)
    numeric = re.fullmatch(r"(\d{1,2})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{2}|\d{4})", raw)
    if numeric:
        return int(numeric.group(1)), int(numeric.group(2)), numeric.group(3)
    packed = re.fullmatch(r"(\d{2})(\d{2})(\d{4}|\d{2})", raw)
    if packed:
        return int(packed.group(1)), int(packed.group(2)), packed.group(3)
    worded = re.fullmatch(r"(\d{1,2})\s*[-/.\s]?\s*([A-Za-z]+)\.?\s*[-/.\s]?\s*(\d{2}|\d{4})", raw)
    if worded and worded.group(2).lower() in _MONTH_WORDS:
        return int(worded.group(1)), _MONTH_WORDS[worded.group(2).lower()], worded.group(3)
    raise ValidationError(f"Tanggal '{raw}' tidak dikenali. Tulis tanggal-bulan-tahun, seperti {EXAMPLE}.")


def typed(when: date) -> str:
    """How a date is shown in a date field: 12-03-2026."""
    return f"{when.day:02d}-{when.month:02d}-{when.year}"
