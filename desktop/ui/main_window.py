"""The shell: navigation on the left, one screen at a time, status bar. No business logic."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore  # QtCore.Qt on first use, after the first paint (ui/first_paint.py)
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from desktop.models.indonesian import format_day_date
from desktop.models.users.roles import Permission
from desktop.ui.context import AppContext
from desktop.ui.first_paint import FirstPaint
from desktop.ui.screen_list import ScreenEntry, default_screens
from desktop.ui.tasks import OUTSIDE_CHECK_MS

if TYPE_CHECKING:
    from desktop.models.services import Services
    from desktop.models.users.accounts import User


def focus_first_field(page: QWidget) -> None:
    """Put the cursor where work starts on `page`: its focus proxy, else its first focusable field."""
    if page.focusProxy() is not None:
        page.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        return
    candidate = page.nextInFocusChain()
    while candidate is not None and candidate is not page:
        if (page.isAncestorOf(candidate) and candidate.isVisibleTo(page) and candidate.isEnabled()
                and candidate.focusPolicy() & QtCore.Qt.FocusPolicy.TabFocus):
            candidate.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
            return
        candidate = candidate.nextInFocusChain()


class MainWindow(QMainWindow):
    sig_shell_built = Signal()  # the navigation and sign-in screen exist (start-up opens the database then)

    def __init__(self, *, ctx: AppContext, screens: list[ScreenEntry] | None = None,
                 after_first_paint: Callable[[], None] | None = None) -> None:
        """`after_first_paint`: show an empty window first and build the shell once it is on screen,
        calling this first (the app's style and catalogue); None builds everything now (tests)."""
        super().__init__()
        self.ctx = ctx
        self.entries = screens or default_screens()
        # Screens per signed-in person: "Ganti pengguna" hides the clerk's half-filled forms while an
        # official steps in, and gives them back untouched when the clerk signs in again.
        self._sessions: dict[str, dict[str, QWidget]] = {}
        self._last_screen: dict[str, str] = {}
        self._screens: dict[str, QWidget] = {}
        self._switching = False
        self._dress, self._built = after_first_paint, False
        self.setWindowTitle("Loket Kelurahan")
        self.resize(1200, 760)
        if after_first_paint is not None:
            self.setCentralWidget(FirstPaint(self.complete_ui))
        else:
            self.complete_ui()

    # --- construction ----------------------------------------------------------------------
    def complete_ui(self) -> None:
        """Build the shell (once): at construction, or right after the first paint at start-up."""
        if self._built:
            return
        self._built = True
        if self._dress is not None:
            self._dress()
        self._build_ui()
        self._connect_signals()
        self._on_user_changed(self.ctx.session.user)
        self.sig_shell_built.emit()

    @property
    def shell_built(self) -> bool:
        return self._built

    def _build_ui(self) -> None:
        from desktop.ui.screens.signin import SignInScreen  # it touches QtCore.Qt: after the first paint

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(196)
        self.nav.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.signin = SignInScreen(ctx=self.ctx)
        self.stack.addWidget(self.signin)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self.office_status = QLabel()
        self.user_status = QLabel()
        self.date_status = QLabel()
        self.busy_status = QLabel()
        self.backup_status = QLabel()  # the week-old-backup reminder, for everyone who signs in
        self.backup_status.setObjectName("error")
        for widget in (self.office_status, self.user_status, self.busy_status):
            self.statusBar().addWidget(widget)
        self.statusBar().addPermanentWidget(self.backup_status)
        self.statusBar().addPermanentWidget(self.date_status)
        self.switch_user_action = QAction("Ganti pengguna", self)
        self.switch_user_action.setShortcut(QKeySequence("Ctrl+L"))
        self.addAction(self.switch_user_action)
        menu = self.menuBar().addMenu("&Loket")
        menu.addAction(self.switch_user_action)
        self.display_action = menu.addAction("Layar antrean (monitor kedua)…")
        self.display_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.display_action.triggered.connect(self._on_display_triggered)
        self.kiosk_action = menu.addAction("Kiosk warga: antrean dan survei (monitor kedua)…")
        self.kiosk_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.kiosk_action.triggered.connect(self._on_kiosk_triggered)
        self.kiosk = None
        quit_action = menu.addAction("Keluar")
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        self._refresh_status()
        self._clock = QTimer(self)
        self._clock.start(60_000)
        self._backup_timer = QTimer(self)  # the daily backup is due once a day: look every half hour
        self._backup_timer.start(30 * 60_000)
        # Another program on the same file (`loket serve`, the sync and SMS workers' own connections):
        # the task runner looks whether it committed, and if so tells the screens.
        self._outside_timer = QTimer(self)
        self._outside_timer.setInterval(OUTSIDE_CHECK_MS)
        self.idle_lock = None  # made at the first sign-in: building QEvent's enum costs start-up ~5 ms

    def _connect_signals(self) -> None:
        self.nav.currentItemChanged.connect(self._on_nav_current_changed)
        self.signin.sig_signed_in.connect(self.ctx.session.sign_in)
        self.ctx.session.sig_user_changed.connect(self._on_user_changed)
        self.switch_user_action.triggered.connect(self.switch_user)
        self.ctx.tasks.sig_busy_changed.connect(self._on_busy_changed)
        self.ctx.tasks.sig_error.connect(self._on_task_error)
        self._clock.timeout.connect(self._refresh_status)
        self._backup_timer.timeout.connect(self.check_backup)
        self._outside_timer.timeout.connect(self.ctx.tasks.check_outside_changes)

    # --- navigation ------------------------------------------------------------------------
    def show_screen(self, key: str) -> QWidget:
        """Make `key` the one visible screen, focus its first field and let it refresh itself.

        Switching pages moves keyboard focus, and focus arriving at the navigation list makes it
        pick its first row; that used to start a second, nested switch in the middle of this one
        and left two pages visible, one painting through the other. The switch therefore runs
        with the list's signals blocked, is never re-entered, and ends by hiding every other page.
        """
        if self._switching:
            return self.stack.currentWidget()
        self._switching = True
        self.nav.blockSignals(True)
        try:
            widget = self._screen_widget(key)
            if self.ctx.session.user is not None:
                self._last_screen[self.ctx.session.user.id] = key
            self._select_nav_row(key)
            self.stack.setCurrentWidget(widget)
            self._hide_other_pages(widget)
        finally:
            self.nav.blockSignals(False)
            self._switching = False
        focus_first_field(widget)
        shown = getattr(widget, "on_shown", None)
        if callable(shown):
            shown()
        return widget

    def _screen_widget(self, key: str) -> QWidget:
        if key not in self._screens:
            entry = next(e for e in self.entries if e.key == key)
            widget = entry.factory(self.ctx)
            # Opaque: under X11 a page's transparent areas otherwise kept a previous page's pixels.
            widget.setAutoFillBackground(True)
            self._screens[key] = widget
            self.stack.addWidget(widget)
            if key == "tracking":
                widget.sig_continue_draft.connect(self._on_continue_draft)
            if key == "backup":
                widget.sig_changed.connect(self.check_backup)
            if hasattr(widget, "sig_survey_requested"):
                widget.sig_survey_requested.connect(self._on_survey_requested)
        return self._screens[key]

    def _select_nav_row(self, key: str) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(QtCore.Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)

    def _hide_other_pages(self, current: QWidget) -> None:
        for index in range(self.stack.count()):
            page = self.stack.widget(index)
            if page is not current and not page.isHidden():
                page.hide()

    def focus_current_page(self) -> None:
        page = self.stack.currentWidget()
        if page is self.signin:
            self.signin.username.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        elif page is not None:
            focus_first_field(page)

    def visible_pages(self) -> list[QWidget]:
        """The stack's pages on screen now (exactly one, the current page; the screen walk checks it)."""
        return [self.stack.widget(i) for i in range(self.stack.count()) if self.stack.widget(i).isVisible()]

    def _on_continue_draft(self, app) -> None:
        if any(e.key == "intake" for e in self.entries) and self.ctx.user.can(Permission.INTAKE):
            self.show_screen("intake").load_draft(app)

    def _on_survey_requested(self, request) -> None:
        """The SKM step, a pickup or the queue kiosk asks for a survey: the kiosk, or the paper form."""
        key = "survey" if request.paper else "survey_kiosk"
        if any(e.key == key for e in self.entries):
            self.show_screen(key).begin(request)

    def screen(self, key: str) -> QWidget | None:
        return self._screens.get(key)

    def _on_nav_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.show_screen(current.data(QtCore.Qt.ItemDataRole.UserRole))

    # --- session ---------------------------------------------------------------------------
    def _on_user_changed(self, user: User | None) -> None:
        self.nav.blockSignals(True)
        try:
            self.nav.clear()
            if user is not None:
                self._screens = self._sessions.setdefault(user.id, {})
                for entry in self.entries:
                    if entry.permission is None or user.can(entry.permission):
                        item = QListWidgetItem(entry.label)
                        item.setData(QtCore.Qt.ItemDataRole.UserRole, entry.key)
                        self.nav.addItem(item)
        finally:
            self.nav.blockSignals(False)
        if self.nav.count():
            # As wide as the longest entry (with the bar's padding), so no screen name is cut.
            self.nav.setFixedWidth(max(196, self.nav.sizeHintForColumn(0) + 16))
        if user is None:
            self.nav.setVisible(False)
            self.signin.reset()
            self.stack.setCurrentWidget(self.signin)
            self._hide_other_pages(self.signin)
            self.signin.username.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        else:
            self.nav.setVisible(True)
            self.show_screen(self._last_screen.get(user.id) or self._landing(user))
        if user is not None and self.idle_lock is None:
            from desktop.ui.idle_lock import watch_idle

            self.idle_lock = watch_idle(self)
        if self.idle_lock is not None:
            self.idle_lock.arm_for(user, self.ctx.services)
        self._refresh_status()

    def _on_display_triggered(self) -> None:
        if self.ctx.services is None:
            return
        from desktop.ui.screens.queue_display import open_queue_display

        open_queue_display(self.ctx, self)

    def _on_kiosk_triggered(self) -> None:
        """Open the citizens' kiosk window, or close it when it is open (only the clerk can)."""
        if self.kiosk is not None:
            self.kiosk.close_kiosk()
            return
        if self.ctx.services is None or self.ctx.session.user is None:
            return
        from desktop.ui.citizen_kiosk import open_citizen_kiosk

        self.kiosk = open_citizen_kiosk(self.ctx, self)
        if self.kiosk is not None:
            self.kiosk_action.setText("Tutup kiosk warga")
            self.kiosk.sig_closed.connect(self._on_kiosk_closed)

    def _on_kiosk_closed(self) -> None:
        self.kiosk = None
        self.kiosk_action.setText("Kiosk warga: antrean dan survei (monitor kedua)…")

    def _landing(self, user: User) -> str:
        """Where each person starts: the clerk at intake, an official at their tasks, others at Beranda."""
        from desktop.models.users.roles import Role

        keys = {e.key for e in self.entries if e.permission is None or user.can(e.permission)}
        if Role.PETUGAS in user.roles and "intake" in keys:
            return "intake"
        if any(r.is_official for r in user.roles) and "inbox" in keys:
            return "inbox"
        return self.entries[0].key

    def switch_user(self) -> None:
        """"Ganti pengguna" (Ctrl+L), and the idle lock: sign out, keep this person's screens."""
        if self.ctx.services is not None:  # the session ends in the core too, not just on screen
            self.ctx.services.users.sign_out(self.ctx.session.user)
        self.ctx.session.sign_out()

    # --- status bar ------------------------------------------------------------------------
    def attach_services(self, services: Services) -> None:
        """The database is open: sign-in becomes possible (called once, right after start-up)."""
        self.complete_ui()
        self.ctx.attach(services)
        self._outside_timer.start()
        self.signin.reset()
        self._refresh_status()
        if services.is_set_up:
            self.check_backup()

    def check_backup(self) -> None:
        """Run today's automatic backup if it is due, and show the reminder when none ran for a week."""
        services = self.ctx.services
        if services is None or not services.is_set_up:
            return

        def work() -> tuple[str, str]:
            from desktop.models.audit import Actor
            from desktop.models.errors import LoketError
            from desktop.models.office.backup_plan import is_due, load_plan, reminder
            from desktop.ui.screens.backup_screen import backup_secret, run_backup_now

            done = ""
            if is_due(load_plan(services.settings), services.clock.now()) and backup_secret(services).has():
                try:
                    done = f"Cadangan otomatis dibuat: {run_backup_now(services, Actor.system()).path}"
                except LoketError as exc:
                    done = f"Cadangan otomatis gagal: {exc}"
            return done, reminder(load_plan(services.settings), services.clock.now())

        self.ctx.tasks.run(work, self._on_backup_checked, owner=self)

    def _on_backup_checked(self, result: tuple[str, str]) -> None:
        done, warning = result
        # Short in the status bar (it shares the line with the office and the user); in full as tooltip
        # and on Beranda.
        self.backup_status.setText("⚠ Cadangan data perlu dibuat" if warning else "")
        self.backup_status.setToolTip(warning)
        if done:
            self.statusBar().showMessage(done, 15000)

    def _refresh_status(self) -> None:
        ready = self.ctx.services is not None
        self.office_status.setText(self.ctx.services.profile.office_name if ready else "Membuka basis data…")
        user = self.ctx.session.user
        self.user_status.setText(f"  |  {user.full_name} ({user.primary_role.label})" if user else "  |  belum masuk")
        self.date_status.setText(format_day_date(self.ctx.services.clock.now()) if ready else "")

    def _on_busy_changed(self, busy: bool) -> None:
        self.busy_status.setText("  |  sedang memproses…" if busy else "")

    def _on_task_error(self, message: str) -> None:
        QMessageBox.warning(self, "Loket Kelurahan", message)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._built:
            self._outside_timer.stop()
        for name in ("sync_worker", "sms_worker"):
            worker = getattr(self, name, None)
            if worker is not None:
                worker.stop()
        from desktop.ui.screens.queue_display import QueueDisplay

        board = self.findChild(QueueDisplay)
        if board is not None:
            board.close()  # a board left on the second monitor would keep the app alive
        self.ctx.tasks.wait_idle(10000)
        super().closeEvent(event)
