"""NIK validation a clerk can trust: each disagreement is named."""

from datetime import date

import pytest

from desktop.models.errors import ValidationError
from desktop.models.residents.nik import check_nik

MAN = "3514101207850003"  # born 12-07-85
WOMAN = "3514105207850004"  # day 52 = 12 + 40


def test_valid_man_and_woman():
    assert check_nik(MAN, date(1985, 7, 12), "L") == MAN
    assert check_nik(WOMAN, date(1985, 7, 12), "P") == WOMAN


def test_spaces_and_dots_are_tolerated():
    assert check_nik("35.1410 1207850003", date(1985, 7, 12), "L") == MAN


@pytest.mark.parametrize("nik,birth,sex,message", [
    ("351410120785000", None, None, "16 angka"),
    ("35141012078500AB", None, None, "huruf 'A' di posisi 15"),
    ("9914101207850003", None, None, "kode provinsi"),
    ("3500101207850003", None, None, "tidak boleh 00"),
    ("3514101213850003", None, None, "bukan tanggal"),
    ("3514101207850000", None, None, "nomor urut"),
    (MAN, date(1985, 7, 13), "L", "NIK menyatakan 12-07-85"),
    (MAN, date(1985, 7, 12), "P", "tertulis sebagai laki-laki"),
    (WOMAN, date(1985, 7, 12), "L", "tertulis sebagai perempuan"),
])
def test_invalid_nik_names_the_problem(nik, birth, sex, message):
    with pytest.raises(ValidationError, match=message):
        check_nik(nik, birth, sex)
