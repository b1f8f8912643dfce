"""Guard against a Qt binding that corrupts reference counts (PySide6-Essentials 6.12.0 on Python < 3.12).

With that build every call of a Qt method returning nothing lowered None's reference count by one,
and the app aborted with "deallocating None" after some 20 000 calls — minutes of ordinary work.
A dependency bump that brings the defect back fails here, not on an office's PC.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QTableWidget, QTableWidgetItem

ROOT = Path(__file__).resolve().parents[2]
CALLS = 5000


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_qt_calls_leave_none_refcount_unchanged(qtbot):
    label, edit, table, items = QLabel(), QLineEdit(), QTableWidget(10, 3), QListWidget()
    for widget in (label, edit, table, items):
        qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for i in range(CALLS):
        label.setText(str(i))
        label.update()
        edit.setText("x")
        table.setItem(i % 10, 0, QTableWidgetItem("x"))
        items.addItem("y")
        items.clear()
    drift = sys.getrefcount(None) - before
    # The broken build drifts by about -6 per round here (-30 000 in all); ordinary noise is a few.
    assert abs(drift) < 100, f"None's reference count moved by {drift} over {CALLS * 6} void Qt calls"


def _locked(name: str) -> str:
    text = (ROOT / "requirements.lock").read_text()
    match = re.search(rf"^{re.escape(name)}==([^\s;\\]+)", text, re.MULTILINE | re.IGNORECASE)
    assert match, f"{name} is not pinned in requirements.lock"
    return match.group(1)


@pytest.mark.parametrize("dist", ["PySide6-Essentials", "shiboken6"])
def test_installed_qt_binding_is_the_locked_one(dist):
    """What the tests ran on is what the lock ships (set-up installs from the lock only)."""
    assert version(dist) == _locked(dist)
