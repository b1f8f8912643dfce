"""Registering a resident through the dialog: NIK fills birth date and sex; ≤ 12 actions."""

from desktop.models.office.first_run import DEMO_PIN
from desktop.ui.screens.residents_screen import ResidentsScreen
from desktop.ui.widgets.resident_dialog import ResidentDialog
from tests.conftest import wait_idle
from tests.ui.actions import Actions


def test_register_a_resident_in_at_most_twelve_actions(qtbot, office_services, make_ctx):
    ctx = make_ctx(office_services, office_services.users.authenticate("petugas", DEMO_PIN))
    screen = ResidentsScreen(ctx=ctx)
    qtbot.addWidget(screen)
    wait_idle(qtbot, ctx)
    act = Actions(qtbot)
    act.click(screen.add_button)
    form = screen.dialog.form
    act.type(form.nik, "3514105207850004")
    assert form.jenis_kelamin.currentData() == "P" and form.tanggal_lahir.date().isoformat() == "1985-07-12"
    act.type(form.nama, "Siti Aminah")
    act.type(form.tempat_lahir, "Pasuruan")
    act.type(form.pekerjaan, "Pedagang")
    act.type(form.alamat, "Jl. Bader 306")
    act.type(form.rt, "001")
    act.type(form.rw, "002")
    act.type(form.no_kk, "3514101207850001")
    from PySide6.QtWidgets import QDialogButtonBox

    act.click(screen.dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: "Tersimpan" in screen.message.text(), timeout=5000)
    saved = office_services.residents.by_nik("3514105207850004")
    assert saved.nama == "SITI AMINAH" and saved.jenis_kelamin == "P" and saved.rt == "001"
    assert act.count <= 12, act.log
    wait_idle(qtbot, ctx)


def test_invalid_nik_keeps_dialog_open_with_message(qtbot, office_services, make_ctx):
    ctx = make_ctx(office_services, office_services.users.authenticate("petugas", DEMO_PIN))
    screen = ResidentsScreen(ctx=ctx)
    qtbot.addWidget(screen)
    screen.add_button.click()
    form = screen.dialog.form
    qtbot.keyClicks(form.nik, "9914101207850003")
    qtbot.keyClicks(form.nama, "Budi")
    before = office_services.residents.count()
    from PySide6.QtWidgets import QDialogButtonBox

    screen.dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "kode provinsi" in screen.dialog.message.text(), timeout=5000)
    assert screen.dialog.isVisible() and office_services.residents.count() == before
    wait_idle(qtbot, ctx)


def test_resident_dialog_shows_the_whole_nik_and_fits_its_fields(qtbot, office_services, make_ctx, sign_in):
    from tests.ui.screen_walk import layout_problems

    ctx = make_ctx(office_services, sign_in("petugas"))
    dialog = ResidentDialog(ctx=ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    nik = dialog.form.nik
    nik.setText("3514105207850004")
    needed = nik.fontMetrics().horizontalAdvance("3514105207850004")
    assert nik.width() - 10 >= needed, (nik.width(), needed)
    assert not layout_problems(dialog, "dialog penduduk")
    dialog.form.tanggal_lahir.edit.setText("31-02-1985")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert "Tanggal lahir" in dialog.message.text() and dialog.isVisible()


def test_the_admin_exports_every_resident_and_a_clerk_sees_no_export(qtbot, office_services, make_ctx, tmp_path,
                                                                     monkeypatch):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    clerk_ctx = make_ctx(office_services, office_services.users.authenticate("petugas", DEMO_PIN))
    clerk_screen = ResidentsScreen(ctx=clerk_ctx)
    qtbot.addWidget(clerk_screen)
    assert clerk_screen.export_button.isHidden()
    wait_idle(qtbot, clerk_ctx)

    ctx = make_ctx(office_services, office_services.users.authenticate("admin", DEMO_PIN))
    screen = ResidentsScreen(ctx=ctx)
    qtbot.addWidget(screen)
    assert not screen.export_button.isHidden()
    target = tmp_path / "semua-penduduk"  # no suffix typed: the chosen filter decides
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Excel (*.xlsx)"))
    Actions(qtbot).click(screen.export_button)
    qtbot.waitUntil(lambda: "diekspor" in screen.message.text(), timeout=5000)
    count = office_services.residents.count()
    assert screen.message.text().startswith(f"{count} penduduk diekspor")
    sheet = load_workbook(target.with_suffix(".xlsx")).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("NIK", "No KK", "Nama") and len(rows) == count + 1
    niks = {r[0] for r in rows[1:]}
    assert niks == {row[0] for row in office_services.db.execute("SELECT nik FROM residents")}
    wait_idle(qtbot, ctx)
