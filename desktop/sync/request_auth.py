"""Who is knocking: every request to the receiver carries headers signed with the sender's office key.

The receiver checks them before it reads a single byte of the body, so a stranger cannot make
it read, store or decompress anything. The signature covers the method, the path, both office
codes, the time, a one-time nonce, the body's length and its SHA-256; the receiver then streams
the body against that length and hash.

Pure functions over a mapping of headers: no HTTP server, no database (the caller passes a
`key_for(office_code)` lookup), so any receiver (SQLite today, PostgreSQL later) can reuse them.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.models.clock import iso
from desktop.models.trust.office_keys import b64url_decode, b64url_encode, public_key_from_text
from desktop.sync import limits
from desktop.sync.errors import RequestRefused

SENDER, RECEIVER, TIME = "x-loket-sender", "x-loket-receiver", "x-loket-time"
HANDOVER = "x-loket-handover"  # an office upgraded from 0.1: its old key's word for the new one
NONCE, DIGEST, SIGNATURE = "x-loket-nonce", "x-loket-body-sha256", "x-loket-signature"
LENGTH = "content-length"
_SCHEME = "loket-http-1"
_CODE = re.compile(r"[A-Za-z0-9._-]{1,64}")
_NONCE = re.compile(r"[A-Za-z0-9_-]{16,64}")
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class RequestClaim:
    """What a verified request says about itself; the body must match `length` and `sha256`."""

    sender: str
    receiver: str
    length: int
    sha256: str


def _message(method: str, path: str, sender: str, receiver: str, at: str, nonce: str, length: int,
             digest: str) -> bytes:
    return "\n".join([_SCHEME, method.upper(), path, sender, receiver, at, nonce, str(length), digest]).encode()


def sign_request(method: str, path: str, body: bytes, *, sender: str, receiver: str, key: Ed25519PrivateKey,
                 now: datetime, handover: dict | None = None) -> dict[str, str]:
    """Headers for one request (a fresh nonce each time, so a retry is a new request)."""
    at, nonce, digest = iso(now), secrets.token_urlsafe(18), hashlib.sha256(body).hexdigest()
    signature = key.sign(_message(method, path, sender, receiver, at, nonce, len(body), digest))
    headers = {"X-Loket-Sender": sender, "X-Loket-Receiver": receiver, "X-Loket-Time": at, "X-Loket-Nonce": nonce,
               "X-Loket-Body-Sha256": digest, "X-Loket-Signature": b64url_encode(signature)}
    if handover:
        from desktop.models import jsonutil

        headers["X-Loket-Handover"] = b64url_encode(jsonutil.dumps(handover).encode("utf-8"))
    return headers


class NonceCache:
    """Nonces seen within the accepted time window: a captured request cannot be played again."""

    def __init__(self, capacity: int = 100_000) -> None:
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()

    def first_use(self, nonce: str, at: float) -> bool:
        with self._lock:
            horizon = at - 2 * limits.REQUEST_MAX_SKEW
            while self._seen and (next(iter(self._seen.values())) < horizon or len(self._seen) >= self._capacity):
                self._seen.popitem(last=False)
            if nonce in self._seen:
                return False
            self._seen[nonce] = at
            return True


def _signing_key(headers: Mapping[str, str], sender: str, enrolled: str) -> str:
    """The enrolled key, or the key it handed over to (a sender upgraded from 0.1; checked here, the
    receiver re-keys the sender when its batch arrives)."""
    raw = headers.get(HANDOVER, "")
    if not raw or len(raw) > 2000:
        return enrolled
    try:
        import json

        handover = json.loads(b64url_decode(raw).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return enrolled
    from desktop.models.trust.office_keys import handed_over_key

    return handed_over_key(handover, sender, enrolled) or enrolled


def verify_request(method: str, path: str, headers: Mapping[str, str], *, me: str,
                   key_for: Callable[[str], str | None], now: datetime, nonces: NonceCache) -> RequestClaim:
    """Check the headers (names lower-case); raise RequestRefused with the status and the reason."""
    values = {name: headers.get(name, "") for name in (SENDER, RECEIVER, TIME, NONCE, DIGEST, SIGNATURE, LENGTH)}
    if not all(values[n] for n in (SENDER, RECEIVER, TIME, NONCE, DIGEST, SIGNATURE)):
        raise RequestRefused("Permintaan ditolak: tanpa tanda pengenal kantor Loket. Hanya kelurahan yang "
                             "terdaftar di kecamatan ini yang dapat mengirim.", 401)
    sender, receiver = values[SENDER], values[RECEIVER]
    if not (_CODE.fullmatch(sender) and _CODE.fullmatch(receiver) and _NONCE.fullmatch(values[NONCE])
            and _HEX64.fullmatch(values[DIGEST]) and len(values[SIGNATURE]) < 200 and len(values[TIME]) < 40):
        raise RequestRefused("Permintaan ditolak: tanda pengenal kantor rusak.", 400)
    if receiver != me:
        raise RequestRefused(f"Kiriman ini ditujukan ke kantor {receiver}, bukan kantor ini ({me}). Periksa "
                             "alamat penerima di layar Sinkronisasi kelurahan.", 421)
    if sender == me:
        raise RequestRefused(f"Kiriman ini bertanda kantor ini sendiri ({me}); sebuah kantor tidak mengirim "
                             "ke dirinya. Periksa alamat penerima di kantor pengirim.", 403)
    key_text = key_for(sender)
    if not key_text:
        raise RequestRefused(f"Kantor pengirim '{sender}' belum terdaftar di sini. Daftarkan dulu kunci "
                             "publiknya (menu Sinkronisasi) lalu kirim ulang.", 403)
    try:
        length = int(values[LENGTH])
    except ValueError:
        raise RequestRefused("Permintaan ditolak: panjang isi (Content-Length) wajib ada.", 411) from None
    message = _message(method, path, sender, receiver, values[TIME], values[NONCE], length, values[DIGEST])
    try:
        public_key_from_text(_signing_key(headers, sender, key_text)).verify(b64url_decode(values[SIGNATURE]), message)
    except (InvalidSignature, ValueError):
        raise RequestRefused(f"Tanda tangan permintaan dari kantor {sender} tidak sah: tidak dibuat dengan "
                             "kunci kantor itu atau diubah di perjalanan.", 403) from None
    try:
        sent_at = datetime.fromisoformat(values[TIME])
        skew = (sent_at - now).total_seconds()
    except (ValueError, TypeError):
        raise RequestRefused("Permintaan ditolak: waktu kirim tidak terbaca.", 400) from None
    if abs(skew) > limits.REQUEST_MAX_SKEW:
        raise RequestRefused(f"Jam komputer kantor {sender} berbeda {abs(skew) / 60:.0f} menit dari jam "
                             f"kecamatan ({iso(now)}). Betulkan tanggal dan jam komputer itu, lalu kirim ulang.",
                             403)
    if not nonces.first_use(values[NONCE], now.timestamp()):
        raise RequestRefused("Permintaan ini sudah pernah diterima (kiriman ulang yang sama persis); "
                             "diabaikan.", 403)
    if length < 0:
        raise RequestRefused("Permintaan ditolak: panjang isi tidak sah.", 400)
    if length > limits.MAX_BODY:
        raise RequestRefused(f"Kiriman terlalu besar ({length:,} bita; batas {limits.MAX_BODY:,} bita). Kirim "
                             "dalam beberapa batch.".replace(",", "."), 413)
    return RequestClaim(sender, receiver, length, values[DIGEST])
