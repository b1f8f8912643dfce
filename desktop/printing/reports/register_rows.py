"""The buku register annex: thousands of rows, drawn straight onto the page.

A reportlab Table lays out and styles every cell (seconds for a busy month); the register's rows
all have one height and plain text cut to its column, so one text object per page and one set of
grid lines do the same work in a fraction of the time.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable

from desktop.printing.fonts import runs
from desktop.printing.fonts import width as text_width

FONT, BOLD, SIZE = "Helvetica", "Helvetica-Bold", 7
ROW = 9.5  # points
HEADER_BG = colors.HexColor("#e8edf3")


def fit(text: str, width: float, font: str = FONT, size: float = SIZE) -> str:
    """Cut a cell's text to its column (with an ellipsis): no wrapping in the register."""
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class RegisterRows(Flowable):
    """Rows `start:stop` of a shared list, a header row repeated on every page."""

    def __init__(self, header: list[str], rows: list[list[str]], widths: list[float], start: int = 0,
                 stop: int | None = None) -> None:
        super().__init__()
        self.header, self.rows, self.widths = header, rows, widths
        self.start, self.stop = start, len(rows) if stop is None else stop
        self.width = sum(widths)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.height = (self.stop - self.start + 1) * ROW
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int(avail_height // ROW) - 1
        if fits < 1:
            return []
        cut = min(self.stop, self.start + fits)
        return [RegisterRows(self.header, self.rows, self.widths, self.start, cut),
                RegisterRows(self.header, self.rows, self.widths, cut, self.stop)]

    def draw(self) -> None:
        c = self.canv
        count = self.stop - self.start
        top = (count + 1) * ROW
        c.setFillColor(HEADER_BG)
        c.rect(0, top - ROW, self.width, ROW, stroke=0, fill=1)
        c.setFillColor(colors.black)
        lefts = [sum(self.widths[:i]) for i in range(len(self.widths))]
        text = c.beginText()
        text.setFont(BOLD, SIZE)
        for left, label in zip(lefts, self.header):
            text.setTextOrigin(left + 2, top - ROW + 2.7)
            text.textOut(label)
        text.setFont(FONT, SIZE)
        for n in range(count):
            y = top - (n + 2) * ROW + 2.7
            for left, cell in zip(lefts, self.rows[self.start + n]):
                if cell:
                    text.setTextOrigin(left + 2, y)
                    if cell.isascii():
                        text.textOut(cell)
                        continue
                    # A name the built-in font cannot print: its other characters in an embedded font
                    # (printing/fonts.py, as on letters), so nothing prints as ■.
                    for part, font in runs(cell, FONT):
                        text.setFont(font, SIZE)
                        text.textOut(part)
                    text.setFont(FONT, SIZE)
        c.drawText(text)
        c.setStrokeColor(colors.grey)
        c.setLineWidth(0.3)
        lines = [(0, top - i * ROW, self.width, top - i * ROW) for i in range(count + 2)]
        lines += [(x, 0, x, top) for x in [*lefts, self.width]]
        c.lines(lines)
