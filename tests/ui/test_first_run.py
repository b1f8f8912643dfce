"""First start: the wizard fills the letterhead from the decree and creates the admin."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard

from desktop.models.settings import OfficeProfile
from desktop.models.users.roles import Role
from desktop.ui.screens.first_run import FirstRunWizard
from tests.conftest import wait_idle


def make_wizard(qtbot, services, make_ctx):
    ctx = make_ctx(services)
    wizard = FirstRunWizard(ctx=ctx, offices=services.catalog.offices(),
                            kelurahan_offices=services.catalog.offices_covering_kelurahan())
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def choose(wizard, office_id):
    ids = [o.id for o in wizard.office_page.offices]
    wizard.office_page.office.setCurrentIndex(ids.index(office_id))


def test_manual_setup_of_a_kelurahan_under_kanigaran(qtbot, services, make_ctx):
    wizard = make_wizard(qtbot, services, make_ctx)
    choose(wizard, "kanigaran")
    assert wizard.office_page.as_kelurahan.isVisibleTo(wizard)
    wizard.office_page.as_kelurahan.setChecked(True)
    wizard.office_page.kelurahan_name.setText("Kebonsari Kulon")
    wizard.next()
    form = wizard.profile_form
    assert form.edits["kelurahan"].text() == "KELURAHAN KEBONSARI KULON"
    assert form.edits["pemerintah"].text() == "PEMERINTAH KOTA PROBOLINGGO"
    assert form.edits["alamat"].text() == ""  # the decree gives only the kecamatan's address
    form.edits["alamat"].setText("Jl. Kebonsari Kulon 1")
    form.edits["office_code"].setText("400.10.2.1")
    form.edits["tempat_surat"].setText("Probolinggo")
    wizard.next()
    row = wizard.officials_page.rows[0]
    assert row[0] is Role.LURAH
    e = row[2]
    e["full_name"].setText("Ir. Hadi Santoso")
    e["nip"].setText("19750101 200003 1 001")
    e["username"].setText("lurah")
    e["pin"].setText("975311")
    e["pin2"].setText("975311")
    assert [r[0] for r in wizard.officials_page.rows][-1] is Role.PETUGAS  # the clerk has a row too
    wizard.next()
    af = wizard.admin_form
    af.username.setText("admin")
    af.full_name.setText("Admin Kelurahan")
    af.pin.setText("864213")
    af.pin2.setText("864213")
    with qtbot.waitSignal(wizard.sig_completed, timeout=10000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    profile = services.settings.get(OfficeProfile)
    assert profile.catalog_office_id == "kanigaran" and profile.level == "kelurahan"
    assert services.users.authenticate("lurah", "975311").has(Role.LURAH)
    assert services.users.authenticate("admin", "864213").has(Role.ADMIN)


def test_missing_letterhead_fields_keep_wizard_open_and_save_nothing(qtbot, services, make_ctx):
    wizard = make_wizard(qtbot, services, make_ctx)
    choose(wizard, "kraton")
    assert not wizard.office_page.as_kelurahan.isVisibleTo(wizard)
    wizard.next()
    wizard.profile_form.edits["alamat"].setText("")
    wizard.next()
    wizard.next()
    wizard.admin_form.username.setText("admin")
    wizard.admin_form.full_name.setText("Admin")
    wizard.admin_form.pin.setText("864213")
    wizard.admin_form.pin2.setText("864213")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: "Wajib diisi" in wizard.message.text(), timeout=5000)
    assert "Alamat" in wizard.message.text()
    assert services.users.count() == 0 and not services.settings.has(OfficeProfile)


def test_demo_office_in_one_tick_and_one_click(qtbot, services, make_ctx):
    """The Next button itself (not a Python call) takes the demo path and signs the demo clerk in."""
    wizard = make_wizard(qtbot, services, make_ctx)
    choose(wizard, "kalirejo")
    qtbot.mouseClick(wizard.office_page.demo, Qt.MouseButton.LeftButton, pos=QPoint(6, 6))
    assert wizard.office_page.demo.isChecked()
    with qtbot.waitSignal(wizard.sig_completed, timeout=30000) as done:
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.office_page  # never went on to the manual pages
    assert done.args[0].username == "petugas"
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=5000)
    wait_idle(qtbot, wizard.ctx)
    assert wizard.office_page.message.text() in ("", "Menyiapkan kantor contoh…")  # set up once, no error
    assert services.is_set_up
    assert services.residents.count() == 500
    assert {u.username for u in services.users.list()} >= {"admin", "petugas", "kasi", "seklur", "lurah"}


def test_demo_office_with_enter(qtbot, services, make_ctx):
    wizard = make_wizard(qtbot, services, make_ctx)
    choose(wizard, "bangil")
    wizard.office_page.demo.setChecked(True)
    wizard.office_page.office.setFocus()
    with qtbot.waitSignal(wizard.sig_completed, timeout=30000):
        qtbot.keyClick(wizard.office_page.office, Qt.Key.Key_Return)
    assert services.profile.catalog_office_id == "bangil" and services.profile.level == "kecamatan"


def test_app_signs_the_demo_clerk_in_after_the_wizard(qtbot, services):
    from desktop.app import build_window, start_first_run
    from tests.conftest import wait_idle

    window = build_window(None)
    qtbot.addWidget(window)
    window.attach_services(services)
    start_first_run(window)
    qtbot.waitUntil(lambda: hasattr(window, "first_run"), timeout=10000)
    wizard = window.first_run
    choose(wizard, "kandangan")
    wizard.office_page.demo.setChecked(True)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.ctx.session.user is not None, timeout=30000)
    assert window.ctx.session.user.username == "petugas"
    assert window.stack.currentWidget() is window.screen("intake")
    wait_idle(qtbot, window.ctx)


def test_officials_pin_typed_differently_twice_is_refused_on_the_page(qtbot, services, make_ctx):
    wizard = make_wizard(qtbot, services, make_ctx)
    choose(wizard, "kraton")
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.officials_page
    e = wizard.officials_page.rows[0][2]
    e["full_name"].setText("MUNIF TRIATMOKO, SE, MM")
    e["pin"].setText("975311")
    e["pin2"].setText("975312")
    wizard.next()
    assert wizard.currentPage() is wizard.officials_page
    assert "Camat" in wizard.officials_page.message.text() and "tidak sama" in wizard.officials_page.message.text()
    e["pin2"].setText("975311")
    wizard.next()
    assert wizard.currentPage() is wizard.admin_page
