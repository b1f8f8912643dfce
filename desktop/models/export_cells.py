"""Text that leaves the app in a spreadsheet or table is data, never a formula.

A name imported as `=HYPERLINK(...)` or `=cmd|'/c calc'!A0` would run as a formula when a clerk
opens the register export in Excel or LibreOffice. CSV cells that start like a formula get a
leading apostrophe (the spreadsheet convention for "this is text"); XLSX cells are written as
strings with Excel's quote-prefix flag, so the text stays exactly what was stored and stays text
even after the cell is edited.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

# What spreadsheets read as the start of a formula (also the full-width forms some convert).
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_LEADS)


def neutralise(value: Any) -> str:
    """The cell text for CSV (and any plain table): formula-like text gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if looks_like_formula(text) else text


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ";") -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as fh:  # BOM: Excel opens it as UTF-8
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow([neutralise(h) for h in headers])
        writer.writerows([neutralise(c) for c in row] for row in rows)
    return path


def write_xlsx(path: Path, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    """Every cell a string cell; formula-like ones also carry the quote prefix (streamed, any size)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    for row in [headers, *rows] if isinstance(rows, list) else _chain(headers, rows):
        cells = []
        for value in row:
            text = "" if value is None else str(value)
            cell = WriteOnlyCell(ws, value=text)
            cell.data_type = "s"  # openpyxl makes any text starting with "=" a formula otherwise
            if looks_like_formula(text):
                cell.quotePrefix = True
            cells.append(cell)
        ws.append(cells)
    wb.save(path)
    return path


def _chain(first: Sequence[Any], rest: Iterable[Sequence[Any]]) -> Iterable[Sequence[Any]]:
    yield first
    yield from rest
