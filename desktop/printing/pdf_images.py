"""Images prepared once for every PDF they appear in: the office's logo, its stamp, a signature scan.

reportlab compresses an image anew in every document that draws it (zlib over every pixel, and
again over the transparency mask): most of a letter's time went there. A PreparedImage does that
once, and each letter only registers the finished stream in its own document — the PDF is the
same, byte for byte, as with `canvas.drawImage(reader, ..., mask="auto")` (tests/printing/
test_pdf_images.py). Prepared images are kept by path, file size and modification time, so an
office that picks another logo, stamp or signature scan (or overwrites the file) gets the new
picture on its next letter.

This leans on reportlab's document internals (object registration, as `Canvas.drawImage` does
it); the version is pinned in requirements.lock and the byte-for-byte test guards an upgrade.
"""

from __future__ import annotations

import copy
import os
from functools import lru_cache
from typing import TYPE_CHECKING

from reportlab.lib.boxstuff import aspectRatioFix
from reportlab.lib.utils import ImageReader, _digester
from reportlab.pdfbase import pdfdoc

if TYPE_CHECKING:
    from PIL.Image import Image
    from reportlab.pdfgen.canvas import Canvas


class PreparedImage:
    """One picture, compressed once, drawn into any number of PDFs."""

    def __init__(self, picture: Image) -> None:
        reader = ImageReader(picture)
        raw = reader.getRGBData()  # also splits off the alpha channel, as reader._dataA
        alpha = reader._dataA
        # The name reportlab's drawImage(reader, mask="auto") would give it: the same PDF either way.
        self.name = _digester(raw + (alpha.getRGBData() if alpha else b"auto"))
        xobject = pdfdoc.PDFImageXObject(self.name, reader, mask="auto")
        xobject.name = self.name
        self._smask = getattr(xobject, "_smask", None)
        if self._smask is not None:
            del xobject._smask
        self._xobject = xobject
        self.width, self.height = xobject.width, xobject.height

    def draw(self, canvas: Canvas, x: float, y: float, width: float, height: float, *,
             preserve_aspect_ratio: bool = True, anchor: str = "c") -> None:
        """As `canvas.drawImage(reader, x, y, width, height, mask="auto", preserveAspectRatio=...)`."""
        doc = canvas._doc
        canvas._currentPageHasImages = 1
        reg_name = doc.getXObjectName(self.name)
        if doc.idToObject.get(reg_name) is None:
            xobject = copy.copy(self._xobject)  # a document marks what it registers: one copy each
            canvas._setXObjects(xobject)
            doc.Reference(xobject, reg_name)
            doc.addForm(self.name, xobject)
            if self._smask is not None:
                mask_name = doc.getXObjectName(self._smask.name)
                if doc.idToObject.get(mask_name) is None:
                    smask = copy.copy(self._smask)
                    canvas._setXObjects(smask)
                    xobject.smask = doc.Reference(smask, mask_name)
                else:
                    xobject.smask = pdfdoc.PDFObjectReference(mask_name)
        x, y, width, height, _scaled = aspectRatioFix(preserve_aspect_ratio, anchor, x, y, width, height,
                                                      self.width, self.height, False)
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(width, height)
        canvas._code.append(f"/{reg_name} Do")
        canvas.restoreState()
        canvas._formsinuse.append(self.name)


def prepared_image(path: str, max_px: int) -> PreparedImage | None:
    """The image at `path` scaled to at most `max_px` and prepared; None when there is no usable file."""
    if not path:
        return None
    try:
        found = os.stat(path)
    except OSError:
        return None
    return _prepare(path, max_px, found.st_size, found.st_mtime_ns)


@lru_cache(maxsize=32)
def _prepare(path: str, max_px: int, _size: int, _mtime_ns: int) -> PreparedImage | None:
    """Scaled once to print size (~250 dpi at 30 mm): a 2000-px scan would otherwise cost every letter."""
    try:
        from PIL import Image

        with Image.open(path) as img:
            img.load()
            picture = img.convert("RGBA") if img.mode in ("P", "LA", "RGBA") else img.convert("RGB")
        picture.thumbnail((max_px, max_px))
        return PreparedImage(picture)
    except OSError:
        return None
