"""Soak fixtures: a signed-in clerk's context over the demo office, screens kept until teardown."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget


@pytest.fixture
def keep():
    """Holds screens until after make_ctx's wait_idle (requested before make_ctx)."""
    held: list[QWidget] = []
    yield held
    held.clear()


@pytest.fixture
def clerk_ctx(keep, office_services, make_ctx, sign_in, tmp_path, monkeypatch):
    monkeypatch.setenv("LOKET_DATA_DIR", str(tmp_path / "data"))
    return make_ctx(office_services, sign_in("petugas"))


@pytest.fixture
def open_screen(qtbot, keep):
    def factory(cls, ctx):
        with qtbot.waitSignal(ctx.tasks.sig_busy_changed, check_params_cb=lambda busy: not busy, timeout=10000):
            screen = cls(ctx=ctx)
        qtbot.addWidget(screen)
        keep.append(screen)
        return screen

    return factory
