"""The signer's block of a report: place and date, jabatan, room to sign, name, rank and NIP."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop.models.reports.pack import ReportSigner
from desktop.printing.fonts import draw, width


class ReportSignature(Flowable):
    """Right half of the page; a report is signed by hand (no scan), so the space stays empty."""

    def __init__(self, signer: ReportSigner, place_date: str) -> None:
        super().__init__()
        self.signer, self.place_date = signer, place_date
        self.height = 42 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        c, s = self.canv, self.signer
        x = self.width * 0.55
        top = self.height - 4 * mm
        # Names and places through printing/fonts.py, as on letters: no character prints as ■.
        draw(c, x, top, self.place_date, "Times-Roman", 11)
        draw(c, x, top - 5 * mm, s.jabatan.upper(), "Times-Bold", 11)
        name = s.name or "...................................."
        draw(c, x, 10 * mm, name, "Times-Bold", 11)
        c.setLineWidth(0.7)
        c.line(x, 9.2 * mm, x + width(name, "Times-Bold", 11), 9.2 * mm)
        if s.pangkat:
            draw(c, x, 5.4 * mm, s.pangkat, "Times-Roman", 10)
        if s.nip:
            draw(c, x, 1.4 * mm, f"NIP. {s.nip}", "Times-Roman", 10)
