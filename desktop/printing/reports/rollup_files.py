"""The kecamatan's roll-up as PDF and XLSX: per kelurahan, per service, and who has reported."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.models.indonesian import MONTHS, format_date
from desktop.models.reports.period import ReportPeriod
from desktop.models.reports.rollup import Rollup, build_rollup
from desktop.models.settings import PaperSettings
from desktop.printing.reports.charts import BLUE, RED, ChartSpec
from desktop.printing.reports.document import ReportDocument, render_document
from desktop.printing.reports.files import PackFiles
from desktop.printing.reports.tables import COUNT, PCT, Column, ReportTable
from desktop.printing.reports.xlsx import render_tables_xlsx

if TYPE_CHECKING:
    from desktop.models.services import Services


def _pct(on_time: int, late: int) -> float | None:
    return round(100 * on_time / (on_time + late), 1) if on_time + late else None


def rollup_tables(r: Rollup) -> list[ReportTable]:
    rows: list[list[Any]] = []
    for o in r.offices:
        if o.arrival is None:
            rows.append([o.code, o.name, "BELUM MASUK", None, None, None, None, None, None, None])
            continue
        s = o.arrival.report.summary
        state = f"{o.arrival.received_at[:10]} (rev. {o.arrival.revision})"
        rows.append([o.code, o.name, state, s.letters_issued, s.letters_voided, s.received, s.finished,
                     s.rejected, s.open_at_end, _pct(s.on_time, s.late)])
    arrived = [o.arrival.report.summary for o in r.offices if o.arrival]
    total = ["", "Jumlah", f"{len(arrived)} dari {len(r.offices)} masuk"] + [
        sum(getattr(s, k) for s in arrived) for k in ("letters_issued", "letters_voided", "received", "finished",
                                                       "rejected", "open_at_end")] + [
        _pct(sum(s.on_time for s in arrived), sum(s.late for s in arrived))]
    offices = ReportTable("Kelurahan", "Laporan per kelurahan",
                          [Column("Kode", width=1.1), Column("Kelurahan", width=2.0),
                           Column("Laporan masuk", width=2.3), Column("Surat", COUNT, 0.9),
                           Column("BATAL", COUNT, 0.9), Column("Diterima", COUNT, 1.1), Column("Selesai", COUNT, 1.0),
                           Column("Ditolak", COUNT, 1.0), Column("Terbuka", COUNT, 1.1),
                           Column("% tepat waktu", PCT, 1.1)], rows, total, chart="rollup_letters",
                          note="Angka dari laporan bulanan yang dikirim kelurahan (revisi terakhir yang diterima).")
    letters = ReportTable("Surat per jenis", "Surat keluar per layanan / jenis (semua kelurahan)",
                          [Column("Layanan / jenis surat", width=4.2), Column("Nomor diberikan", COUNT),
                           Column("Berlaku", COUNT), Column("BATAL", COUNT), Column("Manual", COUNT)],
                          [[c.kind, c.issued, c.valid, c.voided, c.manual] for c in r.letters_by_kind])
    services = ReportTable("Layanan", "Permohonan dan waktu layanan per layanan (semua kelurahan)",
                           [Column("Layanan", width=3.2), Column("Diterima", COUNT), Column("Selesai", COUNT),
                            Column("Ditolak", COUNT), Column("Terbuka", COUNT), Column("Tepat waktu", COUNT),
                            Column("Terlambat", COUNT), Column("% tepat", PCT)],
                           [[s.service, s.received, s.finished, s.rejected, s.open_at_end, s.on_time, s.late,
                             _pct(s.on_time, s.late)] for s in r.services])
    months = [MONTHS[m - 1][:3] for m in range(1, r.period.index + 1)]
    matrix = ReportTable("Kiriman", f"Laporan bulanan yang sudah masuk, {r.period.year}",
                         [Column("Kelurahan", width=2.4)] + [Column(m, width=0.7) for m in months],
                         [[o.name] + [("ada" if c.arrived else "BELUM") if c.due else "" for c in r.matrix[o.code]]
                          for o in r.offices],
                         note="ada: laporan bulan itu sudah diterima; BELUM: belum masuk.")
    return [offices, letters, services, matrix]


def rollup_chart(r: Rollup) -> ChartSpec:
    got = [(o.name, o.arrival.report.summary) for o in r.offices if o.arrival]
    return ChartSpec("rollup_letters", "Surat keluar per kelurahan", [n[:20] for n, _s in got],
                     [("Berlaku", [s.letters_issued - s.letters_voided for _n, s in got], BLUE),
                      ("BATAL", [s.letters_voided for _n, s in got], RED)])


def rollup_document(r: Rollup) -> ReportDocument:
    name = r.profile.office_name
    tables = rollup_tables(r)
    return ReportDocument(
        profile=r.profile, title="REKAP LAPORAN BULANAN KELURAHAN", subtitle=f"{name} — {r.period.label}",
        footer=f"Rekap {r.period.label} · {name} · data per {r.as_of[:16].replace('T', ' ')}",
        signer=r.signer, place_date=f"{r.profile.tempat_surat}, {format_date(r.sign_date)}",
        sections=[(tables[0], rollup_chart(r))] + [(t, None) for t in tables[1:]])


def write_rollup(services: Services, period: ReportPeriod, folder: Path) -> PackFiles:
    r = build_rollup(services.db, services.settings, period)
    folder.mkdir(parents=True, exist_ok=True)
    code = "".join(ch if ch.isalnum() else "-" for ch in r.profile.office_code).strip("-").lower() or "kecamatan"
    pdf, xlsx = folder / f"rekap-kelurahan-{period.key}-{code}.pdf", folder / f"rekap-kelurahan-{period.key}-{code}.xlsx"
    pdf.write_bytes(render_document(rollup_document(r), services.settings.get(PaperSettings)))
    xlsx.write_bytes(render_tables_xlsx(rollup_tables(r), f"Rekap {period.label} — {r.profile.office_name}",
                                        f"{r.profile.office_name}, {period.label}", r.as_of))
    return PackFiles(pdf, xlsx)
