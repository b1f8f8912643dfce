"""Encrypted backup round trip; a wrong passphrase or damaged file restores nothing."""

import subprocess
import sys

import pytest

from desktop.models.errors import ValidationError
from desktop.models.office.backup import create_backup, restore_backup
from desktop.office import open_office
from tests.identities import FAST_KDF


def test_round_trip_keeps_data_and_the_signing_key(office_services, tmp_path, clock):
    out = tmp_path / "cadangan.loketbak"
    create_backup(office_services.db, out, "kata sandi panjang")
    assert b"SQLite format" not in out.read_bytes()  # encrypted, not a plain copy
    restored = tmp_path / "pulih.sqlite3"
    restore_backup(out, "kata sandi panjang", restored)
    again = open_office(restored, clock, kdf=FAST_KDF)
    assert again.residents.count() == office_services.residents.count()
    assert again.office_keys.public_key() == office_services.office_keys.public_key()


def test_wrong_passphrase_and_damaged_file_are_refused(office_services, tmp_path):
    out = tmp_path / "cadangan.loketbak"
    create_backup(office_services.db, out, "kata sandi panjang")
    with pytest.raises(ValidationError, match="salah"):
        restore_backup(out, "kata sandi lain!!", tmp_path / "x.sqlite3")
    damaged = bytearray(out.read_bytes())
    damaged[-40] ^= 0xFF
    out.write_bytes(bytes(damaged))
    with pytest.raises(ValidationError, match="rusak"):
        restore_backup(out, "kata sandi panjang", tmp_path / "y.sqlite3")
    assert not (tmp_path / "x.sqlite3").exists() and not (tmp_path / "y.sqlite3").exists()


def test_short_passphrase_and_existing_target_refused(office_services, tmp_path):
    with pytest.raises(ValidationError, match="minimal"):
        create_backup(office_services.db, tmp_path / "a", "pendek")
    out = tmp_path / "b"
    create_backup(office_services.db, out, "kata sandi panjang")
    existing = tmp_path / "ada.sqlite3"
    existing.write_bytes(b"data penting")
    with pytest.raises(ValidationError, match="tertimpa"):
        restore_backup(out, "kata sandi panjang", existing)
    assert existing.read_bytes() == b"data penting"


def test_cli_backup_create(db_path, tmp_path):
    env = {"LOKET_DATA_DIR": str(tmp_path), "LOKET_BACKUP_PASSPHRASE": "kata sandi panjang", "PATH": "/usr/bin:/bin"}
    out = tmp_path / "c.loketbak"
    result = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db_path), "backup", "create", str(out)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"LOKETBAK2")


def test_restored_backup_signs_on_a_new_pc_while_a_plain_copy_cannot(office_services, tmp_path, clock):
    """The backup carries the device secret; restoring it (the passphrase) is the way to move an office."""
    from desktop.models.office.first_run import DEMO_PIN
    from desktop.models.users.roles import Role

    out = tmp_path / "cadangan.loketbak"
    create_backup(office_services.db, out, "kata sandi panjang")
    new_pc = tmp_path / "pc-baru"
    new_pc.mkdir()
    restore_backup(out, "kata sandi panjang", new_pc / "loket.sqlite3")
    again = open_office(new_pc / "loket.sqlite3", clock, kdf=FAST_KDF)
    try:
        lurah = again.users.confirm(again.users.by_role(Role.LURAH)[0].id, DEMO_PIN)
        private, row = again.users.signing_key(lurah)
        assert row["certificate"]
        assert again.office_keys.private_key() is not None  # the sync key too
    finally:
        again.db.conn.close()
