"""`loket verify`: payload text, PNG and PDF inputs, and the exit codes 0 / 1 / 2."""

import shutil

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models.trust.office_keys import public_key_text
from desktop.printing.qr import LetterClaim, content_digest, nik_hash, qr_png, sign_claim
from desktop.printing.verify_cli import run_verify

CODE = "424.301.1.04"
KEY = Ed25519PrivateKey.generate()
TRUSTED = {CODE: public_key_text(KEY.public_key())}
CLAIM = LetterClaim(CODE, "470/003/424.301.1.04/2026", "2026-11-24", "Surat Keterangan Domisili",
                    "Drs. Bambang Purnomo", nik_hash("3514126508900003", CODE), content_digest({"nama": "Siti"}))
PAYLOAD = sign_claim(KEY, CLAIM)
needs_zbar = pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools not installed")
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")


def _tampered(payload: str) -> str:
    i = payload.rindex(".") + 3
    return payload[:i] + ("x" if payload[i] != "x" else "y") + payload[i + 1:]


def test_payload_text_exit_codes():
    code, text = run_verify(PAYLOAD, TRUSTED)
    assert code == 0 and text.startswith("Surat ASLI: nomor 470/003/424.301.1.04/2026")
    assert "Penandatangan : Drs. Bambang Purnomo" in text
    code, text = run_verify(_tampered(PAYLOAD), TRUSTED)
    assert code == 1 and text.startswith("Surat TELAH DIUBAH")
    assert "Penandatangan" not in text  # no details that would lend a forgery credibility
    code, text = run_verify(PAYLOAD, {})
    assert code == 2 and "tidak dikenal" in text


def test_missing_file_is_exit_2_with_a_sentence(tmp_path):
    code, text = run_verify(str(tmp_path / "surat.png"), TRUSTED)
    assert code == 2 and "tidak ditemukan" in text


@needs_zbar
def test_png_image(tmp_path):
    image = tmp_path / "surat.png"
    image.write_bytes(qr_png(PAYLOAD))
    assert run_verify(str(image), TRUSTED)[0] == 0
    image.write_bytes(qr_png(_tampered(PAYLOAD)))
    assert run_verify(str(image), TRUSTED)[0] == 1


@needs_zbar
def test_image_without_qr_is_exit_2(tmp_path):
    from PIL import Image

    blank = tmp_path / "kosong.jpg"
    Image.new("RGB", (200, 200), "white").save(blank)
    code, text = run_verify(str(blank), TRUSTED)
    assert code == 2 and "Tidak ada kode QR" in text


@needs_zbar
@needs_poppler
def test_pdf_letter_first_page(tmp_path):
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "surat.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    canvas.drawString(72, 780, "SURAT KETERANGAN DOMISILI")
    # 30 mm wide, as on a letter next to the signature.
    canvas.drawImage(ImageReader(io.BytesIO(qr_png(PAYLOAD))), 400, 100, width=85, height=85)
    canvas.showPage()
    canvas.save()
    code, text = run_verify(str(pdf), TRUSTED)
    assert code == 0, text


def test_broken_pdf_is_exit_2(tmp_path):
    assert shutil.which("pdftoppm"), "poppler-utils is installed by scripts/setup.sh"
    pdf = tmp_path / "rusak.pdf"
    pdf.write_bytes(b"%PDF-1.4 bukan pdf")
    code, text = run_verify(str(pdf), TRUSTED)
    assert code == 2 and "tidak dapat dibuka" in text
