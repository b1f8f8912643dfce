"""Admin edits an official's data and sets their signature scan; a clerk cannot."""

import pytest

from desktop.models.errors import PermissionDenied
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role
from desktop.paths import resource_path
from desktop.ui.screens.users_screen import UsersScreen
from tests.conftest import wait_idle


def test_admin_edits_an_official_and_sets_signature(qtbot, office_services, make_ctx):
    ctx = make_ctx(office_services, office_services.users.authenticate("admin", DEMO_PIN))
    screen = UsersScreen(ctx=ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.table.rowCount() == 6, timeout=5000)  # + the Koordinator Pengaduan
    row = next(i for i, u in enumerate(screen._users) if u.username == "lurah")
    screen.table.selectRow(row)
    screen.edit_button.click()
    screen.form.pangkat.clear()
    qtbot.keyClicks(screen.form.pangkat, "Pembina Tingkat I (IV/b)")
    screen.save_edit_button.click()
    qtbot.waitUntil(lambda: "diperbarui" in screen.message.text(), timeout=5000)
    lurah = office_services.users.authenticate("lurah", DEMO_PIN)
    assert lurah.pangkat == "Pembina Tingkat I (IV/b)" and lurah.has(Role.LURAH)
    screen.set_signature(lurah, str(resource_path("images", "ttd-contoh.png")))
    qtbot.waitUntil(lambda: "Pindaian tanda tangan" in screen.message.text(), timeout=5000)
    stored = office_services.db.execute("SELECT signature_path FROM users WHERE id = ?", [lurah.id]).fetchone()[0]
    assert stored.endswith("ttd-contoh.png")
    wait_idle(qtbot, ctx)


def test_clerk_cannot_set_someone_elses_signature(office_services):
    clerk = office_services.users.authenticate("petugas", DEMO_PIN)
    lurah = office_services.users.authenticate("lurah", DEMO_PIN)
    with pytest.raises(PermissionDenied):
        office_services.users.set_signature(lurah.id, "/tmp/x.png", clerk)
