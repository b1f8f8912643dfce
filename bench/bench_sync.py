"""The largest sync batch (5 000 records, sync/limits.MAX_RECORDS): export (kelurahan) and import
(kecamatan, every record schema-checked), beside a raw sqlite-utils insert of the same rows in the
same run; the batch's size per record.

    .venv/bin/python bench/bench_sync.py [--count 5000]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from common import table


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=5_000)
    args = parser.parse_args()
    from sqlite_utils import Database

    from desktop.models import outbox
    from desktop.models.clock import SystemClock
    from desktop.models.db import transaction
    from desktop.office import open_office
    from desktop.sync.inbound import receive
    from desktop.sync.outbound import pending_batch
    from tests.sync.sync_helpers import link, make_kecamatan, make_kelurahan

    work = Path(tempfile.mkdtemp())
    template = work / "template.sqlite3"
    open_office(template).db.conn.close()
    clock = SystemClock()
    kel = make_kelurahan(work, template, clock)
    kec = make_kecamatan(work, template, clock)
    link(kel, kec)
    rows = [{"id": f"r{i:06d}", "office_code": "KBK", "number": f"470/{i:04d}/KBK/2026", "year": 2026, "seq": i,
             "classification": "470", "letter_date": "2026-11-24", "subject": "SURAT KETERANGAN DOMISILI",
             "nik_hash": f"{i:016x}", "signer_name": "Drs. Bambang Purnomo", "status": "terbit"}
            for i in range(1, args.count + 1)]
    with transaction(kel.db):
        for row in rows:
            outbox.append(kel.db, kel.clock, "KBK", "register", row["id"], "terbit", row)
    start = time.perf_counter()
    batch = pending_batch(kel, limit=args.count)
    export_s = time.perf_counter() - start
    start = time.perf_counter()
    result = receive(kec, batch)
    import_s = time.perf_counter() - start
    raw_db = Database(work / "raw.sqlite3")
    start = time.perf_counter()
    raw_db["register_copy"].insert_all(rows, pk="id")
    raw_s = time.perf_counter() - start
    table(f"Sync batch of {args.count:,} records", [
        ("export (sign, compress)", f"{export_s * 1000:8.0f} ms"),
        ("import (verify, apply all-or-nothing)", f"{import_s * 1000:8.0f} ms  → {result.receipt.status}, {result.receipt.applied:,} applied"),
        ("raw sqlite-utils insert of the same rows", f"{raw_s * 1000:8.0f} ms"),
        ("import / raw insert", f"{import_s / raw_s:8.2f}"),
        ("batch size", f"{len(batch):,} bytes  ({len(batch) / args.count:.0f} bytes per record)"),
    ])
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
