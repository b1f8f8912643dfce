"""The IKM report as PDF (F4, kop surat) and XLSX, both from `models.survey.report.IkmReport`."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop.models.errors import ValidationError
from desktop.models.settings import OfficeProfile
from desktop.models.survey.ikm import GRADES, comma
from desktop.models.survey.report import IkmReport, Period, build_report
from desktop.models.survey.unsur import UNSUR
from desktop.printing.letters import F4, Letterhead, letterhead_lines

if TYPE_CHECKING:
    from desktop.models.services import Services

H = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=12, leading=15, spaceBefore=6, spaceAfter=4)
TITLE = ParagraphStyle("t", fontName="Helvetica-Bold", fontSize=13, leading=16, alignment=1)
BODY = ParagraphStyle("b", fontName="Helvetica", fontSize=9.5, leading=12)
CELL = ParagraphStyle("c", fontName="Helvetica", fontSize=8.5, leading=10)
GRID = TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                   ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold")])


def _table(rows: list[list[Any]], widths: list[float]) -> Table:
    table = Table([[Paragraph(escape(str(c)), CELL) for c in r] for r in rows], colWidths=widths, repeatRows=1)
    table.setStyle(GRID)
    return table


def summary_lines(report: IkmReport) -> list[str]:
    r = report.result
    if r is None:
        return ["Belum ada jawaban survei pada periode ini; IKM tidak dapat dihitung."]
    g = r.grade
    return [f"Jumlah responden: {r.responden} (menolak/tidak mengisi: {report.refused})",
            f"Nilai IKM (konversi): {comma(r.ikm)} — mutu pelayanan {g.mutu} ({g.kinerja})",
            f"Unsur dengan nilai terendah: {', '.join(report.lowest_names)}",
            f"Sampel: {report.progress.text}"]


def ikm_pdf(report: IkmReport, profile: OfficeProfile) -> bytes:
    story: list[Any] = [Letterhead(letterhead_lines(profile), profile.logo_path, 0), Spacer(1, 4 * mm),
                        Paragraph("LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT (SKM)", TITLE),
                        Paragraph(escape(f"{report.office_name} — {report.period.label}"), TITLE), Spacer(1, 4 * mm)]
    story += [Paragraph(escape(line), BODY) for line in summary_lines(report)]
    r = report.result
    if r is not None:
        story.append(Paragraph("Nilai per unsur pelayanan", H))
        rows = [["No", "Unsur", "NRR", "Nilai 1", "Nilai 2", "Nilai 3", "Nilai 4"]]
        rows += [[u.code.upper(), u.name, comma(n), *r.distribution[i]]
                 for i, (u, n) in enumerate(zip(UNSUR, r.nrr_shown))]
        story.append(_table(rows, [12 * mm, 75 * mm, 18 * mm, 18 * mm, 18 * mm, 18 * mm, 16 * mm]))
        story.append(Paragraph("IKM = Σ (NRR × 1/9) × 25. Mutu: " + "; ".join(
            f"{g.mutu} {comma(g.lowest)}–{comma(g.highest)} ({g.kinerja})" for g in GRADES), CELL))
        story.append(Paragraph("Profil responden", H))
        prof = [["Karakteristik", "Pilihan", "Jumlah"]]
        for label, counts in report.profile.items():
            prof += [[label if j == 0 else "", option, n] for j, (option, n) in enumerate(counts)]
        story.append(_table(prof, [40 * mm, 90 * mm, 25 * mm]))
        story.append(Paragraph("IKM per layanan", H))
        per = [["Layanan", "Responden", "IKM", "Mutu"]]
        per += [[name, n, comma(res.ikm), f"{res.grade.mutu} ({res.grade.kinerja})"]
                for name, n, res in report.per_service]
        story.append(_table(per, [100 * mm, 22 * mm, 22 * mm, 31 * mm]))
    story.append(Paragraph("Rencana tindak lanjut", H))
    story.append(Paragraph(escape(report.follow_up or "(belum diisi)"), BODY))
    for note in report.notes:
        story.append(Paragraph(escape("Catatan: " + note), CELL))
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=F4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title=f"Laporan IKM {report.period.label}",
                            author=report.office_name, invariant=1)
    doc.build(story)
    return buffer.getvalue()


def ikm_xlsx(report: IkmReport, path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "IKM"
    ws.append([f"Laporan SKM {report.office_name} — {report.period.label}"])
    for line in summary_lines(report):
        ws.append([line])
    r = report.result
    if r is not None:
        ws.append([])
        ws.append(["Unsur", "Nama unsur", "NRR", "Jawaban 1", "Jawaban 2", "Jawaban 3", "Jawaban 4"])
        for i, (u, n) in enumerate(zip(UNSUR, r.nrr_shown)):
            ws.append([u.code.upper(), u.name, float(n), *r.distribution[i]])
        ws.append(["IKM", "Nilai konversi", float(r.ikm), "Mutu", r.grade.mutu, r.grade.kinerja])
        prof = wb.create_sheet("Responden")
        prof.append(["Karakteristik", "Pilihan", "Jumlah"])
        for label, counts in report.profile.items():
            for option, n in counts:
                prof.append([label, option, n])
        per = wb.create_sheet("Per layanan")
        per.append(["Layanan", "Responden", "IKM", "Mutu", "Kinerja"])
        for name, n, res in report.per_service:
            per.append([name, n, float(res.ikm), res.grade.mutu, res.grade.kinerja])
    ws.append([])
    ws.append(["Rencana tindak lanjut", report.follow_up])
    wb.save(path)
    return path


def write_ikm_report(services: Services, year: int, semester: int | None, out: Path, *, follow_up: str = "") -> Path:
    report = build_report(services, Period.of(year, semester), follow_up)
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        out.write_bytes(ikm_pdf(report, services.profile))
    elif suffix == ".xlsx":
        ikm_xlsx(report, out)
    else:
        raise ValidationError("Laporan IKM ditulis sebagai .pdf atau .xlsx.")
    return out
