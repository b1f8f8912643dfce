"""Complaint categories and their deadlines in working days (SP4N-LAPOR practice), the channels
a complaint arrives by, and the deadline arithmetic on the office calendar.

The first response is due within 3 working days whatever the category; the resolution within
2 (ringan), 5 (normatif), 14 (tidak perlu pemeriksaan lapangan) or 60 working days (perlu
pemeriksaan lapangan). Weekends and the office's holidays (Pengaturan → kalender) do not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop.models.applications.sla import Calendar
from desktop.models.settings import OfficeCalendar

FIRST_RESPONSE_DAYS = 3


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    working_days: int


CATEGORIES: tuple[Category, ...] = (
    Category("ringan", "Ringan", 2),
    Category("normatif", "Normatif", 5),
    Category("tanpa_pemeriksaan", "Tidak perlu pemeriksaan lapangan", 14),
    Category("pemeriksaan_lapangan", "Perlu pemeriksaan lapangan", 60),
)

CHANNELS: tuple[str, ...] = ("Langsung di loket", "Surat", "Telepon", "SMS/WhatsApp", "Email", "Media sosial",
                             "Kotak saran", "SP4N-LAPOR!", "Lainnya")

STATUS_LABELS = {"baru": "Baru", "diproses": "Diproses", "selesai": "Selesai", "ditutup": "Ditutup"}
OPEN_STATUSES = ("baru", "diproses")


def category(key: str) -> Category:
    from desktop.models.errors import ValidationError

    for c in CATEGORIES:
        if c.key == key:
            return c
    raise ValidationError(f"Kategori pengaduan '{key}' tidak dikenal.")


@dataclass(frozen=True)
class Deadlines:
    first_response: datetime
    resolution: datetime


def deadlines(received: datetime, category_key: str, calendar: OfficeCalendar) -> Deadlines:
    cal = Calendar(calendar)
    return Deadlines(first_response=cal.add_working_days(received, FIRST_RESPONSE_DAYS),
                     resolution=cal.add_working_days(received, category(category_key).working_days))
