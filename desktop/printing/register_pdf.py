"""Buku register surat keluar for a period, as a landscape PDF table."""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from desktop.models.export_cells import neutralise
from desktop.models.register.book import RegisterEntry
from desktop.models.register.export import HEADERS, rows


def register_pdf(entries: list[RegisterEntry], office_name: str, period: str) -> bytes:
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=9.5)
    # Paragraph reads markup: stored text is escaped, and formula-like text marked as text (a table
    # copied from the PDF into a spreadsheet stays inert).
    data = [HEADERS] + [[Paragraph(escape(neutralise(c)), small) for c in r] for r in rows(entries)]
    table = Table(data, repeatRows=1, colWidths=[14 * mm, 48 * mm, 20 * mm, 18 * mm, 52 * mm, 40 * mm, 36 * mm,
                                                 16 * mm, 20 * mm, 12 * mm])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("FONTSIZE", (0, 0), (-1, 0), 8),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=10 * mm, rightMargin=10 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title="Buku Register Surat Keluar", invariant=1)
    doc.build([Paragraph(escape(f"BUKU REGISTER SURAT KELUAR — {office_name.upper()}"), styles["Heading2"]),
               Paragraph(escape(f"Periode {period}"), styles["BodyText"]), table])
    return buffer.getvalue()
