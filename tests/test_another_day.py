"""The letters, the register and the reports do not depend on the day the suite runs.

tests/test_architecture.py forbids reading the wall clock outside models/clock.py; this runs the
letter goldens and the register and report tests in a process whose wall clock says 4 January 2027
(libfaketime, installed by `scripts/setup.sh --test`), the day that once broke all six goldens.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ANOTHER_DAY = "2027-01-04 09:15:00"


@pytest.mark.slow
def test_the_suite_passes_on_another_day():
    faketime = shutil.which("faketime")
    assert faketime, "faketime is missing: run scripts/setup.sh --test (Debian package faketime)"
    probe = subprocess.run([faketime, ANOTHER_DAY, sys.executable, "-c",
                            "import datetime; print(datetime.date.today())"],
                           capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == "2027-01-04"  # the faked clock does reach Python
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [faketime, ANOTHER_DAY, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/printing", "tests/models/test_register.py", "tests/reports/test_report_figures.py"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
