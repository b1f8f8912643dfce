"""Smoke tests of the program as shipped: `python -m desktop --smoke` and the frozen build.

Each run starts a real process with its own empty data folder, so it proves that start-up
opens (creates and migrates) the database and shows the main window, then exits cleanly.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "loket.spec"
EXE_NAME = "loket.exe" if sys.platform == "win32" else "loket"


def _smoke_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["LOKET_DATA_DIR"] = str(data_dir)
    return env


def _migrations_applied(db_path: Path) -> list[str]:
    """Names of the migrations recorded in the database the app created."""
    conn = sqlite3.connect(db_path)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def _assert_smoke(result: subprocess.CompletedProcess[str], data_dir: Path) -> None:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    db_path = data_dir / "loket.sqlite3"
    assert db_path.is_file(), f"no database in {sorted(p.name for p in data_dir.iterdir())}"
    assert _migrations_applied(db_path), "database created but no migration recorded"
    # The queue board ran through its burst of updates on the shipped Qt binding (a binding that
    # miscounts references aborts with exit 134 before this line is printed).
    assert "Uji paket: layar antrean 30000 pembaruan, baik." in result.stdout, result.stdout


def test_python_m_desktop_smoke_creates_database(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--smoke"],
        cwd=ROOT,
        env=_smoke_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    _assert_smoke(result, data_dir)


@pytest.fixture(scope="session")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh one-folder build from installer/loket.spec (not a possibly stale dist/)."""
    pytest.importorskip("PyInstaller", reason="PyInstaller is a dev dependency: pip install -e '.[dev]'")
    out = tmp_path_factory.mktemp("frozen")
    started = time.perf_counter()
    # No --clean: PyInstaller's per-user binary cache keeps repeated builds quick.
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(out / "dist"), "--workpath", str(out / "build"), str(SPEC)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    print(f"PyInstaller build: {time.perf_counter() - started:.1f} s")
    exe = out / "dist" / "loket" / EXE_NAME
    assert exe.is_file()
    return exe


@pytest.mark.slow
def test_frozen_build_bundles_resources(frozen_app: Path) -> None:
    # desktop/paths.py finds resources under sys._MEIPASS, i.e. the _internal folder.
    catalog = frozen_app.parent / "_internal" / "resources" / "catalog"
    assert sorted(p.name for p in catalog.glob("*.yaml")) == sorted(
        p.name for p in (ROOT / "resources" / "catalog").glob("*.yaml")
    )


@pytest.mark.slow
def test_frozen_app_smoke_creates_database(frozen_app: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    result = subprocess.run(
        [str(frozen_app), "--smoke"],
        cwd=tmp_path,  # not the repo: the bundle must not lean on source files
        env=_smoke_env(data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    _assert_smoke(result, data_dir)


@pytest.mark.slow
def test_frozen_app_reads_bundled_catalogue(frozen_app: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(frozen_app), "catalog", "check"],
        cwd=tmp_path,
        env=_smoke_env(tmp_path / "data"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    from desktop.models.catalog.loader import catalog_files

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # One "<file>: <office>, N layanan — baik" line per office catalogue of the source tree.
    assert [line.split(":")[0] for line in lines] == [p.name for p in catalog_files()]
    assert all(line.endswith("baik") for line in lines), result.stdout


@pytest.mark.slow
def test_frozen_app_renders_a_letter_and_rasterises_it(frozen_app: Path, tmp_path: Path) -> None:
    """Templates, reportlab, its C accelerator and pypdfium2 all work inside the bundle."""
    out = tmp_path / "contoh.pdf"
    env = _smoke_env(tmp_path / "data")
    result = subprocess.run(
        [str(frozen_app), "letter", "preview", "--office", "kalirejo", "--service",
         "kalirejo-surat-keterangan-usaha", "--out", str(out)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "SURAT KETERANGAN USAHA" in text


@pytest.mark.slow
def test_frozen_app_ships_the_locked_qt_binding(frozen_app: Path, tmp_path: Path) -> None:
    from tests.ui.test_qt_refcount import _locked

    result = subprocess.run([str(frozen_app), "--version"], cwd=tmp_path, env=_smoke_env(tmp_path / "data"),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert f"PySide6 {_locked('PySide6-Essentials')}," in result.stdout, result.stdout
