"""The kecamatan's receiver over HTTP/1.1: asyncio for the sockets, h11 for the protocol.

Why not a thread-per-connection server: a hundred clients sending their headers one byte a
second would hold every thread (waitress also reads a whole body before the application sees
the headers). Here each connection is a coroutine with deadlines:

- request line + headers within HEADER_DEADLINE seconds and MAX_HEADER_BYTES bytes;
- the sender is authenticated from the headers (receiver.Receiver.authorize) before one byte of
  the body is read; the body must then arrive within body_deadline(length);
- at MAX_CONNECTIONS open connections the one that has waited longest for its headers is dropped,
  so slow clients cannot lock out a real push.

Database work (authorising, applying) runs on worker threads: one for an office's SQLite file (one
request at a time), several for the kabupaten's PostgreSQL (each batch locks only its sender).
"""

from __future__ import annotations

import asyncio
import errno
import json
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import h11

from desktop.models.errors import LoketError
from desktop.models.services import Services
from desktop.sync import limits
from desktop.sync.errors import RequestRefused
from desktop.sync.receiver import DASHBOARD, Answer, Receiver, refusal
from desktop.sync.receiver_store import ReceiverStore

_REASONS = {200: b"OK", 400: b"Bad Request", 401: b"Unauthorized", 403: b"Forbidden", 404: b"Not Found",
            405: b"Method Not Allowed", 408: b"Request Timeout", 409: b"Conflict", 411: b"Length Required",
            413: b"Content Too Large", 421: b"Misdirected Request", 431: b"Request Header Fields Too Large",
            500: b"Internal Server Error", 503: b"Service Unavailable"}


class _Closed(Exception):
    """The client went away."""


@dataclass(eq=False)
class _Connection:
    writer: asyncio.StreamWriter
    opened: float
    # May be dropped when the server is full: while it still sends its headers, and while it
    # lingers after a refusal. Not while an authenticated sender uploads or a batch is applied.
    evictable: bool = True
    task: asyncio.Task | None = field(default=None, repr=False)


class ReceiverServer:
    """Serves one Receiver on a listening socket; run it with `serve_forever` or `start_background`."""

    def __init__(self, receiver: Receiver, *, max_connections: int = limits.MAX_CONNECTIONS,
                 threads: int = 4) -> None:
        self.receiver = receiver
        self.max_connections = max_connections
        self._connections: list[_Connection] = []
        workers = max(1, threads) if receiver.concurrent else 1
        self._db = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="loket-receiver-db")
        self._server: asyncio.base_events.Server | None = None

    async def listen(self, host: str, port: int) -> int:
        """Bind (raises LoketError when the port is taken) and return the port."""
        try:
            self._server = await asyncio.start_server(self._on_client, host, port, backlog=512)
        except OSError as exc:
            raise LoketError(_bind_error(exc, host, port)) from None
        return int(self._server.sockets[0].getsockname()[1])

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for conn in list(self._connections):
            conn.writer.transport.abort()
            if conn.task is not None:
                conn.task.cancel()
        if self._server is not None:
            await self._server.wait_closed()
        self._db.shutdown(wait=True)

    # --- one connection ----------------------------------------------------------------------
    async def _on_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        conn = _Connection(writer, time.monotonic(), task=asyncio.current_task())
        if len(self._connections) >= self.max_connections and not self._evict_slowest():
            writer.write(_raw_answer(Answer(503, {"error": "Penerima sedang penuh; coba lagi sebentar lagi."})))
            writer.transport.abort()
            return
        self._connections.append(conn)
        try:
            await self._serve(conn, reader, writer)
        except (_Closed, ConnectionError, asyncio.IncompleteReadError):
            pass
        except Exception:  # noqa: BLE001 - one broken connection must not reach the event loop
            import traceback

            traceback.print_exc()
        finally:
            if conn in self._connections:
                self._connections.remove(conn)
            writer.close()

    def _evict_slowest(self) -> bool:
        waiting = [c for c in self._connections if c.evictable]
        if not waiting:
            return False
        oldest = min(waiting, key=lambda c: c.opened)
        oldest.writer.transport.abort()
        if oldest.task is not None:
            oldest.task.cancel()
        self._connections.remove(oldest)
        return True

    async def _serve(self, conn: _Connection, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        h = h11.Connection(h11.SERVER, max_incomplete_event_size=limits.MAX_HEADER_BYTES)
        try:
            request = await asyncio.wait_for(_next_request(h, reader), limits.HEADER_DEADLINE)
        except asyncio.TimeoutError:
            await _send(h, writer, Answer(408, {"error": "Permintaan terlalu lambat dikirim; sambungan ditutup."}))
            return
        except h11.RemoteProtocolError:
            status = 431 if _headers_too_big(h) else 400
            await _send(h, writer, Answer(status, {"error": "Permintaan HTTP tidak sah atau kepala terlalu besar."}))
            return
        conn.evictable = False
        answer, body_done = await self._answer(h, reader, request)
        await _send(h, writer, answer)
        if not body_done:
            conn.evictable = True
            await _linger(reader, writer)

    async def _answer(self, h: h11.Connection, reader: asyncio.StreamReader,
                      request: h11.Request) -> tuple[Answer, bool]:
        method = request.method.decode("ascii", "replace")
        path, _, query = request.target.decode("ascii", "replace").partition("?")
        if method == "GET" and path == "/health":
            return self.receiver.health(), True
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in request.headers}
        loop = asyncio.get_running_loop()
        if method == "GET" and path == DASHBOARD:
            return await loop.run_in_executor(self._db, self.receiver.dashboard, headers, query), True
        routed = self.receiver.route(method, path)
        if routed is not None:
            return routed, False
        try:
            claim = await loop.run_in_executor(self._db, self.receiver.authorize, method, path, headers)
        except Exception as exc:  # noqa: BLE001 - RequestRefused, or a database problem: an answer either way
            return refusal(exc), False
        if h.they_are_waiting_for_100_continue:
            h.send(h11.InformationalResponse(status_code=100, headers=[]))
        try:
            body = await asyncio.wait_for(_read_body(h, reader, claim.length), limits.body_deadline(claim.length))
        except asyncio.TimeoutError:
            return Answer(408, {"error": "Isi kiriman datang terlalu lambat; sambungan ditutup. Dicoba lagi nanti."}), False
        except (h11.RemoteProtocolError, RequestRefused) as exc:
            message = str(exc) if isinstance(exc, RequestRefused) else "Isi kiriman tidak sesuai panjangnya."
            return Answer(400, {"error": message}), False
        answer = await loop.run_in_executor(self._db, self.receiver.handle, path, claim, body)
        return answer, True


async def _next_request(h: h11.Connection, reader: asyncio.StreamReader) -> h11.Request:
    while True:
        event = h.next_event()
        if event is h11.NEED_DATA:
            data = await reader.read(4096)
            if not data:
                raise _Closed()
            h.receive_data(data)
            continue
        if isinstance(event, h11.Request):
            return event
        raise _Closed()


async def _read_body(h: h11.Connection, reader: asyncio.StreamReader, length: int) -> bytes:
    body = bytearray()
    while True:
        event = h.next_event()
        if event is h11.NEED_DATA:
            data = await reader.read(64 * 1024)
            if not data:
                raise _Closed()
            h.receive_data(data)
        elif isinstance(event, h11.Data):
            body += event.data
            if len(body) > length:
                raise RequestRefused("Isi kiriman lebih panjang dari yang ditandatangani.", 400)
        elif isinstance(event, h11.EndOfMessage):
            return bytes(body)
        else:
            raise _Closed()


def _headers_too_big(h: h11.Connection) -> bool:
    return len(h.trailing_data[0]) >= limits.MAX_HEADER_BYTES


def _payload(answer: Answer) -> tuple[bytes, list[tuple[str, str]]]:
    """JSON, or the page an answer carries (the dashboard) with its own headers."""
    if answer.content is not None:
        data, headers = answer.content, [h for h in answer.headers if h[0].lower() != "content-length"]
    else:
        data = json.dumps(answer.body, ensure_ascii=False).encode("utf-8")
        headers = [("Content-Type", "application/json; charset=utf-8")]
    return data, [*headers, ("Content-Length", str(len(data))), ("Connection", "close")]


def _raw_answer(answer: Answer) -> bytes:
    data, headers = _payload(answer)
    reason = _REASONS.get(answer.status, b"Error")
    head = b"".join(f"{k}: {v}\r\n".encode("latin-1") for k, v in headers)
    return b"HTTP/1.1 %d %s\r\n" % (answer.status, reason) + head + b"\r\n" + data


async def _send(h: h11.Connection, writer: asyncio.StreamWriter, answer: Answer) -> None:
    data, headers = _payload(answer)
    try:
        out = h.send(h11.Response(status_code=answer.status, headers=headers,
                                  reason=_REASONS.get(answer.status, b"Error")))
        out += h.send(h11.Data(data=data)) + h.send(h11.EndOfMessage())
    except h11.LocalProtocolError:
        out = _raw_answer(answer)
    writer.write(out)
    try:
        await asyncio.wait_for(writer.drain(), 10)
    except (asyncio.TimeoutError, ConnectionError):
        writer.transport.abort()


async def _linger(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, seconds: float = 2.0) -> None:
    """After refusing unread: read and drop what the client is still sending for a moment, so it
    sees the answer instead of a reset connection (bounded: at most `seconds`)."""
    if writer.can_write_eof():
        writer.write_eof()

    async def drop() -> None:
        while await reader.read(64 * 1024):
            pass

    try:
        await asyncio.wait_for(drop(), seconds)
    except (asyncio.TimeoutError, ConnectionError):
        pass


def _bind_error(exc: OSError, host: str, port: int) -> str:
    if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
        return (f"Port {port} sudah dipakai program lain (mungkin penerima Loket sudah berjalan). Hentikan program "
                f"itu, atau jalankan dengan --port lain.")
    if exc.errno in (errno.EACCES, getattr(errno, "WSAEACCES", -1)):
        return f"Port {port} tidak boleh dipakai oleh pengguna ini; pilih port di atas 1024 (mis. --port 8765)."
    return f"Penerima tidak dapat mendengarkan di {host}:{port}: {exc.strerror or exc}."


# --- running it ------------------------------------------------------------------------------------

@dataclass
class RunningServer:
    """A receiver on a background thread (tests, and the app's kecamatan mode)."""

    url: str
    _loop: asyncio.AbstractEventLoop
    _stop: asyncio.Event
    _thread: threading.Thread

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)


def start_background(store: ReceiverStore | Services, host: str = "127.0.0.1", port: int = 0,
                     **options: Any) -> RunningServer:
    server = ReceiverServer(Receiver(store), **options)
    loop = asyncio.new_event_loop()
    ready: dict[str, Any] = {}
    started = threading.Event()

    async def main() -> None:
        stop = asyncio.Event()
        try:
            ready["port"] = await server.listen(host, port)
        except LoketError as exc:
            ready["error"] = exc
            started.set()
            return
        ready["stop"] = stop
        started.set()
        await stop.wait()
        await server.close()

    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), name="loket-receiver", daemon=True)
    thread.start()
    started.wait(10)
    if "error" in ready:
        thread.join(5)
        raise ready["error"]
    return RunningServer(f"http://{host}:{ready['port']}", loop, ready["stop"], thread)


def serve(db_path: str | Path | None, host: str = "0.0.0.0", port: int = 8765,
          on_ready: Callable[[str], None] | None = None) -> None:
    """`loket serve`: check the office, bind the port, then announce and serve until interrupted."""
    from desktop.models.trust.file_health import quick_check
    from desktop.office import open_office

    services = open_office(db_path)
    health = quick_check(services.db)
    if not health.ok:
        raise LoketError(health.text)
    if not services.is_set_up:
        raise LoketError("Basis data ini belum disiapkan: jalankan aplikasi sekali dan selesaikan penyiapan "
                         "kantor kecamatan dulu.")
    if services.profile.level != "kecamatan":
        raise LoketError("Penerima hanya dijalankan di kantor kecamatan; basis data ini milik "
                         f"{services.profile.office_name or 'kelurahan'} (tingkat kelurahan). Jalankan di PC "
                         "kecamatan, atau pakai --db dengan basis data kecamatan.")
    server = ReceiverServer(Receiver(services))

    async def main() -> None:
        bound = await server.listen(host, port)
        if on_ready is not None:
            on_ready(f"http://{host}:{bound}")
        try:
            await asyncio.Event().wait()
        finally:
            await server.close()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass


def serve_postgres(url: str, key_file: Path, host: str = "0.0.0.0", port: int = 8765, *, threads: int = 8,
                   dashboard_password: str = "", on_ready: Callable[[str], None] | None = None) -> None:
    """`loket serve --database postgresql://…`: the kabupaten's receiver, until interrupted."""
    from desktop.sync.postgres.store import PostgresStore

    store = PostgresStore.open(url, key_file, dashboard_password=dashboard_password, max_connections=threads)
    server = ReceiverServer(Receiver(store), threads=threads)

    async def main() -> None:
        bound = await server.listen(host, port)
        if on_ready is not None:
            on_ready(f"http://{host}:{bound}")
        try:
            await asyncio.Event().wait()
        finally:
            await server.close()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
    finally:
        store.close()
