"""The counter locks itself after the minutes set in Pengaturan without a key, click or touch.

The lock's clock is injected (a list the test moves forward); input comes as real Qt events through
the application, the way a clerk's hands deliver it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from desktop.models.errors import PermissionDenied, ValidationError
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.settings import SessionSettings
from desktop.ui.idle_lock import IdleLock
from desktop.ui.main_window import MainWindow
from tests.conftest import wait_idle


class Hands:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_only_time_without_input_locks(qtbot):
    from PySide6.QtWidgets import QLineEdit

    clock = Hands()
    lock = IdleLock(QApplication.instance(), now=clock, check_ms=60_000)
    fired: list[int] = []
    lock.sig_idle.connect(fired.append)
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    lock.start(10)
    clock.t += 9 * 60
    lock.check()
    qtbot.keyClick(field, Qt.Key.Key_A)  # a real key event through the application
    clock.t += 9 * 60  # 18 minutes since the start, 9 since the key
    lock.check()
    assert fired == []
    clock.t += 60
    lock.check()
    lock.check()  # fires once, then waits to be armed again
    assert fired == [10] and not lock.armed
    lock.start(0)  # 0 = never
    clock.t += 10_000
    lock.check()
    assert fired == [10] and not lock.armed
    lock.close()


def test_the_idle_counter_locks_and_gives_the_same_clerk_their_form_back(qtbot, office_services, make_ctx,
                                                                          sign_in):
    ctx = make_ctx(office_services, sign_in("petugas"))
    window = MainWindow(ctx=ctx)
    qtbot.addWidget(window)
    clock = Hands()
    window.idle_lock._now = clock  # the app's lock, with the test's clock
    window.idle_lock.start(10)  # the default, as armed at sign-in
    assert window.idle_lock.armed
    intake = window.screen("intake")
    qtbot.keyClicks(intake.resident_picker.edit, "35141")
    dialog = QDialog(window)  # something left open on top
    dialog.setModal(True)
    dialog.show()
    clerk_actor = ctx.user.actor()
    clock.t += 10 * 60
    window.idle_lock.check()
    assert ctx.session.user is None and window.stack.currentWidget() is window.signin
    assert not dialog.isVisible()
    assert "dikunci setelah 10 menit tanpa kegiatan" in window.signin.message.text()
    with pytest.raises(PermissionDenied):  # the session ended in the core as well
        office_services.residents.insert_many([], clerk_actor)
    window.signin.username.setText("petugas")
    window.signin.pin.setText(DEMO_PIN)
    with qtbot.waitSignal(ctx.session.sig_user_changed, timeout=5000):
        window.signin.pin.returnPressed.emit()
    assert window.stack.currentWidget() is intake and intake.resident_picker.edit.text() == "35141"
    assert window.idle_lock.armed
    wait_idle(qtbot, ctx)


def test_the_admin_sets_the_minutes_and_bad_values_change_nothing(qtbot, office_services, make_ctx, sign_in):
    from desktop.ui.screens.settings_screen import SettingsScreen

    assert office_services.settings.get(SessionSettings).lock_after_minutes == 10  # the default
    ctx = make_ctx(office_services, sign_in("admin"))
    screen = SettingsScreen(ctx=ctx)
    qtbot.addWidget(screen)
    assert screen.lock_minutes.value() == 10 and screen.lock_minutes.maximum() == 240
    screen.lock_minutes.setValue(5)
    screen.pin.setText(DEMO_PIN)
    screen.save_button.click()
    qtbot.waitUntil(lambda: "tersimpan" in screen.message.text(), timeout=5000)
    assert office_services.settings.get(SessionSettings).lock_after_minutes == 5
    clerk_ctx = make_ctx(office_services, sign_in("petugas"))
    window = MainWindow(ctx=clerk_ctx)
    qtbot.addWidget(window)
    assert window.idle_lock.armed and window.idle_lock._minutes == 5  # read at sign-in
    wait_idle(qtbot, clerk_ctx)
    admin = office_services.users.confirm(sign_in("admin").id, DEMO_PIN).actor()
    for bad in (-1, 241, "10", True, 2.5):
        with pytest.raises(ValidationError, match="0–240 menit"):
            office_services.settings.put(SessionSettings(lock_after_minutes=bad), admin)
    with pytest.raises(PermissionDenied):
        office_services.settings.put(SessionSettings(lock_after_minutes=0), sign_in("petugas").actor())
    assert office_services.settings.get(SessionSettings).lock_after_minutes == 5
    wait_idle(qtbot, ctx)


def test_citizens_tapping_the_kiosk_do_not_keep_the_clerk_signed_in(qtbot, office_services, make_ctx, sign_in):
    from desktop.ui.citizen_kiosk import CitizenKiosk

    ctx = make_ctx(office_services, sign_in("petugas"))
    window = MainWindow(ctx=ctx)
    qtbot.addWidget(window)
    window.show()
    clock = Hands()
    window.idle_lock._now = clock
    window.idle_lock.start(10)
    kiosk = CitizenKiosk(ctx=ctx)
    qtbot.addWidget(kiosk)
    kiosk.show_on(None)
    qtbot.waitExposed(kiosk)
    clock.t += 9 * 60
    qtbot.keyClick(kiosk, Qt.Key.Key_A)  # a citizen at the kiosk
    qtbot.mouseClick(kiosk, Qt.MouseButton.LeftButton)
    clock.t += 60
    window.idle_lock.check()
    assert ctx.session.user is None  # 10 minutes without the clerk: locked all the same
    assert kiosk.isVisible()  # the citizens' window stays
    kiosk.close_kiosk()
    wait_idle(qtbot, ctx)


def test_the_clerks_own_input_keeps_the_counter_open(qtbot, office_services, make_ctx, sign_in):
    ctx = make_ctx(office_services, sign_in("petugas"))
    window = MainWindow(ctx=ctx)
    qtbot.addWidget(window)
    window.show()
    clock = Hands()
    window.idle_lock._now = clock
    window.idle_lock.start(10)
    clock.t += 9 * 60
    qtbot.keyClick(window.screen("intake").resident_picker.edit, Qt.Key.Key_3)
    clock.t += 60
    window.idle_lock.check()
    assert ctx.session.user is not None
    wait_idle(qtbot, ctx)


@pytest.mark.parametrize("stored", ['{"lock_after_minutes": "x"}', '{"lock_after_minutes": -5}',
                                    '{"lock_after_minutes": 1e9}', '{"lock_after_minutes": [1]}'])
def test_a_damaged_setting_locks_after_the_default(qtbot, office_services, make_ctx, sign_in, stored):
    from desktop.ui.screens.settings_screen import SettingsScreen

    office_services.db.execute("INSERT OR REPLACE INTO settings (key, value, updated_at, updated_by) "
                               "VALUES ('session', ?, '2026-11-24T08:00:00+07:00', 'tangan')", [stored])
    office_services.settings._cache.clear()  # as after a restart on the edited file
    clerk_ctx = make_ctx(office_services, sign_in("petugas"))
    window = MainWindow(ctx=clerk_ctx)
    qtbot.addWidget(window)
    assert window.idle_lock.armed and window.idle_lock._minutes == 10
    wait_idle(qtbot, clerk_ctx)  # its screens' first loads, before the database closes
    ctx = make_ctx(office_services, sign_in("admin"))
    screen = SettingsScreen(ctx=ctx)
    qtbot.addWidget(screen)
    assert screen.lock_minutes.value() == 10
    wait_idle(qtbot, ctx)
