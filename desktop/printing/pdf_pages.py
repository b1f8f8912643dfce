"""PDF pages as images for the system printer (pypdfium2; no Qt PDF module in PySide6-Essentials)."""

from __future__ import annotations

from PIL import Image


def rasterize(pdf: bytes, dpi: int = 300) -> list[Image.Image]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72).to_pil() for page in document]
    finally:
        document.close()
