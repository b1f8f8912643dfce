"""Rendering a letter with reportlab: kop surat, title and number, body, signature block, QR.

The citizen's copy is clean; the archive copy carries the approval trail; a reprint says SALINAN.
Only built-in PDF fonts are used, so a letter renders in a few milliseconds.
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop.models.settings import OfficeProfile, PaperSettings
from desktop.printing.letter_content import LetterDoc

F4 = (215 * mm, 330 * mm)
# Binary (not ASCII85) streams: smaller files and no per-byte encoding work for images.
rl_config.useA85 = 0
BODY = ParagraphStyle("body", fontName="Times-Roman", fontSize=11.5, leading=15, alignment=TA_JUSTIFY,
                      firstLineIndent=10 * mm, spaceAfter=4)
PLAIN = ParagraphStyle("plain", parent=BODY, firstLineIndent=0, alignment=0, spaceAfter=0)
TITLE = ParagraphStyle("title", fontName="Times-Bold", fontSize=13, leading=16, alignment=TA_CENTER)
NUMBER = ParagraphStyle("number", fontName="Times-Roman", fontSize=11.5, leading=14, alignment=TA_CENTER,
                        spaceAfter=8)
SMALL = ParagraphStyle("small", fontName="Helvetica", fontSize=7, leading=8.5)


@lru_cache(maxsize=16)
def _image(path: str, max_px: int = 320) -> ImageReader | None:
    """The image scaled once to print size (~250 dpi at 30 mm): a 2000-px scan would cost every letter."""
    if not path or not Path(path).exists():
        return None
    try:
        from PIL import Image

        with Image.open(path) as img:
            img.load()
            picture = img.convert("RGBA") if img.mode in ("P", "LA", "RGBA") else img.convert("RGB")
        picture.thumbnail((max_px, max_px))
        return ImageReader(picture)
    except OSError:
        return None


def draw_qr(canvas, matrix: list[list[bool]], x: float, y: float, size: float) -> None:
    """The QR as a small 1-bit image: a few hundred bytes in the PDF and far cheaper to draw than one
    vector rectangle per run of modules."""
    from PIL import Image

    n = len(matrix)
    picture = Image.frombytes("L", (n, n), bytes(0 if dark else 255 for row in matrix for dark in row))
    # Four pixels per module: viewers and rasterisers that smooth upscaled images keep sharp edges.
    picture = picture.resize((n * 4, n * 4), Image.Resampling.NEAREST).convert("1")
    canvas.drawImage(ImageReader(picture), x, y, size, size)


class Letterhead(Flowable):
    """Kop surat: logo left, lines centred; each line shrinks to fit so long names never overflow."""

    def __init__(self, lines: list[tuple[str, str, float]], logo: str, width: float) -> None:
        super().__init__()
        self.lines, self.logo, self.width = lines, logo, width
        self.height = 32 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        c = self.canv
        logo = _image(self.logo, 200)
        text_left = 0.0
        if logo is not None:
            c.drawImage(logo, 0, self.height - 27 * mm, 22 * mm, 25 * mm, preserveAspectRatio=True, mask="auto")
            text_left = 24 * mm
        room = self.width - 2 * text_left  # centred on the page, clear of the logo on both sides
        y = self.height - 6 * mm
        for text, font, size in self.lines:
            while size > 6 and stringWidth(text, font, size) > room:
                size -= 0.5
            c.setFont(font, size)
            c.drawCentredString(self.width / 2, y, text)
            y -= size * 1.22
        c.setLineWidth(2.2)
        c.line(0, 1.6 * mm, self.width, 1.6 * mm)
        c.setLineWidth(0.6)
        c.line(0, 0.4 * mm, self.width, 0.4 * mm)


class SignatureBlock(Flowable):
    """Place and date, jabatan, room for the signature (scan + stamp when signed), name, rank, NIP; QR left."""

    def __init__(self, doc: LetterDoc, qr: list[list[bool]] | None, stamp: str) -> None:
        super().__init__()
        self.doc, self.qr, self.stamp = doc, qr, stamp
        self.height = 52 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        c, d = self.canv, self.doc
        x = self.width * 0.55
        y = self.height - 5 * mm
        c.setFont("Times-Roman", 11.5)
        c.drawString(x, y, d.place_date)
        c.setFont("Times-Bold", 11.5)
        for i, line in enumerate(_wrap(d.signer.jabatan.upper(), "Times-Bold", 11.5, self.width - x)):
            c.drawString(x, y - (i + 1) * 5.2 * mm, line)
        if d.signed:
            sig, stamp = _image(d.signer.signature_path, 260), _image(self.stamp, 240)
            if stamp is not None:
                c.drawImage(stamp, x - 12 * mm, 11 * mm, 30 * mm, 30 * mm, preserveAspectRatio=True, mask="auto")
            if sig is not None:
                c.drawImage(sig, x + 4 * mm, 13 * mm, 40 * mm, 20 * mm, preserveAspectRatio=True, mask="auto")
        name = d.signer.name or "...................................."
        c.setFont("Times-Bold", 11.5)
        c.drawString(x, 9 * mm, name)
        c.setLineWidth(0.7)
        c.line(x, 8.2 * mm, x + stringWidth(name, "Times-Bold", 11.5), 8.2 * mm)
        c.setFont("Times-Roman", 10.5)
        if d.signer.pangkat:
            c.drawString(x, 4.6 * mm, d.signer.pangkat)
        if d.signer.nip:
            c.drawString(x, 0.8 * mm, f"NIP. {d.signer.nip}")
        if self.qr:
            draw_qr(c, self.qr, 0, 4 * mm, 30 * mm)
            c.setFont("Helvetica", 6.5)
            c.drawString(0, 1.5 * mm, "Pindai untuk memeriksa keaslian (luring)")


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if stringWidth(trial, font, size) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def _table(rows: list[tuple[str, str]]) -> Table:
    data = [[Paragraph(escape(k), PLAIN), ":", Paragraph(escape(v), PLAIN)] for k, v in rows]
    table = Table(data, colWidths=[52 * mm, 4 * mm, None], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 10 * mm),
                               ("TOPPADDING", (0, 0), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]))
    return table


def _heirs(rows: list[list[str]]) -> Table:
    data = [["No.", "Nama", "NIK", "Hubungan"]] + [[str(i), *(r + ["", "", ""])[:3]] for i, r in enumerate(rows, 1)]
    table = Table(data, colWidths=[10 * mm, 60 * mm, 45 * mm, None], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONT", (0, 0), (-1, 0), "Times-Bold"),
                               ("FONT", (0, 1), (-1, -1), "Times-Roman"), ("FONTSIZE", (0, 0), (-1, -1), 10.5)]))
    return table


def letterhead_lines(p: OfficeProfile) -> list[tuple[str, str, float]]:
    """The kop surat's lines (also on reports such as the IKM report)."""
    lines = [(p.pemerintah.upper(), "Times-Bold", 14), (p.kecamatan.upper(), "Times-Bold", 14)]
    if p.kelurahan:
        lines.append((p.kelurahan.upper(), "Times-Bold", 16))
    contact = " ".join(x for x in (p.alamat, f"Telp. {p.telepon}" if p.telepon else "", p.kode_pos) if x)
    lines.append((contact, "Times-Roman", 9.5))
    if p.email or p.website:
        lines.append((" · ".join(x for x in (p.email, p.website) if x), "Times-Italic", 9))
    return lines


def render_letter(doc: LetterDoc, paper: PaperSettings, *, archive_copy: bool = False, reprint: bool = False,
                  qr: list[list[bool]] | None = None) -> bytes:
    """The letter as PDF bytes; `qr` is the module matrix of the signed payload (printing/qr.qr_matrix)."""
    p = doc.profile
    story: list[Flowable] = [Letterhead(letterhead_lines(p), p.logo_path, 0), Spacer(1, 5 * mm),
                             Paragraph(f"<u>{escape(doc.title)}</u>", TITLE),
                             Paragraph(f"Nomor: {escape(doc.number)}", NUMBER),
                             Paragraph(escape(doc.opening), BODY)]
    if doc.biodata:
        story += [_table(doc.biodata), Spacer(1, 2 * mm)]
    if doc.details:
        story += [_table(doc.details), Spacer(1, 2 * mm)]
    if doc.heirs:
        story += [_heirs(doc.heirs), Spacer(1, 2 * mm)]
    story += [Paragraph(escape(b), BODY) for b in doc.body]
    story.append(Paragraph(escape(doc.closing), BODY))
    story.append(Spacer(1, 3 * mm))
    story.append(SignatureBlock(doc, qr, p.stamp_path))
    if archive_copy and doc.trail:
        trail = Table([[Paragraph("<b>Jejak persetujuan (arsip)</b><br/>" + "<br/>".join(escape(t) for t in doc.trail),
                                  SMALL)]])
        trail.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, colors.grey)]))
        story += [Spacer(1, 3 * mm), KeepTogether(trail)]
    size = F4 if paper.size.upper() == "F4" else A4

    def mark(canvas, _doc) -> None:
        if reprint or archive_copy:
            canvas.saveState()
            canvas.setFont("Helvetica-Bold", 9)
            canvas.setFillColor(colors.grey)
            label = "SALINAN" if reprint else "ARSIP"
            canvas.drawRightString(size[0] - paper.margin_right_mm * mm, size[1] - 8 * mm, label)
            canvas.restoreState()

    buffer = BytesIO()
    pdf = SimpleDocTemplate(buffer, pagesize=size, leftMargin=paper.margin_left_mm * mm,
                            rightMargin=paper.margin_right_mm * mm, topMargin=paper.margin_top_mm * mm,
                            bottomMargin=paper.margin_bottom_mm * mm, title=doc.title, author=p.office_name,
                            invariant=1)
    pdf.build(story, onFirstPage=mark, onLaterPages=mark)
    return buffer.getvalue()
