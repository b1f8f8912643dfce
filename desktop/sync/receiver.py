"""The kecamatan receiver's request handling, apart from any HTTP server.

    GET  /health   (anyone)                       → 200 {"status": "ok"}  (nothing that identifies the office)
    POST /batch    (signed headers, body = batch) → 200/409 {"receipt", "message", "downlink"}
    POST /receipt  (signed headers, body = receipt of a downlink batch) → 200 {"message"}
    GET  /dashboard (the kabupaten's password)   → the read-only HTML page (stores that have one)

The server calls `route` and `authorize` once the request line and headers are in, and reads
the body only if they pass (sync/request_auth.py); then `handle` applies it. Every refusal is a
4xx with an Indonesian sentence in {"error": ...}. Nothing here knows about sockets or about where
the data is kept: the protocol runs over a ReceiverStore (the kecamatan's SQLite file, or the
kabupaten's PostgreSQL), so both receivers answer the same requests the same way.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import sys
import threading
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop.models.errors import LoketError
from desktop.models.services import Services
from desktop.sync import batch, protocol
from desktop.sync.errors import RequestRefused, SyncError, http_status
from desktop.sync.receiver_store import REFUSED, ReceiverStore
from desktop.sync.request_auth import NonceCache, RequestClaim, verify_request
from desktop.sync.sqlite_store import SqliteStore

ROUTES = {"/batch": "POST", "/receipt": "POST", "/health": "GET"}
DASHBOARD = "/dashboard"


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]
    # A page instead of JSON (the dashboard): its bytes and headers.
    content: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()


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
    """A receiver over a store (an office's Services are its SQLite store). `handle` calls run one at a
    time, unless the store applies batches safely side by side (PostgreSQL: a row lock per sender)."""

    def __init__(self, store: ReceiverStore | Services) -> None:
        self.store: Any = SqliteStore(store) if isinstance(store, Services) else store
        self.nonces = NonceCache()
        self.concurrent = bool(getattr(self.store, "concurrent", False))
        self._apply_lock: Any = contextlib.nullcontext() if self.concurrent else threading.Lock()

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
        return verify_request(method, path, headers, me=self.store.office_code, key_for=self.store.key_for,
                              now=self.store.clock.now(), nonces=self.nonces)

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
        result = protocol.receive(self.store, data)
        downlink = None
        if result.receipt.status != REFUSED:
            down = self.store.downlink(result.sender)
            downlink = base64.b64encode(down).decode("ascii") if down else None
        body = {"receipt": base64.b64encode(result.receipt_bytes).decode("ascii"), "message": result.message,
                "downlink": downlink}
        return Answer(409 if result.receipt.status == REFUSED else 200, body)

    def _receipt(self, claim: RequestClaim, data: bytes) -> Answer:
        _same_sender(claim, data)
        return Answer(200, {"message": self.store.accept_receipt(data)})

    def dashboard(self, headers: Mapping[str, str], query: str) -> Answer:
        """The kabupaten's read-only page (its own password, checked by the store's page); never raises."""
        page = getattr(self.store, "dashboard_page", None)
        if page is None:
            return Answer(404, {"error": "Dasbor hanya ada di penerima kabupaten (PostgreSQL)."})
        try:
            status, page_headers, content = page({"HTTP_AUTHORIZATION": headers.get("authorization", ""),
                                                  "QUERY_STRING": query})
        except Exception as exc:  # noqa: BLE001 - a page that fails answers like any other request
            return refusal(exc)
        return Answer(int(status.split()[0]), {}, content, tuple(page_headers))


def _same_sender(claim: RequestClaim, data: bytes) -> None:
    """A kelurahan sends its own batches: a file signed by another office is not relayed through it."""
    header, _ = batch._split(data)
    manifest = header.get("manifest")
    signer = str(manifest.get("sender", ""))[:64] if isinstance(manifest, dict) else ""
    if signer != claim.sender:
        raise RequestRefused(f"Berkas di dalam kiriman dibuat kantor {signer or '?'}, tetapi dikirim oleh kantor "
                             f"{claim.sender}; setiap kantor mengirim berkasnya sendiri.", 403)
