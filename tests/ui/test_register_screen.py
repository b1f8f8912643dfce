"""Buku Register: a clerk is told at once that voiding is not theirs; an official gives the reason."""

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
        app = apps.perform(app.id, step.idx, services.users.by_role(role)[0], role,
                           pin=DEMO_PIN if step.needs_pin else None)
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


def test_a_clerk_is_refused_before_typing_a_reason(qtbot, office_services, make_ctx):
    entry = _issue_letter(office_services)
    ctx, screen = _screen(qtbot, make_ctx, office_services, "petugas")
    assert not screen.void_button.isEnabled() and screen.void_button.toolTip() == VOID_REFUSED
    screen._on_void_clicked()  # e.g. a keyboard shortcut: still no reason box
    assert getattr(screen, "reason_dialog", None) is None
    assert screen.message.text() == VOID_REFUSED
    assert office_services.register.get(entry.id).status == "terbit"
    wait_idle(qtbot, ctx)


def test_an_official_gives_a_required_reason_and_the_letter_is_void(qtbot, office_services, make_ctx):
    entry = _issue_letter(office_services)
    ctx, screen = _screen(qtbot, make_ctx, office_services, "lurah")
    assert screen.void_button.isEnabled()
    screen.void_button.click()
    dialog = screen.reason_dialog
    assert dialog.isVisible() and dialog.ok_button.text() == "Batalkan surat"
    dialog.ok_button.click()  # empty: refused inside the box, nothing voided
    assert dialog.isVisible() and "wajib" in dialog.message.text()
    dialog.text.setPlainText("Salah ketik nama")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "dibatalkan" in screen.message.text(), timeout=5000)
    voided = office_services.register.get(entry.id)
    assert voided.status == "batal" and voided.void_reason == "Salah ketik nama"
    wait_idle(qtbot, ctx)
