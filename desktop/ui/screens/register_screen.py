"""Buku Register: search letters issued, void with a reason, record a manual letter, export a period."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.register.book import RegisterEntry
from desktop.models.users.roles import Permission, Role, roles_allowed
from desktop.ui.context import AppContext
from desktop.ui.refresh import reload_on_change
from desktop.ui.table_models.register_model import Column, RegisterTableModel
from desktop.ui.tasks import error_text
from desktop.ui.widgets.pin_dialog import PinDialog
from desktop.ui.widgets.reason_dialog import ask_reason
from desktop.ui.widgets.start_folder import in_documents
from desktop.ui.widgets.tables import fit_columns, list_table

VOID_REFUSED = ("Belum ada akun pejabat yang berwenang membatalkan surat (Lurah/Camat atau Sekretaris). "
                "Tambahkan di menu Pengguna.")


class RegisterScreen(QWidget):
    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entries: list[RegisterEntry] = []
        now = ctx.services.clock.now().date()
        today = QDate(now.year, now.month, now.day)
        self.start = QDateEdit(QDate(today.year(), 1, 1))
        self.end = QDateEdit(today)
        for edit in (self.start, self.end):
            edit.setDisplayFormat("dd-MM-yyyy")
            edit.setCalendarPopup(True)
        self.query = QLineEdit()
        self.query.setPlaceholderText("nomor, perihal atau penerima…")
        self.model = RegisterTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        list_table(self.table)
        fit_columns(self.table, Column.SUBJECT, Column.STATUS)  # a long void reason elides (tooltip), not the subject
        self.void_button = QPushButton("Batalkan surat…")
        self.manual_button = QPushButton("Catat surat manual…")
        self.export_button = QPushButton("Ekspor…")
        self.message = QLabel()
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        for w in (QLabel("Dari"), self.start, QLabel("s.d."), self.end, self.query):
            top.addWidget(w)
        buttons = QHBoxLayout()
        for b in (self.void_button, self.manual_button, self.export_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.query.returnPressed.connect(self.reload)
        self.start.dateChanged.connect(lambda _d: self.reload())
        self.end.dateChanged.connect(lambda _d: self.reload())
        self.void_button.clicked.connect(self._on_void_clicked)
        self.manual_button.clicked.connect(self._on_manual_clicked)
        self.export_button.clicked.connect(self._on_export_clicked)
        # A letter signed, voided or written in by hand anywhere in the app shows here at once.
        reload_on_change(self, ctx.tasks, self.reload)
        self.reload()
        self._fresh = True

    def on_shown(self) -> None:
        """Opened again: what changed while another screen was in front shows now."""
        if getattr(self, "_fresh", False):
            self._fresh = False  # just loaded by the constructor
            return
        self.reload()

    def period(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()

    def reload(self) -> None:
        start, end = self.period()
        query = self.query.text()
        self.ctx.tasks.run(lambda: self.ctx.services.register.entries(start, end, query), self._show, owner=self)

    def _show(self, entries: list[RegisterEntry]) -> None:
        self.entries = entries
        self.model.set_entries(entries)

    def _selected(self) -> RegisterEntry | None:
        sel = self.table.selectionModel().selectedRows()
        return self.entries[sel[0].row()] if sel else None

    def _on_void_clicked(self) -> None:
        entry = self._selected()
        if entry is None:
            self.message.setText("Pilih surat yang akan dibatalkan.")
            return
        roles = roles_allowed(Permission.VOID_LETTER)
        self.ctx.tasks.run(self.ctx.services.users.list,
                           lambda users: self._on_voiders_loaded(entry, [(u, r) for r in roles for u in users
                                                                         if r in u.roles]), owner=self)

    def _on_voiders_loaded(self, entry: RegisterEntry, officials: list) -> None:
        """Who may void is known before anyone types a reason: with no such official, say so now."""
        if not officials:
            self.message.setText(VOID_REFUSED)
            return
        self.reason_dialog = ask_reason(
            self, title=f"Batalkan surat {entry.number}", prompt=f"Alasan membatalkan {entry.number} (wajib):",
            action="Lanjut ke PIN pejabat", on_reason=lambda reason: self._ask_voider(entry, reason, officials))

    def _ask_voider(self, entry: RegisterEntry, reason: str, officials: list) -> None:
        """Voiding is an official's act: they choose themselves and type their PIN now."""
        dialog = PinDialog(title=f"Batalkan surat {entry.number}", officials=officials, preferred=self.ctx.user,
                           parent=self)
        dialog.accepted.connect(lambda: self.void(entry.id, reason, *dialog.chosen()))
        self.pin_dialog = dialog
        dialog.open()

    def void(self, entry_id: str, reason: str, official, _role: Role, pin: str) -> None:
        self.ctx.tasks.run(lambda: self.ctx.services.register.void(entry_id, official, reason, pin=pin),
                           lambda e: self.message.setText(f"{e.number} dibatalkan; nomornya tidak dipakai lagi."),
                           self._on_failed)

    def _on_manual_clicked(self) -> None:
        subject, ok = QInputDialog.getText(self, "Surat manual", "Perihal:")
        if not ok:
            return
        recipient, ok = QInputDialog.getText(self, "Surat manual", "Penerima/pemohon:")
        if ok:
            user, services = self.ctx.user, self.ctx.services

            def add():
                from desktop.models.settings import NumberingSettings

                classification = services.settings.get(NumberingSettings).default_classification
                return services.register.add_manual(user, classification=classification, subject=subject,
                                                    recipient=recipient, signer_name="")

            self.ctx.tasks.run(
                add,
                lambda e: self.message.setText(f"Dicatat dengan nomor {e.number}."), self._on_failed)

    def _on_export_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Ekspor register", in_documents("register.xlsx"),
                                              "Excel (*.xlsx);;CSV (*.csv);;PDF (*.pdf)")
        if name:
            self.export(Path(name))

    def export(self, path: Path) -> None:
        entries, (start, end) = list(self.entries), self.period()
        office = self.ctx.services.profile.office_name

        def work() -> Path:
            from desktop.models.register import export as register_export

            if path.suffix.lower() == ".csv":
                return register_export.to_csv(entries, path)
            if path.suffix.lower() == ".pdf":
                from desktop.printing.register_pdf import register_pdf

                path.write_bytes(register_pdf(entries, office, f"{start:%d-%m-%Y} s.d. {end:%d-%m-%Y}"))
                return path
            return register_export.to_xlsx(entries, path)

        self.ctx.tasks.run(work, lambda p: (self.message.setText(f"Diekspor ke {p}."),
                                            QDesktopServices.openUrl(QUrl.fromLocalFile(str(p)))), self._on_failed)

    def _on_failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))
