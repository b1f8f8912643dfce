"""The report pack of a period: every figure, gathered once, in a fixed order.

Nothing here reads the clock: the pack's "data as of" moment is the latest change in the data it
covers, and its signing date is the period's last day (or that moment, for a running period). The
same data therefore always gives the same pack, and the same PDF and XLSX bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from desktop.models import jsonutil
from desktop.models.applications.sla import Calendar
from desktop.models.reports import applications as apps
from desktop.models.reports import letters
from desktop.models.reports.ikm import IkmSection, ikm_section
from desktop.models.reports.period import ReportPeriod
from desktop.models.reports.queue_figures import QueueFigures, queue_figures
from desktop.models.reports.service_levels import SlaRow, sla_figures
from desktop.models.settings import OfficeCalendar, OfficeProfile, SettingsRepository
from desktop.models.users.roles import Role


@dataclass(frozen=True)
class ReportSigner:
    jabatan: str  # "Lurah Kalirejo"
    name: str
    pangkat: str = ""
    nip: str = ""


@dataclass(frozen=True)
class ReportPack:
    period: ReportPeriod
    profile: OfficeProfile
    signer: ReportSigner
    as_of: str  # ISO timestamp of the latest change the figures include
    sign_date: date
    minutes_per_day: int
    register: list[letters.RegisterLine]
    letters_by_kind: list[letters.LetterCount]
    letters_total: letters.LetterCount
    letters_by_bucket: list[letters.BucketCount]
    applications: list[apps.ApplicationCount]
    applications_total: apps.ApplicationCount
    sla: list[SlaRow]
    sla_total: SlaRow
    queue: QueueFigures
    ikm: IkmSection

    @property
    def office_name(self) -> str:
        return self.profile.office_name


def data_as_of(db: Database, period: ReportPeriod) -> str:
    """The latest recorded change up to the period's end (letters, application steps, queue calls);
    the period's last second when nothing happened."""
    last = f"{period.end.isoformat()}T23:59:59"
    found = [r[0] for r in db.execute(
        "SELECT max(at) FROM application_events WHERE substr(at, 1, 10) <= ? "
        "UNION ALL SELECT max(created_at) FROM register WHERE substr(created_at, 1, 10) <= ? "
        "UNION ALL SELECT max(voided_at) FROM register WHERE substr(voided_at, 1, 10) <= ? "
        "UNION ALL SELECT max(at) FROM queue_events WHERE substr(at, 1, 10) <= ?",
        [period.end.isoformat()] * 4).fetchall() if r[0]]
    moment = max((f[:19] for f in found), default=last)
    return moment if moment >= period.start.isoformat() else last


def office_signer(db: Database, profile: OfficeProfile) -> ReportSigner:
    """The head of the office (Lurah or Camat) signs the report; an empty block when none is set up."""
    head = Role.LURAH if profile.level == "kelurahan" else Role.CAMAT
    place = (profile.kelurahan or profile.kecamatan).replace("KELURAHAN ", "").replace("KECAMATAN ", "").title()
    jabatan = f"{'Lurah' if head == Role.LURAH else 'Camat'} {place}"
    rows = db.execute("SELECT full_name, pangkat, nip, roles FROM users WHERE active = 1 ORDER BY full_name, id")
    for name, pangkat, nip, roles in rows:
        if head.value in (jsonutil.loads(roles) or []):
            return ReportSigner(jabatan, name, pangkat or "", nip or "")
    return ReportSigner(jabatan, "")


def build_pack(db: Database, settings: SettingsRepository, period: ReportPeriod) -> ReportPack:
    profile: OfficeProfile = settings.get(OfficeProfile)
    calendar = Calendar(settings.get(OfficeCalendar))
    as_of = data_as_of(db, period)
    lines = letters.register_lines(db, period)
    by_kind = letters.letters_by_kind(lines)
    rows = apps.application_rows(db, period)
    counts = apps.application_counts(rows, period, as_of)
    sla, sla_total = sla_figures(db, rows, calendar, period, as_of)
    sign_date = min(period.end, date.fromisoformat(as_of[:10]))
    return ReportPack(
        period=period, profile=profile, signer=office_signer(db, profile), as_of=as_of, sign_date=sign_date,
        minutes_per_day=calendar.minutes_per_day, register=lines, letters_by_kind=by_kind,
        letters_total=letters.total(by_kind), letters_by_bucket=letters.letters_by_bucket(lines, period),
        applications=counts, applications_total=apps.total(counts), sla=sla, sla_total=sla_total,
        queue=queue_figures(db, period), ikm=ikm_section(db, period))


def summary_rows(pack: ReportPack) -> list[tuple[str, str]]:
    """The figures a head of office reads first, in words, for the PDF, the XLSX and the screen."""
    lt, at, st, q = pack.letters_total, pack.applications_total, pack.sla_total, pack.queue.total
    pct = "-" if st.on_time_pct is None else f"{st.on_time_pct:.1f}%".replace(".", ",")
    rows = [
        ("Nomor surat keluar diberikan", str(lt.issued)),
        ("  di antaranya dibatalkan (BATAL)", str(lt.voided)),
        ("  di antaranya dicatat manual", str(lt.manual)),
        ("Permohonan diterima", str(at.received)),
        ("Permohonan selesai", str(at.finished)),
        ("Permohonan ditolak", str(at.rejected)),
        ("Permohonan dibatalkan pemohon", str(at.cancelled)),
        ("Permohonan masih terbuka di akhir periode", str(at.open_at_end)),
        ("Selesai tepat waktu", f"{st.on_time} dari {st.on_time + st.late} ({pct})"),
        ("Terbuka melewati batas waktu", str(st.open_late)),
    ]
    if pack.queue.used:
        rows += [("Nomor antrean diambil", str(q.issued)), ("Warga dilayani dari antrean", str(q.served))]
    return rows
