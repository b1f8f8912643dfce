"""Tugas Saya: applications waiting for the signed-in user's roles; do, return or reject the step."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.models.applications.application import Application
from desktop.models.applications.inbox import PAGE, InboxPage
from desktop.models.applications.kecamatan_decision import PaperDecision
from desktop.models.applications.step_kinds import StepKind
from desktop.models.applications.workflow import step_label
from desktop.models.survey.step import is_skm, record_step
from desktop.models.users.roles import Role
from desktop.ui.context import AppContext
from desktop.ui.refresh import reload_on_change
from desktop.ui.survey_request import SurveyRequest
from desktop.ui.table_models.inbox_model import Column, InboxTableModel
from desktop.ui.tasks import error_text
from desktop.ui.widgets.application_view import application_html
from desktop.ui.widgets.kecamatan_decision_dialog import KecamatanDecisionDialog
from desktop.ui.widgets.pin_dialog import PinDialog
from desktop.ui.widgets.reason_dialog import ask_reason


class InboxScreen(QWidget):
    sig_survey_requested = Signal(object)
    """A SurveyRequest: the SKM step (kiosk or paper), or a survey offered after pickup."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: Application | None = None
        self.pin_dialog: PinDialog | None = None
        self._shown_seq = 0
        self._list_seq = 0
        self.page_size = PAGE  # rows loaded at a time; more as the list scrolls
        self.decision_dialog: KecamatanDecisionDialog | None = None
        self._build_ui()
        self._connect_signals()
        self.reload()
        self._fresh = True

    def _build_ui(self) -> None:
        self.model = InboxTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.SERVICE, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()
        self.detail = QTextBrowser()
        self.note = QLineEdit()
        self.note.setPlaceholderText("catatan (boleh kosong)")
        # What the decree makes this step depend on, ticked by the person doing it (Kandangan's
        # "data kependudukan sudah terupdate"); hidden when the step asks nothing.
        self.confirm = QCheckBox()
        self.confirm.setVisible(False)
        self.do_button = QPushButton("Kerjakan langkah (Ctrl+Enter)")
        self.do_button.setDefault(True)
        self.do_button.setProperty("keep_in_view", True)
        self.return_button = QPushButton("Kembalikan…")
        self.reject_button = QPushButton("Tolak…")
        self.letter_button = QPushButton("Cetak surat")
        self.letter_button.setEnabled(False)
        self.survey_button = QPushButton("Ajak isi survei (kiosk)")
        self.survey_button.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.do_button, self.return_button, self.reject_button, self.letter_button, self.survey_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        bottom = QWidget()
        r = QVBoxLayout(bottom)
        r.setContentsMargins(0, 0, 0, 0)
        r.addWidget(self.detail)
        r.addWidget(self.confirm)
        r.addWidget(self.note)
        r.addLayout(buttons)
        r.addWidget(self.message)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.count)
        top_layout.addWidget(self.table)
        # The list above the file, not beside it: every column (the time left too) keeps the full width.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([260, 420])
        QVBoxLayout(self).addWidget(splitter)
        self.setFocusProxy(self.table)
        self._set_buttons(False)

    def _connect_signals(self) -> None:
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.do_button.clicked.connect(self._on_do_clicked)
        self.return_button.clicked.connect(self._on_return_clicked)
        self.reject_button.clicked.connect(self._on_reject_clicked)
        # The list follows every change (this screen's, another screen's, the sync worker's): no reload button.
        reload_on_change(self, self.ctx.tasks, self.reload)
        self.model.sig_fetch_more.connect(self._on_model_fetch_more)
        # Keyboard first: Ctrl+Enter does the selected application's step, F5 reloads.
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._on_do_clicked)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self._on_do_clicked)
        QShortcut(QKeySequence("F5"), self, activated=self.reload)
        self.letter_button.clicked.connect(self._on_letter_clicked)
        self.survey_button.clicked.connect(self._on_survey_clicked)

    def on_shown(self) -> None:
        if getattr(self, "_fresh", False):
            self._fresh = False  # just loaded by the constructor
            return
        self.reload()

    def reload(self) -> None:
        """The first page and the counts of all of it (the rest loads as the list scrolls)."""
        user, apps = self.ctx.user, self.ctx.services.applications
        self._list_seq += 1
        seq = self._list_seq
        size = self.page_size
        self.ctx.tasks.run(lambda: apps.inbox_page(user, limit=size), lambda page: self._on_loaded(seq, page),
                           owner=self)

    def _on_model_fetch_more(self, offset: int) -> None:
        user, apps, seq, size = self.ctx.user, self.ctx.services.applications, self._list_seq, self.page_size
        self.ctx.tasks.run(lambda: apps.inbox_page(user, offset=offset, limit=size),
                           lambda page: self._on_more_loaded(seq, offset, page), owner=self)

    def _on_more_loaded(self, seq: int, offset: int, page: InboxPage) -> None:
        if seq == self._list_seq and offset == len(self.model.rows):  # else the list was reloaded meanwhile
            self.model.append(page.items, page.total)

    def _on_loaded(self, seq: int, page: InboxPage) -> None:
        if seq != self._list_seq:
            return
        items = page.items
        keep = self.current.id if self.current is not None else None
        self.model.set_items(items, page.total)
        self.count.setText(inbox_count_text(page.total, page.overdue))
        if items:
            row = next((i for i, item in enumerate(items) if item.app_id == keep), 0)
            self.table.selectRow(row)
            self._show_row(row)  # also when the same row number now holds another file
        else:
            self._shown_seq += 1
            self.current = None
            self.detail.setHtml("<p>Tidak ada tugas yang menunggu Anda.</p>")
            self.do_button.setText("Kerjakan langkah (Ctrl+Enter)")
            self.confirm.setVisible(False)
            self._set_buttons(False)
            self.letter_button.setEnabled(False)

    def _set_buttons(self, enabled: bool) -> None:
        for b in (self.do_button, self.return_button, self.reject_button):
            b.setEnabled(enabled)

    def _on_table_selection_changed(self, _s: QItemSelection, _d: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._show_row(rows[0].row())

    def _show_row(self, row: int) -> None:
        self._shown_seq += 1
        seq = self._shown_seq
        app_id = self.model.rows[row].app_id
        apps = self.ctx.services.applications
        self.ctx.tasks.run(lambda: (apps.get(app_id), apps.reader.history(app_id), apps.reader.has_letter(app_id)),
                           lambda loaded: self._on_application_loaded(seq, loaded), owner=self)

    def _on_application_loaded(self, seq: int, result: tuple) -> None:
        if seq != self._shown_seq:
            return  # an answer for a row the clerk has already left
        app, history, has_letter = result
        self.current = app
        self.detail.setHtml(application_html(app, history))
        step = app.current
        self.confirm.setChecked(False)
        self.confirm.setText(f"Saya pastikan: {step.confirm}" if step is not None and step.confirm else "")
        self.confirm.setVisible(step is not None and bool(step.confirm))
        if step is not None:
            self.do_button.setText(f"{do_label(step)}{' (PIN)' if step.needs_pin else ''} — Ctrl+Enter")
        self._set_buttons(step is not None)
        self.letter_button.setEnabled(has_letter)

    def _on_letter_clicked(self) -> None:
        if self.current is not None:
            from desktop.ui.letter_printing import print_letter

            print_letter(self.ctx, self.current.id, self, self.message.setText)

    def _acting_role(self) -> Role | None:
        step = self.current.current if self.current else None
        if step is None:
            return None
        return next((Role(r) for r in step.roles if Role(r) in self.ctx.user.roles), None)

    # --- actions ---------------------------------------------------------------------------
    def _on_do_clicked(self) -> None:
        app = self.current
        if app is None or app.current is None:
            return
        step = app.current
        if step.external:
            self._ask_decision(app)
            return
        if step.needs_pin:
            self._ask_pin(app)
            return
        role = self._acting_role()
        if role is None:
            self.message.setText("Langkah ini bukan untuk peran Anda.")
            return
        if is_skm(step):
            self._ask_skm(app, role)
            return
        self._perform(app.id, step.idx, self.ctx.user, role, None)

    def _ask_decision(self, app: Application) -> None:
        """A Tipe B decision on paper: the clerk records what the kecamatan decided, never one click."""
        dialog = KecamatanDecisionDialog(number=app.number, service=app.service_name, parent=self)
        dialog.accepted.connect(lambda: self.record_decision(app.id, dialog.decision()))
        self.decision_dialog = dialog
        dialog.open()

    def record_decision(self, app_id: str, decision: PaperDecision) -> None:
        user = self.ctx.user
        self._set_buttons(False)
        self.ctx.tasks.run(lambda: self.ctx.services.applications.record_kecamatan_decision(app_id, user, decision),
                           self._on_done, self._on_failed)

    def _ask_skm(self, app: Application, role: Role) -> None:
        """The decree's SKM step records a real questionnaire or an explicit refusal, never a bare click."""
        box = QMessageBox(QMessageBox.Icon.Question, "Survei kepuasan (SKM)",
                          f"{app.number}: bagaimana pemohon mengisi survei kepuasan?", parent=self)
        kiosk = box.addButton("Isi di kiosk", QMessageBox.ButtonRole.AcceptRole)
        paper = box.addButton("Kuesioner kertas", QMessageBox.ButtonRole.AcceptRole)
        refused = box.addButton("Menolak/tidak mengisi", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
        self.skm_box = box
        box.buttonClicked.connect(lambda b: self.skm_choice(app, role, {kiosk: "kiosk", paper: "kertas",
                                                                        refused: "menolak"}.get(b)))
        box.open()

    def skm_choice(self, app: Application, role: Role, choice: str | None) -> None:
        step = app.current
        if choice is None or step is None:
            return
        if choice == "menolak":
            user, services = self.ctx.user, self.ctx.services
            self.ctx.tasks.run(lambda: record_step(services, app.id, step.idx, user, role, refusal_note=self.note.text()),
                               self._on_done, self._on_failed)
            return
        self.sig_survey_requested.emit(SurveyRequest(app.service_id, app.service_name, app.id, step.idx,
                                                     self.ctx.user, role, paper=choice == "kertas"))

    def _on_survey_clicked(self) -> None:
        app = getattr(self, "last_result", None)
        if app is not None:
            self.sig_survey_requested.emit(SurveyRequest(app.service_id, app.service_name))

    def _ask_pin(self, app: Application) -> None:
        step = app.current
        roles = [Role(r) for r in step.roles]
        self.ctx.tasks.run(self.ctx.services.users.list,
                           lambda users: self._open_pin_dialog(app, [(u, r) for r in roles for u in users
                                                                     if r in u.roles]), owner=self)

    def _open_pin_dialog(self, app: Application, officials: list) -> None:
        step = app.current
        if not officials:
            self.message.setText("Belum ada akun pejabat untuk langkah ini. Tambahkan di menu Pengguna.")
            return
        dialog = PinDialog(title=f"{step_label(step)}: {app.number}", officials=officials,
                           preferred=self.ctx.user, parent=self)
        dialog.accepted.connect(lambda: self._perform(app.id, step.idx, *dialog.chosen()))
        self.pin_dialog = dialog
        dialog.open()

    def _perform(self, app_id: str, idx: int, user, role: Role, pin: str | None) -> None:
        note = self.note.text().strip()
        confirmed = not self.confirm.isHidden() and self.confirm.isChecked()
        self._set_buttons(False)
        self.ctx.tasks.run(
            lambda: self.ctx.services.applications.perform(app_id, idx, user, role, pin=pin, note=note,
                                                           confirmed=confirmed),
            self._on_done, self._on_failed)

    def _on_return_clicked(self) -> None:
        role = self._acting_role()
        if self.current is None or role is None:
            self.message.setText("Hanya pemegang langkah ini yang dapat mengembalikan berkas.")
            return
        app_id, user = self.current.id, self.ctx.user
        self.reason_dialog = ask_reason(
            self, title=f"Kembalikan berkas {self.current.number}", prompt="Alasan pengembalian (wajib):",
            action="Kembalikan", on_reason=lambda reason: self.ctx.tasks.run(
                lambda: self.ctx.services.applications.return_to(app_id, None, user, role, reason),
                self._on_done, self._on_failed))

    def _on_reject_clicked(self) -> None:
        role = self._acting_role()
        if self.current is None or role is None:
            return
        app_id, user = self.current.id, self.ctx.user
        self.reason_dialog = ask_reason(
            self, title=f"Tolak permohonan {self.current.number}", prompt="Alasan penolakan (wajib):",
            action="Tolak", on_reason=lambda reason: self.ctx.tasks.run(
                lambda: self.ctx.services.applications.reject(app_id, user, role, reason),
                self._on_done, self._on_failed))

    def _on_done(self, app: Application) -> None:
        self.note.clear()
        self.message.setText(f"{app.number}: {app.status.label}.")
        self.last_result = app
        # After pickup, the citizen is invited to the survey (unless the decree's SKM step just took it).
        picked_up = app.handed_over_at is not None and not any(is_skm(s) for s in app.steps)
        self.survey_button.setVisible(picked_up)
        # The list reloads by itself: the change was committed (TaskManager.sig_data_changed).

    def _on_failed(self, exc: Exception) -> None:
        self._set_buttons(self.current is not None)
        self.message.setText(error_text(exc))


def inbox_count_text(waiting: int, late: int) -> str:
    """"n menunggu Anda, n terlambat": counted over the whole inbox, not the page on screen."""
    return f"{waiting} menunggu Anda" + (f", {late} terlambat" if late else "")


def do_label(step) -> str:
    """The main button names the act: the step's name, in words."""
    if step.external:
        return "Catat keputusan kecamatan"
    if step.kind == StepKind.AJUKAN:
        return "Ajukan kembali (berkas dilengkapi)"
    return step_label(step)
