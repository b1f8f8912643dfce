"""The tables of a report pack, once, for the PDF, the XLSX (one sheet each) and the Laporan screen.

Cells keep their type (counts are ints, percentages floats, durations minutes or seconds), so the
XLSX holds numbers a spreadsheet can sum; `cell_text` gives the words printed on paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.models.reports.letters import LetterCount
from desktop.models.reports.pack import ReportPack, summary_rows
from desktop.models.reports.period import PeriodKind
from desktop.models.reports.service_levels import SlaRow, working_time_text

TEXT, COUNT, PCT, MINUTES, SECONDS = "text", "count", "pct", "minutes", "seconds"


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT
    width: float = 1.0  # share of the page width in the PDF


@dataclass(frozen=True)
class ReportTable:
    key: str  # the XLSX sheet name (at most 31 characters)
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    total: list[Any] | None = None
    note: str = ""
    minutes_per_day: int = 480
    chart: str = ""  # which chart goes with it in the PDF and on screen


def cell_text(value: Any, kind: str, minutes_per_day: int = 480) -> str:
    if value is None or value == "":
        return "-" if kind != TEXT else ""
    if kind == PCT:
        return f"{value:.1f}%".replace(".", ",")
    if kind == MINUTES:
        return working_time_text(float(value), minutes_per_day)
    if kind == SECONDS:
        return working_time_text(float(value) / 60, 0) if value >= 60 else f"{int(round(value))} dtk"
    return str(value)


def summary_table(pack: ReportPack) -> ReportTable:
    return ReportTable("Ringkasan", "Ringkasan", [Column("Uraian", width=3), Column("Jumlah", width=1.4)],
                       [list(r) for r in summary_rows(pack)])


def letters_table(pack: ReportPack) -> ReportTable:
    def row(c: LetterCount) -> list[Any]:
        return [c.kind, c.issued, c.valid, c.voided, c.manual]

    return ReportTable("Surat per jenis", "Surat keluar per layanan / jenis surat",
                       [Column("Layanan / jenis surat", width=4.2), Column("Nomor diberikan", COUNT),
                        Column("Berlaku", COUNT), Column("BATAL", COUNT), Column("Manual", COUNT)],
                       [row(c) for c in pack.letters_by_kind], row(pack.letters_total), chart="letters_kind")


def letters_per_bucket_table(pack: ReportPack) -> ReportTable:
    monthly = pack.period.kind == PeriodKind.MONTH
    rows = [[b.key, b.issued, b.voided, b.manual] for b in pack.letters_by_bucket]
    t = pack.letters_total
    return ReportTable("Surat per hari" if monthly else "Surat per bulan",
                       "Surat keluar per hari" if monthly else "Surat keluar per bulan",
                       [Column("Tanggal" if monthly else "Bulan", width=1.4), Column("Nomor diberikan", COUNT),
                        Column("BATAL", COUNT), Column("Manual", COUNT)],
                       rows, ["Jumlah", t.issued, t.voided, t.manual], chart="letters_bucket")


def applications_table(pack: ReportPack) -> ReportTable:
    def row(c: Any) -> list[Any]:
        return [c.service, c.received, c.finished, c.rejected, c.cancelled, c.open_at_end]

    return ReportTable("Permohonan", "Permohonan per layanan",
                       [Column("Layanan", width=4.0), Column("Diterima", COUNT), Column("Selesai", COUNT),
                        Column("Ditolak", COUNT), Column("Dibatalkan", COUNT), Column("Terbuka di akhir", COUNT)],
                       [row(c) for c in pack.applications], row(pack.applications_total), chart="applications",
                       note="Selesai: surat siap diambil pada periode ini. Terbuka: belum selesai, ditolak atau "
                            "dibatalkan pada akhir periode.")


def sla_table(pack: ReportPack) -> ReportTable:
    def row(r: SlaRow) -> list[Any]:
        return [r.service, r.limit_text, r.finished, r.on_time, r.late, r.on_time_pct, r.median_minutes,
                r.p90_minutes, r.open_late]

    return ReportTable("Waktu layanan", "Kepatuhan waktu layanan (SLA) per layanan",
                       [Column("Layanan", width=2.6), Column("Batas waktu (keputusan)", width=1.6),
                        Column("Selesai", COUNT, 1.0), Column("Tepat waktu", COUNT, 1.0),
                        Column("Terlambat", COUNT, 1.1), Column("% tepat", PCT, 1.0),
                        Column("Median", MINUTES, 1.1), Column("P90", MINUTES, 1.1),
                        Column("Terbuka lewat batas", COUNT, 1.0)],
                       [row(r) for r in pack.sla], row(pack.sla_total), minutes_per_day=pack.minutes_per_day,
                       chart="sla",
                       note=f"Waktu kerja dihitung pada jam kantor ({pack.minutes_per_day // 60} jam sehari, hari "
                            "libur tidak dihitung) dari permohonan diterima sampai surat siap. Median: separuh "
                            "permohonan selesai dalam waktu itu atau kurang; P90: 9 dari 10.")


def queue_table(pack: ReportPack) -> ReportTable:
    def row(g: Any) -> list[Any]:
        label = f"{g.group_code} — {g.label}" if g.group_code else g.label
        return [label, g.issued, g.served, g.skipped, g.wait_median_s, g.wait_p90_s, g.service_median_s,
                g.service_p90_s]

    q = pack.queue
    return ReportTable("Antrean", "Antrean per kelompok layanan",
                       [Column("Kelompok", width=2.6), Column("Diambil", COUNT), Column("Dilayani", COUNT),
                        Column("Dilewati", COUNT), Column("Tunggu median", SECONDS), Column("Tunggu P90", SECONDS),
                        Column("Layanan median", SECONDS), Column("Layanan P90", SECONDS)],
                       [row(g) for g in q.groups], row(q.total) if q.used else None, chart="queue",
                       note="" if q.used else "Antrean tidak dipakai pada periode ini.")


def ikm_table(pack: ReportPack) -> ReportTable:
    return ReportTable("IKM", "Indeks Kepuasan Masyarakat (IKM)", [Column("Unsur", width=3), Column("Nilai", width=2)],
                       [list(r) for r in pack.ikm.rows], note=pack.ikm.note)


def register_table(pack: ReportPack) -> ReportTable:
    rows = [[x.seq, x.number, x.letter_date, x.subject, x.recipient, x.service_name, x.signer_name, x.status_text,
             x.void_reason, "ya" if x.manual else ""] for x in pack.register]
    return ReportTable("Register", "Buku register surat keluar",
                       [Column("No.", COUNT, 0.5), Column("Nomor surat", width=2.2), Column("Tanggal", width=1.1),
                        Column("Perihal", width=2.4), Column("Penerima", width=1.8), Column("Layanan", width=2.0),
                        Column("Penanda tangan", width=1.6), Column("Status", width=0.8),
                        Column("Alasan batal", width=1.6), Column("Manual", width=0.7)], rows)


def pack_tables(pack: ReportPack) -> list[ReportTable]:
    """In reading order; the register (long) comes last, as the annex."""
    return [summary_table(pack), letters_table(pack), letters_per_bucket_table(pack), applications_table(pack),
            sla_table(pack), queue_table(pack), ikm_table(pack), register_table(pack)]
