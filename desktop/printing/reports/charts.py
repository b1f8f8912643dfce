"""Charts of a report pack, drawn with reportlab's own graphics: in the PDF as vector drawings, and
in the app as the same drawing rasterised (pypdfium2), so paper and screen always show one chart."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from desktop.models.reports.pack import ReportPack
from desktop.models.reports.period import PeriodKind

BLUE, RED, GREEN, ORANGE, GREY = (colors.HexColor(c) for c in ("#2f6f9f", "#c0392b", "#2e8b57", "#e67e22",
                                                               "#9aa5b1"))
TOP = 8  # services shown in a horizontal chart; the table has them all


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    labels: list[str]
    series: list[tuple[str, list[float], colors.Color]]
    horizontal: bool = False

    @property
    def empty(self) -> bool:
        return not any(v for _name, values, _c in self.series for v in values)


def _short(text: str, size: int = 38) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def pack_charts(pack: ReportPack) -> dict[str, ChartSpec]:
    per = "hari" if pack.period.kind == PeriodKind.MONTH else "bulan"
    buckets = pack.letters_by_bucket
    kinds = pack.letters_by_kind[:TOP]
    apps = pack.applications[:TOP]
    sla = [r for r in pack.sla if r.on_time + r.late][:TOP]
    queue = pack.queue.issued_by_bucket
    specs = [
        ChartSpec("letters_bucket", f"Surat keluar per {per}", [b.label for b in buckets],
                  [("Berlaku", [b.issued - b.voided for b in buckets], BLUE),
                   ("BATAL", [b.voided for b in buckets], RED)]),
        ChartSpec("letters_kind", "Surat keluar per layanan / jenis (terbanyak)", [_short(k.kind) for k in kinds],
                  [("Berlaku", [k.valid for k in kinds], BLUE), ("BATAL", [k.voided for k in kinds], RED)], True),
        ChartSpec("applications", "Permohonan per layanan (terbanyak)", [_short(a.service) for a in apps],
                  [("Diterima", [a.received for a in apps], GREY), ("Selesai", [a.finished for a in apps], GREEN)],
                  True),
        ChartSpec("sla", "Selesai tepat waktu dan terlambat", [_short(r.service) for r in sla],
                  [("Tepat waktu", [r.on_time for r in sla], GREEN), ("Terlambat", [r.late for r in sla], ORANGE)],
                  True),
        ChartSpec("queue", f"Nomor antrean diambil per {per}", [b[1] for b in queue],
                  [("Diambil", [b[2] for b in queue], BLUE)]),
    ]
    return {s.key: s for s in specs}


def drawing(spec: ChartSpec, width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    d.add(String(0, height - 11, spec.title, fontName="Helvetica-Bold", fontSize=9))
    stacked = len(spec.series) > 1 and spec.key in ("letters_bucket", "letters_kind", "sla")
    values = [list(v) for _n, v, _c in spec.series]
    peak = max((sum(col) if stacked else max(col) for col in zip(*values)), default=0) if values[0] else 0
    if spec.horizontal:
        chart = HorizontalBarChart()
        chart.x, chart.y = 150, 14
        chart.width, chart.height = width - 160, height - 44
        chart.categoryAxis.reverseDirection = 1  # the biggest at the top
        chart.categoryAxis.labels.fontSize = 6.5
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -3
    else:
        chart = VerticalBarChart()
        chart.x, chart.y = 28, 22
        chart.width, chart.height = width - 36, height - 52
        chart.categoryAxis.labels.fontSize = 6 if len(spec.labels) > 15 else 7
        chart.categoryAxis.labels.boxAnchor = "n"
    chart.data = values if values[0] else [[0]]
    chart.categoryAxis.categoryNames = spec.labels or [""]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(4, peak)
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.avoidBoundFrac = 0
    chart.valueAxis.valueStep = max(1, -(-max(4, peak) // 4))
    chart.barSpacing = 0 if stacked else 1
    chart.groupSpacing = 3 if len(spec.labels) > 15 else 6
    if stacked:
        chart.categoryAxis.style = "stacked"
    for i, (_name, _v, color) in enumerate(spec.series):
        chart.bars[i].fillColor = color
        chart.bars[i].strokeColor = None
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 6, height - 6
    legend.boxAnchor = "ne"
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.fontSize = 7
    legend.dx = legend.dy = 6
    legend.deltax = 60
    legend.colorNamePairs = [(color, name) for name, _v, color in spec.series]
    d.add(legend)
    if spec.empty:
        d.add(String(width / 2, height / 2, "Tidak ada data pada periode ini", fontName="Helvetica-Oblique",
                     fontSize=8, textAnchor="middle", fillColor=GREY))
    return d


def chart_png(spec: ChartSpec, width: float, height: float, scale: float = 2.0) -> bytes:
    """The chart as a PNG (for the Laporan screen): the very drawing of the PDF, rasterised."""
    from io import BytesIO

    import pypdfium2 as pdfium

    pdf = renderPDF.drawToString(drawing(spec, width, height))
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[0].render(scale=scale).to_pil()
    finally:
        document.close()
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
