"""The same receipt or ticket as a PDF on an 80 mm wide page, for when the thermal printer is down.

It renders the layout blocks from `slips`, so the PDF carries exactly the lines of the paper slip.
The page is as long as its content (like a receipt roll); any office printer can print it.
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop.printing.slips import (
    Block,
    Field,
    Numbered,
    Qr,
    ReceiptData,
    Rule,
    Text,
    TicketData,
    receipt_blocks,
    ticket_blocks,
    trial_slip_blocks,
)

PAGE_WIDTH = 80 * mm
MARGIN = 4 * mm
CONTENT = PAGE_WIDTH - 2 * MARGIN
FONT, BOLD = "Helvetica", "Helvetica-Bold"  # WinAnsi: é, ², ±, € and – all print
SIZE, BIG_SIZE = 9, 34
LEADING = SIZE * 1.3
QR_SIZE = 32 * mm


def receipt_pdf(data: ReceiptData) -> bytes:
    return _render(receipt_blocks(data), f"Tanda terima {data.application_number}")


def ticket_pdf(data: TicketData) -> bytes:
    return _render(ticket_blocks(data), f"Nomor antrean {data.number}")


def trial_slip_pdf(office_name: str, when: datetime) -> bytes:
    return _render(trial_slip_blocks(office_name, 80, when), "Uji cetak printer")


def _render(blocks: list[Block], title: str) -> bytes:
    # Two passes: measure the height (a slip is one long page), then draw.
    height = _Writer(None, 0).run(blocks) + 2 * MARGIN
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, height), invariant=1)
    canvas.setTitle(title)
    _Writer(canvas, height - MARGIN).run(blocks)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class _Writer:
    """Lays blocks out top-down; with no canvas it only measures."""

    def __init__(self, canvas: Canvas | None, top: float) -> None:
        self.c = canvas
        self.y = top
        self.used = 0.0
        self.label_width = 0.0

    def run(self, blocks: list[Block]) -> float:
        labels = [stringWidth(b.label, FONT, SIZE) for b in blocks if isinstance(b, Field)]
        self.label_width = max(labels, default=0) + 1 * mm  # the colon goes in this gap
        for block in blocks:
            if isinstance(block, Text):
                self._text(block)
            elif isinstance(block, Field):
                self._field(block)
            elif isinstance(block, Rule):
                self._rule()
            elif isinstance(block, Numbered):
                self._numbered(block)
            elif isinstance(block, Qr):
                self._qr(block)
        return self.used

    def _advance(self, amount: float) -> None:
        self.y -= amount
        self.used += amount

    def _draw(self, text: str, x: float, font: str, size: float, center: bool = False) -> None:
        if self.c is None:
            return
        self.c.setFont(font, size)
        if center:
            self.c.drawCentredString(PAGE_WIDTH / 2, self.y, text)
        else:
            self.c.drawString(x, self.y, text)

    def _text(self, block: Text) -> None:
        font = BOLD if block.bold else FONT
        size = BIG_SIZE if block.big else SIZE
        for line in simpleSplit(block.text, font, size, CONTENT) or [""]:
            self._advance(size * 1.3)
            self._draw(line, MARGIN, font, size, center=block.align == "center")
        if block.big:
            self._advance(size * 0.2)

    def _field(self, block: Field) -> None:
        value_x = MARGIN + self.label_width + 2 * mm
        lines = simpleSplit(block.value, FONT, SIZE, PAGE_WIDTH - MARGIN - value_x) or ["-"]
        for i, line in enumerate(lines):
            self._advance(LEADING)
            if i == 0:
                self._draw(block.label, MARGIN, FONT, SIZE)
                self._draw(":", MARGIN + self.label_width, FONT, SIZE)
            self._draw(line, value_x, FONT, SIZE)

    def _rule(self) -> None:
        self._advance(LEADING / 2)
        if self.c is not None:
            self.c.setLineWidth(0.5)
            self.c.line(MARGIN, self.y, PAGE_WIDTH - MARGIN, self.y)
        self._advance(LEADING / 4)

    def _numbered(self, block: Numbered) -> None:
        if not block.items:
            self._advance(LEADING)
            self._draw(block.empty_text, MARGIN, FONT, SIZE)
            return
        indent = 5 * mm
        for n, item in enumerate(block.items, start=1):
            for i, line in enumerate(simpleSplit(item, FONT, SIZE, CONTENT - indent)):
                self._advance(LEADING)
                if i == 0:
                    self._draw(f"{n}.", MARGIN, FONT, SIZE)
                self._draw(line, MARGIN + indent, FONT, SIZE)

    def _qr(self, block: Qr) -> None:
        self._advance(QR_SIZE + 2 * mm)
        if self.c is None:
            return
        widget = QrCodeWidget(block.text)
        x0, y0, x1, y1 = widget.getBounds()
        drawing = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, self.c, (PAGE_WIDTH - QR_SIZE) / 2, self.y + mm)
