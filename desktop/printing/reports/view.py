"""What the Laporan screen shows for a period, made on the worker thread: the pack, its tables, its
charts as images (the PDF's own drawings) and whether the month has been sent to the kecamatan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.models.reports.pack import ReportPack, build_pack
from desktop.models.reports.period import ReportPeriod
from desktop.models.reports.sending import sent_periods
from desktop.printing.reports.charts import chart_png, pack_charts
from desktop.printing.reports.tables import ReportTable, pack_tables

if TYPE_CHECKING:
    from desktop.models.services import Services

CHART_SIZE = (400.0, 160.0)  # points; rendered at twice that in pixels, shown at 1.5 px a point


@dataclass(frozen=True)
class ReportView:
    pack: ReportPack
    tables: list[ReportTable]
    charts: dict[str, bytes]  # chart key -> PNG
    sent: tuple[int, str] | None  # (revision, sent at) of this month's report, if sent


def report_view(services: Services, period: ReportPeriod) -> ReportView:
    pack = build_pack(services.db, services.settings, period)
    charts = {key: chart_png(spec, *CHART_SIZE) for key, spec in pack_charts(pack).items()}
    return ReportView(pack, pack_tables(pack), charts, sent_periods(services.db).get(period.key))
