"""A search field with a result list: type, see matches as you type, Enter takes the highlighted one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.ui.tasks import TaskManager


class ChosenLabel(QLabel):
    """The choice made, shown under the search field; takes no room while nothing is chosen."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.setVisible(False)


class SearchPicker(QWidget):
    sig_picked = Signal(object)
    """The chosen item (whatever `search` returned)."""

    def __init__(self, *, tasks: TaskManager, search: Callable[[str], list[Any]], describe: Callable[[Any], str],
                 placeholder: str, parent: QWidget | None = None, delay_ms: int = 120) -> None:
        super().__init__(parent)
        self.tasks, self.search_fn, self.describe = tasks, search, describe
        self.items: list[Any] = []
        self.picked: Any = None
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setMaximumHeight(110)
        self.results.setVisible(False)  # shown once there is something to choose from
        self.chosen = ChosenLabel()
        self.chosen.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.results)
        layout.addWidget(self.chosen)
        self.chosen.setVisible(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._query_seq = 0
        self._timer.timeout.connect(self._run_search)
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.returnPressed.connect(self._on_return)
        self.edit.installEventFilter(self)
        self.results.itemActivated.connect(lambda item: self._pick(self.results.row(item)))
        self.setFocusProxy(self.edit)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                self.results.setCurrentRow(max(0, min(self.results.count() - 1, self.results.currentRow() + step)))
                return True
        return super().eventFilter(obj, event)

    def _on_text_changed(self, text: str) -> None:
        if not text.strip():
            self._timer.stop()
            self._query_seq += 1
            self.items = []
            self.results.clear()
            self.results.setVisible(False)
            return
        self._timer.start()

    def _run_search(self) -> None:
        text = self.edit.text()
        self._query_seq += 1
        seq = self._query_seq
        self.tasks.run(lambda: self.search_fn(text), lambda found: self._show(seq, found), owner=self)

    def _show(self, seq: int, found: list[Any]) -> None:
        if seq != self._query_seq:
            return  # an older query answered late; a newer one is on its way
        self.items = found
        self.results.clear()
        for item in found:
            self.results.addItem(QListWidgetItem(self.describe(item)))
        self.results.setVisible(bool(found) or bool(self.edit.text().strip()))
        if found:
            self.results.setCurrentRow(0)
        else:
            self.results.addItem(QListWidgetItem("(tidak ditemukan)"))
        if getattr(self, "_pick_when_ready", False):
            self._pick_when_ready = False
            self._pick(0 if found else -1)

    def _on_return(self) -> None:
        if self._timer.isActive() or self.tasks.busy:
            # Enter pressed before the results arrived: take the first match when they do.
            self._timer.stop()
            self._pick_when_ready = True
            self._run_search()
            return
        self._pick(self.results.currentRow())

    def _pick(self, row: int) -> None:
        if row < 0 or row >= len(self.items):
            return
        self.picked = self.items[row]
        self.chosen.setText("✔ " + self.describe(self.picked))
        self.results.setVisible(False)  # the choice is made: give the room to the next section
        self.sig_picked.emit(self.picked)

    def reset(self) -> None:
        self.picked = None
        self.items = []
        self.edit.clear()
        self.results.clear()
        self.results.setVisible(False)
        self.chosen.clear()
