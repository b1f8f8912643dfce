"""A real PostgreSQL for the tests: Debian's binaries (/usr/lib/postgresql/*/bin), a cluster made
with initdb in a temporary folder, reached over a Unix socket only, one server per test session,
stopped at the end. Each test gets its own database, copied from a template with the receiver's
schema (Alembic) and identity already in place.

As root (CI), the server runs as the `postgres` user the Debian package creates: PostgreSQL refuses
to run as root.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

RECEIVER_CODE = "KNG"  # the tests' upstream office code, whichever back end plays it
TEMPLATE = "receiver_template"


def postgres_bin(name: str) -> Path:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(Path(p).parts[4]))
    if not found:
        raise RuntimeError(f"PostgreSQL ({name}) tidak ditemukan di /usr/lib/postgresql/*/bin: pasang paket "
                           "Debian 'postgresql' (scripts/setup.sh melakukannya).")
    return Path(found[-1])


class PgServer:
    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="loket-pg-"))
        self.data, self.socket = self.base / "data", self.base / "socket"
        self.socket.mkdir()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.base, "postgres")
            shutil.chown(self.socket, "postgres")
        self._names = itertools.count(1)

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        subprocess.run([*prefix, *args], check=True, capture_output=True, text=True)

    def start(self, durable: bool = False) -> None:
        """`durable=False` (tests): no fsync, for speed. The benchmark measures a durable server."""
        self._run(str(postgres_bin("initdb")), "-D", str(self.data), "-U", "loket", "--auth=trust", "-E", "UTF8",
                  "--no-locale", "--no-sync")
        speed = "" if durable else " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        options = f"-k {self.socket} -c listen_addresses='' -c max_connections=60{speed}"
        self._run(str(postgres_bin("pg_ctl")), "-D", str(self.data), "-o", options, "-l",
                  str(self.base / "server.log"), "-w", "start")

    def stop(self) -> None:
        try:
            self._run(str(postgres_bin("pg_ctl")), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://loket@/{database}?host={self.socket}"

    def admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(statement)

    def new_database(self, template: str | None = None) -> str:
        name = f"t{os.getpid()}_{next(self._names)}"
        self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name


@pytest.fixture(scope="session")
def pg_server():
    server = PgServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_receiver_template(pg_server, tmp_path_factory):
    """A database with the receiver's schema and identity; (template name, key file)."""
    from desktop.sync.postgres.identity import init_receiver

    key_file = tmp_path_factory.mktemp("pgkey") / "penerima.key"
    pg_server.admin(f'CREATE DATABASE "{TEMPLATE}"')
    init_receiver(pg_server.url(TEMPLATE), RECEIVER_CODE, "Kabupaten Uji", key_file, "2026-11-24T08:30:00+07:00")
    pg_server.admin(f'ALTER DATABASE "{TEMPLATE}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false')
    return TEMPLATE, key_file


@pytest.fixture
def pg_database(pg_server, pg_receiver_template):
    """A fresh receiver database for one test: (url, key file); dropped afterwards."""
    template, key_file = pg_receiver_template
    name = pg_server.new_database(template)
    yield pg_server.url(name), key_file
    pg_server.admin(f'DROP DATABASE "{name}" WITH (FORCE)')
