"""The kecamatan receiver's request handling, apart from any HTTP server.

    GET  /health   (anyone)                       → 200 {"status": "ok"}  (nothing that identifies the office)
    POST /batch    (signed headers, body = batch) → 200/409 {"receipt", "message", "downlink"}
    POST /receipt  (signed headers, body = receipt of a downlink batch) → 200 {"message"}

The server calls `route` and `authorize` once the request line and headers are in, and reads
the body only if they pass (sync/request_auth.py); then `handle` applies it. Every refusal is a
4xx with an Indonesian sentence in {"error": ...}. Nothing here knows about sockets, so another
server (or the PostgreSQL receiver) can drive the same steps.
"""

from __future__ import annotations

import base64
import hashlib
import sys
import threading
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop.models.errors import LoketError
from desktop.models.services import Services
from desktop.sync import batch, outbound
from desktop.sync.errors import RequestRefused, SyncError, http_status
from desktop.sync.inbound import REFUSED, receive
from desktop.sync.request_auth import NonceCache, RequestClaim, verify_request

ROUTES = {"/batch": "POST", "/receipt": "POST", "/health": "GET"}


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]


def refusal(exc: BaseException) -> Answer:
    """The answer for an error: a 4xx with its message, or a 500 that names no internals."""
    if isinstance(exc, SyncError):
        return Answer(http_status(exc), {"error": str(exc)})
    if isinstance(exc, LoketError):
        return Answer(400, {"error": str(exc)})
    traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    return Answer(500, {"error": "Kesalahan di penerima kecamatan; tidak ada data yang dimasukkan. Kiriman "
                                 "dicoba lagi nanti; bila berulang, hubungi admin kecamatan."})


class Receiver:
    """One office's receiver over its Services; `handle` calls run one at a time."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.nonces = NonceCache()
        self._apply_lock = threading.Lock()

    @staticmethod
    def health() -> Answer:
        return Answer(200, {"status": "ok"})

    @staticmethod
    def route(method: str, path: str) -> Answer | None:
        """None when the request goes on to `authorize`; else the 404/405 answer."""
        expected = ROUTES.get(path)
        if expected is None:
            return Answer(404, {"error": "Alamat tidak dikenal di penerima Loket."})
        if method != expected:
            return Answer(405, {"error": f"Alamat {path} hanya menerima {expected}."})
        return None

    def authorize(self, method: str, path: str, headers: Mapping[str, str]) -> RequestClaim:
        """Check who sends, before the body is read; raises RequestRefused."""
        repo = outbound.peers(self.services)
        return verify_request(method, path, headers, me=self.services.profile.office_code, key_for=repo.key_for,
                              now=self.services.clock.now(), nonces=self.nonces)

    def handle(self, path: str, claim: RequestClaim, body: bytes) -> Answer:
        """Apply an authorised request whose body has been read; never raises."""
        try:
            if len(body) != claim.length or hashlib.sha256(body).hexdigest() != claim.sha256:
                raise RequestRefused("Isi kiriman tidak sama dengan yang ditandatangani (terpotong atau diubah di "
                                     "perjalanan). Tidak ada data yang dimasukkan; kirim ulang.", 400)
            with self._apply_lock:
                if path == "/batch":
                    return self._batch(claim, body)
                return self._receipt(claim, body)
        except Exception as exc:  # noqa: BLE001 - every failure becomes an answer, the receiver stays up
            return refusal(exc)

    def _batch(self, claim: RequestClaim, data: bytes) -> Answer:
        _same_sender(claim, data)
        result = receive(self.services, data)
        downlink = None
        if result.receipt.status != REFUSED:
            down = outbound.pending_batch(self.services, result.sender)
            downlink = base64.b64encode(down).decode("ascii") if down else None
        body = {"receipt": base64.b64encode(result.receipt_bytes).decode("ascii"), "message": result.message,
                "downlink": downlink}
        return Answer(409 if result.receipt.status == REFUSED else 200, body)

    def _receipt(self, claim: RequestClaim, data: bytes) -> Answer:
        _same_sender(claim, data)
        receipt = outbound.accept_receipt(self.services, data)
        return Answer(200, {"message": receipt.message})


def _same_sender(claim: RequestClaim, data: bytes) -> None:
    """A kelurahan sends its own batches: a file signed by another office is not relayed through it."""
    header, _ = batch._split(data)
    manifest = header.get("manifest")
    signer = str(manifest.get("sender", ""))[:64] if isinstance(manifest, dict) else ""
    if signer != claim.sender:
        raise RequestRefused(f"Berkas di dalam kiriman dibuat kantor {signer or '?'}, tetapi dikirim oleh kantor "
                             f"{claim.sender}; setiap kantor mengirim berkasnya sendiri.", 403)
