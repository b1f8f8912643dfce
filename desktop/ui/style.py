"""One calm, high-contrast look for a screen used all day."""

from __future__ import annotations

STYLE = """
QLabel#title { font-size: 16pt; font-weight: 600; color: #1f3a5f; }
QLabel#error { color: #b00020; }
QListWidget#nav { background: #1f3a5f; color: white; border: none; font-size: 11pt; }
QListWidget#nav::item { padding: 10px 14px; }
QListWidget#nav::item:selected { background: #2e5a8f; }
QPushButton { padding: 6px 14px; }
QPushButton:default { background: #1f6f43; color: white; border-radius: 3px; }
"""


def apply_style(app) -> None:
    if app is not None:
        # The base size as the application font, not a QWidget stylesheet rule: a stylesheet font-size
        # would override every setFont(), e.g. the waiting-room board's large numbers.
        font = app.font()
        font.setPointSizeF(10.5)
        app.setFont(font)
        app.setStyleSheet(STYLE)
