#!/usr/bin/env bash
# Idempotent set-up: Debian runtime libraries Qt needs (only the missing ones), a virtual
# environment, and the package with its dev extras. Re-running it is cheap.
#   scripts/setup.sh          what the app needs to run (make run)
#   scripts/setup.sh --test   also what the tests need: a virtual screen, PDF/QR tools, a real
#                             PostgreSQL and a real browser for the kabupaten receiver (make test)
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PKGS=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-xkb1 libxkbcommon-x11-0 fonts-dejavu-core xvfb xauth)  # xvfb: `xvfb-run -a make run` without a screen
if [ "${1:-}" = "--test" ]; then
  DEB_PKGS+=(xdotool poppler-utils zbar-tools faketime  # faketime: the suite on another day
    postgresql chromium chromium-driver)  # the kabupaten receiver's tests: a real PostgreSQL, a real browser
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${DEB_PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Memasang pustaka Debian yang belum ada: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Pustaka Debian berikut belum terpasang dan perlu root: ${missing[*]}"
    echo "Jalankan: sudo apt-get install ${missing[*]}"
  fi
fi

PY=${PY:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
# Installs come from requirements.lock only: exact versions with hashes, so a new upstream release can
# never change what an office gets. The package itself goes in without resolving anything further.
stamp=.venv/.loket-installed
want=$(cat pyproject.toml requirements.lock | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install -q --require-hashes --no-deps -r requirements.lock
  .venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
  .venv/bin/python -m pip check
  echo "$want" > "$stamp"
fi
