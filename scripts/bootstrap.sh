#!/usr/bin/env bash
# Installs everything jsinterop's development needs, idempotently:
#   - Node.js and npm (Debian packages) when missing
#   - a virtual environment .venv with jsinterop (editable) and its dev tools
#   - the pinned Pyodide from npm (package-lock.json)
#   - a current Node (npm's `node` package, pinned) in .cache/node24, for `make interop`
#   - the pure-Python wheels the interop tests load into Pyodide
#   - Chromium (Debian package) for the browser tests, when missing
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'bootstrap: %s\n' "$*" >&2; }

APT_UPDATED=
apt_install() {
  if [ -z "$APT_UPDATED" ]; then apt-get update -qq && APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing Node.js and npm (Debian packages)"
  apt_install nodejs npm
fi
# The browser tests drive Debian's Chromium with Playwright (its own download does not work
# everywhere, so `playwright install` is never run).
if [ ! -x /usr/bin/chromium ]; then
  say "installing Chromium (Debian package) for the browser tests"
  apt_install chromium
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
say "installing the charts example's npm packages (npm ci)"
npm ci --no-audit --no-fund --loglevel=error --prefix examples/charts

# The current Node the interop suite also runs on (`make interop`): npm's `node` package, which
# installs the Node binary from the npm registry (node-bin-linux-x64 and friends), pinned as
# CURRENT_NODE_VERSION in the Makefile.
CURRENT_NODE_VERSION=$(sed -n 's/^CURRENT_NODE_VERSION := //p' Makefile)
CURRENT_NODE=.cache/node${CURRENT_NODE_VERSION%%.*}
if [ "$("$CURRENT_NODE/node_modules/.bin/node" --version 2>/dev/null)" != "v$CURRENT_NODE_VERSION" ]; then
  say "installing Node $CURRENT_NODE_VERSION from npm into $CURRENT_NODE"
  rm -rf "$CURRENT_NODE"
  npm install --no-audit --no-fund --loglevel=error --prefix "$CURRENT_NODE" "node@$CURRENT_NODE_VERSION"
fi

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
