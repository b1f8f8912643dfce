"""The receiver's store in PostgreSQL (the kabupaten): the same protocol decisions as the kecamatan
PC, applied inside one transaction per batch under the sending office's own database role.

The receiver connects as the schema's owner, checks the batch (protocol.py), then `SET LOCAL ROLE`s
to the sender's role before touching any data: row-level security then refuses any row that does not
carry the sender's code, so a bug here cannot write one office's records under another's name. Two
batches of one office wait for each other (a row lock on its state); different offices run in parallel.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from psycopg import sql

from desktop.models import jsonutil
from desktop.models.clock import Clock, SystemClock, iso
from desktop.models.reports import travel
from desktop.sync import protocol
from desktop.sync.batch import Record
from desktop.sync.errors import BatchCorrupt, SyncError, UnknownSender
from desktop.sync.postgres.database import ReceiverUnavailable, open_pool
from desktop.sync.postgres.identity import Identity, load_key, read_identity
from desktop.sync.receiver_store import APPLIED, REFUSED, Arrival, Outcome

TEXT_LIMIT = 200


def _text(value: Any) -> str:
    return value.replace("\x00", "")[:TEXT_LIMIT] if isinstance(value, str) else ""


def dashboard_fields(entity: str, payload: dict[str, Any]) -> tuple[str, str, str, str | None, str | None]:
    """(kind, status, day, due_at, completed_at): what the dashboard counts by, taken once on arrival."""
    if entity == "register":
        return _text(payload.get("subject")), _text(payload.get("status")), _text(payload.get("letter_date")), None, None
    if entity == "application":
        due, done = payload.get("due_at"), payload.get("completed_at")
        return (_text(payload.get("service_name")), _text(payload.get("status")),
                _text(payload.get("received_at"))[:10], _text(due) or None, _text(done) or None)
    if entity == travel.ENTITY:
        return "", "", _text(payload.get("period")), None, None
    return "", _text(payload.get("status")), _text(payload.get("day")), None, None


class PostgresStore:
    concurrent = True  # the server takes requests in parallel; each batch locks only its sender

    def __init__(self, pool: Any, key: Ed25519PrivateKey, identity: Identity, clock: Clock | None = None,
                 dashboard_password: str = "") -> None:
        self.pool, self.key, self.identity = pool, key, identity
        self.clock = clock or SystemClock()
        self.dashboard_password = dashboard_password

    @classmethod
    def open(cls, url: str, key_file: Path, clock: Clock | None = None, *, dashboard_password: str = "",
             max_connections: int = 4) -> PostgresStore:
        pool = open_pool(url, max_size=max_connections)
        with pool.connection() as conn:
            identity = read_identity(conn)
        key = load_key(key_file)
        from desktop.models.trust.office_keys import public_key_text

        if public_key_text(key.public_key()) != identity.public_key:
            pool.close()
            raise SyncError(f"Berkas kunci {key_file} bukan kunci penerima {identity.office_code} yang tercatat.")
        return cls(pool, key, identity, clock, dashboard_password)

    def close(self) -> None:
        self.pool.close()

    # --- ReceiverStore ----------------------------------------------------------------------
    @property
    def office_code(self) -> str:
        return self.identity.office_code

    def private_key(self) -> Ed25519PrivateKey:
        return self.key

    def handover(self) -> dict[str, Any] | None:
        return None  # the kabupaten receiver began with release 0.2: it never had a 0.1 key to hand over

    def key_for(self, office_code: str) -> str | None:
        with self._connection() as conn:
            row = conn.execute("SELECT public_key FROM offices WHERE office_code = %s AND active",
                               [office_code]).fetchone()
            conn.rollback()
        return row[0] if row else None

    def position(self, sender: str) -> int:
        with self._connection() as conn:
            row = conn.execute("SELECT in_last_seq FROM offices WHERE office_code = %s", [sender]).fetchone()
            conn.rollback()
        return int(row[0]) if row else 0

    def apply(self, sender: str, batch_id: str, seq_from: int, seq_to: int, records: Sequence[Record],
              arrival: Arrival) -> Outcome:
        import psycopg

        try:
            with self._connection() as conn, conn.transaction():
                role = conn.execute("SELECT db_role FROM offices WHERE office_code = %s AND active", [sender]).fetchone()
                if role is None:
                    raise UnknownSender(f"Kantor pengirim '{sender}' belum terdaftar di sini.")
                if arrival.rekeyed_to:
                    # A sender upgraded from 0.1 (its enrolled key handed over, checked by batch.read): its
                    # key is the owner's to change, so before taking on the office's role. Its 0.1 letter
                    # key is not kept here: the kabupaten verifies no letters.
                    conn.execute("UPDATE offices SET public_key = %s WHERE office_code = %s",
                                 [arrival.rekeyed_to, sender])
                conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(role[0])))
                state = conn.execute("SELECT in_last_seq, public_key FROM offices WHERE office_code = %s FOR UPDATE",
                                     [sender]).fetchone()
                last, sender_key = int(state[0]), str(state[1])
                decided = protocol.plan(last, seq_from, seq_to, records, batch_id)
                now = self.now()
                if decided.status == APPLIED:
                    self._store(conn, sender, batch_id, decided.fresh, now)
                    conn.execute("UPDATE offices SET in_last_seq = %s, in_last_batch = %s, in_last_at = %s, "
                                 "in_batches = in_batches + 1, in_records = in_records + %s, last_error = '', "
                                 "last_error_at = NULL WHERE office_code = %s",
                                 [seq_to, batch_id, now, len(decided.fresh), sender])
                    conn.execute("INSERT INTO sync_batches (office_code, batch_id, seq_from, seq_to, applied, "
                                 "received_at) VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (office_code, batch_id) "
                                 "DO UPDATE SET seq_from = excluded.seq_from, seq_to = excluded.seq_to, "
                                 "applied = excluded.applied, received_at = excluded.received_at",
                                 [sender, batch_id, seq_from, seq_to, len(decided.fresh), now])
                    last = seq_to
                witness, warning = self._witness(conn, sender, sender_key, arrival, now)
                if warning:
                    conn.execute("UPDATE offices SET last_error = %s, last_error_at = %s WHERE office_code = %s",
                                 [warning, now, sender])
                if decided.status == REFUSED:
                    conn.execute("UPDATE offices SET last_error = %s, last_error_at = %s WHERE office_code = %s",
                                 [decided.message, now, sender])
        except psycopg.Error as exc:  # a database that is down became ReceiverUnavailable in _connection
            raise BatchCorrupt(f"Batch {batch_id} dari kantor {sender} tidak dapat disimpan ({type(exc).__name__}); "
                               "tidak ada data yang dimasukkan.") from exc
        return Outcome(decided.status, len(decided.fresh), last, decided.message, witness)

    def _witness(self, conn: Any, sender: str, sender_key: str, arrival: Arrival,
                 now: str) -> tuple[dict[str, Any] | None, str]:
        """Keep the sender's signed audit head and countersign it, as the kecamatan PC does (under the
        sender's role: the row carries its code)."""
        row = conn.execute("SELECT seq, at FROM audit_checkpoints WHERE office_code = %s AND witnessed_by = %s "
                           "ORDER BY seq DESC LIMIT 1", [sender, self.office_code]).fetchone()
        previous = {"seq": row[0], "at": row[1]} if row else None
        point = arrival.checkpoint
        signed, warning = protocol.witness(point, sender, sender_key, previous, self.office_code, self.key, self.clock)
        if signed is not None and point is not None:
            conn.execute("INSERT INTO audit_checkpoints (office_code, witnessed_by, seq, hash, at, signature, "
                         "signer_key, received_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
                         "ON CONFLICT (office_code, witnessed_by, seq) DO UPDATE SET hash = excluded.hash, "
                         "at = excluded.at, signature = excluded.signature, signer_key = excluded.signer_key, "
                         "received_at = excluded.received_at",
                         [point.office_code, self.office_code, point.seq, point.hash, point.at, point.signature,
                          sender_key, now])
        return signed, warning

    def _store(self, conn: Any, sender: str, batch_id: str, fresh: Sequence[Record], now: str) -> None:
        """Every new record once (the key refuses a second copy), then the latest state per entity. Arrays
        go over in binary (%b): the text form escapes every element and costs more than the database work."""
        texts = [jsonutil.dumps(r.payload) for r in fresh]
        conn.execute(
            "INSERT INTO sync_events (office_code, seq, uuid, at, entity, entity_id, op, payload, batch_id) "
            "SELECT %s, * , %s FROM unnest(%b::bigint[], %b::text[], %b::text[], %b::text[], %b::text[], "
            "%b::text[], %b::text[])",
            [sender, batch_id, [r.seq for r in fresh], [r.uuid for r in fresh], [r.at for r in fresh],
             [r.entity for r in fresh], [r.entity_id for r in fresh], [r.op for r in fresh], texts])
        latest: dict[tuple[str, str], int] = {}
        for i, r in enumerate(fresh):  # seqs increase within a batch: the last one wins
            latest[(r.entity, r.entity_id)] = i
        rows = [(fresh[i], texts[i], dashboard_fields(fresh[i].entity, fresh[i].payload))
                for i in sorted(latest.values())]
        if rows:
            columns = list(zip(*[(r.entity, r.entity_id, r.seq, r.op, r.at, text, *fields)
                                 for r, text, fields in rows]))
            conn.execute(
                "INSERT INTO sync_mirror (office_code, entity, entity_id, seq, op, at, payload, kind, status, day, "
                "due_at, completed_at) SELECT %s, * FROM unnest(%b::text[], %b::text[], %b::bigint[], %b::text[], "
                "%b::text[], %b::text[], %b::text[], %b::text[], %b::text[], %b::text[], %b::text[]) "
                "ON CONFLICT (office_code, entity, entity_id) DO UPDATE SET seq = excluded.seq, op = excluded.op, "
                "at = excluded.at, payload = excluded.payload, kind = excluded.kind, status = excluded.status, "
                "day = excluded.day, due_at = excluded.due_at, completed_at = excluded.completed_at "
                "WHERE excluded.seq > sync_mirror.seq", [sender, *[list(c) for c in columns]])
        for r in fresh:
            if r.entity == travel.ENTITY:
                report = travel.parse(sender, r.payload)
                conn.execute(
                    "INSERT INTO report_arrivals (office_code, period, revision, as_of, received_at, pdf_sha256, "
                    "payload) VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (office_code, period) DO UPDATE SET "
                    "revision = excluded.revision, as_of = excluded.as_of, received_at = excluded.received_at, "
                    "pdf_sha256 = excluded.pdf_sha256, payload = excluded.payload "
                    "WHERE excluded.revision > report_arrivals.revision",
                    [sender, report.period, report.revision, report.as_of, now, report.pdf_sha256,
                     jsonutil.dumps(report.model_dump(mode="json"))])

    def downlink(self, sender: str) -> bytes | None:
        return None  # the kabupaten decides nothing for the offices: nothing goes back down

    def accept_receipt(self, data: bytes) -> str:
        raise SyncError("Penerima kabupaten tidak mengirim data balik; tidak ada tanda terima yang ditunggu.")

    def now(self) -> str:
        return iso(self.clock.now())

    def dashboard_page(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes]:
        from desktop.sync.postgres.dashboard_page import respond

        return respond(self, environ)

    @contextlib.contextmanager
    def _connection(self) -> Iterator[Any]:
        """A pooled connection; a database that is down or gone becomes ReceiverUnavailable (HTTP 503:
        the sender keeps its data and tries again later)."""
        import psycopg

        try:
            with self.pool.connection() as conn:
                yield conn
        except psycopg.OperationalError as exc:
            raise ReceiverUnavailable("Basis data penerima sedang tidak dapat dipakai; kiriman akan diulang.") from exc
