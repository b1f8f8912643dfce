"""Tipe B decided on paper: recorded with what was decided, who decided, and the kecamatan's letter
number or reason — through a dialog, never by closing the file in one click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.models.applications.kecamatan_decision import PaperDecision
from desktop.models.applications.status import Status
from desktop.models.errors import PermissionDenied, ValidationError
from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role
from desktop.ui.screens.inbox_screen import InboxScreen
from tests.conftest import wait_idle
from tests.sync.sync_helpers import submit, user


def _waiting(kel):
    app = submit(kel)
    return kel.applications.perform(app.id, app.active_step, user(kel, "petugas"), Role.PETUGAS)


def test_one_click_on_the_waiting_step_is_refused(kel):
    app = _waiting(kel)
    assert app.status == Status.DIKIRIM_KE_KECAMATAN
    with pytest.raises(ValidationError, match="Catat keputusan kecamatan"):
        kel.applications.perform(app.id, app.active_step, user(kel, "petugas"), Role.PETUGAS)
    assert kel.applications.get(app.id).status == Status.DIKIRIM_KE_KECAMATAN


def test_an_approval_needs_who_decided_and_the_letter_number(kel):
    app = _waiting(kel)
    clerk = user(kel, "petugas")
    with pytest.raises(ValidationError, match="nomor surat kecamatan"):
        kel.applications.record_kecamatan_decision(app.id, clerk, PaperDecision(True, "Camat Kanigaran"))
    with pytest.raises(ValidationError, match="siapa yang memutuskan"):
        kel.applications.record_kecamatan_decision(app.id, clerk, PaperDecision(True, " ", "474/12/425.102/2026"))
    done = kel.applications.record_kecamatan_decision(
        app.id, clerk, PaperDecision(True, "Camat Kanigaran", "474/12/425.102/2026"))
    assert done.status == Status.SIAP_DIAMBIL
    step = next(s for s in done.steps if s.external)
    assert "474/12/425.102/2026" in step.note and "Camat Kanigaran" in step.note and "Dewi" in step.note
    assert step.done_by == clerk.id


def test_a_rejection_needs_the_reason_and_makes_the_application_ditolak(kel):
    app = _waiting(kel)
    clerk = user(kel, "petugas")
    with pytest.raises(ValidationError, match="alasan penolakan"):
        kel.applications.record_kecamatan_decision(app.id, clerk, PaperDecision(False, "Sekcam Kanigaran"))
    done = kel.applications.record_kecamatan_decision(
        app.id, clerk, PaperDecision(False, "Sekcam Kanigaran", reason="Surat pengantar RT kedaluwarsa"))
    assert done.status == Status.DITOLAK and "Surat pengantar RT kedaluwarsa" in done.closed_reason
    assert "Sekcam Kanigaran" in done.closed_reason
    with pytest.raises(ValidationError, match="tidak sedang menunggu"):
        kel.applications.record_kecamatan_decision(app.id, clerk, PaperDecision(True, "Camat", "1/2/3"))


def test_only_counter_staff_and_officials_record_a_decision(kel):
    app = _waiting(kel)
    admin = user(kel, "admin")
    with pytest.raises(PermissionDenied):
        kel.applications.record_kecamatan_decision(app.id, admin, PaperDecision(True, "Camat", "474/1"))


def test_the_inbox_opens_a_dialog_and_records_the_decision(qtbot, make_ctx, kel):
    app = _waiting(kel)
    ctx = make_ctx(kel, kel.users.authenticate("petugas", DEMO_PIN))
    screen = InboxScreen(ctx=ctx)
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.current is not None and screen.current.id == app.id, timeout=5000)
    assert screen.do_button.text().startswith("Catat keputusan kecamatan")
    qtbot.mouseClick(screen.do_button, Qt.MouseButton.LeftButton)
    dialog = screen.decision_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject_choice.setChecked(True)
    assert not dialog.letter_number.isEnabled() and dialog.reason.isEnabled()
    qtbot.keyClicks(dialog.decided_by, "Sekretaris Camat Kanigaran")
    qtbot.keyClicks(dialog.reason, "Data pemohon tidak sesuai KK")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    wait_idle(qtbot, ctx)
    after = kel.applications.get(app.id)
    assert after.status == Status.DITOLAK and "Data pemohon tidak sesuai KK" in after.closed_reason
