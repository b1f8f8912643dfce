"""Buku Register: voiding is an official's act; the clerk is told before typing a reason when no
official could do it, and the reason is required before the official's PIN is asked."""

from __future__ import annotations

from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role
from desktop.ui.screens.register_screen import VOID_REFUSED, RegisterScreen
from tests.conftest import wait_idle
from tests.models.test_applications import draft_for


def _issue_letter(services):
    apps = services.applications
    app = apps.submit(draft_for(services), services.users.authenticate("petugas", DEMO_PIN))
    while not any(s.kind == "tanda_tangan" and s.state == "done" for s in app.steps):
        step = app.steps[app.active_step]
        role = Role(step.roles[0])
        app = apps.perform(app.id, step.idx, services.users.by_role(role)[0], role, pin=DEMO_PIN)
    return services.register.for_application(app.id)


def _screen(qtbot, make_ctx, services, username):
    ctx = make_ctx(services, services.users.authenticate(username, DEMO_PIN))
    screen = RegisterScreen(ctx=ctx)
    qtbot.addWidget(screen)
    screen.resize(1024, 700)
    screen.show()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=5000)
    screen.table.selectRow(0)
    return ctx, screen


def test_no_official_to_void_is_said_before_any_reason_is_typed(qtbot, office_services, make_ctx):
    entry = _issue_letter(office_services)
    office_services.db.execute("UPDATE users SET active = 0 WHERE username IN ('lurah', 'seklur')")
    ctx, screen = _screen(qtbot, make_ctx, office_services, "petugas")
    screen.void_button.click()
    qtbot.waitUntil(lambda: screen.message.text() == VOID_REFUSED, timeout=5000)
    assert getattr(screen, "reason_dialog", None) is None  # never asked why
    assert office_services.register.get(entry.id).status == "terbit"
    wait_idle(qtbot, ctx)


def test_the_clerk_gives_the_reason_and_the_official_confirms_with_their_pin(qtbot, office_services, make_ctx):
    entry = _issue_letter(office_services)
    ctx, screen = _screen(qtbot, make_ctx, office_services, "petugas")
    screen.void_button.click()
    qtbot.waitUntil(lambda: getattr(screen, "reason_dialog", None) is not None, timeout=5000)
    dialog = screen.reason_dialog
    assert dialog.isVisible() and dialog.ok_button.text() == "Lanjut ke PIN pejabat"
    dialog.ok_button.click()  # empty: refused inside the box, nothing asked further
    assert dialog.isVisible() and "wajib" in dialog.message.text() and getattr(screen, "pin_dialog", None) is None
    dialog.text.setPlainText("Salah ketik nama")
    dialog.ok_button.click()
    pin = screen.pin_dialog
    names = [pin.who.itemText(i) for i in range(pin.who.count())]
    assert any("Lurah" in n for n in names) and not any("Petugas" in n for n in names)
    pin.who.setCurrentIndex(next(i for i, n in enumerate(names) if "Lurah" in n and "Sekretaris" not in n))
    pin.pin.setText(DEMO_PIN)
    pin.accept()
    qtbot.waitUntil(lambda: "dibatalkan" in screen.message.text(), timeout=5000)
    voided = office_services.register.get(entry.id)
    assert voided.status == "batal" and voided.void_reason == "Salah ketik nama"
    wait_idle(qtbot, ctx)
