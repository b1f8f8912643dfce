"""Cek keaslian surat: a scanned (typed + Enter) payload shows ASLI or DIUBAH in the result label."""

import pytest

from desktop.models.settings import OfficeProfile
from desktop.models.trust.office_keys import OfficeKeys
from desktop.printing.qr import LetterClaim, content_digest, nik_hash, sign_claim
from desktop.ui.context import AppContext, Session
from desktop.ui.screens.verify_screen import VerifyScreen
from desktop.ui.tasks import TaskManager
from tests.identities import admin_actor

CODE = "424.301.1.04"


@pytest.fixture
def payload(services) -> str:
    admin = admin_actor(services)
    services.settings.put(OfficeProfile(office_code=CODE), admin)
    keys = OfficeKeys(services.settings)
    keys.ensure_key(admin)
    claim = LetterClaim(CODE, "470/007/424.301.1.04/2026", "2026-11-24", "Surat Keterangan Usaha",
                        "Drs. Bambang Purnomo", nik_hash("3514126508900003", CODE), content_digest({"usaha": "Toko"}))
    return sign_claim(keys.private_key(), claim)


@pytest.fixture
def screen(qtbot, services):
    tasks = TaskManager()
    widget = VerifyScreen(ctx=AppContext(services=services, tasks=tasks, session=Session()))
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
    assert screen.result_label.text().startswith("Surat ASLI: nomor 470/007/424.301.1.04/2026")
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


def test_missing_image_file_reports_in_the_label(qtbot, screen, tmp_path):
    with qtbot.waitSignal(screen.sig_verified, timeout=5000):
        screen.verify(str(tmp_path / "surat.png"))
    assert "tidak ditemukan" in screen.result_label.text()
