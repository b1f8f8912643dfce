"""SKM (clerk): type in paper questionnaires, see the IKM and the sample progress for a period, and
write the semester/year report (PDF F4 or XLSX)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.models.survey.ikm import comma
from desktop.models.survey.report import Period, progress_for
from desktop.models.survey.responses import SurveyAnswers
from desktop.models.survey.step import record_step
from desktop.models.survey.unsur import CHARACTERISTICS, UNSUR
from desktop.ui.context import AppContext
from desktop.ui.survey_request import SurveyRequest
from desktop.ui.tasks import error_text
from desktop.ui.widgets.start_folder import in_documents


class SurveyScreen(QWidget):
    sig_saved = Signal(str)
    """A paper questionnaire was stored."""
    sig_summary = Signal(str)
    """The period's figures were shown (the text)."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.request = SurveyRequest()
        self.score_groups: list[QButtonGroup] = []
        self._build_ui()
        self._connect_signals()
        self.refresh_summary()

    def _build_ui(self) -> None:
        paper = QGroupBox("Kuesioner kertas")
        form = QFormLayout(paper)
        self.target = QLabel("Layanan: (pilih)")
        self.service = QComboBox()
        self.service.addItem("(tidak disebut)", ("", ""))
        office = self.ctx.services.profile.catalog_office_id
        self.ctx.tasks.run(lambda: [(s.id, s.name) for s in self.ctx.services.catalog.services(office)]
                           if office else [], self._on_services_loaded, owner=self)
        form.addRow("Layanan", self.service)
        self.characteristics: dict[str, QComboBox] = {}
        for ch in CHARACTERISTICS:
            box = QComboBox()
            box.addItem("(tidak diisi)", "")
            for option in ch.options:
                box.addItem(option, option)
            self.characteristics[ch.key] = box
            form.addRow(ch.label, box)
        for u in UNSUR:
            row = QHBoxLayout()
            group = QButtonGroup(self)
            for score in (1, 2, 3, 4):
                # Digits as on the paper form (a–d = 1–4); the answer's words in the tooltip keep rows narrow.
                radio = QRadioButton(str(score))
                radio.setToolTip(u.answer_text(score))
                group.addButton(radio, score)
                row.addWidget(radio)
            row.addStretch(1)
            self.score_groups.append(group)
            holder = QWidget()
            holder.setLayout(row)
            label = QLabel(f"{u.code.upper()} {u.name}")
            label.setToolTip(" · ".join(f"{n} = {t}" for n, t in zip((1, 2, 3, 4), u.answers)))
            form.addRow(label, holder)
        self.saran = QLineEdit()
        self.saran.setPlaceholderText("saran tertulis di kuesioner (boleh kosong)")
        form.addRow("Saran", self.saran)
        self.save_button = QPushButton("Simpan kuesioner")
        self.refuse_button = QPushButton("Responden menolak/tidak mengisi")
        self.refuse_button.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.refuse_button)
        form.addRow(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form.addRow(self.message)
        summary = QGroupBox("IKM dan laporan")
        s = QVBoxLayout(summary)
        period_row = QHBoxLayout()
        self.year = QSpinBox()
        self.year.setRange(2020, 2100)
        self.year.setValue(self.ctx.services.clock.now().year)
        self.semester = QComboBox()
        for label, value in (("Semester I", 1), ("Semester II", 2), ("Setahun", None)):
            self.semester.addItem(label, value)
        self.semester.setCurrentIndex(0 if self.ctx.services.clock.now().month <= 6 else 1)
        period_row.addWidget(self.year)
        period_row.addWidget(self.semester)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setMinimumWidth(320)
        self.follow_up = QLineEdit()
        self.follow_up.setPlaceholderText("rencana tindak lanjut (dicetak di laporan)")
        self.pdf_button = QPushButton("Laporan PDF…")
        self.xlsx_button = QPushButton("Laporan XLSX…")
        export = QHBoxLayout()
        export.addWidget(self.pdf_button)
        export.addWidget(self.xlsx_button)
        s.addLayout(period_row)
        s.addWidget(self.summary)
        s.addWidget(self.follow_up)
        s.addLayout(export)
        s.addStretch(1)
        content = QWidget()
        # Side by side when there is room, one above the other on a 1024 px screen (see resizeEvent).
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, content)
        self.columns.addWidget(paper, 1)
        self.columns.addWidget(summary, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        QVBoxLayout(self).addWidget(scroll)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        wide = event.size().width() >= 1000
        self.columns.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        super().resizeEvent(event)

    def _connect_signals(self) -> None:
        self.save_button.clicked.connect(self._on_save_clicked)
        self.refuse_button.clicked.connect(self._on_refuse_clicked)
        self.year.valueChanged.connect(self.refresh_summary)
        self.semester.currentIndexChanged.connect(self.refresh_summary)
        self.pdf_button.clicked.connect(lambda: self._on_export_clicked(".pdf"))
        self.xlsx_button.clicked.connect(lambda: self._on_export_clicked(".xlsx"))

    def _on_services_loaded(self, services: list[tuple[str, str]]) -> None:
        for sid, name in services:
            self.service.addItem(name, (sid, name))

    # --- paper questionnaires ------------------------------------------------------------------
    def begin(self, request: SurveyRequest) -> None:
        """Enter the paper questionnaire of an application's SKM step (or after pickup)."""
        self.request = request
        self.refuse_button.setVisible(request.app_id is not None)
        index = self.service.findText(request.service_name) if request.service_name else 0
        self.service.setCurrentIndex(max(0, index))
        self.message.setText(f"Kuesioner untuk {request.service_name}." if request.service_name else "")

    def _clear(self) -> None:
        for group in self.score_groups:
            group.setExclusive(False)
            for b in group.buttons():
                b.setChecked(False)
            group.setExclusive(True)
        for box in self.characteristics.values():
            box.setCurrentIndex(0)
        self.saran.clear()
        self.request = SurveyRequest()
        self.refuse_button.setVisible(False)

    def _on_save_clicked(self) -> None:
        scores = [g.checkedId() for g in self.score_groups]
        missing = [u.code.upper() for u, s in zip(UNSUR, scores) if s < 1]
        if missing:
            self.message.setText("Pilih nilai untuk: " + ", ".join(missing) + ".")
            return
        sid, name = self.service.currentData()
        answers = SurveyAnswers(scores=tuple(scores), service_id=sid, service_name=name, saran=self.saran.text(),
                                **{k: box.currentData() for k, box in self.characteristics.items()})
        self._store(answers)

    def _on_refuse_clicked(self) -> None:
        self._store(None)

    def _store(self, answers: SurveyAnswers | None) -> None:
        request, services, user = self.request, self.ctx.services, self.ctx.user

        def work() -> str:
            if request.app_id is not None:
                record_step(services, request.app_id, request.step_idx, request.user, request.role, answers=answers,
                            source="kertas")
                return request.app_id
            return services.survey.record(answers, "kertas", user.actor())

        self.ctx.tasks.run(work, self._on_saved, self._on_failed)

    def _on_saved(self, saved: str) -> None:
        self._clear()
        self.message.setText("Tersimpan. Kuesioner berikutnya bisa diisi.")
        self.refresh_summary()
        self.sig_saved.emit(saved)

    def _on_failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))

    # --- figures and report --------------------------------------------------------------------
    def period(self) -> Period:
        return Period.of(self.year.value(), self.semester.currentData())

    def refresh_summary(self) -> None:
        period, services = self.period(), self.ctx.services

        def load() -> str:
            result = services.survey.ikm(period.start, period.end)
            progress = progress_for(services, period.start, period.end)
            if result is None:
                head = f"{period.label}: belum ada jawaban survei."
            else:
                head = (f"{period.label}: IKM <b>{comma(result.ikm)}</b>, mutu <b>{result.grade.mutu}</b> "
                        f"({result.grade.kinerja}) dari {result.responden} responden.")
            return f"{head}<br>Sampel: {progress.text}"

        self.ctx.tasks.run(load, self._on_summary, self._on_failed)

    def _on_summary(self, text: str) -> None:
        self.summary.setText(text)
        self.sig_summary.emit(text)

    def _on_export_clicked(self, suffix: str) -> None:
        period = self.period()
        name = f"laporan-ikm-{period.label.lower().replace(' ', '-')}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, "Simpan laporan IKM", in_documents(name))
        if path:
            self.export_to(Path(path).with_suffix(suffix))

    def export_to(self, path: Path) -> None:
        from desktop.printing.ikm_report import write_ikm_report

        semester, year, services, plan = self.semester.currentData(), self.year.value(), self.ctx.services, \
            self.follow_up.text()
        self.ctx.tasks.run(lambda: write_ikm_report(services, year, semester, path, follow_up=plan),
                           lambda p: self.message.setText(f"Laporan ditulis ke {p}."), self._on_failed)
