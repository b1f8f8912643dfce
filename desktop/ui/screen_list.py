"""The screens the navigation offers: key, label, who may open it, and how to build it.

Each factory imports its screen's module only when the screen is first shown, which keeps start-up
light (bench/bench_startup.py) and a screen's import cost where it is used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from desktop.models.users.roles import Permission
from desktop.ui.context import AppContext


@dataclass
class ScreenEntry:
    key: str
    label: str
    factory: Callable[[AppContext], QWidget]
    permission: Permission | None = None  # None: every signed-in user


def default_screens() -> list[ScreenEntry]:
    # Imports inside the factories keep start-up light: a screen's module loads when first shown.
    def home(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.home import HomeScreen
        return HomeScreen(ctx=ctx)

    def catalog(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.catalog_screen import CatalogScreen
        return CatalogScreen(ctx=ctx)

    def intake(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.intake_screen import IntakeScreen
        return IntakeScreen(ctx=ctx)

    def inbox(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.inbox_screen import InboxScreen
        return InboxScreen(ctx=ctx)

    def tracking(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.tracking_screen import TrackingScreen
        return TrackingScreen(ctx=ctx)

    def residents(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.residents_screen import ResidentsScreen
        return ResidentsScreen(ctx=ctx)

    def verify(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.verify_screen import VerifyScreen
        return VerifyScreen(ctx=ctx)

    def printer(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.printer_screen import PrinterScreen
        return PrinterScreen(ctx=ctx)

    def register(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.register_screen import RegisterScreen
        return RegisterScreen(ctx=ctx)

    def sync(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.sync_screen import SyncScreen
        return SyncScreen(ctx=ctx)

    def queue_ticket(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.queue_ticket_screen import TicketScreen
        return TicketScreen(ctx=ctx)

    def queue_counter(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.queue_counter_screen import CounterPanel
        return CounterPanel(ctx=ctx)

    def queue_stats(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.queue_stats_screen import QueueStatsScreen
        return QueueStatsScreen(ctx=ctx)

    def queue_admin(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.queue_admin_screen import QueueAdminScreen
        return QueueAdminScreen(ctx=ctx)

    def reports(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.reports_screen import ReportsScreen
        return ReportsScreen(ctx=ctx)

    def templates(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.templates_screen import TemplatesScreen
        return TemplatesScreen(ctx=ctx)

    def users(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.users_screen import UsersScreen
        return UsersScreen(ctx=ctx)

    def settings(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.settings_screen import SettingsScreen
        return SettingsScreen(ctx=ctx)

    def backup(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.backup_screen import BackupScreen
        return BackupScreen(ctx=ctx)

    def survey_kiosk(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.survey_kiosk_screen import SurveyKioskScreen
        return SurveyKioskScreen(ctx=ctx)

    def survey(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.survey_screen import SurveyScreen
        return SurveyScreen(ctx=ctx)

    def complaints(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.complaints_screen import ComplaintsScreen
        return ComplaintsScreen(ctx=ctx)

    def notifications(ctx: AppContext) -> QWidget:
        from desktop.ui.screens.notifications_screen import NotificationsScreen
        return NotificationsScreen(ctx=ctx)

    return [
        ScreenEntry("home", "Beranda", home),
        ScreenEntry("queue_ticket", "Ambil Antrean", queue_ticket, Permission.MANAGE_QUEUE),
        ScreenEntry("queue_counter", "Panel Loket", queue_counter, Permission.MANAGE_QUEUE),
        ScreenEntry("intake", "Permohonan Baru", intake, Permission.INTAKE),
        ScreenEntry("inbox", "Tugas Saya", inbox),
        ScreenEntry("tracking", "Lacak Permohonan", tracking),
        ScreenEntry("residents", "Penduduk", residents, Permission.MANAGE_RESIDENTS),
        ScreenEntry("register", "Buku Register", register),
        ScreenEntry("reports", "Laporan", reports),
        ScreenEntry("complaints", "Pengaduan", complaints),
        ScreenEntry("survey_kiosk", "Survei (kiosk)", survey_kiosk),
        ScreenEntry("survey", "SKM / IKM", survey, Permission.SURVEY_ENTRY),
        ScreenEntry("notifications", "Pesan ke Warga", notifications, Permission.SEND_NOTIFICATIONS),
        ScreenEntry("catalog", "Katalog Layanan", catalog),
        ScreenEntry("sync", "Sinkronisasi", sync),
        ScreenEntry("verify", "Cek Keaslian Surat", verify),
        ScreenEntry("users", "Pengguna", users, Permission.MANAGE_USERS),
        ScreenEntry("queue_stats", "Statistik Antrean", queue_stats),
        ScreenEntry("settings", "Pengaturan", settings, Permission.EDIT_SETTINGS),
        ScreenEntry("backup", "Cadangan Data", backup, Permission.EDIT_SETTINGS),
        ScreenEntry("queue_admin", "Pengaturan Antrean", queue_admin, Permission.EDIT_SETTINGS),
        ScreenEntry("templates", "Templat Surat", templates, Permission.EDIT_SETTINGS),
        ScreenEntry("printer", "Printer Struk", printer),
    ]
