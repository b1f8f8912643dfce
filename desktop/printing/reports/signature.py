"""The signer's block of a report: place and date, jabatan, room to sign, name, rank and NIP."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop.models.reports.pack import ReportSigner


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
        c.setFont("Times-Roman", 11)
        c.drawString(x, top, self.place_date)
        c.setFont("Times-Bold", 11)
        c.drawString(x, top - 5 * mm, s.jabatan.upper())
        name = s.name or "...................................."
        c.drawString(x, 10 * mm, name)
        c.setLineWidth(0.7)
        c.line(x, 9.2 * mm, x + stringWidth(name, "Times-Bold", 11), 9.2 * mm)
        c.setFont("Times-Roman", 10)
        if s.pangkat:
            c.drawString(x, 5.4 * mm, s.pangkat)
        if s.nip:
            c.drawString(x, 1.4 * mm, f"NIP. {s.nip}")
