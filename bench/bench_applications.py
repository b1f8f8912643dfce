"""Applications through the model layer: creating 10 000, opening one's full history, the inbox.

    .venv/bin/python bench/bench_applications.py [--count 10000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import office, peak_rss_mb, table, timed


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
    inbox = timed(lambda: apps.inbox(petugas), runs=5)
    find = timed(lambda: apps.reader.find(last.applicant.nik), runs=11)
    table(f"Applications ({args.count:,} created)", [
        ("create through the model layer", f"{created:6.1f} s  ({created / args.count * 1000:.2f} ms each, one "
                                           "fsync'd transaction each)"),
        ("open one application with full history", f"{history:6.2f} ms"),
        ("inbox of the counter clerk", f"{inbox:6.1f} ms  ({len(apps.inbox(petugas)):,} items)"),
        ("find by NIK", f"{find:6.2f} ms"),
        ("peak RSS", f"{peak_rss_mb():.0f} MB"),
    ])


if __name__ == "__main__":
    main()
