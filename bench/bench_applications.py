"""Applications through the model layer: creating 10 000, opening one's full history, the inbox, find by NIK.

    .venv/bin/python bench/bench_applications.py [--count 10000]
Targets at 10 000 applications: find by NIK < 1 ms; the clerk's inbox (first page and the exact
"n menunggu, n terlambat" of all of it) < 20 ms.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import office, peak_rss_mb, table, timed

INBOX_TARGET_MS = 20.0
FIND_TARGET_MS = 1.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    from desktop.models.office.first_run import DEMO_PIN
    from desktop.models.users.roles import Role
    from tests.models.test_applications import draft_for

    services = office(Path(tempfile.mkdtemp()) / "bench.sqlite3", residents=200)
    petugas = services.users.authenticate("petugas", DEMO_PIN)
    apps = services.applications
    start = time.perf_counter()
    last = None
    for _ in range(args.count):
        last = apps.submit(draft_for(services), petugas)
    created = time.perf_counter() - start
    for _ in range(3):  # give the last one some history
        step = last.current
        last = apps.perform(last.id, step.idx, services.users.by_role(Role(step.roles[0]))[0], Role(step.roles[0]),
                            pin=DEMO_PIN)
    history = timed(lambda: (apps.get(last.id), apps.reader.history(last.id)), runs=21)
    lurah = services.users.authenticate("lurah", DEMO_PIN)
    inbox = timed(lambda: apps.inbox_page(petugas), runs=11)
    inbox_lurah = timed(lambda: apps.inbox_page(lurah), runs=11)
    inbox_all = timed(lambda: apps.inbox(petugas), runs=3)
    page = apps.inbox_page(petugas)
    nik = last.applicant.nik
    find = timed(lambda: apps.reader.find(nik), runs=51)
    find_prefix = timed(lambda: apps.reader.find(nik[:8]), runs=51)
    table(f"Applications ({args.count:,} created)", [
        ("create through the model layer", f"{created:6.1f} s  ({created / args.count * 1000:.2f} ms each, one "
                                           "fsync'd transaction each)"),
        ("open one application with full history", f"{history:6.2f} ms"),
        ("inbox of the counter clerk (first page + counts)",
         f"{inbox:6.2f} ms  ({len(page.items)} of {page.total:,} menunggu, {page.overdue:,} terlambat)  "
         f"ratio to target {inbox / INBOX_TARGET_MS:.2f} (target < 20 ms)"),
        ("inbox of the lurah (first page + counts)", f"{inbox_lurah:6.2f} ms"),
        ("  every item of the clerk's inbox at once", f"{inbox_all:6.1f} ms"),
        ("find by NIK (16 digits)", f"{find:6.3f} ms  ratio to target {find / FIND_TARGET_MS:.2f} (target < 1 ms)"),
        ("find by the first 8 digits of a NIK", f"{find_prefix:6.3f} ms"),
        ("peak RSS", f"{peak_rss_mb():.0f} MB"),
    ])


if __name__ == "__main__":
    main()
