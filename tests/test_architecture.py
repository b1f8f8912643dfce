"""Layering: models, printing and sync never import Qt or the UI (checked on the source, and live)."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOWER = ["desktop/models", "desktop/printing", "desktop/sync", "desktop/messaging"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_lower_layers_do_not_import_qt_or_ui():
    offenders = []
    for folder in LOWER:
        for path in (ROOT / folder).rglob("*.py"):
            bad = {n for n in _imports(path) if n.startswith(("PySide6", "desktop.ui"))}
            if bad:
                offenders.append(f"{path.relative_to(ROOT)}: {sorted(bad)}")
    assert offenders == []


def test_models_import_nothing_above_them():
    """The domain core stands alone: no printing, sync or UI from inside desktop/models."""
    offenders = []
    for path in (ROOT / "desktop/models").rglob("*.py"):
        bad = {n for n in _imports(path) if n.startswith(("desktop.printing", "desktop.sync", "desktop.ui", "PySide6"))}
        if bad:
            offenders.append(f"{path.relative_to(ROOT)}: {sorted(bad)}")
    assert offenders == []


def test_importing_models_and_printing_loads_no_qt():
    code = ("import sys, pkgutil, importlib, desktop.models, desktop.printing, desktop.sync, desktop.messaging\n"
            "for pkg in (desktop.models, desktop.printing, desktop.sync, desktop.messaging):\n"
            "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
            "        importlib.import_module(m.name)\n"
            "print(any(k.startswith('PySide6') for k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


WALL_CLOCK = ("date.today", "datetime.now", "datetime.today", "datetime.utcnow", "time.time", "QDate.currentDate",
              "QDateTime.currentDateTime", "QTime.currentTime")


def test_time_comes_from_the_injected_clock():
    """Only desktop/models/clock.py reads the wall clock; everything else asks the injected Clock,
    so tests can set any day (a year change, 4 January) and every figure follows."""
    offenders = []
    for path in (ROOT / "desktop").rglob("*.py"):
        if path == ROOT / "desktop/models/clock.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if f"{node.value.id}.{node.attr}" in WALL_CLOCK:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value.id}.{node.attr}")
    assert offenders == []


MAX_MODULE_LINES = 400


def test_modules_stay_small():
    """One concept per module (STYLE.md): a module past 400 lines is split by what it holds."""
    too_long = []
    for path in (ROOT / "desktop").rglob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(ROOT)}: {lines}")
    assert too_long == []


def test_no_module_selects_a_pyside_feature():
    """ui/qt_import_hook.py gives Python's import back, which is right only while nothing uses
    `from __feature__ import …` (snake_case, true_property)."""
    users = [str(path.relative_to(ROOT)) for path in (ROOT / "desktop").rglob("*.py")
             if "__feature__" in _imports(path)]
    assert users == []


def test_the_app_runs_without_pysides_import_hook():
    code = ("import builtins; from PySide6 import QtCore; hooked = builtins.__import__ is not builtins.__orig_import__;"
            "from desktop.ui.qt_import_hook import drop_feature_import_hook as drop; dropped = drop();"
            "import desktop.ui.screens.signin;"
            "print(hooked, dropped, builtins.__import__ is builtins.__orig_import__)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.split() == ["True", "True", "True"]
    assert "drop_feature_import_hook()" in (ROOT / "desktop/app.py").read_text()


FILE_DIALOGS = {"getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory"}


def test_file_dialogs_open_in_the_users_folder():
    """A dialog given no folder (or a bare file name) opens in the process's working directory:
    the program's own folder once installed. Every one names its start (ui/widgets/start_folder.py)."""
    offenders = []
    for path in (ROOT / "desktop/ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in FILE_DIALOGS:
                start = node.args[2] if len(node.args) > 2 else None
                if start is None or isinstance(start, ast.Constant):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
