"""Sinkronisasi: the link to the kecamatan (kelurahan), or the kelurahan dashboard (kecamatan).

Every database or network step runs through the task runner; slots only read widgets and call
one function. "Ekspor ke flashdisk" and "Impor berkas" ask for a place, then call
`export_to(folder)` / `import_from(path)`, which tests drive directly.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.sync import files, status
from desktop.sync.peers import ROLE_KECAMATAN, ROLE_KELURAHAN
from desktop.ui.context import AppContext
from desktop.ui.tasks import error_text
from desktop.ui.widgets.start_folder import documents, in_documents
from desktop.ui.widgets.tables import fit_columns, list_table

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    CODE, NAME, LAST_SYNC, LETTERS, OPEN, LATE, TIPE_B, ERROR = range(8)


HEADERS = ["Kode", "Kelurahan", "Sinkron\nterakhir", "Surat\nterbit", "Permohonan\nterbuka", "Terlambat",
           "Tipe B\nmenunggu", "Kendala terakhir"]


class DashboardModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[status.KelurahanRow] = []

    def set_rows(self, rows: list[status.KelurahanRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(Column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        r = self.rows[index.row()]
        values = [r.office_code, r.name, (r.last_sync or "belum pernah").replace("T", " ")[:16], r.letters_issued,
                  r.applications_open, r.applications_late, r.tipe_b_waiting, r.last_error]
        return values[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None


class SyncScreen(QWidget):
    sig_refreshed = Signal()
    """Status (and dashboard) reloaded."""
    sig_message = Signal(str)
    """A result or error in plain words, also shown on the screen."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.is_kecamatan = ctx.services.profile.level == "kecamatan"
        self._build_ui()
        self._connect_signals()
        self.refresh()

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        self.status_label, self.message_label = QLabel(), QLabel()
        self.message_label.setWordWrap(True)
        self.own_key = QLineEdit()
        self.own_key.setReadOnly(True)
        self.root_fingerprint = QLabel()
        box = QGroupBox("Status sinkronisasi")
        form = QFormLayout(box)
        form.addRow("Keadaan:", self.status_label)
        form.addRow("Kunci publik kantor ini:", self.own_key)
        form.addRow("Sidik kunci induk:", self.root_fingerprint)
        form.addRow(self.message_label)
        layout.addWidget(box)
        self.peer_code, self.peer_name, self.peer_key, self.peer_url = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.peer_key.setPlaceholderText("43 karakter, disalin dari layar Sinkronisasi kantor itu")
        self.peer_url.setPlaceholderText("http://192.168.1.10:8765")
        enrol = QGroupBox("Daftarkan kelurahan" if self.is_kecamatan else "Sambungan ke kecamatan")
        eform = QFormLayout(enrol)
        eform.addRow("Kode kantor:", self.peer_code)
        eform.addRow("Nama:", self.peer_name)
        eform.addRow("Kunci publik:", self.peer_key)
        if not self.is_kecamatan:
            eform.addRow("Alamat penerima:", self.peer_url)
        self.peer_pin = QLineEdit()
        self.peer_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.peer_pin.setPlaceholderText("PIN Anda: mendaftarkan kunci kantor lain perlu konfirmasi")
        eform.addRow("PIN admin:", self.peer_pin)
        self.save_peer = QPushButton("Daftarkan" if self.is_kecamatan else "Simpan sambungan")
        eform.addRow(self.save_peer)
        layout.addWidget(enrol)
        self.model = DashboardModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        list_table(self.table)
        fit_columns(self.table, Column.NAME, Column.ERROR)
        self.table.setVisible(self.is_kecamatan)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.export_button = QPushButton("&Ekspor ke flashdisk")
        self.import_button = QPushButton("&Impor berkas")
        self.export_button.setVisible(not self.is_kecamatan)  # the kecamatan answers on import
        self.directory_export_button = QPushButton("Ekspor direktori kunci…")
        self.directory_import_button = QPushButton("Impor direktori kunci…")
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.directory_export_button)
        buttons.addWidget(self.directory_import_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def _connect_signals(self) -> None:
        self.export_button.clicked.connect(self._on_export_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.save_peer.clicked.connect(self._on_save_peer_clicked)
        self.directory_export_button.clicked.connect(self._on_directory_export_clicked)
        self.directory_import_button.clicked.connect(self._on_directory_import_clicked)

    # --- actions (tests call these) ---------------------------------------------------------
    def refresh(self) -> None:
        services = self.ctx.services
        kecamatan = self.is_kecamatan
        self.ctx.tasks.run(lambda: (status.link_status(services),
                                    status.kelurahan_dashboard(services) if kecamatan else []),
                           self._on_loaded, self._on_failed)

    def export_to(self, folder: Path) -> None:
        services = self.ctx.services
        self.ctx.tasks.run(lambda: files.export_pending(services, folder), self._on_exported, self._on_failed)

    def import_from(self, path: Path) -> None:
        services = self.ctx.services
        self.ctx.tasks.run(lambda: files.import_file(services, path), self._on_imported, self._on_failed)

    def enrol(self, code: str, name: str, key: str, url: str = "", pin: str = "") -> None:
        """Trusting another office's key is an admin's act with their PIN now (checked in the model)."""
        services, user = self.ctx.services, self.ctx.user
        role = ROLE_KELURAHAN if self.is_kecamatan else ROLE_KECAMATAN

        def job() -> str:
            from desktop.sync.outbound import peers

            acting = services.users.confirm(user.id, pin) if pin else user
            peer = peers(services).enroll(code, key, acting.actor(), role=role, name=name, url=url)
            return f"Kantor {peer.office_code} terdaftar; kiriman dengan kunci itu kini diterima."

        self.ctx.tasks.run(job, self._show_and_refresh, self._on_failed)

    def export_directory(self, path: Path) -> None:
        """The key directory as a file, for an office outside this kecamatan (signed by our sync key)."""
        from desktop.sync import directory_file

        services = self.ctx.services

        def job() -> str:
            path.write_bytes(directory_file.export_file(services))
            return f"Direktori kunci ditulis ke {path.name}. " + directory_file.describe_file(path.read_bytes())

        self.ctx.tasks.run(job, self._show_and_refresh, self._on_failed)

    def import_directory(self, path: Path, pin: str = "") -> None:
        """Trust a kecamatan's directory file: an admin's act with their PIN now (checked in the model)."""
        from desktop.sync import directory_file

        services, user = self.ctx.services, self.ctx.user

        def job() -> str:
            data = path.read_bytes()
            described = directory_file.describe_file(data)
            acting = services.users.confirm(user.id, pin) if pin else user
            added = directory_file.import_file(services, data, acting.actor())
            return f"{described} Diimpor: {added} kunci/pembatalan baru."

        self.ctx.tasks.run(job, self._show_and_refresh, self._on_failed)

    # --- slots -----------------------------------------------------------------------------
    def _on_directory_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Simpan direktori kunci", in_documents("direktori-kunci.loketkunci"),
                                              "Direktori kunci Loket (*.loketkunci)")
        if path:
            self.export_directory(Path(path))

    def _on_directory_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Pilih direktori kunci", documents(), "Direktori kunci Loket (*.loketkunci)")
        if path:
            pin, _ = self.peer_pin.text(), self.peer_pin.clear()
            self.import_directory(Path(path), pin)

    def _on_export_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Pilih folder flashdisk", documents())
        if folder:
            self.export_to(Path(folder))

    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Pilih berkas sinkronisasi", documents(),
                                              f"Berkas Loket (*{files.BATCH_SUFFIX} *{files.RECEIPT_SUFFIX})")
        if path:
            self.import_from(Path(path))

    def _on_save_peer_clicked(self) -> None:
        pin, _ = self.peer_pin.text(), self.peer_pin.clear()
        self.enrol(self.peer_code.text(), self.peer_name.text(), self.peer_key.text(), self.peer_url.text(), pin)

    def _on_loaded(self, result: tuple[status.LinkStatus, list[status.KelurahanRow]]) -> None:
        link, rows = result
        self.own_key.setText(link.own_public_key)
        self.root_fingerprint.setText(link.own_root_fingerprint or "belum dibuat (admin masuk dengan PIN sekali)")
        if self.is_kecamatan:
            self.status_label.setText(f"{len(rows)} kelurahan terdaftar.")
        elif not link.configured:
            self.status_label.setText("Sambungan ke kecamatan belum diatur.")
        else:
            last = (link.last_success or "belum pernah").replace("T", " ")[:16]
            self.status_label.setText(f"{link.pending_batches} batch menunggu ({link.pending_records} catatan); "
                                      f"sinkron terakhir: {last}.")
            if link.last_error:
                self.message_label.setText(f"Kendala terakhir: {link.last_error}")
        self.model.set_rows(rows)
        self.sig_refreshed.emit()

    def _on_exported(self, path: Path | None) -> None:
        self._show_and_refresh("Tidak ada data yang menunggu dikirim." if path is None else
                               f"Berkas {path.name} ditulis. Bawa ke kecamatan, lalu impor tanda terimanya di sini.")

    def _on_imported(self, outcome: files.ImportOutcome) -> None:
        extra = "".join(f" Bawa kembali: {p.name}." for p in outcome.written)
        self._show_and_refresh(outcome.message + extra)

    def _show_and_refresh(self, message: str) -> None:
        self.message_label.setText(message)
        self.sig_message.emit(message)
        self.refresh()

    def _on_failed(self, exc: Exception) -> None:
        self.message_label.setText(error_text(exc))
        self.sig_message.emit(error_text(exc))
