"""Network transport: push pending batches to the kecamatan's receiver, with retry and back-off.

One round = one batch up (or an empty one, to ask for decisions), the signed receipt back,
and any downlink batch applied here with its receipt sent up. If the connection drops at any
point nothing is lost: the acknowledged sequence moves only on a verified receipt, and the
receiver acknowledges a batch it already holds without applying it again.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from desktop.models.services import Services
from desktop.sync import outbound
from desktop.sync.errors import NotConfigured, SyncError, TransportError
from desktop.sync.inbound import receive
from desktop.sync.request_auth import sign_request

MAX_ROUNDS = 50


@dataclass(frozen=True)
class PushResult:
    batches: int  # batches the kecamatan acknowledged in this push
    acked_seq: int
    downlink_applied: int
    message: str


def reachable(url: str, timeout: float = 3.0) -> bool:
    """Whether the kecamatan's receiver answers (the worker checks before pushing)."""
    try:
        return httpx.get(url.rstrip("/") + "/health", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


def push(services: Services, *, url: str | None = None, client: httpx.Client | None = None, attempts: int = 4,
         backoff: float = 1.0, sleep: Callable[[float], None] = time.sleep) -> PushResult:
    """Send everything pending; raise TransportError after `attempts` failed tries (error noted)."""
    repo = outbound.peers(services)
    peer = repo.upstream()
    assert peer is not None
    base = (url or peer.url).rstrip("/")
    if not base:
        raise NotConfigured("Alamat penerima kecamatan belum diisi (contoh: http://192.168.1.10:8765).")
    own = client is None
    http = client or httpx.Client(timeout=httpx.Timeout(30.0, connect=5.0))
    batches = downlink = 0
    try:
        for _ in range(MAX_ROUNDS):
            data = outbound.pending_batch(services, peer.office_code, allow_empty=True)
            assert data is not None
            answer = _post(http, base, "/batch", data, attempts, backoff, sleep, services, peer.office_code)
            receipt = outbound.accept_receipt(services, base64.b64decode(answer["receipt"]))
            if receipt.status == "refused":
                continue  # acked sequence rewound to what the receiver expects; resend from there
            batches += 1
            if answer.get("downlink"):
                result = receive(services, base64.b64decode(answer["downlink"]))
                downlink += result.receipt.applied
                _post(http, base, "/receipt", result.receipt_bytes, attempts, backoff, sleep, services,
                      peer.office_code)
            if outbound.pending_count(services, peer.office_code) == 0 and not answer.get("downlink"):
                break
    finally:
        if own:
            http.close()
    acked = repo.get(peer.office_code).out_acked_seq
    return PushResult(batches, acked, downlink, f"Sinkron dengan kecamatan sampai urutan {acked}.")


def _post(http: httpx.Client, base: str, path: str, data: bytes, attempts: int, backoff: float,
          sleep: Callable[[float], None], services: Services, peer_code: str) -> dict[str, Any]:
    last_error = ""
    for attempt in range(attempts):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        # Signed afresh for every attempt: the receiver checks these headers before reading the body.
        headers = sign_request("POST", path, data, sender=services.profile.office_code, receiver=peer_code,
                               key=services.office_keys.private_key(), now=services.clock.now(),
                               handover=services.office_keys.handover())
        try:
            response = http.post(base + path, content=data,
                                 headers={"Content-Type": "application/octet-stream", **headers})
        except httpx.TransportError as exc:
            last_error = f"sambungan terputus ({type(exc).__name__})"
            continue
        if response.status_code >= 500:
            last_error = f"penerima menjawab galat {response.status_code}"
            continue
        try:
            body = response.json()
        except ValueError:
            last_error = "jawaban penerima tidak dapat dibaca"
            continue
        if response.status_code in (200, 409):
            return dict(body)
        message = str(body.get("error") or f"ditolak ({response.status_code})")
        outbound.peers(services).note_error(peer_code, message)
        raise SyncError(f"Kecamatan menolak kiriman: {message}")
    message = (f"Kecamatan tidak dapat dihubungi setelah {attempts} kali mencoba: {last_error}. Data tetap "
               "tersimpan dan akan dikirim lagi otomatis, atau pakai 'Ekspor ke flashdisk'.")
    outbound.peers(services).note_error(peer_code, message)
    raise TransportError(message)
