"""Printing a letter: save citizen and archive copies as PDF, then send to the system printer.

Rendering runs on the worker thread; only painting onto the QPrinter happens on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import QImage, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from desktop.paths import archive_dir
from desktop.ui.context import AppContext


def prepare_letter(services: Any, app_id: str, reprint: bool = False) -> dict[str, Any]:
    """Worker side: both copies as PDF in the archive folder, and the citizen copy's pages as images."""
    from desktop.printing.issue import render_application_letter
    from desktop.printing.pdf_pages import rasterize

    citizen, number = render_application_letter(services, app_id, reprint=reprint)
    archive, _ = render_application_letter(services, app_id, archive_copy=True)
    folder = archive_dir() / "surat" / number.replace("/", "-")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ("salinan.pdf" if reprint else "surat.pdf")).write_bytes(citizen)
    (folder / "arsip.pdf").write_bytes(archive)
    pages = [img.convert("RGB") for img in rasterize(citizen, dpi=200)]
    from desktop.models.settings import PaperSettings

    paper = services.settings.get(PaperSettings).size.upper()
    return {"number": number, "folder": folder, "paper": paper,
            "pages": [(p.tobytes(), p.width, p.height) for p in pages]}


def page_size(paper: str) -> QPageSize:
    """F4 (215 × 330 mm) is not a named Qt size: give it as a custom one so the printer feeds F4."""
    if paper == "F4":
        return QPageSize(QSizeF(215, 330), QPageSize.Unit.Millimeter, "F4", QPageSize.SizeMatchPolicy.ExactMatch)
    return QPageSize(QPageSize.PageSizeId.A4)


def print_pages(pages: list[tuple[bytes, int, int]], parent: QWidget | None, ask: bool = True,
                printer: QPrinter | None = None, paper: str = "F4") -> bool:
    """Paint the page images on the printer (the system default, or the one chosen in the dialog)."""
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(page_size(paper))
    printer.setFullPage(True)  # the PDF already carries the letter's margins
    if ask:
        dialog = QPrintDialog(printer, parent)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for i, (raw, width, height) in enumerate(pages):
            if i:
                printer.newPage()
            image = QImage(raw, width, height, width * 3, QImage.Format.Format_RGB888)
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(0, 0, image.scaled(size))
    finally:
        painter.end()
    return True


def print_letter(ctx: AppContext, app_id: str, parent: QWidget, on_message: Any, *, reprint: bool = False,
                 ask: bool = True) -> None:
    def done(result: dict[str, Any]) -> None:
        printed = print_pages(result["pages"], parent, ask=ask, paper=result["paper"])
        folder: Path = result["folder"]
        on_message(f"Surat {result['number']} {'dicetak' if printed else 'tidak dicetak'}; "
                   f"PDF warga dan arsip disimpan di {folder}.")

    ctx.tasks.run(lambda: prepare_letter(ctx.services, app_id, reprint), done,
                  lambda exc: on_message(str(exc)))
