"""Counting what a person does: one action = one click, one shortcut, or typing into one field
(ending with Enter counts with the typing)."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


class Actions:
    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0
        self.log: list[str] = []

    def type(self, widget, text: str, enter: bool = False) -> None:
        widget.setFocus()
        self.qtbot.keyClicks(widget, text)
        if enter:
            self.qtbot.keyClick(widget, Qt.Key.Key_Return)
        self._note(f"ketik {text!r}{' + Enter' if enter else ''}")

    def click(self, button) -> None:
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self._note(f"klik {button.text()!r}")

    def shortcut(self, widget, sequence: str) -> None:
        QTest.keySequence(widget, sequence)
        self._note(f"tombol {sequence}")

    def _note(self, what: str) -> None:
        self.count += 1
        self.log.append(what)
