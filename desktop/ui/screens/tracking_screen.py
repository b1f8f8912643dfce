"""Lacak Permohonan: find by number, NIK or name; the full history on one screen.

What the detail pane shows is the one application the buttons act on: after every search or
selection the pane, "Cetak ulang" and "Lanjutkan draf" all follow the same loaded application,
and an answer that arrives late for an earlier selection is dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.models.applications.application import Application
from desktop.models.applications.status import Status
from desktop.ui.context import AppContext
from desktop.ui.refresh import reload_on_change
from desktop.ui.table_models.applications_model import ApplicationsTableModel, Column
from desktop.ui.widgets.application_view import application_html


class TrackingScreen(QWidget):
    sig_continue_draft = Signal(object)
    """An Application in Draf status the clerk wants to complete (the shell opens the intake screen)."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: Application | None = None
        self.current_has_letter = False
        self._shown_seq = 0
        self._build_ui()
        self._connect_signals()
        reload_on_change(self, ctx.tasks, self._on_search)  # a status changed elsewhere shows here at once
        self._on_search()

    @property
    def rows(self) -> list[dict]:
        return self.model.rows

    def _build_ui(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText("No. permohonan, NIK atau nama pemohon… lalu Enter")
        self.search.setClearButtonEnabled(True)
        self.model = ApplicationsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.SERVICE, QHeaderView.ResizeMode.Stretch)
        self.detail = QTextBrowser()
        self.reprint_button = QPushButton("Cetak ulang surat (SALINAN)")
        self.draft_button = QPushButton("Lanjutkan draf")
        self.day_list_button = QPushButton("Cetak daftar hari ini…")
        self.day_list_button.setToolTip("Semua permohonan hari ini per status (untuk tutup buku harian), PDF A4")
        self.message = QLabel()
        self.message.setWordWrap(True)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.search)
        top_layout.addWidget(self.table)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.detail)
        row = QHBoxLayout()
        row.addWidget(self.reprint_button)
        row.addWidget(self.draft_button)
        row.addStretch(1)
        row.addWidget(self.day_list_button)
        bottom_layout.addLayout(row)
        bottom_layout.addWidget(self.message)
        # Above and below, not side by side: six columns and the history both need the full width.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([300, 400])
        QVBoxLayout(self).addWidget(splitter)
        self.setFocusProxy(self.search)
        self._set_buttons(None)

    def _connect_signals(self) -> None:
        self.search.returnPressed.connect(self._on_search)
        self.search.textChanged.connect(lambda t: self._on_search() if not t else None)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.reprint_button.clicked.connect(self._on_reprint_clicked)
        self.draft_button.clicked.connect(self._on_draft_clicked)
        self.day_list_button.clicked.connect(self._on_day_list_clicked)

    def on_shown(self) -> None:
        self._on_search()

    # --- searching and showing ------------------------------------------------------------
    def _on_search(self) -> None:
        query = self.search.text()
        self.ctx.tasks.run(lambda: self.ctx.services.applications.reader.find(query), self._on_found, owner=self)

    def _on_found(self, rows: list[dict]) -> None:
        keep = self.current.id if self.current is not None else None
        self.model.set_rows(rows)  # a reset clears the selection without a selectionChanged signal
        if not rows:
            self._show_row(None)
            return
        row = next((i for i, r in enumerate(rows) if r["id"] == keep), 0)
        self.table.selectRow(row)
        self._show_row(row)  # also when the selection "did not change" (same row, another file)

    def _on_table_selection_changed(self, _s: QItemSelection, _d: QItemSelection) -> None:
        selected = self.table.selectionModel().selectedRows()
        if selected:
            self._show_row(selected[0].row())

    def _show_row(self, row: int | None) -> None:
        self._shown_seq += 1
        seq = self._shown_seq
        self.current = None
        self._set_buttons(None)
        if row is None:
            self.detail.setHtml("<p>Tidak ditemukan.</p>")
            return
        app_id = self.model.rows[row]["id"]
        apps = self.ctx.services.applications
        self.ctx.tasks.run(lambda: (apps.get(app_id), apps.reader.history(app_id), apps.reader.has_letter(app_id)),
                           lambda loaded: self._on_application_loaded(seq, loaded), owner=self)

    def _on_application_loaded(self, seq: int, loaded: tuple) -> None:
        if seq != self._shown_seq:
            return  # the clerk already chose another row; this answer is for an older one
        app, history, letter = loaded
        self.current, self.current_has_letter = app, letter
        self.detail.setHtml(application_html(app, history))
        self._set_buttons(app)

    def _set_buttons(self, app: Application | None) -> None:
        self.reprint_button.setEnabled(app is not None and self.current_has_letter)
        self.draft_button.setEnabled(app is not None and app.status == Status.DRAF)

    # --- actions on the application shown -------------------------------------------------
    def _on_reprint_clicked(self) -> None:
        if self.current is not None and self.current_has_letter:
            from desktop.ui.letter_printing import print_letter

            print_letter(self.ctx, self.current.id, self, self.message.setText, reprint=True)

    def _on_draft_clicked(self) -> None:
        if self.current is not None and self.current.status == Status.DRAF:
            self.sig_continue_draft.emit(self.current)

    def _on_day_list_clicked(self) -> None:
        services, printed_by = self.ctx.services, self.ctx.user.full_name

        def work():
            from desktop.paths import archive_dir
            from desktop.printing.day_list_pdf import day_list_pdf
            from desktop.printing.pdf_pages import rasterize

            day = services.clock.now().date()
            pdf = day_list_pdf(services.applications.reader.day_list(day.isoformat()), services.profile.office_name,
                               day, printed_by)
            folder = archive_dir() / "daftar-harian"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"permohonan-{day.isoformat()}.pdf"
            path.write_bytes(pdf)
            pages = [img.convert("RGB") for img in rasterize(pdf, dpi=150)]
            return path, [(p.tobytes(), p.width, p.height) for p in pages]

        self.ctx.tasks.run(work, self._on_day_list_ready, lambda exc: self.message.setText(str(exc)), owner=self)

    def _on_day_list_ready(self, result) -> None:
        from desktop.ui.letter_printing import print_pages

        path, pages = result
        self.last_day_list = path
        printed = print_pages(pages, self, ask=self.ask_printer, paper="A4")
        self.message.setText(f"Daftar permohonan hari ini {'dicetak' if printed else 'tidak dicetak'}; PDF disimpan "
                             f"di {path}.")

    ask_printer = True  # the print dialog (tests switch it off)
