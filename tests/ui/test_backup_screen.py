"""Cadangan Data: set the folder and passphrase once, back up now, see the list, stage a restore;
the shell runs the daily backup by itself and reminds everyone after a week without one."""

from __future__ import annotations

from desktop.models.office.backup_plan import backups_in, load_plan
from desktop.models.office.backup_restore import staged_path
from desktop.ui.main_window import MainWindow
from desktop.ui.screens.backup_screen import BackupScreen, database_path
from tests.conftest import wait_idle

PASS = "kata sandi panjang"


def test_admin_sets_up_backs_up_now_and_stages_a_restore(qtbot, office_services, make_ctx, sign_in, tmp_path):
    folder = tmp_path / "flashdisk"
    folder.mkdir()
    ctx = make_ctx(office_services, sign_in("admin"))
    screen = BackupScreen(ctx=ctx)
    qtbot.addWidget(screen)
    screen.show()
    wait_idle(qtbot, ctx)
    assert "Belum pernah ada cadangan" in screen.status.text()
    screen.folder.setText(str(folder))
    screen.keep.setValue(5)
    screen.passphrase.setText(PASS)
    screen.passphrase2.setText(PASS + "!")
    screen.save_button.click()
    qtbot.waitUntil(lambda: "tidak sama" in screen.message.text(), timeout=5000)
    assert load_plan(office_services.settings).folder == ""  # nothing saved
    screen.passphrase2.setText(PASS)
    screen.save_button.click()
    qtbot.waitUntil(lambda: "tersimpan" in screen.message.text(), timeout=5000)
    screen.now_button.click()
    qtbot.waitUntil(lambda: "dibuat" in screen.message.text(), timeout=10000)
    wait_idle(qtbot, ctx)
    assert screen.table.rowCount() == 1 and len(backups_in(folder)) == 1
    assert "Cadangan terakhir" in screen.status.text()
    screen.table.selectRow(0)
    screen.restore_button.click()
    dialog = screen.passphrase_dialog
    dialog.edit.setText(PASS)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "siap dipakai" in screen.message.text(), timeout=10000)
    assert staged_path(database_path(office_services)).exists()
    wait_idle(qtbot, ctx)


def test_the_shell_backs_up_daily_by_itself_and_reminds_after_a_week(qtbot, office_services, make_ctx, sign_in,
                                                                     tmp_path, clock):
    from desktop.models.office.backup_plan import BackupPlan, save_plan
    from desktop.ui.screens.backup_screen import backup_secret

    ctx = make_ctx(office_services, sign_in("petugas"))
    window = MainWindow(ctx=ctx)
    qtbot.addWidget(window)
    window.check_backup()
    wait_idle(qtbot, ctx)
    assert window.backup_status.text() and "Belum pernah" in window.backup_status.toolTip()
    folder = tmp_path / "cadangan"
    folder.mkdir()
    admin = office_services.users.authenticate("admin", "246810")
    save_plan(office_services.settings, BackupPlan(folder=str(folder), keep=3), admin.actor())
    backup_secret(office_services).put(PASS, PASS)
    window.check_backup()
    wait_idle(qtbot, ctx)
    assert len(backups_in(folder)) == 1 and window.backup_status.text() == ""
    window.check_backup()  # the same day: nothing more
    wait_idle(qtbot, ctx)
    assert len(backups_in(folder)) == 1
    folder.rename(tmp_path / "dicabut")  # the flash disk stays at home for a week
    clock.advance(days=8)
    window.check_backup()
    wait_idle(qtbot, ctx)
    assert "8 hari lalu" in window.backup_status.toolTip() and "tidak ditemukan" in window.backup_status.toolTip()
