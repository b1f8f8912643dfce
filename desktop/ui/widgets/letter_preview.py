"""The letter as it would print, shown inside the app (page images in a scrolling window)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget


class LetterPreview(QDialog):
    def __init__(self, *, title: str, pages: list[tuple[bytes, int, int]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 700)
        holder = QWidget()
        column = QVBoxLayout(holder)
        self.page_labels: list[QLabel] = []
        for raw, width, height in pages:
            image = QImage(raw, width, height, width * 3, QImage.Format.Format_RGB888).copy()
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(label)
            self.page_labels.append(label)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Tutup")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Pratinjau dengan data contoh; belum disimpan sampai Anda menekan Simpan templat."))
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
