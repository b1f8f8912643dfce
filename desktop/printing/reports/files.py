"""Writing a report pack to a folder: the PDF and the XLSX, named after the period."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.models.reports.pack import ReportPack
from desktop.models.settings import PaperSettings
from desktop.printing.reports.pdf import render_pack_pdf
from desktop.printing.reports.xlsx import render_pack_xlsx


@dataclass(frozen=True)
class PackFiles:
    pdf: Path
    xlsx: Path


def write_pack(pack: ReportPack, folder: Path, paper: PaperSettings | None = None) -> PackFiles:
    folder.mkdir(parents=True, exist_ok=True)
    code = "".join(ch if ch.isalnum() else "-" for ch in pack.profile.office_code).strip("-").lower() or "kantor"
    stem = f"{pack.period.file_stem}-{code}"
    pdf, xlsx = folder / f"{stem}.pdf", folder / f"{stem}.xlsx"
    pdf.write_bytes(render_pack_pdf(pack, paper))
    xlsx.write_bytes(render_pack_xlsx(pack))
    return PackFiles(pdf, xlsx)
