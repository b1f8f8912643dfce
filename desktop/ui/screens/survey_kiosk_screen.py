"""Survei kepuasan (kiosk): a citizen answers alone on a touch screen — big buttons, one question a
page, no typing, nothing that names them — and the kiosk returns to its start page by itself.

Pages: start → (service, when not known) → jenis kelamin, umur, pendidikan, pekerjaan → the nine
unsur → thank you. A citizen who walks away mid-way leaves nothing behind: after `idle_ms` without a
touch the half-filled answers are dropped and the start page returns. Both pauses are injectable,
so tests never sleep.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models import audit
from desktop.models.survey.responses import SurveyAnswers
from desktop.models.survey.step import record_step
from desktop.models.survey.unsur import CHARACTERISTICS, UNSUR
from desktop.ui.context import AppContext
from desktop.ui.survey_request import SurveyRequest
from desktop.ui.tasks import error_text

KIOSK_ACTOR = audit.Actor(user_id=None, name="Kiosk survei (warga)", role="warga")
SKIP = "Lewati"


def _font(points: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font


class _Question:
    """One page: a key, a title and the choices (label, value)."""

    def __init__(self, key: str, title: str, text: str, choices: list[tuple[str, object]]) -> None:
        self.key, self.title, self.text, self.choices = key, title, text, choices


class SurveyKioskScreen(QWidget):
    sig_saved = Signal(str)
    """A questionnaire was stored (its id); the thank-you page is showing."""
    sig_reset = Signal()
    """Back at the start page (after the pause, or a walk-away)."""
    sig_failed = Signal(str)

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None, thanks_ms: int = 8000,
                 idle_ms: int = 90_000) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.request = SurveyRequest()
        self.answers: dict[str, object] = {}
        self.questions: list[_Question] = []
        self.index = -1
        self.choice_buttons: list[QPushButton] = []
        self._services: list[tuple[str, str]] = []
        self._build_ui()
        self._thanks_timer = QTimer(self, singleShot=True, interval=thanks_ms)
        self._idle_timer = QTimer(self, singleShot=True, interval=idle_ms)
        self._connect_signals()
        office = ctx.services.profile.catalog_office_id
        ctx.tasks.run(lambda: [(s.id, s.name) for s in ctx.services.catalog.services(office)] if office else [],
                      self._on_services_loaded, owner=self)
        self.reset()

    # --- construction ----------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.pages = QStackedWidget()
        start = QWidget()
        s = QVBoxLayout(start)
        self.office_label = QLabel(self.ctx.services.profile.office_name)
        self.office_label.setFont(_font(20, True))
        welcome = QLabel("Survei Kepuasan Masyarakat\n\nBantu kami memperbaiki pelayanan. Tanpa nama, tanpa "
                         "mengetik — cukup sentuh jawaban Anda. Sekitar 1 menit.")
        welcome.setFont(_font(18))
        welcome.setWordWrap(True)
        self.start_button = QPushButton("Mulai survei")
        self.start_button.setFont(_font(26, True))
        self.start_button.setMinimumHeight(140)
        for w in (self.office_label, welcome):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            s.addWidget(w)
        s.addWidget(self.start_button)
        question = QWidget()
        q = QVBoxLayout(question)
        self.progress = QLabel()
        self.progress.setFont(_font(14))
        self.question_title = QLabel()
        self.question_title.setFont(_font(16, True))
        self.question_text = QLabel()
        self.question_text.setFont(_font(20))
        self.question_text.setWordWrap(True)
        self.choices_box = QWidget()
        self.choices_grid = QGridLayout(self.choices_box)
        self.choices_grid.setSpacing(14)
        self.choices_grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # buttons wrap instead
        scroll.setWidget(self.choices_box)
        self.back_button = QPushButton("◀ Kembali")
        self.back_button.setFont(_font(16))
        self.back_button.setMinimumHeight(64)
        for w in (self.progress, self.question_title, self.question_text):
            q.addWidget(w)
        q.addWidget(scroll, 1)
        q.addWidget(self.back_button)
        thanks = QWidget()
        t = QVBoxLayout(thanks)
        self.thanks_label = QLabel("Terima kasih!\n\nJawaban Anda sudah kami simpan tanpa nama.")
        self.thanks_label.setFont(_font(26, True))
        self.thanks_label.setWordWrap(True)
        self.thanks_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        t.addWidget(self.thanks_label)
        for page in (start, question, thanks):
            self.pages.addWidget(page)
        self.start_page, self.question_page, self.thanks_page = start, question, thanks
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)

    def _connect_signals(self) -> None:
        self.start_button.clicked.connect(self._on_start_clicked)
        self.back_button.clicked.connect(self._on_back_clicked)
        self._thanks_timer.timeout.connect(self.reset)
        self._idle_timer.timeout.connect(self._on_idle_timeout)

    def _on_services_loaded(self, services: list[tuple[str, str]]) -> None:
        self._services = services

    # --- flow --------------------------------------------------------------------------------
    def begin(self, request: SurveyRequest) -> None:
        """Show the start page for this request (an application's SKM step, or after pickup)."""
        self.reset()
        self.request = request
        if request.service_name:
            self.message.setText(f"Survei untuk layanan: {request.service_name}")

    def reset(self) -> None:
        self._thanks_timer.stop()
        self._idle_timer.stop()
        self.request, self.answers, self.index = SurveyRequest(), {}, -1
        self.message.clear()
        self.pages.setCurrentWidget(self.start_page)
        self.sig_reset.emit()

    def _on_start_clicked(self) -> None:
        self.questions = self._questions()
        self.answers = {}
        self._show(0)

    def _questions(self) -> list[_Question]:
        pages = []
        if not self.request.service_id and self._services:
            pages.append(_Question("service", "Layanan", "Layanan apa yang Anda terima hari ini?",
                                   [(name, (sid, name)) for sid, name in self._services] + [(SKIP, None)]))
        for ch in CHARACTERISTICS:
            pages.append(_Question(ch.key, ch.label, ch.question, [(o, o) for o in ch.options] + [(SKIP, "")]))
        for u in UNSUR:
            pages.append(_Question(u.code, u.name, u.question, [(text, score) for score, text in
                                                                zip((1, 2, 3, 4), u.answers)]))
        return pages

    def _show(self, index: int) -> None:
        self.index = index
        question = self.questions[index]
        self.progress.setText(f"Pertanyaan {index + 1} dari {len(self.questions)}")
        self.question_title.setText(question.title)
        self.question_text.setText(question.text)
        for button in self.choice_buttons:
            button.deleteLater()
        self.choice_buttons = []
        columns = 1 if question.key.startswith("u") else 2
        many = len(question.choices) > 10  # the office's services: smaller type, two lines
        for i, (label, value) in enumerate(question.choices):
            button = QPushButton(textwrap.fill(label, 38) if many else label)
            button.setFont(_font(14 if many else 18, True))
            button.setMinimumHeight(80)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # touch: no focus frame left behind
            button.clicked.connect(lambda _c=False, v=value: self._on_choice_clicked(v))
            self.choices_grid.addWidget(button, i // columns, i % columns)
            self.choice_buttons.append(button)
        self.back_button.setEnabled(index > 0)
        self.pages.setCurrentWidget(self.question_page)
        self._idle_timer.start()

    def _on_choice_clicked(self, value: object) -> None:
        self.answers[self.questions[self.index].key] = value
        if self.index + 1 < len(self.questions):
            self._show(self.index + 1)
        else:
            self._save()

    def _on_back_clicked(self) -> None:
        if self.index > 0:
            self._show(self.index - 1)

    def _on_idle_timeout(self) -> None:
        if self.pages.currentWidget() is self.question_page:
            self.reset()  # walked away: half answers are dropped, nothing is stored

    # --- saving --------------------------------------------------------------------------------
    def _build_answers(self) -> SurveyAnswers:
        service = self.answers.get("service")
        sid, name = (self.request.service_id, self.request.service_name) if self.request.service_id else \
            (service if isinstance(service, tuple) else ("", ""))
        return SurveyAnswers(scores=tuple(int(self.answers[u.code]) for u in UNSUR), service_id=sid, service_name=name,
                             **{ch.key: str(self.answers.get(ch.key) or "") for ch in CHARACTERISTICS})

    def _save(self) -> None:
        self._idle_timer.stop()
        for button in self.choice_buttons:
            button.setEnabled(False)  # a double tap must not store two questionnaires
        answers, request, services = self._build_answers(), self.request, self.ctx.services
        work: Callable[[], str]
        if request.app_id is not None:
            def work() -> str:
                record_step(services, request.app_id, request.step_idx, request.user, request.role, answers=answers,
                            source="kiosk")
                return request.app_id
        else:
            def work() -> str:
                return services.survey.record(answers, "kiosk", KIOSK_ACTOR)
        self.ctx.tasks.run(work, self._on_saved, self._on_save_failed)

    def _on_saved(self, saved_id: str) -> None:
        self.pages.setCurrentWidget(self.thanks_page)
        self._thanks_timer.start()
        self.sig_saved.emit(saved_id)

    def _on_save_failed(self, exc: Exception) -> None:
        self.message.setText(error_text(exc) + " Mohon beri tahu petugas.")
        for button in self.choice_buttons:
            button.setEnabled(True)
        self.sig_failed.emit(error_text(exc))
