"""Rendering a letter with reportlab: kop surat, title and number, body, signature block, QR.

The citizen's copy is clean; the archive copy carries the approval trail; a reprint says SALINAN,
and a reprint of a cancelled letter carries a large BATAL mark with the date and reason.
Built-in PDF fonts for ordinary Latin text (a letter renders in a few milliseconds); embedded
TrueType fonts only for other characters (fonts.py), so no name prints as ■.
"""

from __future__ import annotations

from io import BytesIO

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop.models.settings import OfficeProfile, PaperSettings
from desktop.printing.fonts import draw, draw_centred, markup, width
from desktop.printing.letter_content import LetterDoc
from desktop.printing.pdf_images import prepared_image

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
HEIR = ParagraphStyle("heir", fontName="Times-Roman", fontSize=10.5, leading=12.5)


def draw_qr(canvas, matrix: list[list[bool]], x: float, y: float, size: float) -> None:
    """The QR as a small black-and-white image: a few hundred bytes in the PDF and far cheaper to draw
    than one vector rectangle per run of modules. Grey, not 1-bit: reportlab widens a 1-bit image to
    RGB, three times the pixels to compress."""
    from PIL import Image

    n = len(matrix)
    picture = Image.frombytes("L", (n, n), bytes(0 if dark else 255 for row in matrix for dark in row))
    # Four pixels per module: viewers and rasterisers that smooth upscaled images keep sharp edges.
    picture = picture.resize((n * 4, n * 4), Image.Resampling.NEAREST)
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
        logo = prepared_image(self.logo, 200)
        text_left = 0.0
        if logo is not None:
            logo.draw(c, 0, self.height - 27 * mm, 22 * mm, 25 * mm)
            text_left = 24 * mm
        room = self.width - 2 * text_left  # centred on the page, clear of the logo on both sides
        y = self.height - 6 * mm
        for text, font, size in self.lines:
            while size > 6 and width(text, font, size) > room:
                size -= 0.5
            draw_centred(c, self.width / 2, y, text, font, size)
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
        draw(c, x, y, d.place_date, "Times-Roman", 11.5)
        for i, line in enumerate(_wrap(d.signer.jabatan.upper(), "Times-Bold", 11.5, self.width - x)):
            draw(c, x, y - (i + 1) * 5.2 * mm, line, "Times-Bold", 11.5)
        if d.signed:
            sig, stamp = prepared_image(d.signer.signature_path, 260), prepared_image(self.stamp, 240)
            if stamp is not None:
                stamp.draw(c, x - 12 * mm, 11 * mm, 30 * mm, 30 * mm)
            if sig is not None:
                sig.draw(c, x + 4 * mm, 13 * mm, 40 * mm, 20 * mm)
        name = d.signer.name or "...................................."
        draw(c, x, 9 * mm, name, "Times-Bold", 11.5)
        c.setLineWidth(0.7)
        c.line(x, 8.2 * mm, x + width(name, "Times-Bold", 11.5), 8.2 * mm)
        if d.signer.pangkat:
            draw(c, x, 4.6 * mm, d.signer.pangkat, "Times-Roman", 10.5)
        if d.signer.nip:
            draw(c, x, 0.8 * mm, f"NIP. {d.signer.nip}", "Times-Roman", 10.5)
        if self.qr:
            draw_qr(c, self.qr, 0, 4 * mm, 30 * mm)
            c.setFont("Helvetica", 6.5)
            c.drawString(0, 1.5 * mm, "Pindai untuk memeriksa keaslian (luring)")


def _wrap(text: str, font: str, size: float, room: float) -> list[str]:
    text_width = width
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if text_width(trial, font, size) <= room or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def _table(rows: list[tuple[str, str]]) -> Table:
    data = [[Paragraph(markup(k, PLAIN.fontName), PLAIN), ":", Paragraph(markup(v, PLAIN.fontName), PLAIN)]
            for k, v in rows]
    table = Table(data, colWidths=[52 * mm, 4 * mm, None], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 10 * mm),
                               ("TOPPADDING", (0, 0), (-1, -1), 0.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]))
    return table


def _heirs(rows: list[list[str]]) -> Table:
    data = [["No.", "Nama", "NIK", "Hubungan"]] + [
        [str(i), *(Paragraph(markup(c, HEIR.fontName), HEIR) for c in (r + ["", "", ""])[:3])]
        for i, r in enumerate(rows, 1)]
    table = Table(data, colWidths=[10 * mm, 60 * mm, 45 * mm, None], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONT", (0, 0), (-1, 0), "Times-Bold"),
                               ("FONT", (0, 1), (-1, -1), "Times-Roman"), ("FONTSIZE", (0, 0), (-1, -1), 10.5)]))
    return table


def _cancelled_mark(canvas, size: tuple[float, float], paper: PaperSettings, text: str) -> None:
    """A voided letter never looks valid: BATAL across the page and the reason at the top."""
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.35))
    canvas.translate(size[0] / 2, size[1] / 2)
    canvas.rotate(40)
    canvas.setFont("Helvetica-Bold", 120)
    canvas.drawCentredString(0, -40, "BATAL")
    canvas.restoreState()
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.7, 0, 0))
    draw(canvas, paper.margin_left_mm * mm, size[1] - 8 * mm, text[:150], "Helvetica-Bold", 8.5)
    canvas.restoreState()


def letterhead_lines(p: OfficeProfile) -> list[tuple[str, str, float]]:
    """The kop surat's lines (text, font, size): letters and reports (monthly pack, IKM report) share them."""
    lines = [(p.pemerintah.upper(), "Times-Bold", 14), (p.kecamatan.upper(), "Times-Bold", 14)]
    if p.kelurahan:
        lines.append((p.kelurahan.upper(), "Times-Bold", 16))
    contact = " ".join(x for x in (p.alamat, f"Telp. {p.telepon}" if p.telepon else "", p.kode_pos) if x)
    lines.append((contact, "Times-Roman", 9.5))
    if p.email or p.website:
        lines.append((" · ".join(x for x in (p.email, p.website) if x), "Times-Italic", 9))
    return lines


def render_letter(doc: LetterDoc, paper: PaperSettings, *, archive_copy: bool = False, reprint: bool = False,
                  qr: list[list[bool]] | None = None, cancelled: str = "") -> bytes:
    """The letter as PDF bytes; `qr` is the module matrix of the signed payload (printing/qr.qr_matrix).

    `cancelled`: the letter was voided (date and reason, one line); every page then carries BATAL."""
    p = doc.profile
    story: list[Flowable] = [Letterhead(letterhead_lines(p), p.logo_path, 0), Spacer(1, 5 * mm),
                             Paragraph(f"<u>{markup(doc.title, TITLE.fontName)}</u>", TITLE),
                             Paragraph(f"Nomor: {markup(doc.number, NUMBER.fontName)}", NUMBER),
                             Paragraph(markup(doc.opening, BODY.fontName), BODY)]
    if doc.biodata:
        story += [_table(doc.biodata), Spacer(1, 2 * mm)]
    if doc.details:
        story += [_table(doc.details), Spacer(1, 2 * mm)]
    if doc.heirs:
        story += [_heirs(doc.heirs), Spacer(1, 2 * mm)]
    story += [Paragraph(markup(b, BODY.fontName), BODY) for b in doc.body]
    story.append(Paragraph(markup(doc.closing, BODY.fontName), BODY))
    story.append(Spacer(1, 3 * mm))
    story.append(SignatureBlock(doc, qr, p.stamp_path))
    if archive_copy and doc.trail:
        trail = Table([[Paragraph("<b>Jejak persetujuan (arsip)</b><br/>" + "<br/>".join(markup(t, SMALL.fontName)
                                                                              for t in doc.trail),
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
        if cancelled:
            _cancelled_mark(canvas, size, paper, cancelled)

    buffer = BytesIO()
    pdf = SimpleDocTemplate(buffer, pagesize=size, leftMargin=paper.margin_left_mm * mm,
                            rightMargin=paper.margin_right_mm * mm, topMargin=paper.margin_top_mm * mm,
                            bottomMargin=paper.margin_bottom_mm * mm, title=doc.title, author=p.office_name,
                            invariant=1)
    pdf.build(story, onFirstPage=mark, onLaterPages=mark)
    return buffer.getvalue()
