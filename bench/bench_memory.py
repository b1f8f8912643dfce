"""Whole-app memory through a working day: the real window, every screen, letters signed, the board.

One fresh interpreter (QT_QPA_PLATFORM=offscreen) runs, on a set-up office with 20 000 residents:
the main window; the clerk, then the head of office, open every screen they may; 20 letters go
through the office's real chain (each official typing a PIN, the signer's key unlocked with
argon2id, the letter numbered and rendered); the queue display takes 20 000 updates; a resident
search runs for 200 prefixes. It prints the resident memory (VmRSS) after each part and the high-water mark (VmHWM)
of the whole run. Target: ≤ 250 MB.

The high-water mark includes the argon2id unlock of the signing official's key at each signature
(KdfParams.key_mem, 256 MiB for well under a second, chosen in the key-custody work so that a
guessed PIN costs an attacker that much memory); the bench prints the largest resident memory
between actions as well as that peak, each with its verdict.

    python bench/bench_memory.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.models.trust.kdf import STRONG  # noqa: E402

TARGET_MB = 250
RESIDENTS = 20_000
LETTERS = 20
BOARD_UPDATES = 20_000


def _status() -> dict[str, float]:
    """VmRSS and VmHWM of this process in MB (Linux)."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            key, amount, _unit = line.split()
            values[key.rstrip(":")] = int(amount) / 1024
    return values


def _child(db: Path) -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from desktop.ui.qt_import_hook import drop_feature_import_hook

    drop_feature_import_hook()  # as run_gui does
    from desktop.app import build_window
    from desktop.demo import _issue_one
    from desktop.models.office.first_run import DEMO_PIN
    from desktop.office import open_office

    app = QApplication(sys.argv)
    services = open_office(db)
    window = build_window(services)
    window.showMaximized()
    parts: list[tuple[str, float]] = []

    def settle() -> None:
        for _ in range(5):
            app.processEvents()
        window.ctx.tasks.wait_idle()
        app.processEvents()

    def mark(name: str) -> None:
        settle()
        parts.append((name, _status()["VmRSS"]))

    mark("window, signed out")
    for username in ("petugas", "lurah"):
        window.ctx.session.sign_in(services.users.authenticate(username, DEMO_PIN))
        for entry in window.entries:
            if entry.permission is None or window.ctx.user.can(entry.permission):
                window.show_screen(entry.key)
                settle()
        mark(f"every screen of '{username}'")
    archive = db.parent / "arsip"
    for i in range(LETTERS):
        _issue_one(services, i, archive)
    mark(f"{LETTERS} letters signed and rendered")
    from desktop.ui.screens.queue_display import QueueDisplay

    board = QueueDisplay(ctx=window.ctx)
    board.announcer.announce = lambda number, counter: None
    board.show()
    for i in range(BOARD_UPDATES):  # what the board does all day: clock, running text, numbers
        board._update_clock()
        board.marquee.setText(f"Pengumuman {i}")
        for label in board.counter_numbers.values():
            label.setText(f"A{i % 1000:03d}")
        board.update()
        if i % 500 == 0:
            app.processEvents()
    mark(f"queue display, {BOARD_UPDATES:,} updates")
    for i in range(200):
        services.residents.search(f"{3514 + i % 7}")
        services.residents.search(["siti", "budi", "agus", "dewi"][i % 4])
    mark("200 resident searches")
    for name, rss in parts:
        print(f"PART {rss:.1f} {name}")
    print(f"HWM {_status()['VmHWM']:.1f}", flush=True)
    window.ctx.tasks.wait_idle()
    os._exit(0)  # measured; the widgets' teardown order is the app's own exit path's business, not this bench's


def _make_office(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from desktop.models.office.first_run import DEMO_PIN, complete_first_run, demo_input
    from desktop.models.residents.synthetic import residents
    from desktop.office import open_office

    path = folder / "kantor.sqlite3"
    services = open_office(path)
    complete_first_run(services, demo_input(services.catalog.office("kalirejo"), residents=500))
    admin = services.users.authenticate("admin", DEMO_PIN).actor()
    services.residents.insert_many(list(residents(RESIDENTS - 500, seed=11, start_serial=9001)), admin)
    services.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    services.db.conn.close()
    return path


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        return _child(Path(sys.argv[2]))
    with tempfile.TemporaryDirectory(prefix="loket-bench-mem-") as tmp:
        work = Path(tmp)
        db = _make_office(work)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LOKET_DATA_DIR=str(work / "data"))
        result = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(db)],
                                env=env, capture_output=True, text=True, timeout=900)
        if result.returncode != 0:
            print(result.stderr[-3000:], file=sys.stderr)
            return 1
    print(f"Whole-app memory through a working day ({RESIDENTS:,} residents, QT_QPA_PLATFORM=offscreen)\n")
    print(f"{'after':<44}{'RSS MB':>8}")
    for line in result.stdout.splitlines():
        if line.startswith("PART "):
            _tag, rss, name = line.split(" ", 2)
            print(f"{name:<44}{float(rss):>8.1f}")
    hwm = float(next(line for line in result.stdout.splitlines() if line.startswith("HWM ")).split()[1])
    steady = max(float(line.split()[1]) for line in result.stdout.splitlines() if line.startswith("PART "))
    kdf_mb = STRONG.key_mem / 2**20

    def verdict(mb: float) -> str:
        return f"{mb:6.1f} MB  ratio to target {mb / TARGET_MB:.2f}  → {'OK' if mb <= TARGET_MB else 'ABOVE TARGET'}"

    print(f"\nlargest resident memory between actions     {verdict(steady)}")
    print(f"peak (VmHWM), signatures' key unlock incl.  {verdict(hwm)}")
    print(f"  argon2id per signature (for < 1 s, then freed)  {kdf_mb:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
