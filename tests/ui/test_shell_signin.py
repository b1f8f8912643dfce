"""Sign-in, "Ganti pengguna", and navigation that follows the user's roles."""

from desktop.models.office.first_run import DEMO_PIN
from desktop.ui.main_window import MainWindow
from tests.conftest import wait_idle


def nav_labels(window):
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def test_sign_in_shows_screens_for_the_role(qtbot, office_services, make_ctx):
    ctx = make_ctx(office_services)
    window = MainWindow(ctx=ctx)
    qtbot.addWidget(window)
    assert window.stack.currentWidget() is window.signin and not window.nav.isVisible()
    window.signin.username.setText("petugas")
    window.signin.pin.setText(DEMO_PIN)
    with qtbot.waitSignal(ctx.session.sig_user_changed, timeout=5000):
        window.signin.submit.click()
    assert ctx.session.user.username == "petugas"
    labels = nav_labels(window)
    assert "Katalog Layanan" in labels
    assert "Pengguna" not in labels and "Pengaturan" not in labels  # a clerk is not an admin
    assert "Dewi Lestari" in window.user_status.text()
    wait_idle(qtbot, ctx)


def test_wrong_pin_message_and_no_session(qtbot, office_services, make_ctx):
    ctx = make_ctx(office_services)
    window = MainWindow(ctx=ctx)
    qtbot.addWidget(window)
    window.signin.username.setText("lurah")
    window.signin.pin.setText("000000")
    window.signin.submit.click()
    qtbot.waitUntil(lambda: "PIN salah" in window.signin.message.text(), timeout=5000)
    assert ctx.session.user is None
    assert window.signin.pin.text() == ""


def test_empty_fields_are_refused_without_a_lookup(qtbot, office_services, make_ctx):
    ctx = make_ctx(office_services)
    window = MainWindow(ctx=ctx)
    qtbot.addWidget(window)
    window.signin.submit.click()
    assert window.signin.message.text() == "Isi nama pengguna dan PIN."
    assert not ctx.tasks.busy


def test_switch_user_lets_an_official_step_in(qtbot, office_services, make_ctx, sign_in):
    ctx = make_ctx(office_services, sign_in("admin"))
    window = MainWindow(ctx=ctx)
    qtbot.addWidget(window)
    assert "Pengguna" in nav_labels(window)
    window.switch_user_action.trigger()
    assert ctx.session.user is None and window.stack.currentWidget() is window.signin
    window.signin.username.setText("lurah")
    window.signin.pin.setText(DEMO_PIN)
    with qtbot.waitSignal(ctx.session.sig_user_changed, timeout=5000):
        window.signin.pin.returnPressed.emit()
    assert ctx.session.user.username == "lurah"
    assert "Pengguna" not in nav_labels(window)
    wait_idle(qtbot, ctx)


def test_each_person_lands_where_they_work(qtbot, office_services, make_ctx, sign_in):
    for username, screen in (("petugas", "intake"), ("lurah", "inbox"), ("admin", "home")):
        ctx = make_ctx(office_services, sign_in(username))
        window = MainWindow(ctx=ctx)
        qtbot.addWidget(window)
        assert window.stack.currentWidget() is window.screen(screen), username
        wait_idle(qtbot, ctx)


def test_switching_user_keeps_the_clerks_unfinished_form(qtbot, office_services, make_ctx, sign_in):
    ctx = make_ctx(office_services, sign_in("petugas"))
    window = MainWindow(ctx=ctx)
    qtbot.addWidget(window)
    intake = window.screen("intake")
    qtbot.keyClicks(intake.resident_picker.edit, "35141")
    window.switch_user_action.trigger()  # the Lurah steps in to sign
    ctx.session.sign_in(sign_in("lurah"))
    assert window.stack.currentWidget() is window.screen("inbox")
    assert window.screen("intake") is None  # the clerk's screens are not reachable by the Lurah
    window.switch_user_action.trigger()
    ctx.session.sign_in(sign_in("petugas"))
    assert window.stack.currentWidget() is intake and intake.resident_picker.edit.text() == "35141"
    wait_idle(qtbot, ctx)


def test_one_page_at_a_time_across_sign_ins_and_the_nik_field_ready(qtbot, office_services, make_ctx):
    """Switching pages moved the focus to the navigation list, which started a second switch inside
    the first: two pages stayed visible and Beranda's text showed through Tugas Saya."""
    from PySide6.QtWidgets import QApplication

    ctx = make_ctx(office_services)
    window = MainWindow(ctx=ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    for username in ("lurah", "petugas", "lurah", "admin", "petugas"):
        window.signin.username.setText(username)
        window.signin.pin.setText(DEMO_PIN)
        with qtbot.waitSignal(ctx.session.sig_user_changed, timeout=5000):
            window.signin.submit.click()
        wait_idle(qtbot, ctx)
        assert window.visible_pages() == [window.stack.currentWidget()], username
        if window.stack.currentWidget() is window.screen("intake"):  # the clerk's first sign-in: NIK, ready to type
            assert QApplication.focusWidget() is window.screen("intake").resident_picker.edit
        else:  # back where they were (Tugas Saya): the list has the keyboard
            assert window.stack.currentWidget().isAncestorOf(QApplication.focusWidget())
        window.show_screen("home")
        window.show_screen("inbox")
        assert window.visible_pages() == [window.screen("inbox")]
        window.switch_user_action.trigger()
        assert window.visible_pages() == [window.signin]
        assert window.signin.username.text() == "" and QApplication.focusWidget() is window.signin.username


def test_the_admin_reaches_penduduk_and_its_export(qtbot, office_services, make_ctx, sign_in):
    """Ekspor… is the admin's; the screen holding it must be on the admin's navigation."""
    ctx = make_ctx(office_services, sign_in("admin"))
    window = MainWindow(ctx=ctx)
    qtbot.addWidget(window)
    assert "Penduduk" in nav_labels(window)
    assert not window.show_screen("residents").export_button.isHidden()
    wait_idle(qtbot, ctx)
    lurah_ctx = make_ctx(office_services, sign_in("lurah"))
    lurah_window = MainWindow(ctx=lurah_ctx)
    qtbot.addWidget(lurah_window)
    assert "Penduduk" not in nav_labels(lurah_window)
    wait_idle(qtbot, lurah_ctx)
