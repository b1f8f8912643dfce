"""Beranda: who is signed in, the office, and what it serves."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.models.complaints.record import Complaint
from desktop.models.services import Services
from desktop.models.survey.report import Period, progress_for
from desktop.models.survey.sample import SampleProgress
from desktop.ui.context import AppContext
from desktop.ui.refresh import reload_on_change


class HomeScreen(QWidget):
    def __init__(self, *, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._build_ui()
        reload_on_change(self, ctx.tasks, self.refresh)  # figures follow every change while on show
        self.refresh()
        self._fresh = True

    def on_shown(self) -> None:
        """Figures as of now each time Beranda is opened (they must agree with Tugas Saya's)."""
        if getattr(self, "_fresh", False):
            self._fresh = False
            return
        self.refresh()

    def _build_ui(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("title")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def refresh(self) -> None:
        profile = self.ctx.services.profile
        user = self.ctx.user
        self.title.setText(f"Selamat datang, {user.full_name}")

        def load() -> tuple:
            s = self.ctx.services
            office = s.catalog.office(profile.catalog_office_id) if profile.catalog_office_id else None
            count = s.catalog.count(profile.catalog_office_id) if office else 0
            today = s.applications.day_report(s.clock.now().date())
            waiting = s.applications.inbox_counts(user)
            from desktop.models.office.backup_plan import load_plan, reminder

            warning = reminder(load_plan(s.settings), s.clock.now())
            return (count, s.residents.count(), office.decree.instrument if office else "-", today, waiting,
                    service_quality(s), warning)

        def show(result: tuple) -> None:
            from desktop.ui.screens.inbox_screen import inbox_count_text

            services, residents, decree, today, waiting, quality, warning = result
            self.quality = quality
            self.backup_reminder = warning
            self.report = today
            self.waiting_text = inbox_count_text(*waiting)
            self.summary.setText(
                (f"<p style='color:#b00020'><b>{escape(warning)}</b></p>" if warning else "")
                + f"<p><b>{profile.office_name}</b> — {profile.alamat}</p>"
                f"<p>{services} jenis layanan menurut {decree}.</p>"
                f"<p>{residents:,} penduduk terdaftar.</p>".replace(",", ".")
                + f"<p>Peran Anda: {escape(user.roles_label)}.</p>"
                f"<p>Tugas Saya: <b>{escape(self.waiting_text)}</b>.</p>"
                f"<h3>Hari ini di kantor ini</h3><p>Permohonan diterima: {today['diterima']}<br>"
                f"Selesai tepat waktu: {today['selesai_tepat_waktu']}<br>"
                f"Selesai terlambat: {today['selesai_terlambat']}<br>"
                f"<b>Masih terbuka dan sudah lewat batas waktu (semua petugas): {today['terbuka_terlambat']}</b></p>"
                + quality.html)

        self.ctx.tasks.run(load, show, owner=self)


@dataclass(frozen=True)
class ServiceQuality:
    """Late complaints and the SKM sample progress for this semester, for Beranda."""

    late_complaints: list[Complaint]
    progress: SampleProgress
    period_label: str

    @property
    def html(self) -> str:
        late = "".join(f"<li style='color:#b00020'>{escape(c.number)} — {escape(c.subject)} (batas "
                       f"{c.resolution_due:%d-%m-%Y})</li>" for c in self.late_complaints[:10])
        head = (f"<h3 style='color:#b00020'>Pengaduan terlambat: {len(self.late_complaints)}</h3><ul>{late}</ul>"
                if self.late_complaints else "<h3>Pengaduan</h3><p>Tidak ada pengaduan yang terlambat.</p>")
        return head + f"<h3>Survei kepuasan ({escape(self.period_label)})</h3><p>{escape(self.progress.text)}</p>"


def service_quality(services: Services) -> ServiceQuality:
    now = services.clock.now()
    period = Period.of(now.year, 1 if now.month <= 6 else 2)
    return ServiceQuality(services.complaints.late(), progress_for(services, period.start, period.end), period.label)
