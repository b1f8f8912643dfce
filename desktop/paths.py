"""Where data and bundled resources live, also inside the frozen (PyInstaller) build."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "LoketKelurahan"


def resource_root() -> Path:
    """Folder that holds `resources/` (the repo root, or the PyInstaller bundle)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath("resources", *parts)


def data_dir() -> Path:
    """User data folder; LOKET_DATA_DIR overrides it (tests, portable installs)."""
    override = os.environ.get("LOKET_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "loket.sqlite3"


def archive_dir() -> Path:
    path = data_dir() / "arsip"
    path.mkdir(parents=True, exist_ok=True)
    return path
