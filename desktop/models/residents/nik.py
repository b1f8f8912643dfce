"""NIK (Nomor Induk Kependudukan) checks a clerk can trust.

Layout: PP KK CC DD MM YY SSSS — province, regency/city, district, birth day (+40 for women),
birth month, two-digit birth year, serial. Messages say which part disagrees.
"""

from __future__ import annotations

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
    value = nik.strip().replace(" ", "").replace(".", "")
    if not value.isdigit() or len(value) != 16:
        raise ValidationError(f"NIK harus 16 angka (yang diisi: {len(value)} karakter).")
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
