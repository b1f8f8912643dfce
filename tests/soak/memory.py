"""Process measurements for soak tests: resident memory, and None's reference count."""

from __future__ import annotations

import gc
import os
import resource
import sys


def rss_mib() -> float:
    """Current resident set size (Linux /proc; elsewhere the peak, which only errs towards failing)."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def none_refs() -> int | None:
    """None's reference count where it can drift (before Python 3.12 made None immortal)."""
    return sys.getrefcount(None) if sys.version_info < (3, 12) else None


class Watch:
    """Memory and None's reference count at a baseline, compared after the long run."""

    # gc.collect() before each reading: garbage left by earlier tests, collected in the middle of the
    # run, would lower None's count and look like the binding's defect (which no collection hides).
    def __init__(self) -> None:
        gc.collect()
        self.baseline_rss = rss_mib()
        self.baseline_none = none_refs()

    def rebase(self) -> None:
        """After warm-up: caches, fonts and pools that fill once are not growth."""
        gc.collect()
        self.baseline_rss = rss_mib()
        self.baseline_none = none_refs()

    def check(self, *, max_growth_mib: float) -> None:
        gc.collect()
        growth = rss_mib() - self.baseline_rss
        assert growth < max_growth_mib, f"memory grew by {growth:.1f} MiB (limit {max_growth_mib})"
        if self.baseline_none is not None:
            # A falling count is the fatal defect (Python aborts when it reaches zero). A rising one
            # costs nothing: PySide 6.11 takes a few references to None per paint and never frees
            # None, so it is not a leak of memory, which the line above measures.
            drift = none_refs() - self.baseline_none
            assert drift > -1000, f"None's reference count fell by {-drift}"


def settle(ctx, *, paint: bool = True) -> None:
    """Let queued background work finish and its results reach the screens (no polling timers,
    which would themselves leave garbage behind in a long loop). Without `paint` only the results
    are delivered, as when a fast clerk types on before the next frame is drawn."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    def deliver() -> None:
        if paint:
            QApplication.processEvents()
        else:
            QApplication.sendPostedEvents(None, QEvent.Type.MetaCall)

    ctx.tasks.wait_idle()
    deliver()
    while ctx.tasks.busy:  # a callback may have queued more work
        ctx.tasks.wait_idle()
        deliver()
