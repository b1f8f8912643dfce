"""The citizens' own window on a second monitor or a touch screen: take a queue number, fill in
the satisfaction survey. It has no navigation and none of the clerk's screens; full screen on its
own monitor, Escape and Alt+F4 do nothing there and only the clerk closes it (Loket menu), so a
citizen left alone with it can reach nothing else. On a PC with one monitor it is an ordinary
window the clerk can close (a try-out; a kiosk needs its own screen).

It keeps its own session (the clerk who opened it), so an official stepping in at the clerk's PC
(Ganti pengguna) changes nothing at the kiosk.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from desktop.ui.context import AppContext, Session
from desktop.ui.idle_lock import PUBLIC_WINDOW
from desktop.ui.screens.queue_display import choose_screen
from desktop.ui.screens.queue_ticket_screen import TicketScreen
from desktop.ui.screens.survey_kiosk_screen import SurveyKioskScreen
from desktop.ui.survey_request import SurveyRequest


class CitizenKiosk(QWidget):
    sig_closed = Signal()
    """The clerk closed the kiosk (or its monitor was unplugged)."""

    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None, survey_idle_ms: int = 90_000,
                 survey_thanks_ms: int = 8000) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        session = Session()
        session.sign_in(ctx.user)  # the opener's identity, kept apart from the clerk's window
        self.ctx = AppContext(services=ctx.services, tasks=ctx.tasks, session=session)
        self.target_screen: QScreen | None = None
        self._may_close = False
        self._build_ui(survey_idle_ms, survey_thanks_ms)
        self._connect_signals()

    def _build_ui(self, idle_ms: int, thanks_ms: int) -> None:
        self.setWindowTitle("Kiosk Warga")
        self.setProperty(PUBLIC_WINDOW, True)  # its input is the citizens', never keeps the clerk signed in
        self.tickets = TicketScreen(ctx=self.ctx)
        self.survey = SurveyKioskScreen(ctx=self.ctx, idle_ms=idle_ms, thanks_ms=thanks_ms)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.tickets)
        self.pages.addWidget(self.survey)
        QVBoxLayout(self).addWidget(self.pages)

    def _connect_signals(self) -> None:
        self.tickets.sig_survey_requested.connect(self._on_tickets_survey_requested)
        self.survey.sig_reset.connect(self._on_survey_reset)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenRemoved.connect(self._on_app_screen_removed)

    # --- flow --------------------------------------------------------------------------------
    def _on_tickets_survey_requested(self, request: SurveyRequest) -> None:
        self.survey.begin(request)
        self.pages.setCurrentWidget(self.survey)

    def _on_survey_reset(self) -> None:
        # After the thank-you page or a walk-away, the next citizen sees the queue buttons again.
        self.pages.setCurrentWidget(self.tickets)

    # --- window ------------------------------------------------------------------------------
    def show_on(self, screen: QScreen | None) -> None:
        """Full screen on `screen`; None: an ordinary window (one monitor, or a test)."""
        self.target_screen = screen
        self._may_close = screen is None  # one monitor: the clerk must be able to get back
        if screen is None:
            self.showNormal()
            self.resize(1024, 768)
        else:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        self.raise_()

    def close_kiosk(self) -> None:
        """The clerk's close (from the main window's menu)."""
        self._may_close = True
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and not self._may_close:
            event.accept()  # a citizen cannot leave the kiosk
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self._may_close:
            event.ignore()
            return
        super().closeEvent(event)
        self.sig_closed.emit()

    def _on_app_screen_removed(self, screen: QScreen) -> None:
        if self.target_screen is not None and screen is self.target_screen:
            self.close_kiosk()


def open_citizen_kiosk(ctx: AppContext, parent: QWidget) -> CitizenKiosk | None:
    """Show the kiosk on a chosen monitor (the other one when there are two); None if cancelled."""
    chosen = choose_screen(parent)
    if chosen is False:
        return None
    kiosk = CitizenKiosk(ctx=ctx, parent=parent)
    kiosk.show_on(chosen or None)
    return kiosk
