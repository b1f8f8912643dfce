#!/usr/bin/env bash
# The whole suite on another Python, from the same lock file:
#   bash scripts/test_python.sh /usr/bin/python3.12 [pytest args]
# Makes a throw-away virtual environment under /tmp (the project's .venv is left alone).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${1:?"usage: scripts/test_python.sh PYTHON [pytest args]"}
shift
VERSION=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}{sys.version_info[1]}")')
VENV=/tmp/loket-venv-py$VERSION
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install -q --require-hashes --no-deps -r requirements.lock
"$VENV/bin/pip" install -q --no-deps --no-build-isolation -e .
QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -m pytest -q "$@"
