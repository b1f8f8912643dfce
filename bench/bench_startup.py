"""Start-up time: process launch → main window shown, Loket against a bare PySide6 window.

Each run is a fresh interpreter (QT_QPA_PLATFORM=offscreen) with compiled bytecode, as an
installed app has (this machine sets PYTHONDONTWRITEBYTECODE; the child's environment drops it and
the uncounted warm-up start writes the .pyc files). The parent passes its launch time in
LOKET_BENCH_T0; the child wraps QMainWindow.show/showMaximized so that a zero-delay timer after the
first show prints time.time(). Peak RSS is the child's VmHWM (Linux; reset by exec, unlike
os.wait4's ru_maxrss, which keeps the forked parent's), else os.wait4.

Three moments per Loket start:
  on screen  the main window is shown (like for like with the bare window: the target, ≤ 1.3×);
  sign-in    the sign-in screen has been painted (Loket fills the window right after its first
             paint: desktop/ui/first_paint.py), printed so that the deferral is never hidden;
  ready      the database is open and sign-in works.

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
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class SignInPainted(QObject):
        """Prints when the sign-in screen receives its first paint event."""

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and type(watched).__name__ == "SignInScreen":
                print(f"SIGNIN {time.time():.6f}", flush=True)
                QApplication.instance().setProperty("bench_signin_seen", True)
                watched.removeEventFilter(self)
            return False

    painted = SignInPainted()

    def print_peak_and_quit() -> None:
        status = Path("/proc/self/status")
        if status.exists():
            hwm = next((line.split()[1] for line in status.read_text().splitlines()
                        if line.startswith("VmHWM:")), None)
            if hwm:
                print(f"PEAK_KIB {hwm}", flush=True)
        QApplication.instance().quit()

    originals = {name: getattr(QMainWindow, name) for name in ("show", "showMaximized")}
    reported = []

    def wrap(name: str):
        def show_and_report(window: QMainWindow) -> None:
            originals[name](window)
            if not reported:
                reported.append(name)
                after_first_show(window)
        return show_and_report

    def after_first_show(window: QMainWindow) -> None:
        def report() -> None:
            print(f"SHOWN {time.time():.6f}", flush=True)
            if mode == "bare":
                print_peak_and_quit()
                return
            # Loket: also time until the database is open and sign-in works (services attached),
            # having seen the sign-in screen painted.
            poll = QTimer(window)
            seen: list[bool] = []

            def ready() -> None:
                if not seen and getattr(window, "ctx", None) is not None and window.ctx.services is not None:
                    seen.append(True)
                    print(f"READY {time.time():.6f}", flush=True)
                if seen and QApplication.instance().property("bench_signin_seen"):
                    poll.stop()
                    print_peak_and_quit()

            poll.timeout.connect(ready)
            poll.start(2)

        # Zero delay: runs once the event loop has handled what show() queued.
        QTimer.singleShot(0, report)

    for name in originals:  # the app shows itself maximized (filling a 1366×768 laptop)
        setattr(QMainWindow, name, wrap(name))
    if mode == "bare":
        app = QApplication(sys.argv)
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.resize(1200, 760)
        window.showMaximized()  # as the app does
        return app.exec()
    # The filter watches the sign-in screen alone (an app-wide Python filter would slow every event).
    from desktop.ui.main_window import MainWindow

    def watch_signin(window: MainWindow) -> None:
        window.signin.installEventFilter(painted)

    original_init = MainWindow.__init__

    def init_and_watch(window: MainWindow, *args, **kwargs) -> None:
        original_init(window, *args, **kwargs)
        if window.shell_built:
            watch_signin(window)
        else:
            window.sig_shell_built.connect(lambda: watch_signin(window))

    MainWindow.__init__ = init_and_watch
    from desktop.app import run_gui

    return run_gui(Path(db_path) if db_path else None)


# --- parent side ----------------------------------------------------------------------------
@dataclass
class Run:
    seconds: float
    peak_rss_mib: float
    ready_seconds: float | None = None  # Loket: until sign-in works (database open)
    signin_seconds: float | None = None  # Loket: until the sign-in screen is painted


def _child_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["LOKET_DATA_DIR"] = str(data_dir)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app runs from compiled bytecode
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
    hwm = next((line for line in stdout.splitlines() if line.startswith("PEAK_KIB ")), None)
    if hwm is not None:
        rss = int(hwm.split()[1]) / 1024

    def moment(tag: str) -> float | None:
        line = next((line for line in stdout.splitlines() if line.startswith(tag + " ")), None)
        return float(line.split()[1]) - t0 if line else None

    return Run(float(shown.split()[1]) - t0, rss, moment("READY"), moment("SIGNIN"))


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
    print(f"{'scenario':<28}{'on screen ms':>13}{'min ms':>9}{'max ms':>9}{'peak RSS MiB':>14}{'× bare':>8}"
          f"{'sign-in ms':>12}{'× bare':>8}{'ready ms':>10}")
    for mode, runs in results.items():
        secs = [r.seconds for r in runs]
        med = statistics.median(secs)
        rss = statistics.median(r.peak_rss_mib for r in runs)
        readies = [r.ready_seconds for r in runs if r.ready_seconds is not None]
        ready = f"{statistics.median(readies) * 1000:>10.0f}" if readies else f"{'-':>10}"
        signins = [r.signin_seconds for r in runs if r.signin_seconds is not None]
        signin = (f"{statistics.median(signins) * 1000:>12.0f}{statistics.median(signins) / bare:>8.2f}"
                  if signins else f"{'-':>12}{'-':>8}")
        print(f"{SCENARIOS[mode]:<28}{med * 1000:>13.0f}{min(secs) * 1000:>9.0f}{max(secs) * 1000:>9.0f}"
              f"{rss:>14.1f}{med / bare:>8.2f}{signin}{ready}")
    worst = max(statistics.median(r.seconds for r in results[m]) for m in ("setup", "fresh")) / bare
    verdict = "OK" if worst <= TARGET_RATIO else "ABOVE TARGET"
    print(f"\nLoket/bare (worst of set-up/fresh): {worst:.2f}  target ≤ {TARGET_RATIO}  → {verdict}")
    print("'sign-in' = until the sign-in screen is painted (the shell is built right after the first paint);")
    print("'ready' = until the database is open and sign-in works; the window is already on screen before.")
    print("Peak RSS: the started program's own high-water mark, until sign-in works.")


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
