"""The office's report pack as a PDF: the document of document.py with the pack's sections and the
buku register as the landscape annex."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from desktop.models.indonesian import format_date
from desktop.models.reports.pack import ReportPack
from desktop.models.settings import PaperSettings
from desktop.printing.reports.charts import pack_charts
from desktop.printing.reports.document import CELL, ReportDocument, render_document
from desktop.printing.reports.register_rows import RegisterRows, fit
from desktop.printing.reports.tables import pack_tables

# The annex is on landscape pages, like the paper buku register.
REGISTER_COLUMNS = [("No.", 8), ("Nomor surat", 40), ("Tanggal", 16), ("Perihal", 52), ("Penerima", 38),
                    ("Penanda tangan", 34), ("Status", 13), ("Keterangan", 44)]


def _register_annex(pack: ReportPack, width: float) -> Flowable:
    share = sum(w for _h, w in REGISTER_COLUMNS)
    widths = [width * w / share for _h, w in REGISTER_COLUMNS]
    room = [w - 4 for w in widths]
    if not pack.register:
        return Paragraph("Tidak ada surat keluar pada periode ini.", CELL)
    rows = []
    for x in pack.register:
        note = "; ".join(t for t in (x.void_reason if x.status_text == "BATAL" else "",
                                     "dicatat manual" if x.manual else "") if t)
        cells = [str(x.seq), x.number, x.letter_date, x.subject, x.recipient, x.signer_name, x.status_text, note]
        rows.append([fit(c, r) for c, r in zip(cells, room)])
    return RegisterRows([h for h, _w in REGISTER_COLUMNS], rows, widths)


def pack_document(pack: ReportPack) -> ReportDocument:
    charts = pack_charts(pack)
    p = pack.profile
    return ReportDocument(
        profile=p, title=f"{pack.period.title} PELAYANAN", subtitle=f"{pack.office_name} — {pack.period.label}",
        footer=f"{pack.period.title.title()} {pack.period.label} · {pack.office_name} · data per "
               f"{pack.as_of[:16].replace('T', ' ')}",
        signer=pack.signer, place_date=f"{p.tempat_surat}, {format_date(pack.sign_date)}",
        sections=[(t, charts.get(t.chart)) for t in pack_tables(pack)[:-1]],
        annex_title="LAMPIRAN: BUKU REGISTER SURAT KELUAR",
        annex_subtitle=f"{pack.office_name} — {pack.period.label} — {len(pack.register)} nomor (termasuk BATAL "
                       "dan yang dicatat manual)",
        annex=lambda width: _register_annex(pack, width))


def render_pack_pdf(pack: ReportPack, paper: PaperSettings | None = None) -> bytes:
    return render_document(pack_document(pack), paper)
