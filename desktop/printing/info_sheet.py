"""Lembar informasi: one service's standard printed for the citizen (reportlab)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from desktop.models.catalog.standard import Office, Service
from desktop.models.indonesian import rupiah


def render_info_sheet(service: Service, office: Office, office_name: str, out: Path | None = None) -> bytes:
    """Return the PDF bytes (and write them to `out` when given)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    body, h1, h2 = styles["BodyText"], styles["Title"], styles["Heading3"]
    story = [Paragraph(escape(office_name.upper()), styles["Heading2"]),
             Paragraph("LEMBAR INFORMASI LAYANAN", h1),
             Paragraph(escape(service.name), styles["Heading2"])]

    def bullets(values: list[str]) -> ListFlowable | Paragraph:
        if not values:
            return Paragraph("-", body)
        return ListFlowable([Paragraph(escape(v), body) for v in values], bulletType="1")

    reqs = []
    for r in service.requirements:
        extra = [x for x in (r.variant and f"varian: {r.variant}", r.condition, r.optional and "bila ada") if x]
        reqs.append(r.text + (f" ({'; '.join(extra)})" if extra else ""))
    duration = service.duration.text or "Tidak disebutkan dalam keputusan"
    if service.duration.max_text:
        duration += f"; {service.duration.max_text}"
    fee = service.fee.text or rupiah(service.fee.rupiah)
    story += [Paragraph("Persyaratan", h2), bullets(reqs),
              Paragraph("Prosedur", h2), bullets([s.action for s in service.steps]),
              Paragraph("Jangka waktu penyelesaian", h2), Paragraph(escape(duration), body),
              Paragraph("Biaya/tarif", h2), Paragraph(escape(fee), body),
              Paragraph("Produk layanan", h2), bullets(service.products),
              Paragraph("Pengaduan, saran dan masukan", h2), bullets(service.complaint_channels)]
    if service.guarantee:
        story += [Paragraph("Jaminan pelayanan", h2), Paragraph(escape(service.guarantee), body)]
    story += [Spacer(1, 6 * mm),
              Paragraph(escape(f"Sumber: {office.decree.instrument} Nomor {office.decree.number}"), styles["Italic"])]
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title=f"Informasi {service.name}", invariant=1)
    doc.build(story)
    data = buffer.getvalue()
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    return data
