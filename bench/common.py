"""Shared helpers for the benchmarks: a throw-away office database and a small timing table."""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("LOKET_DATA_DIR", tempfile.mkdtemp(prefix="loket-bench-"))


def office(path: Path, residents: int = 0):
    """A set-up demo Kelurahan Kalirejo at `path` (residents added separately for big counts)."""
    from desktop.models.office.first_run import complete_first_run, demo_input
    from desktop.office import open_office

    services = open_office(path)
    if not services.is_set_up:
        complete_first_run(services, demo_input(services.catalog.office("kalirejo"), residents=residents))
    return services


def timed(fn: Callable[[], object], runs: int = 5) -> float:
    """Median wall time in milliseconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def table(title: str, rows: list[tuple[str, str]]) -> None:
    print(f"\n{title}")
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"  {name.ljust(width)}  {value}")
