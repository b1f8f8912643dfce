"""Prepared images: the same PDF as reportlab's own drawImage, in every document, and a changed file shows."""

from __future__ import annotations

import os
from io import BytesIO

from PIL import Image
from pypdf import PdfReader
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from desktop.printing.pdf_images import PreparedImage, prepared_image


def stamp_like(size: int = 120, colour: tuple[int, int, int, int] = (30, 60, 160, 200)) -> Image.Image:
    """A transparent picture with a solid ring, like a scanned stamp."""
    picture = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    for x in range(size):
        for y in range(size):
            if (size * 0.3) ** 2 < (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size * 0.45) ** 2:
                picture.putpixel((x, y), colour)
    return picture


def page(draw) -> bytes:
    out = BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.drawString(72, 800, "Surat")
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_the_same_bytes_as_drawimage_in_each_of_several_documents():
    pictures = [stamp_like(), Image.new("RGB", (50, 30), (200, 10, 10))]  # with and without transparency
    prepared = [PreparedImage(p) for p in pictures]

    def by_reportlab(canvas):
        for i, p in enumerate(pictures):
            canvas.drawImage(ImageReader(p), 100 + i * 150, 500, 120, 80, preserveAspectRatio=True, mask="auto")
            canvas.drawImage(ImageReader(p), 100 + i * 150, 300, 60, 60, preserveAspectRatio=True, mask="auto")

    def prepared_once(canvas):
        for i, p in enumerate(prepared):
            p.draw(canvas, 100 + i * 150, 500, 120, 80)
            p.draw(canvas, 100 + i * 150, 300, 60, 60)

    expected = page(by_reportlab)
    assert [page(prepared_once) for _ in range(3)] == [expected] * 3
    reader = PdfReader(BytesIO(expected))
    images = reader.pages[0].images
    assert sorted(i.image.size for i in images) == [(50, 30), (120, 120)]  # drawn twice, stored once each


def test_a_changed_file_is_prepared_again(tmp_path):
    path = tmp_path / "cap.png"
    stamp_like(colour=(30, 60, 160, 200)).save(path)
    first = prepared_image(str(path), 240)
    assert first is not None and prepared_image(str(path), 240) is first  # kept between letters
    stamp_like(colour=(160, 20, 20, 255)).save(path)  # the office scans a new stamp into the same file
    os.utime(path, ns=(1, os.stat(path).st_mtime_ns + 1_000_000))
    second = prepared_image(str(path), 240)
    assert second is not None and second is not first and second.name != first.name


def test_no_file_or_not_a_picture_draws_nothing(tmp_path):
    broken = tmp_path / "rusak.png"
    broken.write_bytes(b"bukan gambar")
    assert prepared_image("", 200) is None
    assert prepared_image(str(tmp_path / "tidak-ada.png"), 200) is None
    assert prepared_image(str(broken), 200) is None


def test_a_large_scan_is_scaled_to_print_size(tmp_path):
    path = tmp_path / "ttd.png"
    Image.new("RGB", (2400, 1200), (255, 255, 255)).save(path)
    prepared = prepared_image(str(path), 260)
    assert prepared is not None and (prepared.width, prepared.height) == (260, 130)
