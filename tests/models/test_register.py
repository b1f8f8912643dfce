"""The register never skips, repeats or reuses a number — whatever happens between sign, void, abandon, restart."""

import subprocess
import sys
import textwrap
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models.audit import Actor
from desktop.models.clock import WIB
from desktop.models.db import transaction
from desktop.models.errors import PermissionDenied, ValidationError
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.register.book import BATAL
from desktop.models.settings import NumberingSettings, OfficeProfile
from desktop.office import open_office
from tests.identities import FAST_KDF, PIN, admin_actor


def allocate(book, subject="Surat", classification="470"):
    with transaction(book.db):
        return book.allocate(classification=classification, subject=subject, recipient="BUDI", signer_name="LURAH",
                             signer_role="lurah", actor=Actor.system())


def test_number_format_with_office_code_and_year(office_services):
    entry = allocate(office_services.register)
    assert entry.number == "470/001/424.301.1.04/2026"


def test_roman_month_token_and_per_classification_scope(office_services):
    office_services.settings.put(NumberingSettings(template="{kode_klasifikasi}/{nomor}/{bulan_romawi}/{tahun}",
                                                   scope="classification"), admin_actor(office_services))
    a = allocate(office_services.register, classification="470")
    b = allocate(office_services.register, classification="474.3")
    c = allocate(office_services.register, classification="470")
    assert (a.number, b.number, c.number) == ("470/1/XI/2026", "474.3/1/XI/2026", "470/2/XI/2026")


def test_counter_resets_on_first_of_january(office_services, clock):
    clock.set(datetime(2026, 12, 31, 15, 0, tzinfo=WIB))
    assert allocate(office_services.register).seq == 1
    assert allocate(office_services.register).seq == 2
    clock.set(datetime(2027, 1, 1, 8, 0, tzinfo=WIB))
    entry = allocate(office_services.register)
    assert entry.seq == 1 and entry.number.endswith("/2027")


def test_void_keeps_number_and_next_letter_does_not_reuse_it(office_services):
    book = office_services.register
    lurah = office_services.users.authenticate("lurah", DEMO_PIN)
    first = allocate(book)
    with pytest.raises(ValidationError, match="Alasan"):
        book.void(first.id, lurah, "", pin=DEMO_PIN)
    with pytest.raises(PermissionDenied):
        book.void(first.id, office_services.users.authenticate("petugas", DEMO_PIN), "salah ketik", pin=DEMO_PIN)
    with pytest.raises(PermissionDenied, match="PIN"):
        book.void(first.id, lurah, "Salah ketik nama")  # signed in, but no PIN typed now
    voided = book.void(first.id, lurah, "Salah ketik nama", pin=DEMO_PIN)
    assert voided.status == BATAL and voided.number == first.number
    assert allocate(book).seq == 2


def test_manual_entry_takes_the_next_number(office_services):
    petugas = office_services.users.authenticate("petugas", DEMO_PIN)
    allocate(office_services.register)
    manual = office_services.register.add_manual(petugas, classification="470", subject="Surat undangan",
                                                 recipient="Ketua RW 02", signer_name="Lurah")
    assert manual.seq == 2 and manual.manual


def test_allocation_outside_a_transaction_is_a_programming_error(office_services):
    with pytest.raises(RuntimeError):
        office_services.register.allocate(classification="470", subject="x", recipient="y", signer_name="z",
                                          signer_role="lurah", actor=Actor.system())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["sign", "void", "abandon", "restart", "year"]), max_size=30))
def test_any_sequence_gives_1_to_n_per_year_without_gaps_or_duplicates(tmp_path_factory, seeded_template, ops):
    import shutil

    from desktop.models.clock import FixedClock

    path = tmp_path_factory.mktemp("reg") / "db.sqlite3"
    shutil.copy(seeded_template, path)
    clock = FixedClock(datetime(2026, 6, 1, 9, 0, tzinfo=WIB))
    services = open_office(path, clock, kdf=FAST_KDF)
    services.settings.put(OfficeProfile(office_code="424.301.1.04", pemerintah="P", kecamatan="K", alamat="A",
                                        tempat_surat="T", kelurahan="L"), admin_actor(services))
    from desktop.models.users.accounts import NewUser
    from desktop.models.users.roles import Role

    lurah = services.users.create(NewUser("lurah", "Lurah", [Role.LURAH], PIN), admin_actor(services))
    book = services.register
    for op in ops:
        if op == "sign":
            allocate(book)
        elif op == "void":
            live = [e for e in book.entries() if e.status != BATAL]
            if live:
                book.void(live[0].id, lurah, "batal", pin=PIN)
        elif op == "abandon":
            with pytest.raises(RuntimeError):
                with transaction(book.db):
                    allocate(book)
                    raise RuntimeError("draft abandoned / crash before commit")
        elif op == "restart":
            services.db.conn.close()
            services = open_office(path, clock, kdf=FAST_KDF)
            book = services.register
        elif op == "year":
            clock.set(clock.now().replace(year=clock.now().year + 1))
    by_year: dict[int, list[int]] = {}
    for e in book.entries():
        by_year.setdefault(e.year, []).append(e.seq)
    for seqs in by_year.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))
    services.db.conn.close()


KILL = textwrap.dedent("""
    import os, sys
    from desktop.models.audit import Actor
    from desktop.models.db import transaction
    from desktop.office import open_office
    s = open_office(sys.argv[1])
    with transaction(s.db):
        s.register.allocate(classification="470", subject="x", recipient="y", signer_name="z",
                            signer_role="lurah", actor=Actor.system())
        os._exit(9)  # killed between the allocation and the commit
""")


def test_killed_between_allocation_and_commit_leaves_register_consistent(db_path, clock):
    services = open_office(db_path, clock, kdf=FAST_KDF)
    services.settings.put(OfficeProfile(office_code="X", pemerintah="P", kecamatan="K", alamat="A", tempat_surat="T",
                                        kelurahan="L"), admin_actor(services))
    allocate(services.register)
    services.db.conn.close()
    result = subprocess.run([sys.executable, "-c", KILL, str(db_path)], capture_output=True, text=True)
    assert result.returncode == 9, result.stderr
    again = open_office(db_path, clock, kdf=FAST_KDF)
    assert [e.seq for e in again.register.entries()] == [1]
    assert allocate(again.register).seq == 2
