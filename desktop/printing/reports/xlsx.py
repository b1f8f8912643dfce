"""The report pack as an XLSX workbook (openpyxl): one sheet per table, numbers as numbers.

openpyxl stamps the workbook with the moment it is saved, and zip entries carry the time they were
written; both are replaced by the pack's own "data as of" moment, so the same data gives the same
bytes (a report can be checked by its hash).
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from desktop.models.reports.pack import ReportPack
from desktop.printing.reports.tables import COUNT, MINUTES, PCT, SECONDS, TEXT, ReportTable, pack_tables

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E8EDF3")
UNITS = {MINUTES: " (menit kerja)", SECONDS: " (menit)"}


def _value(value: Any, kind: str) -> Any:
    if value is None or kind == TEXT or kind == COUNT:
        return value
    if kind == PCT:
        return round(float(value) / 100, 4)
    if kind == SECONDS:
        return round(float(value) / 60, 1)
    return round(float(value), 1)


def _styled(ws: Any, value: Any, kind: str, formats: dict[str, str]) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=_value(value, kind))
    if kind in formats:
        cell.number_format = formats[kind]
    return cell


def _sheet(wb: Workbook, table: ReportTable, heading: str) -> None:
    ws = wb.create_sheet(table.key[:31])
    for i, column in enumerate(table.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = 10 + 9 * column.width if column.kind == TEXT else 14
    title = WriteOnlyCell(ws, value=f"{table.title} — {heading}")
    title.font = HEADER_FONT
    ws.append([title])
    headers = []
    for column in table.columns:
        cell = WriteOnlyCell(ws, value=column.header + UNITS.get(column.kind, ""))
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        headers.append(cell)
    ws.append(headers)
    formats = {PCT: "0.0%", MINUTES: "0.0", SECONDS: "0.0"}
    styled = [column.kind in formats for column in table.columns]
    for row in table.rows:
        # Plain values are much faster to write than styled cells: the register has thousands of rows.
        ws.append([_styled(ws, v, c.kind, formats) if s else _value(v, c.kind)
                   for v, c, s in zip(row, table.columns, styled)])
    if table.total is not None:
        cells = [_styled(ws, v, c.kind, formats) for v, c in zip(table.total, table.columns)]
        for cell in cells:
            cell.font = HEADER_FONT
        ws.append(cells)
    if table.note:
        ws.append([])
        ws.append([table.note])


def render_tables_xlsx(tables: list[ReportTable], title: str, heading: str, as_of: str) -> bytes:
    """A workbook of `tables`, dated `as_of` (ISO) throughout."""
    stamp = datetime.fromisoformat(as_of[:19])
    wb = Workbook(write_only=True)
    wb.properties.creator = wb.properties.lastModifiedBy = "Loket Kelurahan"
    wb.properties.title = title
    wb.properties.created = wb.properties.modified = stamp
    for table in tables:
        _sheet(wb, table, heading)
    raw = BytesIO()
    wb.save(raw)
    return fixed_zip(raw.getvalue(), stamp)


def render_pack_xlsx(pack: ReportPack) -> bytes:
    return render_tables_xlsx(pack_tables(pack), f"{pack.period.title.title()} {pack.period.label} — "
                              f"{pack.office_name}", f"{pack.office_name}, {pack.period.label}", pack.as_of)


def fixed_zip(data: bytes, stamp: datetime) -> bytes:
    """Rewrite an XLSX (a zip) with every entry dated `stamp` and the saved-at moment set to it."""
    moment = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + moment + rb"\2",
                              body)
            entry = zipfile.ZipInfo(info.filename, date_time=(max(stamp.year, 1980), stamp.month, stamp.day,
                                                              stamp.hour, stamp.minute, stamp.second))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, body)
    return out.getvalue()
