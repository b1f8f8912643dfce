"""Daily backups: one a day into the chosen folder, the newest kept, a reminder after a week,
and a restore staged beside the live database and put in place at the next start."""

from __future__ import annotations

import os
import stat
from datetime import timedelta

import pytest

from desktop.models.audit import Actor
from desktop.models.errors import ValidationError
from desktop.models.office.backup_plan import (
    BackupPlan,
    backups_in,
    is_due,
    load_plan,
    reminder,
    run_backup,
    save_plan,
)
from desktop.models.office.backup_restore import apply_staged_restore, stage_restore, staged_path
from desktop.models.office.backup_secret import BackupSecret
from desktop.office import open_office
from tests.identities import FAST_KDF

PASS = "kata sandi panjang"
ADMIN = Actor.system()


def _admin(services):
    from desktop.models.office.first_run import DEMO_PIN

    return services.users.authenticate("admin", DEMO_PIN).actor()


def _plan(services, folder, keep=3):
    save_plan(services.settings, BackupPlan(folder=str(folder), keep=keep), _admin(services))


def test_one_backup_a_day_and_only_the_newest_are_kept(office_services, tmp_path, clock):
    folder = tmp_path / "flashdisk"
    folder.mkdir()
    (folder / "catatan.txt").write_text("bukan cadangan")  # other files on the disk are left alone
    _plan(office_services, folder, keep=3)
    assert is_due(load_plan(office_services.settings), clock.now())
    for _day in range(5):
        made = run_backup(office_services.db, office_services.settings, clock, PASS, ADMIN)
        assert not is_due(load_plan(office_services.settings), clock.now())  # done for today
        clock.advance(days=1)
        assert is_due(load_plan(office_services.settings), clock.now())
    kept = backups_in(folder)
    assert len(kept) == 3 and kept[0].path == made.path and (folder / "catatan.txt").exists()
    assert [b.made_at.date() for b in kept] == sorted((b.made_at.date() for b in kept), reverse=True)
    assert b"SQLite format" not in kept[0].path.read_bytes()  # encrypted as `loket backup create`


def test_a_missing_flash_disk_is_recorded_and_nothing_is_lost(office_services, tmp_path, clock):
    folder = tmp_path / "flashdisk"
    folder.mkdir()
    _plan(office_services, folder)
    run_backup(office_services.db, office_services.settings, clock, PASS, ADMIN)
    folder.rename(tmp_path / "dicabut")
    clock.advance(days=8)
    with pytest.raises(ValidationError, match="flashdisk"):
        run_backup(office_services.db, office_services.settings, clock, PASS, ADMIN)
    plan = load_plan(office_services.settings)
    assert "tidak ditemukan" in plan.last_error
    text = reminder(plan, clock.now())
    assert "8 hari lalu" in text and "tidak ditemukan" in text
    assert len(backups_in(tmp_path / "dicabut")) == 1


def test_reminder_only_after_a_week_or_when_never_backed_up(office_services, tmp_path, clock):
    assert "Belum pernah" in reminder(load_plan(office_services.settings), clock.now())
    folder = tmp_path / "cadangan"
    folder.mkdir()
    _plan(office_services, folder)
    run_backup(office_services.db, office_services.settings, clock, PASS, ADMIN)
    plan = load_plan(office_services.settings)
    assert reminder(plan, clock.now() + timedelta(days=6, hours=23)) == ""
    assert "7 hari lalu" in reminder(plan, clock.now() + timedelta(days=7))


def test_a_plan_needs_a_folder_and_a_sane_count(office_services):
    with pytest.raises(ValidationError, match="folder"):
        save_plan(office_services.settings, BackupPlan(folder=" "), _admin(office_services))
    with pytest.raises(ValidationError, match="1 sampai 60"):
        save_plan(office_services.settings, BackupPlan(folder="/tmp", keep=0), _admin(office_services))
    from desktop.models.errors import PermissionDenied

    with pytest.raises(PermissionDenied):  # only a signed-in admin chooses where the office's data goes
        save_plan(office_services.settings, BackupPlan(folder="/tmp"), ADMIN)


def test_the_passphrase_stays_on_this_pc_readable_by_this_user_only(tmp_path, office_services):
    secret = BackupSecret(tmp_path)
    with pytest.raises(ValidationError, match="tidak sama"):
        secret.put(PASS, PASS + "x")
    with pytest.raises(ValidationError, match="minimal"):
        secret.put("pendek", "pendek")
    secret.put(PASS, PASS)
    assert secret.get() == PASS
    if os.name == "posix":
        assert stat.S_IMODE(secret.path.stat().st_mode) == 0o600
    dump = "".join(str(r) for r in office_services.db.execute("SELECT value FROM settings"))
    assert PASS not in dump  # never in the database


def test_restore_is_staged_and_put_in_place_at_the_next_start(office_services, tmp_path, clock):
    folder = tmp_path / "cadangan"
    folder.mkdir()
    _plan(office_services, folder)
    made = run_backup(office_services.db, office_services.settings, clock, PASS, ADMIN)
    live = tmp_path / "kantor" / "loket.sqlite3"
    live.parent.mkdir()
    other = open_office(live, clock, kdf=FAST_KDF)  # the database in use now: different data
    count_before = other.residents.count()
    other.db.conn.close()
    with pytest.raises(ValidationError, match="salah"):
        stage_restore(made.path, "kata sandi keliru!", live)
    staged = stage_restore(made.path, PASS, live)
    assert staged == staged_path(live) and live.exists()  # the live file is untouched while the app runs
    kept = apply_staged_restore(live, clock.now())
    assert kept is not None and kept.exists() and not staged.exists()
    restored = open_office(live, clock, kdf=FAST_KDF)
    assert restored.residents.count() == office_services.residents.count() != count_before
    assert apply_staged_restore(live, clock.now()) is None  # nothing staged any more


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    bogus = tmp_path / "loket-20261124-0830.loketbak"
    bogus.write_bytes(b"LOKETBAK1" + os.urandom(100))
    with pytest.raises(ValidationError):
        stage_restore(bogus, PASS, tmp_path / "loket.sqlite3")
    assert not staged_path(tmp_path / "loket.sqlite3").exists()
