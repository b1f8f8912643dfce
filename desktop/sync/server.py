"""The kecamatan's receiver: a small WSGI app served by waitress.

    POST /batch    body = a batch file          → 200/409 {"receipt", "message", "downlink"}
    POST /receipt  body = a receipt (downlink)  → 200 {"message"}
    GET  /health                                → 200 {"office", "level", "name"}

waitress reads the whole request body before the app runs, so an upload cut off half way
never reaches `receive`; requests are applied one at a time (one SQLite connection).
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.models.errors import LoketError
from desktop.models.services import Services
from desktop.office import open_office
from desktop.sync import outbound
from desktop.sync.errors import BadSignature, UnknownSender
from desktop.sync.inbound import REFUSED, receive

MAX_BODY = 256 * 1024 * 1024
StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class ReceiverApp:
    """WSGI callable over one office's Services."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "/")
        try:
            with self._lock:
                if method == "GET" and path == "/health":
                    profile = self.services.profile
                    return _json(start_response, 200, {"office": profile.office_code, "level": profile.level,
                                                       "name": profile.office_name})
                if method == "POST" and path == "/batch":
                    return self._batch(_body(environ), start_response)
                if method == "POST" and path == "/receipt":
                    receipt = outbound.accept_receipt(self.services, _body(environ))
                    return _json(start_response, 200, {"message": receipt.message})
            return _json(start_response, 404, {"error": "Alamat tidak dikenal di penerima Loket."})
        except (UnknownSender, BadSignature) as exc:
            return _json(start_response, 403, {"error": str(exc)})
        except LoketError as exc:
            return _json(start_response, 400, {"error": str(exc)})

    def _batch(self, data: bytes, start_response: StartResponse) -> Iterable[bytes]:
        result = receive(self.services, data)
        downlink = None
        if result.receipt.status != REFUSED:
            down = outbound.pending_batch(self.services, result.sender)
            downlink = base64.b64encode(down).decode("ascii") if down else None
        body = {"receipt": base64.b64encode(result.receipt_bytes).decode("ascii"), "message": result.message,
                "downlink": downlink}
        return _json(start_response, 409 if result.receipt.status == REFUSED else 200, body)


def _body(environ: dict[str, Any]) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length <= 0 or length > MAX_BODY:
        raise LoketError("Permintaan tanpa isi atau terlalu besar.")
    return environ["wsgi.input"].read(length)


def _json(start_response: StartResponse, status: int, body: dict[str, Any]) -> list[bytes]:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    reason = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict"}[status]
    start_response(f"{status} {reason}", [("Content-Type", "application/json; charset=utf-8"),
                                          ("Content-Length", str(len(data)))])
    return [data]


@dataclass
class RunningServer:
    """A receiver on a background thread (tests, and the app's kecamatan mode)."""

    url: str
    _server: Any
    _thread: threading.Thread

    def stop(self) -> None:
        from waitress import wasyncore

        # Closing must happen on the loop's own thread; the trigger runs it there.
        self._server.trigger.pull_trigger(lambda: wasyncore.close_all(self._server._map))
        self._thread.join(10)
        self._server.task_dispatcher.shutdown()


def start_background(services: Services, host: str = "127.0.0.1", port: int = 0) -> RunningServer:
    from waitress import create_server

    server = create_server(ReceiverApp(services), host=host, port=port, threads=2)
    thread = threading.Thread(target=server.run, name="loket-receiver", daemon=True)
    thread.start()
    return RunningServer(f"http://{host}:{server.effective_port}", server, thread)


def serve(db_path: str | Path | None, host: str = "0.0.0.0", port: int = 8765) -> None:
    """`loket serve`: run the kecamatan's receiver over its database until interrupted."""
    from waitress import serve as waitress_serve

    services = open_office(db_path)
    if services.profile.level != "kecamatan":
        raise LoketError("Penerima hanya dijalankan di kantor kecamatan; basis data ini milik kelurahan.")
    waitress_serve(ReceiverApp(services), host=host, port=port, threads=2)
