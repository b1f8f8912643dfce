"""`loket verify <payload-or-image>`: check a letter's QR from its text, a photo/scan, or the PDF.

Exit codes: 0 ASLI (genuine), 1 DIUBAH (altered or forged), 2 TIDAK DIKENAL (unknown office or key,
unreadable QR, no QR found), 3 DIBATALKAN (genuine but cancelled by the office).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from desktop.models.errors import LoketError
from desktop.printing.qr import (
    PREFIXES,
    QrError,
    TrustSource,
    VerifyResult,
    VerifyStatus,
    decode_qr_image,
    verify_payload,
)

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}
EXIT_CODES = {VerifyStatus.ASLI: 0, VerifyStatus.DIUBAH: 1, VerifyStatus.TIDAK_DIKENAL: 2, VerifyStatus.DIBATALKAN: 3}


def _looks_like_file(arg: str) -> bool:
    return Path(arg).suffix.lower() in IMAGE_SUFFIXES | {".pdf"} or Path(arg).is_file()


def _render_pdf_first_page(pdf: Path, folder: Path) -> Path:
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise QrError("Program pdftoppm (poppler-utils) belum terpasang, sehingga PDF tidak dapat dibaca. "
                      "Pasang poppler-utils, atau periksa gambar hasil pindaian suratnya.")
    # 200 dpi is enough for zbar to read a 4 px/module QR printed at letter size.
    proc = subprocess.run([exe, "-png", "-r", "200", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                           str(folder / "page")], capture_output=True, timeout=120, check=False)
    image = folder / "page.png"
    if proc.returncode != 0 or not image.is_file():
        raise QrError(f"PDF {pdf.name} tidak dapat dibuka. Pastikan berkasnya PDF yang utuh.")
    return image


def read_payloads(path: str | Path) -> list[str]:
    """QR texts in an image or in the first page of a PDF."""
    source = Path(path)
    if not source.is_file():
        raise QrError(f"Berkas {source} tidak ditemukan.")
    if source.suffix.lower() != ".pdf":
        return decode_qr_image(source)
    with tempfile.TemporaryDirectory(prefix="loket-verify-") as folder:
        return decode_qr_image(_render_pdf_first_page(source, Path(folder)))


def verify_source(arg: str, trusted: TrustSource | dict[str, str]) -> VerifyResult:
    """Verify a payload text, or the letter QR found in an image/PDF file named by `arg`."""
    text = arg.strip()
    if text.startswith(PREFIXES) or not _looks_like_file(text):
        return verify_payload(text, trusted)
    payloads = read_payloads(text)
    if not payloads:
        return VerifyResult(VerifyStatus.TIDAK_DIKENAL, None,
                            f"Tidak ada kode QR yang terbaca di {Path(text).name}. Pindai ulang dengan "
                            "resolusi lebih tinggi atau pastikan QR tidak terlipat.")
    # A page may carry other codes (e.g. a ministry's); the letter's own QR has our prefix.
    ours = [p for p in payloads if p.startswith(PREFIXES)]
    return verify_payload((ours or payloads)[0], trusted)


def run_verify(arg: str, trusted: TrustSource | dict[str, str]) -> tuple[int, str]:
    """Exit code and the text to print for `loket verify`."""
    try:
        result = verify_source(arg, trusted)
    except LoketError as exc:
        return 2, str(exc)
    lines = [result.message]
    claim = result.claim
    # Details only for a genuine QR: those of a forged one would lend it credibility.
    if claim is not None and result.status in (VerifyStatus.ASLI, VerifyStatus.DIBATALKAN):
        lines += [f"  Kantor        : {claim.office_code}", f"  Nomor surat   : {claim.number}",
                  f"  Tanggal       : {claim.date}", f"  Layanan       : {claim.service}",
                  f"  Penandatangan : {claim.signer}"]
    return EXIT_CODES[result.status], "\n".join(lines)
