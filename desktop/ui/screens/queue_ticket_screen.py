"""Ambil nomor antrean: one big button per group (touch kiosk), or one key per group for the clerk.

The number is issued (committed) before printing starts, so a printer that is off, out of paper
or not set up never costs a citizen their place: the number is shown large on screen, the clerk
reads why it did not print, and a PDF of the same ticket is offered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.models.queue.tickets import IssueResult, QueueGroup
from desktop.models.services import Services
from desktop.models.settings import PrinterSettings
from desktop.models.users.accounts import User, require
from desktop.models.users.roles import Permission
from desktop.paths import archive_dir
from desktop.printing.escpos_slips import print_ticket
from desktop.printing.printers import READY, Connection, PrinterUnavailable, print_slip
from desktop.printing.slip_pdf import ticket_pdf
from desktop.printing.slips import TicketData
from desktop.ui.context import AppContext
from desktop.ui.refresh import reload_on_change
from desktop.ui.tasks import error_text

FIRST_FUNCTION_KEY = Qt.Key.Key_F5  # F5 = first group, F6 = second, … (keys A/B/C also work)
COLUMNS = 3
NO_PRINTER = "Printer struk belum diatur: nomor hanya ditampilkan di layar. Sebutkan nomornya kepada warga."


@dataclass(frozen=True)
class IssueOutcome:
    """An issued number and what happened at the printer."""

    result: IssueResult
    group_label: str
    printed: bool
    message: str
    pdf_path: Path | None = None

    @property
    def number(self) -> str:
        return self.result.ticket.number


def issue_ticket(services: Services, user: User, group_code: str) -> IssueOutcome:
    """Worker side: issue the number, then try to print it; printing never undoes the number."""
    require(user, Permission.MANAGE_QUEUE)
    result = services.queue.issue(group_code, user.actor())
    ticket = result.ticket
    group = services.queue.config.group(ticket.group_code)
    data = TicketData(office_name=services.profile.office_name, group_code=group.code, group_label=group.label,
                      number=ticket.number, issued_at=ticket.issued_at, people_ahead=result.people_ahead,
                      estimate_text=result.estimate_text, qr_text=ticket.id)
    settings = services.settings.get(PrinterSettings)
    if settings.connection == Connection.NONE.value:
        return IssueOutcome(result, group.label, False, NO_PRINTER)
    try:
        status = print_slip(settings, lambda printer: print_ticket(printer, data, settings.paper_mm))
    except PrinterUnavailable as exc:
        path = archive_dir() / f"tiket-{ticket.day}-{ticket.number}.pdf"
        path.write_bytes(ticket_pdf(data))
        return IssueOutcome(result, group.label, False,
                            f"Tiket tidak tercetak. {exc} Nomor {ticket.number} tetap berlaku: sebutkan "
                            f"kepada warga, atau cetak PDF tiketnya.", path)
    message = "Tiket tercetak." if status.message == READY else f"Tiket tercetak. {status.message}"
    return IssueOutcome(result, group.label, True, message)


def _keys(groups: list[QueueGroup]) -> list[tuple[str, str]]:
    return [(g.code, g.label) for g in groups]


def _font(points: int, bold: bool = True) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font


class TicketScreen(QWidget):
    """Big group buttons and the last issued number."""

    sig_loaded = Signal()
    """The group buttons reflect the configured groups."""
    sig_issued = Signal(object)
    """An IssueOutcome: the number was issued (printed or not)."""
    sig_failed = Signal(str)
    """No number was issued; the message shown."""
    sig_survey_requested = Signal(object)
    """A citizen at the kiosk wants to fill in the satisfaction survey (a SurveyRequest)."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.group_buttons: dict[str, QPushButton] = {}
        self._shortcuts: list[QShortcut] = []
        self._groups: list[QueueGroup] | None = None
        self._pdf_path: Path | None = None
        self._issuing = False
        self._build_ui()
        self._connect_signals()
        self.reload()

    def _build_ui(self) -> None:
        self.title = QLabel("Ambil Nomor Antrean")
        self.title.setFont(_font(20))
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.buttons_box = QWidget()
        self.buttons_grid = QGridLayout(self.buttons_box)
        self.buttons_grid.setSpacing(16)
        self.empty_hint = QLabel("Belum ada kelompok antrean. Admin mengaturnya di menu Pengaturan Antrean.")
        self.empty_hint.setWordWrap(True)
        self.number = QLabel("")  # the number just issued; empty before (a 72-point dash read as a black bar)
        self.number.setFont(_font(72))
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details = QLabel()
        self.details.setFont(_font(14, bold=False))
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_pdf_button = QPushButton("Buka PDF tiket")
        self.open_pdf_button.hide()
        self.survey_button = QPushButton("Isi survei kepuasan")
        self.survey_button.setFont(_font(16))
        self.survey_button.setMinimumHeight(60)
        pdf_row = QHBoxLayout()
        pdf_row.addWidget(self.message, 1)
        pdf_row.addWidget(self.open_pdf_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.buttons_box, 3)
        layout.addWidget(self.number)
        layout.addWidget(self.details)
        layout.addLayout(pdf_row)
        layout.addWidget(self.survey_button)

    def _connect_signals(self) -> None:
        self.open_pdf_button.clicked.connect(self._on_open_pdf_clicked)
        self.survey_button.clicked.connect(self._on_survey_clicked)
        reload_on_change(self, self.ctx.tasks, self.reload)

    # --- groups ----------------------------------------------------------------------------
    def reload(self) -> None:
        queue = self.ctx.services.queue
        self.ctx.tasks.run(queue.groups, self._on_groups_loaded, self._on_load_failed)

    def _on_groups_loaded(self, groups: list[QueueGroup]) -> None:
        # Rebuild only on a real change: a button vanishing under a finger is worse than a stale label.
        if self._groups is None or _keys(groups) != _keys(self._groups):
            self._groups = groups
            self._rebuild_buttons()
        self.empty_hint.setVisible(not groups)
        self.sig_loaded.emit()

    def _rebuild_buttons(self) -> None:
        for button in self.group_buttons.values():
            button.deleteLater()
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self.group_buttons, self._shortcuts = {}, []
        for index, group in enumerate(self._groups or []):
            keys = [QKeySequence(group.code)]
            if index < 8:  # F5…F12
                keys.append(QKeySequence(FIRST_FUNCTION_KEY.value + index))
            hint = " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
            button = QPushButton(f"{group.code}\n{group.label}\n(tombol {hint})")
            button.setFont(_font(22))
            button.setMinimumHeight(140)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a touch must not leave a focus frame
            button.clicked.connect(lambda _checked=False, code=group.code: self._on_group_button_clicked(code))
            self.buttons_grid.addWidget(button, index // COLUMNS, index % COLUMNS)
            self.group_buttons[group.code] = button
            for key in keys:
                shortcut = QShortcut(key, self)
                # Window-wide (the buttons take no focus); inactive while this screen is hidden.
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(lambda code=group.code: self._on_group_button_clicked(code))
                self._shortcuts.append(shortcut)

    # --- issuing ---------------------------------------------------------------------------
    def issue(self, group_code: str) -> None:
        """Issue a number for the group (the button and its keys do this)."""
        self._on_group_button_clicked(group_code)

    def _on_group_button_clicked(self, group_code: str) -> None:
        if self._issuing:  # a double tap on the kiosk must not take two numbers
            return
        self._issuing = True
        self._set_buttons_enabled(False)
        self.message.setText("Mengambil nomor…")
        services, user = self.ctx.services, self.ctx.user
        self.ctx.tasks.run(lambda: issue_ticket(services, user, group_code), self._on_issued, self._on_issue_failed)

    def _on_issued(self, outcome: IssueOutcome) -> None:
        self._issuing = False
        self._set_buttons_enabled(True)
        result = outcome.result
        ahead = "tidak ada" if result.people_ahead <= 0 else f"{result.people_ahead} orang"
        self.number.setText(outcome.number)
        self.details.setText(f"{outcome.group_label} · Antrean di depan: {ahead} · Perkiraan: "
                             f"{result.estimate_text}")
        self.message.setText(outcome.message)
        self._pdf_path = outcome.pdf_path
        self.open_pdf_button.setVisible(outcome.pdf_path is not None)
        self.sig_issued.emit(outcome)

    def _on_issue_failed(self, exc: Exception) -> None:
        self._issuing = False
        self._set_buttons_enabled(True)
        self.message.setText(error_text(exc))
        self.sig_failed.emit(error_text(exc))

    def _set_buttons_enabled(self, enabled: bool) -> None:
        for button in self.group_buttons.values():
            button.setEnabled(enabled)

    def _on_open_pdf_clicked(self) -> None:
        if self._pdf_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._pdf_path)))

    def _on_survey_clicked(self) -> None:
        from desktop.ui.survey_request import SurveyRequest

        self.sig_survey_requested.emit(SurveyRequest())

    def _on_load_failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))
