"""The start-up damage check against the full one, by database size.

    .venv/bin/python bench/bench_integrity.py [--sizes 0 100000 1000000]
Target: the start-up check (file_health.quick_check) adds well under 150 ms at any size, so the
counter is ready for sign-in about as fast as before; `loket check` (full) may take seconds.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import office, table, timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 100_000, 1_000_000])
    args = parser.parse_args()
    from desktop.models.audit import Actor
    from desktop.models.residents.synthetic import residents
    from desktop.models.trust.file_health import quick_check, scan_content

    for size in args.sizes:
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        services = office(path)
        made = 0
        while made < size:
            n = min(50_000, size - made)
            services.residents.insert_many(list(residents(n, seed=made, start_serial=made + 1)), Actor.system())
            made += n
        services.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db = services.db
        bare = timed(lambda: db.execute("SELECT count(*) FROM sqlite_master").fetchone(), runs=5)
        quick = timed(lambda: quick_check(db), runs=5)
        whole = timed(lambda: db.execute("PRAGMA quick_check").fetchall(), runs=3)
        start = time.perf_counter()
        scan_content(db)
        db.execute("PRAGMA integrity_check").fetchall()
        full = (time.perf_counter() - start) * 1000
        report = quick_check(db)
        table(f"Damage checks, {size:,} residents (file {path.stat().st_size / 1e6:.0f} MB)", [
            ("start-up check (quick_check)", f"{quick:8.1f} ms   ({report.checked})"),
            ("  SQLite quick_check, whole file", f"{whole:8.1f} ms"),
            ("  bare query (baseline)", f"{bare:8.3f} ms"),
            ("loket check (content + integrity_check)", f"{full:8.1f} ms   ratio to start-up {full / quick:6.1f}"),
        ])
        db.conn.close()


if __name__ == "__main__":
    main()
