"""Today's applications per status, on paper: the list counters keep when they close the day."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop.models.applications.status import LABELS, Status
from desktop.models.indonesian import format_day_date

ORDER = [Status.DIAMBIL, Status.SIAP_DIAMBIL, Status.MENUNGGU_TTD, Status.DIVERIFIKASI, Status.DIAJUKAN,
         Status.DIKEMBALIKAN, Status.DIKIRIM_KE_KECAMATAN, Status.DITOLAK, Status.DIBATALKAN]


def grouped(rows: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(status in words, its applications) in the order a clerk closes the day; empty groups left out."""
    groups = []
    for status in ORDER:
        members = [r for r in rows if r["status"] == status.value]
        if members:
            groups.append((LABELS[status], members))
    return groups


def day_list_pdf(rows: list[dict[str, Any]], office_name: str, day: date, printed_by: str) -> bytes:
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("kecil", fontSize=8.5, leading=10)
    story: list[Any] = [Paragraph(f"DAFTAR PERMOHONAN HARI INI — {office_name.upper()}", styles["Heading2"]),
                        Paragraph(f"{format_day_date(day)} · {len(rows)} permohonan · dicetak oleh {printed_by}",
                                  styles["BodyText"])]
    if not rows:
        story.append(Paragraph("Tidak ada permohonan pada hari ini.", styles["BodyText"]))
    for label, members in grouped(rows):
        story += [Spacer(1, 4 * mm), Paragraph(f"{label} ({len(members)})", styles["Heading4"])]
        data = [["No.", "No. permohonan", "Layanan", "Pemohon", "Diterima", "Paraf"]]
        for i, r in enumerate(members, start=1):
            data.append([str(i), r["number"], Paragraph(r["service_name"], small), Paragraph(r["applicant_name"], small),
                         (r["received_at"] or "")[11:16].replace(":", "."), ""])
        table = Table(data, repeatRows=1, colWidths=[9 * mm, 30 * mm, 68 * mm, 45 * mm, 16 * mm, 18 * mm])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(table)
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm,
                            bottomMargin=12 * mm, title="Daftar permohonan hari ini", invariant=1)
    doc.build(story)
    return buffer.getvalue()
