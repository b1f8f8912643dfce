"""The receiver: a small WSGI app served by waitress, over any ReceiverStore.

    POST /batch    body = a batch file          → 200/409 {"receipt", "message", "downlink"}
    POST /receipt  body = a receipt (downlink)  → 200 {"message"}
    GET  /health                                → 200 {"office", "level", "name"}
    GET  /dashboard                             → the kabupaten's read-only page (stores that have one)

waitress reads the whole request body before the app runs, so an upload cut off half way
never reaches `receive`. An office's SQLite store is used by one request at a time; a store that
handles its own concurrency (PostgreSQL: a row lock per sender) takes requests in parallel.
"""

from __future__ import annotations

import base64
import contextlib
import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.models.errors import LoketError
from desktop.models.services import Services
from desktop.office import open_office
from desktop.sync import protocol
from desktop.sync.errors import BadSignature, ReceiverUnavailable, UnknownSender
from desktop.sync.receiver_store import REFUSED, ReceiverStore
from desktop.sync.sqlite_store import SqliteStore

MAX_BODY = 256 * 1024 * 1024
StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class ReceiverApp:
    """WSGI callable over one receiver store (an office's Services are wrapped in a SqliteStore)."""

    def __init__(self, store: ReceiverStore | Services) -> None:
        self.store: ReceiverStore = SqliteStore(store) if isinstance(store, Services) else store
        # An office database is one connection: one request at a time. A store that says it is safe
        # for parallel requests (PostgreSQL) gets no global lock.
        self._lock: Any = contextlib.nullcontext() if getattr(self.store, "concurrent", False) else threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "/")
        try:
            if method == "GET" and path.startswith("/dashboard"):
                return self._dashboard(environ, start_response)
            with self._lock:
                if method == "GET" and path == "/health":
                    return _json(start_response, 200, self.store.health())
                if method == "POST" and path == "/batch":
                    return self._batch(_body(environ), start_response)
                if method == "POST" and path == "/receipt":
                    return _json(start_response, 200, {"message": self.store.accept_receipt(_body(environ))})
            return _json(start_response, 404, {"error": "Alamat tidak dikenal di penerima Loket."})
        except (UnknownSender, BadSignature) as exc:
            return _json(start_response, 403, {"error": str(exc)})
        except ReceiverUnavailable as exc:  # the sender retries later; nothing was applied
            return _json(start_response, 503, {"error": str(exc)})
        except LoketError as exc:
            return _json(start_response, 400, {"error": str(exc)})

    def _batch(self, data: bytes, start_response: StartResponse) -> Iterable[bytes]:
        result = protocol.receive(self.store, data)
        downlink = None
        if result.receipt.status != REFUSED:
            down = self.store.downlink(result.sender)
            downlink = base64.b64encode(down).decode("ascii") if down else None
        body = {"receipt": base64.b64encode(result.receipt_bytes).decode("ascii"), "message": result.message,
                "downlink": downlink}
        return _json(start_response, 409 if result.receipt.status == REFUSED else 200, body)

    def _dashboard(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        page = getattr(self.store, "dashboard_page", None)
        if page is None:
            return _json(start_response, 404, {"error": "Dasbor hanya ada di penerima kabupaten (PostgreSQL)."})
        status, headers, body = page(environ)
        start_response(status, headers)
        return [body]


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
    reason = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
              409: "Conflict", 503: "Service Unavailable"}[status]
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


def start_background(store: ReceiverStore | Services, host: str = "127.0.0.1", port: int = 0,
                     threads: int = 2) -> RunningServer:
    from waitress import create_server

    server = create_server(ReceiverApp(store), host=host, port=port, threads=threads)
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


def serve_postgres(url: str, key_file: Path, host: str = "0.0.0.0", port: int = 8765, *, threads: int = 8,
                   dashboard_password: str = "") -> None:
    """`loket serve --database postgresql://…`: the kabupaten's receiver, until interrupted."""
    from waitress import serve as waitress_serve

    from desktop.sync.postgres.store import PostgresStore

    store = PostgresStore.open(url, key_file, dashboard_password=dashboard_password, max_connections=threads)
    try:
        waitress_serve(ReceiverApp(store), host=host, port=port, threads=threads)
    finally:
        store.close()
