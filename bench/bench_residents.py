"""Resident search at 100 000 and 1 000 000 residents, beside a raw FTS5 query; memory.

    .venv/bin/python bench/bench_residents.py [--sizes 100000 1000000]
Target: under 20 ms per as-you-type query at 1 000 000; ≤ 250 MB resident memory.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import office, peak_rss_mb, table, timed

QUERIES = ["3514", "351410120", "SITI", "sri handa", "AHMAD SANTOSO", "dewi l"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()
    from desktop.models.office.first_run import DEMO_PIN
    from desktop.models.residents.synthetic import residents

    for size in args.sizes:
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        services = office(path)
        admin = services.users.authenticate("admin", DEMO_PIN).actor()
        start = time.perf_counter()
        batch, made = 50_000, 0
        while made < size:
            n = min(batch, size - made)
            services.residents.insert_many(list(residents(n, seed=made, start_serial=made + 1)), admin)
            made += n
        load_s = time.perf_counter() - start
        rows = []
        for q in QUERIES:
            ours = timed(lambda q=q: services.residents.search(q), runs=7)
            if q.isdigit():
                raw_sql, arg = "SELECT rowid FROM residents WHERE nik >= ? AND nik < ? LIMIT 30", [q, q + "\uffff"]
            else:
                raw_sql = "SELECT rowid FROM residents_fts WHERE residents_fts MATCH ? LIMIT 30"
                arg = [" ".join(f'nama:"{w}"*' for w in q.lower().split())]
            raw = timed(lambda s=raw_sql, a=arg: services.db.execute(s, a).fetchall(), runs=7)
            rows.append((f"'{q}'", f"{ours:7.2f} ms   raw FTS5/index {raw:7.2f} ms   ratio {ours / max(raw, 0.001):5.2f}"))
        table(f"Resident search, {size:,} residents (loaded in {load_s:.1f} s, file "
              f"{path.stat().st_size / 1e6:.0f} MB)", rows)
        table("Memory", [("peak RSS of this process", f"{peak_rss_mb():.0f} MB")])
        services.db.conn.close()


if __name__ == "__main__":
    main()
