"""Where a file dialog opens: the user's Documents folder, never the program's working directory.

An empty or bare-name starting point makes Qt open the process's current directory, which for an
installed program is its own folder under Program Files, or wherever it was started from.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents() -> str:
    """The user's Documents folder (the home folder where there is none)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if not folder or not Path(folder).is_dir():
        folder = str(Path.home())
    return folder


def in_documents(name: str) -> str:
    """A suggested file name for a save dialog, placed in Documents."""
    return str(Path(documents()) / name)
