"""Cadangan Data (admin): the daily encrypted backup's folder and count, a backup now, and a restore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.audit import Actor
from desktop.models.indonesian import format_date
from desktop.models.office.backup_plan import (
    BackupFile,
    BackupPlan,
    backups_in,
    load_plan,
    reminder,
    save_plan,
)
from desktop.ui.context import AppContext
from desktop.ui.tasks import error_text
from desktop.ui.widgets.start_folder import documents
from desktop.ui.widgets.tables import fit_columns, list_table, scrolling


def database_path(services) -> Path:
    """The file the office works in (also when started with --db)."""
    row = next(r for r in services.db.execute("PRAGMA database_list") if r[1] == "main")
    return Path(row[2])


def backup_secret(services):
    from desktop.models.office.backup_secret import BackupSecret

    return BackupSecret(database_path(services).parent)


def run_backup_now(services, actor: Actor) -> BackupFile:
    """Worker side: today's backup with the passphrase kept on this PC."""
    from desktop.models.office.backup_plan import run_backup

    return run_backup(services.db, services.settings, services.clock, backup_secret(services).get(), actor)


class PassphraseDialog(QDialog):
    sig_passphrase = Signal(str)
    """The passphrase typed (not empty)."""

    def __init__(self, *, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        label = QLabel(prompt)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Pulihkan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)

    def _on_accepted(self) -> None:
        if self.edit.text():
            self.accept()
            self.sig_passphrase.emit(self.edit.text())


class BackupScreen(QWidget):
    sig_changed = Signal()
    """A backup ran or the plan changed (the shell refreshes its reminder)."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.files: list[BackupFile] = []
        self._build_ui()
        self._connect_signals()
        self.reload()

    def _build_ui(self) -> None:
        self.folder = QLineEdit()
        self.folder.setPlaceholderText("folder di komputer ini atau di flashdisk")
        self.choose_button = QPushButton("Pilih folder…")
        self.keep = QSpinBox()
        self.keep.setRange(1, 60)
        self.keep.setSuffix(" cadangan terakhir")
        self.daily = QCheckBox("Buat cadangan otomatis setiap hari (saat aplikasi pertama dibuka hari itu)")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("minimal 10 karakter; kosongkan bila tidak diubah")
        self.passphrase2 = QLineEdit()
        self.passphrase2.setEchoMode(QLineEdit.EchoMode.Password)
        self.save_button = QPushButton("Simpan pengaturan")
        self.now_button = QPushButton("Buat cadangan sekarang")
        self.now_button.setDefault(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Tanggal", "Berkas", "Ukuran"])
        list_table(self.table)
        fit_columns(self.table, 1)
        self.restore_button = QPushButton("Pulihkan cadangan terpilih…")
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_button)
        plan_box = QGroupBox("Cadangan otomatis (terenkripsi)")
        form = QFormLayout(plan_box)
        form.addRow("Folder cadangan", folder_row)
        form.addRow("Simpan", self.keep)
        form.addRow("", self.daily)
        form.addRow("Kata sandi cadangan", self.passphrase)
        form.addRow("Ulangi kata sandi", self.passphrase2)
        note = QLabel("Kata sandi disimpan di komputer ini saja (tidak di basis data, tidak di flashdisk). Catat "
                      "dan simpan di tempat aman: tanpa kata sandi ini cadangan tidak dapat dipulihkan.")
        note.setObjectName("hint")
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow("", self.save_button)
        list_box = QGroupBox("Cadangan di folder itu")
        list_layout = QVBoxLayout(list_box)
        list_layout.addWidget(self.table)
        restore_row = QHBoxLayout()
        restore_row.addWidget(self.restore_button)
        restore_row.addStretch(1)
        list_layout.addLayout(restore_row)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(plan_box)
        inner.addWidget(list_box, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.now_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(scrolling(content), 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.now_button.clicked.connect(self._on_now_clicked)
        self.restore_button.clicked.connect(self._on_restore_clicked)

    def on_shown(self) -> None:
        self.reload()

    # --- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        services = self.ctx.services

        def load():
            plan = load_plan(services.settings)
            return plan, backups_in(Path(plan.folder)) if plan.folder else [], backup_secret(services).has()

        self.ctx.tasks.run(load, self._on_loaded, owner=self)

    def _on_loaded(self, result: tuple[BackupPlan, list[BackupFile], bool]) -> None:
        plan, files, has_secret = result
        self.plan, self.files = plan, files
        self.folder.setText(plan.folder)
        self.keep.setValue(plan.keep)
        self.daily.setChecked(plan.daily)
        now = self.ctx.services.clock.now()
        warning = reminder(plan, now)
        if plan.last_success_at:
            parts = [f"Cadangan terakhir: {format_date(_parse(plan.last_success_at))} pukul "
                     f"{plan.last_success_at[11:16].replace(':', '.')} ({plan.last_file})."]
            if plan.last_error:
                parts.append(f"Kendala terakhir: {plan.last_error}")
            if warning:
                parts.append("Sudah lebih dari seminggu: buat cadangan sekarang.")
        else:
            parts = ["Belum pernah ada cadangan data."]
        problems = not has_secret and plan.daily
        if problems:
            parts.append("Kata sandi cadangan otomatis belum disimpan: isi di bawah, lalu Simpan pengaturan.")
        self.status.setText(" ".join(parts))
        self.status.setObjectName("error" if warning or problems else "")
        self.status.style().polish(self.status)
        self.table.setRowCount(len(files))
        for row, f in enumerate(files):
            values = [f"{format_date(f.made_at)} {f.made_at:%H.%M}", f.path.name, f"{f.size / 1_000_000:.1f} MB"]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        if files:
            self.table.selectRow(0)

    # --- actions ---------------------------------------------------------------------------
    def _on_choose_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Pilih folder cadangan", self.folder.text() or documents())
        if folder:
            self.folder.setText(folder)

    def _on_save_clicked(self) -> None:
        plan = BackupPlan(folder=self.folder.text().strip(), keep=self.keep.value(), daily=self.daily.isChecked())
        old = getattr(self, "plan", BackupPlan())
        plan.last_success_at, plan.last_file, plan.last_error = old.last_success_at, old.last_file, old.last_error
        passphrase, repeat = self.passphrase.text(), self.passphrase2.text()
        services, actor = self.ctx.services, self.ctx.user.actor()

        def save() -> None:
            if passphrase or repeat:
                backup_secret(services).put(passphrase, repeat)
            elif plan.daily and not backup_secret(services).has():
                from desktop.models.errors import ValidationError

                raise ValidationError("Isi kata sandi cadangan (dua kali) agar cadangan otomatis dapat berjalan.")
            save_plan(services.settings, plan, actor)

        self.ctx.tasks.run(save, self._on_saved, self._on_failed)

    def _on_saved(self, _result: object) -> None:
        self.passphrase.clear()
        self.passphrase2.clear()
        self.message.setText("Pengaturan cadangan tersimpan.")
        self.reload()
        self.sig_changed.emit()

    def _on_now_clicked(self) -> None:
        services, actor = self.ctx.services, self.ctx.user.actor()
        self.now_button.setEnabled(False)
        self.message.setText("Membuat cadangan…")
        self.ctx.tasks.run(lambda: run_backup_now(services, actor), self._on_backup_done, self._on_failed)

    def _on_backup_done(self, made: BackupFile) -> None:
        self.now_button.setEnabled(True)
        self.message.setText(f"Cadangan {made.path.name} dibuat di {made.path.parent}.")
        self.reload()
        self.sig_changed.emit()

    def _on_restore_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.setText("Pilih cadangan yang akan dipulihkan.")
            return
        chosen = self.files[rows[0].row()]
        dialog = PassphraseDialog(
            title="Pulihkan cadangan",
            prompt=f"Pulihkan data dari cadangan {format_date(chosen.made_at)} pukul {chosen.made_at:%H.%M}? "
                   "Data sekarang tidak dihapus: disimpan sebagai berkas terpisah. Ketik kata sandi cadangan:",
            parent=self)
        dialog.sig_passphrase.connect(lambda passphrase: self._restore(chosen, passphrase))
        self.passphrase_dialog = dialog
        dialog.open()

    def _restore(self, chosen: BackupFile, passphrase: str) -> None:
        from desktop.models.office.backup_restore import stage_restore

        live = database_path(self.ctx.services)
        self.ctx.tasks.run(lambda: stage_restore(chosen.path, passphrase, live),
                           lambda _staged: self.message.setText(
                               f"Data cadangan {format_date(chosen.made_at)} siap dipakai. Tutup aplikasi lalu buka "
                               "lagi: data itu yang akan dipakai, dan data sekarang disimpan sebagai berkas "
                               f"\u201c{live.stem}-sebelum-pulih-…\u201d di {live.parent}."),
                           self._on_failed)

    def _on_failed(self, exc: Exception) -> None:
        self.now_button.setEnabled(True)
        self.message.setText(error_text(exc))


def _parse(value: str):
    from datetime import datetime

    return datetime.fromisoformat(value)
