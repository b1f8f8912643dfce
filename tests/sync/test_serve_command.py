"""`loket serve` as a kecamatan runs it: a separate process beside the app, on the same database file."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import httpx

from desktop.models.clock import SystemClock
from desktop.sync import client
from tests.models.test_two_processes import WRITER, start_together
from tests.sync.sync_helpers import link, received, sent, submit

ROOT = Path(__file__).resolve().parents[2]


def _db_of(services) -> str:
    return services.db.execute("PRAGMA database_list").fetchone()[2]


def _serve(db: str, port: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "desktop", "--db", db, "serve", "--port", str(port), *extra],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_serve_on_a_kelurahan_database_says_so_and_announces_nothing(kel):
    proc = _serve(_db_of(kel), 0)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "hanya dijalankan di kantor kecamatan" in err and "Traceback" not in err
    assert "berjalan" not in out  # nothing announced before the check


def test_serve_on_a_port_in_use_says_so_without_a_traceback(kec):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        proc = _serve(_db_of(kec), port)
        out, err = proc.communicate(timeout=60)
    finally:
        taken.close()
    assert proc.returncode == 1
    assert f"Port {port} sudah dipakai" in err
    assert "Traceback" not in err and "berjalan" not in out


def test_serve_beside_the_app_on_one_file_refuses_nothing(kel, kec):
    path = _db_of(kec)
    proc = _serve(path, 0)
    try:
        announced = proc.stdout.readline()
        assert "Penerima kecamatan berjalan di http://" in announced, proc.stderr.read()
        url = announced.split(" di ", 1)[1].split(" ", 1)[0]
        kel.clock.set(SystemClock().now())  # the receiver in its own process checks request times
        link(kel, kec, url=url)
        writer = start_together(WRITER, [[path, "1", "80", "petugas", "246810"]])[0]  # the app keeps registering residents
        with httpx.Client(timeout=httpx.Timeout(30.0, connect=5.0)) as http:
            for _ in range(12):
                submit(kel)
                client.push(kel, client=http, attempts=1, sleep=lambda s: None)  # one try: no retry hides a failure
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0 and out.strip() == "0", err
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
    assert received(kec) == sent(kel)
    assert kec.db.execute("SELECT count(*) FROM residents").fetchone()[0] >= 80
