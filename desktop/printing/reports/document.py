"""A report document on F4 (or A4): kop surat, title, numbered sections (chart, table, note), the
signer's block, and an optional annex on landscape pages. Used by the office's pack and the
kecamatan's roll-up.

`invariant=1` fixes the PDF's dates and ID, and every word comes from the data (the footer's
"data per" moment included), so the same data gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.models.reports.pack import ReportSigner
from desktop.models.settings import OfficeProfile, PaperSettings
from desktop.printing.fonts import markup
from desktop.printing.letters import F4, Letterhead, letterhead_lines
from desktop.printing.reports.charts import ChartSpec, drawing
from desktop.printing.reports.signature import ReportSignature
from desktop.printing.reports.tables import TEXT, ReportTable, cell_text

TITLE = ParagraphStyle("rtitle", fontName="Helvetica-Bold", fontSize=13, leading=16, alignment=TA_CENTER)
SUBTITLE = ParagraphStyle("rsub", fontName="Helvetica", fontSize=10, leading=13, alignment=TA_CENTER, spaceAfter=4)
HEADING = ParagraphStyle("rhead", fontName="Helvetica-Bold", fontSize=10.5, leading=13, spaceBefore=8, spaceAfter=3)
CELL = ParagraphStyle("rcell", fontName="Helvetica", fontSize=7.5, leading=9)
NOTE = ParagraphStyle("rnote", fontName="Helvetica-Oblique", fontSize=7, leading=8.5, textColor=colors.HexColor("#444444"),
                      spaceBefore=2)
HEADER_BG = colors.HexColor("#e8edf3")


@dataclass
class ReportDocument:
    profile: OfficeProfile
    title: str  # "LAPORAN BULANAN PELAYANAN"
    subtitle: str  # "Kelurahan Kalirejo — November 2026"
    footer: str
    signer: ReportSigner
    place_date: str
    sections: list[tuple[ReportTable, ChartSpec | None]] = field(default_factory=list)
    annex_title: str = ""
    annex_subtitle: str = ""
    annex: Callable[[float], Flowable] | None = None  # built for the landscape frame's width


def _table_flowable(table: ReportTable, width: float) -> Table:
    total_share = sum(c.width for c in table.columns)
    widths = [width * c.width / total_share for c in table.columns]
    header = [Paragraph(f"<b>{escape(c.header)}</b>", CELL) for c in table.columns]
    body = [[_cell(v, c.kind, table.minutes_per_day) for v, c in zip(row, table.columns)] for row in table.rows]
    data = [header, *body]
    if table.total is not None:
        data.append([Paragraph(f"<b>{escape(cell_text(v, c.kind, table.minutes_per_day))}</b>", CELL)
                     if c.kind == TEXT else cell_text(v, c.kind, table.minutes_per_day)
                     for v, c in zip(table.total, table.columns)])
    if not body and table.total is None:
        data.append([Paragraph("Tidak ada data pada periode ini.", CELL)] + [""] * (len(widths) - 1))
    out = Table(data, colWidths=widths, repeatRows=1)
    style = [("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 1), (-1, -1), "Helvetica", 7.5),
             ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    for i, c in enumerate(table.columns):
        if c.kind != TEXT:
            style.append(("ALIGN", (i, 1), (i, -1), "RIGHT"))
    if table.total is not None and body:
        style += [("FONT", (1, -1), (-1, -1), "Helvetica-Bold", 7.5), ("LINEABOVE", (0, -1), (-1, -1), 0.9, colors.black)]
    out.setStyle(TableStyle(style))
    return out


def _cell(value: object, kind: str, minutes_per_day: int) -> object:
    text = cell_text(value, kind, minutes_per_day)
    return Paragraph(markup(text, CELL.fontName), CELL) if kind == TEXT else text


def _section(number: int, table: ReportTable, chart: Flowable | None, width: float) -> list[Flowable]:
    """Heading (kept with its chart), table, note; a section with nothing to tabulate prints its note."""
    heading = Paragraph(escape(f"{number}. {table.title}"), HEADING)
    note = [Paragraph(escape(table.note), NOTE)] if table.note else []
    if not table.rows and table.total is None and note:  # nothing to tabulate: say why, no empty grid
        return [CondPageBreak(30 * mm), heading, *note]
    out: list[Flowable] = [CondPageBreak(70 * mm), KeepTogether([heading, chart] if chart else [heading])]
    if table.key == "Surat per hari":  # 30 rows of mostly zeros help nobody on paper (the XLSX has them)
        table = ReportTable(table.key, table.title, table.columns, [r for r in table.rows if r[1]], table.total,
                            "Hari tanpa surat keluar tidak dicantumkan.", table.minutes_per_day)
        note = [Paragraph(escape(table.note), NOTE)]
    return [*out, _table_flowable(table, width), *note]


def render_document(report: ReportDocument, paper: PaperSettings | None = None) -> bytes:
    paper = paper or PaperSettings()
    size = F4 if paper.size.upper() == "F4" else A4
    left, right = paper.margin_left_mm * mm, paper.margin_right_mm * mm
    top, bottom = paper.margin_top_mm * mm, max(paper.margin_bottom_mm, 14) * mm
    width = size[0] - left - right
    wide = landscape(size)
    p = report.profile
    story: list[Flowable] = [Letterhead(letterhead_lines(p), p.logo_path, 0), Spacer(1, 4 * mm),
                             Paragraph(markup(report.title, TITLE.fontName), TITLE),
                             Paragraph(markup(report.subtitle, SUBTITLE.fontName), SUBTITLE)]
    for number, (table, spec) in enumerate(report.sections, 1):
        chart = drawing(spec, width, 62 * mm if spec.horizontal else 52 * mm) if spec is not None else None
        story += _section(number, table, chart, width)
    story += [Spacer(1, 6 * mm), ReportSignature(report.signer, report.place_date)]
    if report.annex is not None:
        story += [NextPageTemplate("annex"), PageBreak(), Paragraph(markup(report.annex_title, TITLE.fontName), TITLE),
                  Paragraph(markup(report.annex_subtitle, SUBTITLE.fontName), SUBTITLE),
                  report.annex(wide[0] - left - right)]

    def on_page(canvas, doc) -> None:
        page_width = canvas._pagesize[0]
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.setFillColor(colors.grey)
        canvas.drawString(left, 8 * mm, report.footer)
        canvas.drawRightString(page_width - right, 8 * mm, f"Halaman {doc.page}")
        canvas.restoreState()

    buffer = BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=size, leftMargin=left, rightMargin=right, topMargin=top,
                          bottomMargin=bottom, title=f"{report.title.title()} — {report.subtitle}",
                          author=p.office_name, subject="Laporan pelayanan", creator="Loket Kelurahan", invariant=1)
    doc.addPageTemplates([
        PageTemplate("report", [Frame(left, bottom, width, size[1] - top - bottom, id="report")],
                     onPage=on_page, pagesize=size),
        PageTemplate("annex", [Frame(left, bottom, wide[0] - left - right, wide[1] - top - bottom, id="annex")],
                     onPage=on_page, pagesize=wide),
    ])
    doc.build(story)
    return buffer.getvalue()
