"""The decree's requirements as a checklist: ticks, variant, a note and a scan per requirement.

Part 4 of Permohonan baru. It holds the service's `RequirementCheck` items while the clerk ticks
them; the intake screen reads them back (`read()`) when it submits.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.applications.application import RequirementCheck
from desktop.models.applications.intake import checklist, variants
from desktop.ui.widgets.start_folder import documents
from desktop.ui.widgets.tables import wrapping_list


class RequirementsChecklist(QGroupBox):
    sig_message = Signal(str)
    """Something for the screen's message line (e.g. a scan without a chosen requirement)."""
    sig_all_received = Signal()
    """Every required item was ticked at once (the screen moves the cursor on to Ajukan)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("4. Persyaratan (menurut Standar Pelayanan)", parent)
        self.service = None
        self.items: list[RequirementCheck] = []
        self.variant = QComboBox()
        self.variant.setVisible(False)
        self.checks = QListWidget()
        wrapping_list(self.checks)  # long requirement lines wrap instead of being cut at the list's edge
        self.checks.setMinimumHeight(120)
        self.all_received = QPushButton("Semua diterima (Ctrl+Shift+A)")
        self.attach = QPushButton("Lampirkan pindaian…")
        self.item_note = QLineEdit()
        self.item_note.setPlaceholderText("catatan persyaratan terpilih (mis. fotokopi)")
        layout = QVBoxLayout(self)
        layout.addWidget(self.variant)
        layout.addWidget(self.checks)
        layout.addWidget(self.all_received)
        tools = QHBoxLayout()
        tools.addWidget(self.item_note, 1)
        tools.addWidget(self.attach)
        layout.addLayout(tools)
        self.all_received.clicked.connect(self.tick_all_required)
        self.attach.clicked.connect(self._on_attach_clicked)
        self.item_note.editingFinished.connect(self._on_item_note_edited)
        self.variant.currentIndexChanged.connect(self._on_variant_changed)

    def set_service(self, service) -> None:
        """The decree's list for `service` (its variants offered when it has any), nothing ticked."""
        self.service = service
        self.items = checklist(service)
        self.variant.blockSignals(True)
        self.variant.clear()
        names = variants(service)
        self.variant.addItems(["(pilih varian)", *names])
        self.variant.setVisible(bool(names))
        self.variant.blockSignals(False)
        self._show()

    def chosen_variant(self) -> str | None:
        return self.variant.currentText() or None

    def tick(self, received_idx: set[int]) -> None:
        """Tick exactly the items whose index is in `received_idx` (a draft continued)."""
        for row, item in enumerate(self.items):
            item.received = item.idx in received_idx
            self.checks.item(row).setCheckState(Qt.CheckState.Checked if item.received else Qt.CheckState.Unchecked)

    def tick_all_required(self) -> None:
        for row, item in enumerate(self.items):
            if item.required:
                self.checks.item(row).setCheckState(Qt.CheckState.Checked)
        self.sig_all_received.emit()

    def read(self) -> list[RequirementCheck]:
        """The items with the ticks as they are on screen now."""
        for row, item in enumerate(self.items):
            item.received = self.checks.item(row).checkState() == Qt.CheckState.Checked
        return list(self.items)

    def clear(self) -> None:
        self.service = None
        self.items = []
        self.variant.clear()
        self.variant.setVisible(False)
        self.item_note.clear()
        self.checks.clear()

    def _show(self) -> None:
        self.checks.blockSignals(True)
        self.checks.clear()
        for item in self.items:
            widget_item = QListWidgetItem(("" if item.required else "(tidak wajib) ") + item.text)
            widget_item.setFlags(widget_item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            widget_item.setCheckState(Qt.CheckState.Checked if item.received else Qt.CheckState.Unchecked)
            self.checks.addItem(widget_item)
        self.checks.blockSignals(False)

    def _on_variant_changed(self, _index: int) -> None:
        if self.service is not None:
            chosen = self.variant.currentText() if self.variant.currentIndex() > 0 else None
            received = {i.idx for i in self.items if i.received}
            self.items = checklist(self.service, chosen)
            for item in self.items:
                item.received = item.idx in received
            self._show()

    def _on_attach_clicked(self) -> None:
        row = self.checks.currentRow()
        if row < 0:
            self.sig_message.emit("Pilih persyaratan yang akan dilampiri pindaian.")
            return
        name, _ = QFileDialog.getOpenFileName(self, "Lampirkan pindaian", documents(), "Gambar/PDF (*.png *.jpg *.jpeg *.pdf)")
        if name:
            self.items[row].attachment = name
            self.checks.item(row).setText(self.checks.item(row).text() + f"  📎 {Path(name).name}")

    def _on_item_note_edited(self) -> None:
        row = self.checks.currentRow()
        if row >= 0:
            self.items[row].note = self.item_note.text().strip()
