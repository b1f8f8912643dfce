"""Checking a letter's QR offline, and drawing or reading QR codes.

Verdicts (and `loket verify` exit codes): ``asli`` (0) the signature matches a key that the key
directory holds for the office named in the QR, and the letter is not cancelled; ``diubah`` (1) the
QR names a known office or key but the signature does not match, the content differs from what
was signed, or the key was no longer valid on the letter's date; ``tidak_dikenal`` (2) the office
or its signing key is unknown here, or the text is not a Loket QR; ``dibatalkan`` (3) genuine, but
the office has cancelled the letter (its signed revocation is in the directory).

The encoding of the claim is in qr_claim.py (re-exported here).
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

import qrcode
from cryptography.exceptions import InvalidSignature

from desktop.models.errors import LoketError
from desktop.models.indonesian import format_date
from desktop.models.trust.directory import KeyInfo, Revocation
from desktop.models.trust.keys import key_id, public_key_from_text
from desktop.printing.qr_claim import (  # noqa: F401 - the names callers import from here
    LEGACY_PREFIX,
    PREFIX,
    PREFIXES,
    SUBJECT_LABELS,
    LetterClaim,
    applicant_subject,
    content_digest,
    decode,
    nik_hash,
    sign_claim,
    split_payload,
    subject_hash,
)


class QrError(LoketError):
    """A QR image cannot be read (no decoder installed, unreadable file)."""


class VerifyStatus(str, Enum):
    """Compares equal to its plain value, e.g. `status == "asli"`."""

    ASLI = "asli"
    DIUBAH = "diubah"
    TIDAK_DIKENAL = "tidak_dikenal"
    DIBATALKAN = "dibatalkan"


@dataclass(frozen=True)
class VerifyResult:
    status: VerifyStatus
    claim: LetterClaim | None
    message: str
    revocation: Revocation | None = None


class TrustSource(Protocol):
    """What verification asks the key directory (models/trust/directory.py implements it)."""

    def key(self, office_code: str, kid: str) -> KeyInfo | None: ...

    def legacy_keys(self, office_code: str) -> list[KeyInfo]: ...

    def knows_office(self, office_code: str) -> bool: ...

    def revocation(self, office_code: str, number: str) -> Revocation | None: ...


class StaticTrust:
    """A fixed map office code -> public key (a QR from that key verifies; nothing is cancelled)."""

    def __init__(self, keys: dict[str, str]) -> None:
        self.keys = keys

    def _info(self, office_code: str) -> KeyInfo | None:
        public = self.keys.get(office_code)
        return None if public is None else KeyInfo(key_id(public), office_code, "legacy", public, "", None, None, "")

    def key(self, office_code: str, kid: str) -> KeyInfo | None:
        info = self._info(office_code)
        return info if info and info.key_id == kid else None

    def legacy_keys(self, office_code: str) -> list[KeyInfo]:
        info = self._info(office_code)
        return [info] if info else []

    def knows_office(self, office_code: str) -> bool:
        return office_code in self.keys

    def revocation(self, office_code: str, number: str) -> Revocation | None:
        return None


def _unknown(message: str, claim: LetterClaim | None = None) -> VerifyResult:
    return VerifyResult(VerifyStatus.TIDAK_DIKENAL, claim, message)


def _signed_by(key: KeyInfo, signature: bytes, message: bytes) -> bool:
    try:
        public_key_from_text(key.public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def verify_payload(payload: str, trust: TrustSource | dict[str, str]) -> VerifyResult:
    """Check a QR text against the key directory (or a fixed office -> key map)."""
    source: TrustSource = StaticTrust(trust) if isinstance(trust, dict) else trust
    try:
        parts = split_payload(payload)
    except ValueError:
        parts = None
        damaged = True
    else:
        damaged = False
    if parts is None:
        if damaged:
            return _unknown("Isi QR tidak dapat dibaca sebagai QR surat. Pindai ulang; bila tetap gagal, "
                            "anggap surat ini tidak dapat dipastikan keasliannya.")
        return _unknown("QR ini bukan QR surat Loket Kelurahan atau tidak terbaca utuh. Pindai ulang.")
    prefix, body, signature = parts
    try:
        claim = decode(prefix, body)
    except (ValueError, UnicodeDecodeError):
        return _unknown("Isi QR tidak dapat dibaca sebagai QR surat. Pindai ulang; bila tetap gagal, "
                        "anggap surat ini tidak dapat dipastikan keasliannya.")
    signed = prefix.encode("ascii") + body
    if claim.legacy:
        keys = source.legacy_keys(claim.office_code)
        key = next((k for k in keys if _signed_by(k, signature, signed)), None)
        if not keys:
            return _unknown(f"Kantor {claim.office_code} tidak dikenal: kunci publiknya belum didaftarkan.", claim)
    else:
        key = source.key(claim.office_code, claim.key_id)
        if key is None:
            if not source.knows_office(claim.office_code):
                return _unknown(f"Kantor {claim.office_code} tidak dikenal: kunci publiknya belum didaftarkan.",
                                claim)
            return _unknown(f"Kunci penanda tangan surat ini tidak terdaftar untuk kantor {claim.office_code}. "
                            "Perbarui direktori kunci (sinkronisasi dengan kecamatan), lalu periksa lagi.", claim)
        if not _signed_by(key, signature, signed):
            key = None
    if key is None:
        return VerifyResult(VerifyStatus.DIUBAH, claim,
                            f"Surat TELAH DIUBAH atau QR palsu: tanda tangan QR tidak cocok dengan kunci "
                            f"kantor {claim.office_code}. Jangan terima surat ini.")
    stale = _key_not_valid_on(key, claim.date)
    if stale:
        return VerifyResult(VerifyStatus.DIUBAH, claim, stale)
    revoked = source.revocation(claim.office_code, claim.number)
    if revoked is not None:
        return VerifyResult(VerifyStatus.DIBATALKAN, claim, _cancelled_message(claim, revoked), revoked)
    return VerifyResult(VerifyStatus.ASLI, claim, _genuine_message(claim))


def _key_not_valid_on(key: KeyInfo, letter_date: str) -> str:
    """A message when the key could not have signed a letter of that date (else '')."""
    if key.revoked_at and letter_date >= key.revoked_at[:10]:
        return (f"Surat TIDAK SAH: kunci penanda tangan telah dicabut sejak {key.revoked_at[:10]} "
                f"({key.revoke_reason or 'tanpa keterangan'}). Jangan terima surat ini.")
    if key.kind == "legacy" and key.retired_at is not None and letter_date > key.retired_at[:10]:
        return ("Surat TIDAK SAH: kunci kantor versi lama tidak lagi menandatangani surat setelah "
                f"{key.retired_at[:10] or 'pembaruan aplikasi'}. Jangan terima surat ini.")
    if key.kind != "legacy" and key.retired_at and letter_date > key.retired_at[:10]:
        return (f"Surat TIDAK SAH: kunci penanda tangan sudah tidak berlaku sejak {key.retired_at[:10]}. "
                "Jangan terima surat ini.")
    return ""


def _genuine_message(claim: LetterClaim) -> str:
    return (f"Surat ASLI: nomor {claim.number}, {claim.service}, diterbitkan "
            f"{format_date(date.fromisoformat(claim.date))} oleh kantor {claim.office_code}, "
            f"ditandatangani {claim.signer}.")


def _cancelled_message(claim: LetterClaim, revoked: Revocation) -> str:
    when = revoked.voided_at[:10]
    text = (f"Surat DIBATALKAN: nomor {claim.number} dari kantor {claim.office_code} dibatalkan "
            f"{format_date(date.fromisoformat(when)) if len(when) == 10 else when}. Alasan: {revoked.reason}.")
    if revoked.replaced_by:
        text += f" Diganti surat nomor {revoked.replaced_by}."
    return text + " Jangan terima surat ini sebagai surat yang berlaku."


def verify_against_content(result: VerifyResult, fields: dict[str, Any]) -> VerifyResult:
    """A genuine QR on a letter whose content differs from what was signed is an altered letter."""
    if result.status not in (VerifyStatus.ASLI, VerifyStatus.DIBATALKAN) or result.claim is None:
        return result
    if content_digest(fields) == result.claim.content_sha256:
        return result
    return replace(result, status=VerifyStatus.DIUBAH,
                   message=f"Surat TELAH DIUBAH atau QR palsu: QR sah untuk surat nomor {result.claim.number}, "
                           "tetapi isi surat tidak sama dengan yang ditandatangani.")


def qr_png(payload: str, box_size: int = 4) -> bytes:
    """PNG bytes of the QR (error level M survives a stamp or fold across a corner)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=4)
    code.add_data(payload)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image().save(out)  # PIL (a reportlab dependency) or pure PyPNG: both PNG
    return out.getvalue()


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR's modules (with the quiet zone), for drawing as vectors in a PDF.

    A fixed mask pattern skips the eight-way mask scoring, the slow part of qrcode (~15 ms -> ~3 ms);
    every mask is valid for decoders, the choice only tunes contrast on unusual data.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, mask_pattern=4)
    code.add_data(payload)
    code.make(fit=True)
    return code.get_matrix()


def decode_qr_image(path: str | Path) -> list[str]:
    """Texts of all QR codes found in an image file, via ``zbarimg`` (zbar-tools)."""
    exe = shutil.which("zbarimg")
    if exe is None:
        raise QrError("Program pembaca QR (zbarimg) belum terpasang. Pasang paket zbar-tools lalu coba lagi.")
    if not Path(path).is_file():
        raise QrError(f"Berkas {path} tidak ditemukan.")
    proc = subprocess.run([exe, "--raw", "-q", str(path)], capture_output=True, timeout=60, check=False)
    if proc.returncode == 4:  # zbarimg: image read, no symbol found
        return []
    if proc.returncode != 0:
        raise QrError(f"Gambar {Path(path).name} tidak dapat dibaca. Pastikan berkasnya gambar PNG/JPG yang utuh.")
    return [line for line in proc.stdout.decode("utf-8", "replace").splitlines() if line]
