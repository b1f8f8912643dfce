"""The upstream receiver as the sync tests see it, on either back end: the kecamatan PC's SQLite
file, or the kabupaten's PostgreSQL. Both play office KNG, so the kelurahan's side is the same."""

from __future__ import annotations

from typing import Any

from desktop.models.audit import Actor
from desktop.sync import protocol, server
from desktop.sync.peers import ROLE_KECAMATAN, ROLE_KELURAHAN, PeerRepository
from desktop.sync.sqlite_store import SqliteStore
from tests.sync.sync_helpers import KEC, KEL


class SqliteUpstream:
    backend = "sqlite"

    def __init__(self, services: Any) -> None:
        self.services = services
        self.store = SqliteStore(services)

    @property
    def public_key(self) -> str:
        return self.services.office_keys.public_key()

    def enroll(self, code: str, public_key: str, name: str = "") -> None:
        PeerRepository(self.services.db, self.services.clock).enroll(code, public_key, Actor.system(),
                                                                     role=ROLE_KELURAHAN, name=name)

    def receive(self, data: bytes) -> protocol.InboundResult:
        return protocol.receive(self.store, data)

    def _rows(self, sql: str, args: list[Any]) -> list[tuple]:
        return [tuple(r) for r in self.services.db.execute(sql, args).fetchall()]

    def received(self, sender: str = KEL) -> list[tuple]:
        return self._rows("SELECT seq, uuid FROM sync_events WHERE office_code = ? ORDER BY seq", [sender])

    def state(self, sender: str = KEL) -> tuple[int, int]:
        row = self._rows("SELECT in_last_seq, in_records FROM sync_peers WHERE office_code = ?", [sender])[0]
        return int(row[0]), int(row[1])

    def mirror_count(self, entity: str | None = None) -> int:
        where, args = ("WHERE entity = ?", [entity]) if entity else ("", [])
        return int(self._rows(f"SELECT count(*) FROM sync_mirror {where}", args)[0][0])

    def start_http(self) -> server.RunningServer:
        return server.start_background(self.store)

    def restarted(self) -> SqliteUpstream:
        from desktop.office import open_office

        path = self.services.db.execute("PRAGMA database_list").fetchone()[2]
        return SqliteUpstream(open_office(path, self.services.clock))

    def close(self) -> None:
        self.services.db.conn.close()


class PostgresUpstream:
    backend = "postgresql"

    def __init__(self, url: str, key_file: Any, clock: Any) -> None:
        from desktop.sync.postgres.store import PostgresStore

        self.url, self.key_file, self.clock = url, key_file, clock
        self.store = PostgresStore.open(url, key_file, clock)

    @property
    def public_key(self) -> str:
        return self.store.identity.public_key

    def enroll(self, code: str, public_key: str, name: str = "") -> None:
        import psycopg

        from desktop.sync.postgres.offices import enroll

        with psycopg.connect(self.url) as conn:
            enroll(conn, code, public_key, self.store.now(), name=name)

    def receive(self, data: bytes) -> protocol.InboundResult:
        return protocol.receive(self.store, data)

    def _rows(self, sql: str, args: list[Any]) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url) as conn:
            return [tuple(r) for r in conn.execute(sql.replace("?", "%s"), args).fetchall()]

    def received(self, sender: str = KEL) -> list[tuple]:
        return self._rows("SELECT seq, uuid FROM sync_events WHERE office_code = ? ORDER BY seq", [sender])

    def state(self, sender: str = KEL) -> tuple[int, int]:
        row = self._rows("SELECT in_last_seq, in_records FROM offices WHERE office_code = ?", [sender])[0]
        return int(row[0]), int(row[1])

    def mirror_count(self, entity: str | None = None) -> int:
        where, args = ("WHERE entity = ?", [entity]) if entity else ("", [])
        return int(self._rows(f"SELECT count(*) FROM sync_mirror {where}", args)[0][0])

    def start_http(self) -> server.RunningServer:
        return server.start_background(self.store, threads=4)

    def restarted(self) -> PostgresUpstream:
        return PostgresUpstream(self.url, self.key_file, self.clock)

    def close(self) -> None:
        self.store.close()


def link_upstream(kel: Any, upstream: Any, url: str = "") -> None:
    """The kelurahan enrolled at the upstream, and the upstream as the kelurahan's kecamatan."""
    upstream.enroll(KEL, kel.office_keys.public_key(), "Kebonsari Kulon")
    PeerRepository(kel.db, kel.clock).enroll(KEC, upstream.public_key, Actor.system(), role=ROLE_KECAMATAN,
                                             name="Penerima", url=url)
