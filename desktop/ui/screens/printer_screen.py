"""Printer struk: how the receipt/ticket printer is connected, and a trial print.

Saving needs the admin role (checked in the job). The trial print uses what is on the form,
saved or not, and runs on the task thread: a printer that is off can take seconds to refuse.
When it fails, the same trial slip is written as PDF so the clerk sees what would have printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.models.settings import PrinterSettings
from desktop.models.users.accounts import require
from desktop.models.users.roles import Permission, Role
from desktop.paths import archive_dir
from desktop.printing.escpos_slips import print_trial_slip
from desktop.printing.printers import CONNECTION_LABELS, Connection, PrinterUnavailable, print_slip
from desktop.printing.slip_pdf import trial_slip_pdf
from desktop.ui.context import AppContext
from desktop.ui.tasks import error_text

PROFILES = ["TM-T88V", "TM-T20II", "TM-T82II", "POS-5890", "default"]
BAUD_RATES = [9600, 19200, 38400, 57600, 115200]
TRIAL_PDF_NAME = "slip-uji.pdf"


@dataclass(frozen=True)
class TrialOutcome:
    """Result of "Tes cetak": printed, or the message and the PDF written instead."""

    printed: bool
    message: str
    pdf_path: Path | None = None


class PrinterScreen(QWidget):
    sig_loaded = Signal()
    """The stored settings are on the form."""
    sig_saved = Signal()
    """The settings were saved (and audited)."""
    sig_trial_finished = Signal(object)
    """A TrialOutcome, after "Tes cetak" finished (printed or not)."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._office_name = ""
        self._pdf_path: Path | None = None
        self._build_ui()
        self._connect_signals()
        self._on_connection_changed()
        self.reload()

    def _build_ui(self) -> None:
        self.connection = QComboBox()
        for kind in Connection:
            self.connection.addItem(CONNECTION_LABELS[kind], kind.value)
        self.usb_vendor, self.usb_product = QLineEdit(), QLineEdit()
        self.usb_vendor.setPlaceholderText("mis. 04b8")
        self.usb_product.setPlaceholderText("mis. 0202")
        self.usb_in_ep, self.usb_out_ep = QLineEdit(), QLineEdit()
        self.serial_port = QLineEdit()
        self.serial_port.setPlaceholderText("COM3 atau /dev/ttyUSB0")
        self.serial_baud = QComboBox()
        for rate in BAUD_RATES:
            self.serial_baud.addItem(str(rate), rate)
        self.host = QLineEdit()
        self.host.setPlaceholderText("mis. 192.168.1.50")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.printer_name = QLineEdit()
        self.file_path = QLineEdit()
        self.file_path.setPlaceholderText("mis. /dev/usb/lp0 atau C:\\struk.bin")
        self.paper = QComboBox()
        self.paper.addItem("80 mm", 80)
        self.paper.addItem("58 mm", 58)
        self.profile = QComboBox()
        self.profile.setEditable(True)  # python-escpos knows many more models than this list
        self.profile.addItems(PROFILES)

        box = QGroupBox("Printer struk dan tiket antrean")
        self.form = QFormLayout(box)
        self.form.addRow("&Sambungan", self.connection)
        rows = [("ID vendor USB", self.usb_vendor), ("ID produk USB", self.usb_product),
                ("Endpoint masuk", self.usb_in_ep), ("Endpoint keluar", self.usb_out_ep),
                ("Port serial", self.serial_port), ("Kecepatan (baud)", self.serial_baud),
                ("Alamat IP", self.host), ("Port", self.port), ("Nama printer", self.printer_name),
                ("Berkas/perangkat", self.file_path), ("&Lebar kertas", self.paper),
                ("Profil printer", self.profile)]
        for label, widget in rows:
            self.form.addRow(label, widget)
        self._fields_by_connection: dict[Connection, list[QWidget]] = {
            Connection.NONE: [],
            Connection.USB: [self.usb_vendor, self.usb_product, self.usb_in_ep, self.usb_out_ep],
            Connection.SERIAL: [self.serial_port, self.serial_baud],
            Connection.NETWORK: [self.host, self.port],
            Connection.WIN32RAW: [self.printer_name],
            Connection.CUPS: [self.printer_name],
            Connection.FILE: [self.file_path],
        }
        self.save_button = QPushButton("Simpan")
        self.trial_button = QPushButton("&Tes cetak")
        self.open_pdf_button = QPushButton("Buka PDF slip uji")
        self.open_pdf_button.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # copy the path
        buttons = QHBoxLayout()
        for button in (self.save_button, self.trial_button, self.open_pdf_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        self.connection.currentIndexChanged.connect(self._on_connection_changed)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.trial_button.clicked.connect(self._on_trial_clicked)
        self.open_pdf_button.clicked.connect(self._on_open_pdf_clicked)

    def reload(self) -> None:
        services = self.ctx.services
        self.ctx.tasks.run(lambda: (services.settings.get(PrinterSettings), services.profile.office_name),
                           self._on_loaded, self._on_failed)

    def settings(self) -> PrinterSettings:
        """The settings as they stand on the form (saved or not)."""
        return PrinterSettings(
            connection=self.connection.currentData(),
            usb_vendor=self.usb_vendor.text().strip(), usb_product=self.usb_product.text().strip(),
            usb_in_ep=self.usb_in_ep.text().strip(), usb_out_ep=self.usb_out_ep.text().strip(),
            serial_port=self.serial_port.text().strip(), serial_baud=int(self.serial_baud.currentData()),
            host=self.host.text().strip(), port=self.port.value(),
            printer_name=self.printer_name.text().strip(), file_path=self.file_path.text().strip(),
            paper_mm=int(self.paper.currentData()), profile=self.profile.currentText().strip(),
        )

    def set_settings(self, s: PrinterSettings) -> None:
        self.connection.setCurrentIndex(max(0, self.connection.findData(s.connection)))
        self.usb_vendor.setText(s.usb_vendor)
        self.usb_product.setText(s.usb_product)
        self.usb_in_ep.setText(s.usb_in_ep)
        self.usb_out_ep.setText(s.usb_out_ep)
        self.serial_port.setText(s.serial_port)
        baud = self.serial_baud.findData(s.serial_baud)
        if baud < 0:
            self.serial_baud.addItem(str(s.serial_baud), s.serial_baud)
            baud = self.serial_baud.count() - 1
        self.serial_baud.setCurrentIndex(baud)
        self.host.setText(s.host)
        self.port.setValue(s.port)
        self.printer_name.setText(s.printer_name)
        self.file_path.setText(s.file_path)
        self.paper.setCurrentIndex(max(0, self.paper.findData(s.paper_mm)))
        self.profile.setCurrentText(s.profile)

    def _on_loaded(self, result: tuple[PrinterSettings, str]) -> None:
        settings, self._office_name = result
        self.set_settings(settings)
        self.sig_loaded.emit()

    def _on_connection_changed(self, _index: int = 0) -> None:
        kind = Connection(self.connection.currentData())
        shown = self._fields_by_connection[kind]
        for widgets in self._fields_by_connection.values():
            for widget in widgets:
                self.form.setRowVisible(widget, widget in shown)
        for widget in (self.paper, self.profile):
            self.form.setRowVisible(widget, kind is not Connection.NONE)

    def _on_save_clicked(self) -> None:
        value, user, repo = self.settings(), self.ctx.user, self.ctx.services.settings

        def save() -> None:
            require(user, Permission.EDIT_SETTINGS)
            repo.put(value, user.actor(Role.ADMIN))

        self.ctx.tasks.run(save, self._on_saved, self._on_failed)

    def _on_saved(self, _result: object) -> None:
        self.message.setText("Pengaturan printer tersimpan.")
        self.sig_saved.emit()

    def _on_trial_clicked(self) -> None:
        settings, office, clock = self.settings(), self._office_name, self.ctx.services.clock
        self.trial_button.setEnabled(False)
        self.open_pdf_button.hide()
        self.message.setText("Menguji printer…")
        self.ctx.tasks.run(lambda: run_trial(settings, office, clock.now()), self._on_trial_done,
                           self._on_trial_failed)

    def _on_trial_done(self, outcome: TrialOutcome) -> None:
        self.trial_button.setEnabled(True)
        self._pdf_path = outcome.pdf_path
        if outcome.printed:
            self.message.setText(f"Tes cetak berhasil. {outcome.message}")
        else:
            self.message.setText(f"{outcome.message}\nSlip uji disimpan sebagai PDF: {outcome.pdf_path}")
            self.open_pdf_button.show()
        self.sig_trial_finished.emit(outcome)

    def _on_trial_failed(self, exc: Exception) -> None:
        self.trial_button.setEnabled(True)
        self._on_failed(exc)
        self.sig_trial_finished.emit(TrialOutcome(False, error_text(exc)))

    def _on_open_pdf_clicked(self) -> None:
        if self._pdf_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._pdf_path)))

    def _on_failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))


def run_trial(settings: PrinterSettings, office_name: str, when: datetime) -> TrialOutcome:
    """Worker side of "Tes cetak": preflight and print, or write the PDF fallback."""
    try:
        status = print_slip(settings, lambda p: print_trial_slip(p, office_name, when, settings.paper_mm))
    except PrinterUnavailable as exc:
        path = archive_dir() / TRIAL_PDF_NAME
        path.write_bytes(trial_slip_pdf(office_name, when))
        return TrialOutcome(False, str(exc), path)
    return TrialOutcome(True, status.message)
