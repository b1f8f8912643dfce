"""Laporan: the month's (semester's, year's) figures with charts, saved as PDF + XLSX, and the
monthly report sent to the kecamatan. At a kecamatan, a tab shows which kelurahan have reported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models.reports.period import PeriodKind, ReportPeriod
from desktop.models.reports.sending import SendResult
from desktop.models.users.roles import Permission
from desktop.printing.reports.files import PackFiles
from desktop.printing.reports.view import ReportView
from desktop.ui.context import AppContext
from desktop.ui.tasks import error_text
from desktop.ui.widgets.report_section import ReportSection
from desktop.ui.widgets.start_folder import documents

KINDS = [(PeriodKind.MONTH, "Bulanan"), (PeriodKind.SEMESTER, "Semester"), (PeriodKind.YEAR, "Tahunan")]


def recent_periods(kind: PeriodKind, year: int, month: int) -> list[ReportPeriod]:
    """Newest first, the running period included."""
    if kind == PeriodKind.MONTH:
        out, y, m = [], year, month
        for _ in range(24):
            out.append(ReportPeriod.month(y, m))
            y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        return out
    if kind == PeriodKind.SEMESTER:
        current = 1 if month <= 6 else 2
        pairs = [(year, current), (year, 3 - current) if current == 2 else (year - 1, 2)]
        pairs += [(p[0] - 1, p[1]) for p in pairs]
        return [ReportPeriod(PeriodKind.SEMESTER, y, s) for y, s in pairs]
    return [ReportPeriod(PeriodKind.YEAR, y, 0) for y in (year, year - 1, year - 2)]


class ReportsScreen(QWidget):
    sig_loaded = Signal(object)
    """The ReportView now on screen."""
    sig_message = Signal(str)
    """A result or an error, in words (also shown under the buttons)."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: ReportView | None = None
        self.is_kecamatan = ctx.services.profile.level == "kecamatan"
        self._build_ui()
        self._connect_signals()
        self._on_kind_current_index_changed(0)

    def _build_ui(self) -> None:
        self.kind = QComboBox()
        for kind, label in KINDS:
            self.kind.addItem(label, kind)
        self.period = QComboBox()
        self.period.setMinimumWidth(260)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.title.setWordWrap(True)  # a long report title wraps rather than widening the page (1024 px)
        top = QHBoxLayout()
        for label, widget in (("&Jenis:", self.kind), ("&Periode:", self.period)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            top.addWidget(caption)
            top.addWidget(widget)
        top.addStretch(1)
        self.tabs = QTabWidget()
        self.sections: dict[str, ReportSection] = {}
        self.save_button = QPushButton("&Simpan PDF + XLSX…")
        self.open_button = QPushButton("&Buka PDF")
        self.upper = "kabupaten" if self.is_kecamatan else "kecamatan"
        self.send_button = QPushButton(f"&Kirim ke {self.upper}")
        self.send_button.setToolTip("Laporan bulan yang sudah berakhir ikut sinkronisasi berikutnya (Lurah/Camat, "
                                    "Sekretaris atau admin).")
        self.sent_label = QLabel()
        self.sent_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.save_button, self.open_button, self.send_button):
            buttons.addWidget(b)
        buttons.addWidget(self.sent_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        if self.is_kecamatan:
            from desktop.ui.widgets.kelurahan_reports import KelurahanReports

            self.kelurahan_reports = KelurahanReports(ctx=self.ctx)
            self.tabs.addTab(self.kelurahan_reports, "Laporan kelurahan")

    def _connect_signals(self) -> None:
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        self.period.currentIndexChanged.connect(self._on_period_current_index_changed)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.send_button.clicked.connect(self._on_send_button_clicked)

    # --- actions (tests call these) --------------------------------------------------------
    def selected_period(self) -> ReportPeriod:
        return self.period.currentData()

    def load(self, period: ReportPeriod) -> None:
        from desktop.printing.reports.view import report_view

        services = self.ctx.services
        self.message.setText("Menghitung laporan…")
        self.ctx.tasks.run(lambda: report_view(services, period), self._on_loaded, self._on_failed)

    def save_to(self, folder: Path) -> None:
        from desktop.models.settings import PaperSettings
        from desktop.printing.reports.files import write_pack

        if self.view is None:
            return
        pack, paper = self.view.pack, self.ctx.services.settings.get(PaperSettings)
        self.ctx.tasks.run(lambda: write_pack(pack, folder, paper), self._on_saved, self._on_failed)

    def open_pdf(self) -> None:
        from desktop.models.settings import PaperSettings
        from desktop.paths import data_dir
        from desktop.printing.reports.files import write_pack

        if self.view is not None:
            pack, paper = self.view.pack, self.ctx.services.settings.get(PaperSettings)
            self.ctx.tasks.run(lambda: write_pack(pack, data_dir() / "laporan", paper).pdf, self._on_pdf_ready,
                               self._on_failed)

    def send(self) -> None:
        from desktop.printing.reports.monthly_send import send_monthly_report

        services, user, period = self.ctx.services, self.ctx.user, self.selected_period()
        self.ctx.tasks.run(lambda: send_monthly_report(services, user, period), self._on_sent, self._on_failed)

    # --- slots -----------------------------------------------------------------------------
    def _on_kind_current_index_changed(self, _index: int) -> None:
        today = self.ctx.services.clock.now().date()
        self.period.blockSignals(True)
        self.period.clear()
        kind = self.kind.currentData()
        for period in recent_periods(kind, today.year, today.month):
            self.period.addItem(period.label, period)
        # A month is reported once it is over: start at last month.
        self.period.setCurrentIndex(1 if kind == PeriodKind.MONTH else 0)
        self.period.blockSignals(False)
        self.load(self.selected_period())

    def _on_period_current_index_changed(self, _index: int) -> None:
        if self.period.currentData() is not None:
            self.load(self.selected_period())

    def _on_save_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Simpan laporan ke folder", documents())
        if folder:
            self.save_to(Path(folder))

    def _on_open_button_clicked(self) -> None:
        self.open_pdf()

    def _on_send_button_clicked(self) -> None:
        self.send()

    def _on_loaded(self, view: ReportView) -> None:
        if view.pack.period != self.selected_period():
            return  # an older request finished after the person chose another period
        self.view = view
        pack = view.pack
        self.title.setText(f"{pack.period.title.title()} {pack.period.label} — {pack.office_name}")
        current = self.tabs.currentIndex()
        for i, table in enumerate(view.tables):
            section = self.sections.get(table.key)
            if section is None:
                section = self.sections[table.key] = ReportSection()
                self.tabs.insertTab(i, section, table.key)
            section.show_table(table, view.charts.get(table.chart))
        self.tabs.setCurrentIndex(max(0, current))
        self._refresh_send_state()
        self.message.setText(f"Data per {pack.as_of[:16].replace('T', ' ')}.")
        self.sig_loaded.emit(view)

    def _refresh_send_state(self) -> None:
        view = self.view
        monthly = view is not None and view.pack.period.kind == PeriodKind.MONTH
        user = self.ctx.session.user
        ended = monthly and view.pack.period.has_ended(self.ctx.services.clock.now().date())
        self.send_button.setVisible(monthly)
        self.send_button.setEnabled(bool(ended and user is not None and user.can(Permission.SEND_REPORTS)))
        if not monthly:
            self.sent_label.setText("")
        elif view.sent:
            self.sent_label.setText(f"Sudah dikirim ke {self.upper}: revisi {view.sent[0]}, "
                                    f"{view.sent[1][:16].replace('T', ' ')}.")
        else:
            self.sent_label.setText(f"Belum dikirim ke {self.upper}." if ended else "Bulan ini belum berakhir.")

    def _on_saved(self, files: PackFiles) -> None:
        self._say(f"Disimpan: {files.pdf.name} dan {files.xlsx.name} di {files.pdf.parent}.")

    def _on_pdf_ready(self, path: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self._say(f"PDF dibuka: {path}")

    def _on_sent(self, result: SendResult) -> None:
        self._say(result.message)
        self.load(self.selected_period())

    def _on_failed(self, exc: Exception) -> None:
        self._say(error_text(exc))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.sig_message.emit(text)

