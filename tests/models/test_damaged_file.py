"""Bytes overwritten in the middle of the database file: named at start and by `loket check`, in plain
words with what to do; no message claims the data is safe without having checked."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.cli import main
from desktop.models.errors import DatabaseError
from desktop.models.trust.file_health import quick_check, scan_content
from desktop.office import open_office


def _overwrite(path, marker: bytes, junk: bytes) -> int:
    data = bytearray(path.read_bytes())
    at = data.find(marker)
    assert at > 4096 * 4, "marker should lie in the middle of the file"
    data[at:at + len(junk)] = junk
    path.write_bytes(bytes(data))
    return at


@pytest.fixture
def damaged_catalogue(db_path):
    # A byte sequence that is not UTF-8 inside one service's stored standard (the JSON text).
    _overwrite(db_path, b"Surat Keterangan Tidak Mampu", b"\xff\xfe\xff\xfe")
    return db_path


def test_loket_check_names_damage_inside_stored_values(damaged_catalogue, capsys):
    code = main(["--db", str(damaged_catalogue), "check"])
    out = capsys.readouterr().out
    assert code == 1
    assert "RUSAK" in out and "tabel services" in out and "bukan UTF-8" in out
    assert "pulihkan cadangan terakhir" in out


def test_start_up_refuses_a_damaged_file_and_says_what_to_do(damaged_catalogue):
    from desktop.app import open_counter

    with pytest.raises(DatabaseError) as info:
        open_counter(damaged_catalogue)
    text = str(info.value)
    assert "Berkas basis data RUSAK" in text and "tabel services" in text and "Yang harus dilakukan" in text
    assert "tetap aman" not in text


def test_a_healthy_file_passes_both_checks(db_path):
    services = open_office(db_path)
    try:
        assert quick_check(services.db).ok and scan_content(services.db).ok
    finally:
        services.db.conn.close()


def test_a_broken_page_in_the_middle_is_found_at_start(db_path):
    data = bytearray(db_path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle:middle + 8] = b"\x00\x07\xff\xff\xff\xff\xff\xff"  # a b-tree page header turned to nonsense
    db_path.write_bytes(bytes(data))
    try:
        services = open_office(db_path, seed_catalog=False)
    except DatabaseError as exc:  # some pages are needed just to open: that is named too
        assert "rusak" in str(exc)
        return
    try:
        report = quick_check(services.db)
        assert not report.ok and "RUSAK" in report.text
    finally:
        services.db.conn.close()


def test_unknown_errors_never_claim_the_data_is_safe(qapp):
    from desktop.ui.tasks import error_text

    decoding = sqlite3.OperationalError("Could not decode to UTF-8 column 'standard' with text '\ufffd'")
    assert "rusak" in error_text(decoding) and "loket check" in error_text(decoding)
    for exc in (RuntimeError("boom"), KeyError("x"), decoding):
        assert "aman" not in error_text(exc)
