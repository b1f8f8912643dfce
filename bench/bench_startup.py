"""Start-up time: process launch → main window shown, Loket against a bare PySide6 window.

Each run is a fresh interpreter (QT_QPA_PLATFORM=offscreen). The parent passes its launch
time (time.time()) in LOKET_BENCH_T0; the child wraps QMainWindow.show so that a zero-delay
timer after the first show() prints time.time() and quits. Peak RSS comes from os.wait4.

    python bench/bench_startup.py [--runs 7] [--profile]

--profile adds `python -X importtime` of a Loket start: the imports Loket adds on top of the
bare window, largest first.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.3
SCENARIOS = {
    "bare": "bare PySide6 QMainWindow",
    "setup": "Loket, database set up",
    "fresh": "Loket, fresh database",
}


# --- child side -----------------------------------------------------------------------------
def _child(mode: str, db_path: str | None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    original_show = QMainWindow.show

    def show_and_report(window: QMainWindow) -> None:
        original_show(window)

        def report() -> None:
            print(f"SHOWN {time.time():.6f}", flush=True)
            if mode == "bare":
                QApplication.instance().quit()
                return
            # Loket: also time until the database is open and sign-in works (services attached).
            poll = QTimer(window)

            def ready() -> None:
                if getattr(window, "ctx", None) is not None and window.ctx.services is not None:
                    poll.stop()
                    print(f"READY {time.time():.6f}", flush=True)
                    QApplication.instance().quit()

            poll.timeout.connect(ready)
            poll.start(2)

        # Zero delay: runs once the event loop has handled what show() queued.
        QTimer.singleShot(0, report)

    QMainWindow.show = show_and_report
    if mode == "bare":
        app = QApplication(sys.argv)
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.resize(1200, 760)
        window.show()
        return app.exec()
    from desktop.app import run_gui

    return run_gui(Path(db_path) if db_path else None)


# --- parent side ----------------------------------------------------------------------------
@dataclass
class Run:
    seconds: float
    peak_rss_mib: float
    ready_seconds: float | None = None  # Loket: until sign-in works (database open)


def _child_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["LOKET_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _launch(mode: str, data_dir: Path, db_path: Path | None) -> Run:
    """One start in a fresh interpreter, reaped with os.wait4 to read that child's own peak RSS."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode]
    if db_path is not None:
        cmd += ["--db", str(db_path)]
    env = _child_env(data_dir)
    t0 = time.time()
    env["LOKET_BENCH_T0"] = repr(t0)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=err, text=True)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen quiet
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{mode}: exit {proc.returncode}\n{stderr[-2000:]}")
    shown = next((line for line in stdout.splitlines() if line.startswith("SHOWN ")), None)
    if shown is None:
        raise RuntimeError(f"{mode}: the window never reported being shown\n{stderr[-2000:]}")
    # ru_maxrss is KiB on Linux, bytes on macOS.
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    ready = next((line for line in stdout.splitlines() if line.startswith("READY ")), None)
    return Run(float(shown.split()[1]) - t0, rss, float(ready.split()[1]) - t0 if ready else None)


def _make_set_up_db(folder: Path) -> Path:
    """A database as after the first-run wizard with the demo office (500 residents)."""
    sys.path.insert(0, str(ROOT))
    from desktop.models.office.first_run import complete_first_run, demo_input
    from desktop.office import open_office

    path = folder / "template.sqlite3"
    services = open_office(path)
    office = next(o for o in services.catalog.offices() if o.id == "kalirejo")
    complete_first_run(services, demo_input(office))
    services.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    services.db.conn.close()
    return path


def _start(mode: str, work: Path, label: str, template: Path) -> Run:
    data_dir = work / f"{mode}-{label}"
    data_dir.mkdir()
    db_path = None
    if mode == "setup":
        db_path = data_dir / "loket.sqlite3"
        shutil.copyfile(template, db_path)
    return _launch(mode, data_dir, db_path)


def _run_all(runs: int, work: Path, template: Path) -> dict[str, list[Run]]:
    """Round-robin over the scenarios, so a burst of load on the machine hits them alike."""
    for mode in SCENARIOS:  # warm the disk cache; not counted
        _start(mode, work, "warm", template)
    results: dict[str, list[Run]] = {mode: [] for mode in SCENARIOS}
    for i in range(runs):
        for mode in SCENARIOS:
            results[mode].append(_start(mode, work, str(i), template))
    return results


def _print_table(results: dict[str, list[Run]]) -> None:
    bare = statistics.median(r.seconds for r in results["bare"])
    print(f"{'scenario':<28}{'median ms':>10}{'min ms':>9}{'max ms':>9}{'peak RSS MiB':>14}{'× bare':>8}"
          f"{'ready ms':>10}")
    for mode, runs in results.items():
        secs = [r.seconds for r in runs]
        med = statistics.median(secs)
        rss = statistics.median(r.peak_rss_mib for r in runs)
        readies = [r.ready_seconds for r in runs if r.ready_seconds is not None]
        ready = f"{statistics.median(readies) * 1000:>10.0f}" if readies else f"{'-':>10}"
        print(f"{SCENARIOS[mode]:<28}{med * 1000:>10.0f}{min(secs) * 1000:>9.0f}{max(secs) * 1000:>9.0f}"
              f"{rss:>14.1f}{med / bare:>8.2f}{ready}")
    worst = max(statistics.median(r.seconds for r in results[m]) for m in ("setup", "fresh")) / bare
    verdict = "OK" if worst <= TARGET_RATIO else "ABOVE TARGET"
    print(f"\nLoket/bare (worst of set-up/fresh): {worst:.2f}  target ≤ {TARGET_RATIO}  → {verdict}")
    print("'ready' = until the database is open and sign-in works; the window is already on screen before.")


# --- import profile -------------------------------------------------------------------------
def _importtime(mode: str, work: Path, template: Path) -> dict[str, tuple[int, int]]:
    """Module → (cumulative µs, depth) from `python -X importtime` of one start."""
    data_dir = work / f"importtime-{mode}"
    data_dir.mkdir()
    db_path = None
    if mode == "setup":
        db_path = data_dir / "loket.sqlite3"
        shutil.copyfile(template, db_path)
    cmd = [sys.executable, "-X", "importtime", str(Path(__file__).resolve()), "--child", mode]
    if db_path is not None:
        cmd += ["--db", str(db_path)]
    env = _child_env(data_dir)
    env["LOKET_BENCH_T0"] = repr(time.time())
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True)
    modules: dict[str, tuple[int, int]] = {}
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        _, cumulative, name = line.split("|")
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        modules[name.strip()] = (int(cumulative), depth)
    return modules


def _print_profile(work: Path, template: Path, top: int = 15) -> None:
    bare = _importtime("bare", work, template)
    loket = _importtime("setup", work, template)
    extra = {name: v for name, v in loket.items() if name not in bare}
    total = sum(us for us, depth in extra.values() if depth == 0)
    print(f"\nImports Loket adds to the bare window (set-up database): {total / 1000:.0f} ms at top level")
    print(f"{'cumulative ms':>14}  depth  module")
    for name, (us, depth) in sorted(extra.items(), key=lambda kv: -kv[1][0])[:top]:
        print(f"{us / 1000:>14.1f}  {depth:>5}  {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="also show the slowest imports Loket adds")
    parser.add_argument("--child", choices=sorted(SCENARIOS), help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args.child, args.db)
    with tempfile.TemporaryDirectory(prefix="loket-bench-") as tmp:
        work = Path(tmp)
        template = _make_set_up_db(work)
        results = _run_all(args.runs, work, template)
        print(f"Start-up to main window shown, median of {args.runs} runs (QT_QPA_PLATFORM=offscreen)\n")
        _print_table(results)
        if args.profile:
            _print_profile(work, template)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
