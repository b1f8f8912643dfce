"""Give Python's own `__import__` back after PySide6 has replaced it.

Importing PySide6.QtCore swaps `builtins.__import__` for `__feature_import__`, which serves PySide's
opt-in `from __feature__ import snake_case, true_property`. As a side effect every import in the
process, also every function-local import run again, goes through Python code first, and every
newly imported module has its source file read to see whether it mentions PySide6. Loket never
selects a feature (tests/test_architecture.py checks that no module imports `__feature__`), so
the hook is pure cost: ~25 % of the time the app spends importing its own modules at start-up
(bench/bench_startup.py). PySide keeps the original in `builtins.__orig_import__`.
"""

from __future__ import annotations

import builtins


def drop_feature_import_hook() -> bool:
    """Restore the original `__import__` (once PySide6 is imported); True when it was replaced."""
    original = getattr(builtins, "__orig_import__", None)
    if original is None or builtins.__import__ is original:
        return False
    builtins.__import__ = original
    return True
