#!/usr/bin/env bash
# Installs everything jsinterop's development needs, idempotently:
#   - Node.js and npm (Debian packages) when missing
#   - a virtual environment .venv with jsinterop (editable) and its dev tools
#   - the pinned Pyodide from npm (package-lock.json)
#   - the pure-Python wheels the interop tests load into Pyodide
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'bootstrap: %s\n' "$*" >&2; }

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing Node.js and npm (Debian packages)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "$PYTHON" -m venv .venv
fi
say "installing jsinterop and its dev tools into .venv"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'

say "installing the pinned Pyodide (npm ci)"
npm ci --no-audit --no-fund --loglevel=error

WHEELS=.cache/pyodide-wheels
if [ ! -f "$WHEELS/.complete" ] || [ tests/interop/requirements-pyodide.txt -nt "$WHEELS/.complete" ]; then
  say "downloading the wheels the interop tests load into Pyodide"
  rm -rf "$WHEELS"
  .venv/bin/python -m pip download -q --no-deps --only-binary=:all: \
    --python-version 3.14 --platform any --implementation py --abi none \
    -d "$WHEELS" -r tests/interop/requirements-pyodide.txt
  touch "$WHEELS/.complete"
fi
say "ready"
