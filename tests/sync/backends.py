"""The upstream receiver as the sync tests see it, on either back end: the kecamatan PC's SQLite
file, or the kabupaten's PostgreSQL. Both play office KNG, so the kelurahan's side is the same."""

from __future__ import annotations

from typing import Any

from desktop.sync import protocol, server
from desktop.sync.peers import ROLE_KECAMATAN, ROLE_KELURAHAN, PeerRepository
from desktop.sync.sqlite_store import SqliteStore
from tests.identities import FAST_KDF, admin_actor
from tests.sync.sync_helpers import KEC, KEL


class _Queries:
    """What the tests read back from a receiver, written once: each back end gives `_rows` (its own
    SQL connection) and the name of its table of senders (`PEERS`)."""

    PEERS = ""
    store: Any

    def _rows(self, sql: str, args: list[Any]) -> list[tuple]:
        raise NotImplementedError

    def receive(self, data: bytes) -> protocol.InboundResult:
        return protocol.receive(self.store, data)

    def received(self, sender: str = KEL) -> list[tuple]:
        return self._rows("SELECT seq, uuid FROM sync_events WHERE office_code = ? ORDER BY seq", [sender])

    def state(self, sender: str = KEL) -> tuple[int, int]:
        row = self._rows(f"SELECT in_last_seq, in_records FROM {self.PEERS} WHERE office_code = ?", [sender])[0]
        return int(row[0]), int(row[1])

    def last_error(self, sender: str = KEL) -> str:
        return str(self._rows(f"SELECT last_error FROM {self.PEERS} WHERE office_code = ?", [sender])[0][0] or "")

    def key_of(self, sender: str = KEL) -> str:
        return str(self._rows(f"SELECT public_key FROM {self.PEERS} WHERE office_code = ?", [sender])[0][0])

    def witnessed(self, sender: str = KEL) -> list[tuple]:
        """(seq, hash) of the sender's checkpoints this receiver holds."""
        return self._rows("SELECT seq, hash FROM audit_checkpoints WHERE office_code = ? AND witnessed_by = ? "
                          "ORDER BY seq", [sender, KEC])

    def mirror_count(self, entity: str | None = None) -> int:
        where, args = ("WHERE entity = ?", [entity]) if entity else ("", [])
        return int(self._rows(f"SELECT count(*) FROM sync_mirror {where}", args)[0][0])


class SqliteUpstream(_Queries):
    PEERS = "sync_peers"
    backend = "sqlite"

    def __init__(self, services: Any) -> None:
        self.services = services
        self.store = SqliteStore(services)

    @property
    def public_key(self) -> str:
        return self.services.office_keys.public_key()

    def enroll(self, code: str, public_key: str, name: str = "") -> None:
        PeerRepository(self.services.db, self.services.clock).enroll(code, public_key, admin_actor(self.services),
                                                                     role=ROLE_KELURAHAN, name=name)

    def _rows(self, sql: str, args: list[Any]) -> list[tuple]:
        return [tuple(r) for r in self.services.db.execute(sql, args).fetchall()]

    def start_http(self) -> server.RunningServer:
        return server.start_background(self.store)

    def restarted(self) -> SqliteUpstream:
        from desktop.office import open_office

        path = self.services.db.execute("PRAGMA database_list").fetchone()[2]
        return SqliteUpstream(open_office(path, self.services.clock, kdf=FAST_KDF))

    def close(self) -> None:
        self.services.db.conn.close()


class PostgresUpstream(_Queries):
    PEERS = "offices"
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

    def _rows(self, sql: str, args: list[Any]) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url) as conn:
            return [tuple(r) for r in conn.execute(sql.replace("?", "%s"), args).fetchall()]

    def start_http(self) -> server.RunningServer:
        return server.start_background(self.store, threads=4)

    def restarted(self) -> PostgresUpstream:
        return PostgresUpstream(self.url, self.key_file, self.clock)

    def close(self) -> None:
        self.store.close()


def link_upstream(kel: Any, upstream: Any, url: str = "") -> None:
    """The kelurahan enrolled at the upstream, and the upstream as the kelurahan's kecamatan."""
    upstream.enroll(KEL, kel.office_keys.public_key(), "Kebonsari Kulon")
    PeerRepository(kel.db, kel.clock).enroll(KEC, upstream.public_key, admin_actor(kel), role=ROLE_KECAMATAN,
                                             name="Penerima", url=url)
