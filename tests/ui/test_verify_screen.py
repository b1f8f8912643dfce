"""Cek keaslian surat: a scanned (typed + Enter) payload shows ASLI or DIUBAH in the result label."""

import pytest

from desktop.models.office.first_run import DEMO_PIN
from desktop.models.users.roles import Role
from desktop.ui.context import AppContext, Session
from desktop.ui.screens.verify_screen import VerifyScreen
from desktop.ui.tasks import TaskManager


@pytest.fixture
def letter(office_services):
    """A letter signed at the demo office (its QR signed with the Lurah's own key)."""
    from tests.printing.test_letters import sign_one

    app = sign_one(office_services)
    return office_services.register.for_application(app.id)


@pytest.fixture
def payload(letter) -> str:
    return letter.qr_payload


@pytest.fixture
def screen(qtbot, office_services):
    tasks = TaskManager()
    widget = VerifyScreen(ctx=AppContext(services=office_services, tasks=tasks, session=Session()))
    qtbot.addWidget(widget)
    yield widget
    tasks.wait_idle()


def _scan(qtbot, screen, text: str):
    """Type like a USB scanner does, then Enter; wait for the verdict."""
    screen.payload_edit.clear()
    qtbot.keyClicks(screen.payload_edit, text)
    with qtbot.waitSignal(screen.sig_verified, timeout=5000) as blocker:
        qtbot.keyClick(screen.payload_edit, "\r")
    return blocker.args[0]


def test_genuine_payload_shows_asli_in_green(qtbot, screen, payload):
    result = _scan(qtbot, screen, payload)
    assert result.status == "asli"
    assert screen.result_label.text().startswith("Surat ASLI: nomor 470/001/424.301.1.04/2026")
    assert "#1f6f43" in screen.result_label.styleSheet()
    assert screen.payload_edit.selectedText() == payload  # the next scan replaces it


def test_tampered_payload_shows_diubah_in_red(qtbot, screen, payload):
    i = payload.rindex(".") + 2
    tampered = payload[:i] + ("Q" if payload[i] != "Q" else "R") + payload[i + 1:]
    result = _scan(qtbot, screen, tampered)
    assert result.status == "diubah"
    assert "DIUBAH" in screen.result_label.text()
    assert "#b00020" in screen.result_label.styleSheet()


def test_unknown_text_shows_grey_tidak_dikenal(qtbot, screen, payload):
    _scan(qtbot, screen, "https://contoh.go.id")
    assert "bukan QR surat" in screen.result_label.text()
    assert "#6b6b6b" in screen.result_label.styleSheet()


def test_cancelled_letter_shows_dibatalkan_with_date_and_reason(qtbot, screen, payload, letter, office_services):
    lurah = office_services.users.by_role(Role.LURAH)[0]
    office_services.register.void(letter.id, lurah, "Salah ketik alamat", pin=DEMO_PIN)
    result = _scan(qtbot, screen, payload)
    assert result.status == "dibatalkan"
    assert "DIBATALKAN" in screen.result_label.text() and "Salah ketik alamat" in screen.result_label.text()
    assert "24 November 2026" in screen.result_label.text()
    assert "#8a4b00" in screen.result_label.styleSheet()


def test_missing_image_file_reports_in_the_label(qtbot, screen, tmp_path):
    with qtbot.waitSignal(screen.sig_verified, timeout=5000):
        screen.verify(str(tmp_path / "surat.png"))
    assert "tidak ditemukan" in screen.result_label.text()
