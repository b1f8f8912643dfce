"""The kabupaten receiver: 300 offices × one month of batches (about 2 000 records each) ingested into
PostgreSQL (a durable server: fsync on), beside the SQLite receiver of a kecamatan PC given the very
same offices and records; then the dashboard's query times over what arrived.

    .venv/bin/python bench/bench_kabupaten.py [--offices 300] [--letters 700] [--senders 4]

Needs Debian's postgresql package (scripts/setup.sh installs it); the server is started in a
temporary folder and stopped at the end.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

from common import table


def build_batches(offices, receiver: str, receiver_key: str, letters: int) -> tuple[list[tuple], int]:
    """(office, batch) pairs: one month of each office, sealed to `receiver_key`."""
    rng = random.Random(2026)
    batches, count = [], 0
    for office in offices:
        office.seq = office.acked = 0
        records = office.month(2026, 11, letters, rng)
        records.append(office.monthly_report("2026-10", "2026-11-03T09:00:00+07:00", letters))
        batches.append((office, office.batch(records, receiver, receiver_key)))
        count += len(records)
    return batches, count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offices", type=int, default=300)
    parser.add_argument("--letters", type=int, default=700, help="letters per office and month (~2.9 records each)")
    parser.add_argument("--senders", type=int, default=4, help="offices pushing at once over HTTP")
    args = parser.parse_args()
    import httpx
    import psycopg

    from desktop.models.clock import WIB, FixedClock
    from desktop.office import open_office
    from desktop.sync import protocol, server
    from desktop.sync.peers import ROLE_KELURAHAN, PeerRepository
    from desktop.sync.postgres.dashboard import load_dashboard
    from desktop.sync.postgres.identity import init_receiver
    from desktop.sync.postgres.offices import enroll
    from desktop.sync.postgres.store import PostgresStore
    from desktop.sync.sqlite_store import SqliteStore
    from tests.identities import FAST_KDF, admin_actor
    from tests.kabupaten.fake_offices import make_offices
    from tests.postgres_fixture import PgServer
    from tests.sync.sync_helpers import make_kecamatan

    work = Path(tempfile.mkdtemp(prefix="bench-kab-"))
    clock = FixedClock(datetime(2026, 12, 2, 9, 0, tzinfo=WIB))
    offices = make_offices(args.offices)
    pg = PgServer()
    pg.start(durable=True)
    try:
        urls = [pg.url(pg.new_database()) for _ in range(2)]
        stores = []
        for url in urls:
            init_receiver(url, "KNG", "Kabupaten Uji", work / f"kab-{len(stores)}.key", "2026-12-02T09:00:00+07:00")
            with psycopg.connect(url) as conn:
                for o in offices:
                    enroll(conn, o.code, o.public_key, "2026-12-02T09:00:00+07:00", name=o.name, kecamatan=o.kecamatan)
            stores.append(PostgresStore.open(url, work / f"kab-{len(stores)}.key", clock, max_connections=args.senders))
        template = work / "template.sqlite3"
        open_office(template, kdf=FAST_KDF).db.conn.close()
        kec = make_kecamatan(work, template, clock)
        repo = PeerRepository(kec.db, kec.clock)
        admin = admin_actor(kec)  # enrolling needs an admin with a fresh PIN; one sign-in for all 300
        for o in offices:
            repo.enroll(o.code, o.public_key, admin, role=ROLE_KELURAHAN, name=o.name)

        start = time.perf_counter()
        pg_batches, records = build_batches(offices, "KNG", stores[0].identity.public_key, args.letters)
        http_batches, _ = build_batches(offices, "KNG", stores[1].identity.public_key, args.letters)
        sq_batches, _ = build_batches(offices, "KNG", kec.office_keys.public_key(), args.letters)
        build_s = time.perf_counter() - start
        size = sum(len(b) for _o, b in pg_batches)

        start = time.perf_counter()
        for _office, data in pg_batches:
            assert protocol.receive(stores[0], data).receipt.status == "applied"
        pg_s = time.perf_counter() - start

        running = server.start_background(stores[1], threads=args.senders)
        queue = list(http_batches)
        lock = threading.Lock()

        def sender() -> None:
            with httpx.Client(timeout=120) as http:
                while True:
                    with lock:
                        if not queue:
                            return
                        office, data = queue.pop()
                    # Signed request headers, as every office's app sends them (checked before the body).
                    answer = http.post(running.url + "/batch", content=data,
                                       headers=office.headers(data, "KNG", clock.now()))
                    assert answer.status_code == 200, answer.text

        start = time.perf_counter()
        threads = [threading.Thread(target=sender) for _ in range(args.senders)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        http_s = time.perf_counter() - start
        running.stop()

        sqlite_store = SqliteStore(kec)
        start = time.perf_counter()
        for _office, data in sq_batches:
            assert protocol.receive(sqlite_store, data).receipt.status == "applied"
        sq_s = time.perf_counter() - start

        timings: dict[str, list[float]] = {}
        for _ in range(5):
            with stores[0].pool.connection() as conn:
                board = load_dashboard(conn, stores[0].identity.dashboard_role, "Kabupaten Uji", clock.now(), 2026, 11)
            for name, ms in board.timings_ms.items():
                timings.setdefault(name, []).append(ms)
        with psycopg.connect(urls[0]) as conn:
            stored = conn.execute("SELECT count(*) FROM sync_events").fetchone()[0]
        assert stored == records, (stored, records)

        rows = [
            ("offices × records", f"{args.offices} × ~{records // args.offices:,} = {records:,} records "
                                  f"({size / 1e6:.0f} MB of signed, sealed batches)"),
            ("building the batches (3 copies, not timed below)", f"{build_s:8.1f} s"),
            ("PostgreSQL, one batch at a time", f"{pg_s:8.1f} s   {records / pg_s:10,.0f} records/s"),
            (f"PostgreSQL over HTTP, {args.senders} offices at once", f"{http_s:8.1f} s   {records / http_s:10,.0f} records/s"),
            ("SQLite (kecamatan PC), one batch at a time", f"{sq_s:8.1f} s   {records / sq_s:10,.0f} records/s"),
            ("PostgreSQL / SQLite (one at a time)", f"{sq_s / pg_s:8.2f}×"),
            ("PostgreSQL over HTTP / SQLite", f"{sq_s / http_s:8.2f}×"),
        ]
        rows += [(f"dashboard: {name}", f"{statistics.median(ms):8.1f} ms (median of 5)") for name, ms in timings.items()]
        rows.append(("dashboard: all four queries", f"{sum(statistics.median(v) for v in timings.values()):8.1f} ms"))
        table(f"Kabupaten receiver: one month of {args.offices} offices", rows)
        for store in stores:
            store.close()
        kec.db.conn.close()
    finally:
        pg.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
