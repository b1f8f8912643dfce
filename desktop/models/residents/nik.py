"""NIK (Nomor Induk Kependudukan) checks a clerk can trust.

Layout: PP KK CC DD MM YY SSSS — province, regency/city, district, birth day (+40 for women),
birth month, two-digit birth year, serial. Messages say which part disagrees.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from desktop.models.errors import ValidationError

# Province codes in use (Kemendagri): 11–21, 31–36, 51–53, 61–65, 71–76, 81–82, 91–97.
PROVINCE_CODES = frozenset(
    [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
     71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97]
)


def check_nik(nik: str, birth_date: date | None = None, sex: str | None = None) -> str:
    """Return the normalised NIK or raise ValidationError naming what is wrong.

    `sex` is "L" (laki-laki) or "P" (perempuan).
    """
    if _SCIENTIFIC.match(nik.strip()):  # before dots are dropped: show it as the clerk sees it
        raise ValidationError(describe_not_digits(nik.strip()))
    value = nik.strip().replace(" ", "").replace(".", "")
    problem = describe_not_digits(value)
    if problem:
        raise ValidationError(problem)
    if len(value) != 16:
        raise ValidationError(f"NIK harus 16 angka (yang diisi: {len(value)} angka).")
    if int(value[0:2]) not in PROVINCE_CODES:
        raise ValidationError(f"NIK tidak sah: kode provinsi '{value[0:2]}' tidak dikenal.")
    if value[2:4] == "00" or value[4:6] == "00":
        raise ValidationError("NIK tidak sah: kode kabupaten/kota atau kecamatan tidak boleh 00.")
    if value[12:16] == "0000":
        raise ValidationError("NIK tidak sah: nomor urut tidak boleh 0000.")
    day, month, year2 = int(value[6:8]), int(value[8:10]), int(value[10:12])
    encoded_female = day > 40
    real_day = day - 40 if encoded_female else day
    if not 1 <= month <= 12 or not 1 <= real_day <= 31:
        raise ValidationError("NIK tidak sah: tanggal lahir di digit 7–12 bukan tanggal yang mungkin.")
    if birth_date is not None:
        if (real_day, month, year2) != (birth_date.day, birth_date.month, birth_date.year % 100):
            shown = f"{real_day:02d}-{month:02d}-{year2:02d}"
            raise ValidationError(
                f"Tanggal lahir tidak cocok dengan NIK: NIK menyatakan {shown}, "
                f"isian {birth_date:%d-%m-%y}.")
    if sex is not None:
        if sex == "P" and not encoded_female:
            raise ValidationError("Jenis kelamin tidak cocok dengan NIK: untuk perempuan tanggal lahir di NIK "
                                  "ditambah 40, tetapi NIK ini tertulis sebagai laki-laki.")
        if sex == "L" and encoded_female:
            raise ValidationError("Jenis kelamin tidak cocok dengan NIK: NIK ini tertulis sebagai perempuan "
                                  "(tanggal lahir ditambah 40).")
    return value


# Excel shows a long number in scientific notation, and saves a CSV that way: 3.51413E+15.
_SCIENTIFIC = re.compile(r"^[0-9]+([.,][0-9]+)?[eE][+]?[0-9]+$")
# Letters a clerk types for a digit, and the digit meant.
_LOOKALIKES = {"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1", "i": "1", "|": "1", "Z": "2",
               "S": "5", "s": "5", "G": "6", "b": "6", "B": "8", "g": "9", "q": "9"}


def describe_not_digits(value: str) -> str:
    """Why `value` is not a string of ASCII digits 0–9, in words about what the clerk sees; "" if it is.

    Only ASCII digits count: the same NIK in full-width or Arabic-Indic digits must not become a
    second resident, and digits int() cannot read must not crash anything later.
    """
    if not value:
        return "NIK wajib diisi (16 angka)."
    if value.isascii() and value.isdigit():
        return ""
    if _SCIENTIFIC.match(value):
        return (f"NIK tertulis sebagai angka ilmiah ({value}): Excel memendekkan angka panjang dan mengganti digit "
                "terakhirnya. Di Excel, format kolom NIK sebagai Teks, ketik ulang NIK-nya, lalu simpan/ekspor lagi.")
    for position, char in enumerate(value, start=1):
        if char.isascii() and char.isdigit():
            continue
        if char in _LOOKALIKES:
            return (f"NIK berisi huruf '{char}' di posisi {position}, bukan angka. Mungkin maksudnya angka "
                    f"{_LOOKALIKES[char]}? NIK hanya boleh angka 0–9.")
        if char.isdigit() or unicodedata.category(char) == "Nd":
            return (f"NIK berisi angka dari huruf lain ('{char}') di posisi {position}. Ketik ulang NIK dengan "
                    "angka biasa 0–9.")
        if char.isalpha():
            return f"NIK berisi huruf '{char}' di posisi {position}. NIK hanya boleh angka 0–9."
        shown = char if char.isprintable() else f"U+{ord(char):04X}"
        return f"NIK berisi tanda '{shown}' di posisi {position}. NIK hanya boleh angka 0–9."
    return "NIK hanya boleh angka 0–9."


def decode_birth(nik: str, today: date) -> tuple[date, str] | None:
    """Birth date and sex a 16-digit NIK encodes; the century is the one that does not lie in the
    future as of `today`. None when the digits do not make a date (the full check names why)."""
    if len(nik) != 16 or not nik.isascii() or not nik.isdigit():
        return None
    day, month, year2, sex = birth_from_nik(nik)
    year = 2000 + year2 if 2000 + year2 <= today.year else 1900 + year2
    try:
        return date(year, month, day), sex
    except ValueError:
        return None


def birth_from_nik(nik: str) -> tuple[int, int, int, str]:
    """(day, month, two-digit year, sex) as encoded in a valid NIK."""
    day = int(nik[6:8])
    sex = "P" if day > 40 else "L"
    return (day - 40 if day > 40 else day), int(nik[8:10]), int(nik[10:12]), sex
