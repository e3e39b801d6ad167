# The two commands a newcomer runs: `make sample` (the main job) and `make test`.
.PHONY: sample console-sample test lint typecheck unit interop interop-snapshot e2e browser bench bootstrap

VENV := .venv/bin
## The current Node the interop suite also runs on (npm's `node` package, pinned; bootstrap
## installs it into the cache), beside the machine's `node`.
CURRENT_NODE_VERSION := 24.21.0
CURRENT_NODE := .cache/node24/node_modules/.bin/node
INTEROP_NODES := node $(CURRENT_NODE)
SAMPLE_DIR := .cache/sample-site
CONSOLE_DIR := .cache/console-sample
PORT ?= 8000

bootstrap:
	@scripts/bootstrap.sh

## The main job: build the sample app (examples/sample, the seed article's BlazorSample as
## Python components) and serve it on http://127.0.0.1:$(PORT)/ until Ctrl-C; a saved change
## shows in the open page (hot reload where it can, a reload where it cannot) and is rebuilt.
sample: bootstrap
	JSINTEROP_PYODIDE_DIR=$(CURDIR)/node_modules/pyodide \
	  $(VENV)/jsinterop serve examples/sample -o $(SAMPLE_DIR) --port $(PORT)

## The console sample: scaffold a console app and run it in Node (with the Pyodide `npm ci`
## installed, as `make sample` does, rather than fetching it into the user cache).
console-sample: bootstrap
	@rm -rf $(CONSOLE_DIR) && mkdir -p $(CONSOLE_DIR)
	cd $(CONSOLE_DIR) && ../../$(VENV)/jsinterop new console hello
	cd $(CONSOLE_DIR) && JSINTEROP_PYODIDE_DIR=$(CURDIR)/node_modules/pyodide \
	  ../../$(VENV)/jsinterop run hello -- python is great!

## Everything CI checks: lint, types, unit tests on CPython, interop tests inside Pyodide (booted
## normally, then from a memory snapshot), e2e, and built browser apps in headless Chromium.
test: bootstrap lint typecheck unit interop interop-snapshot e2e browser

lint:
	$(VENV)/ruff check src tests bench examples
	$(VENV)/ruff format --check src tests bench examples
	$(VENV)/python -m pytest -q -p no:cacheprovider tests/unit/test_layering_python.py tests/unit/test_layering_js.py

typecheck:
	$(VENV)/mypy

unit:
	$(VENV)/python -m pytest --doctest-modules --ignore=tests/unit/snapshots tests/unit src/jsinterop

## The interop suite on the machine's Node and on the current Node at once (each with the
## JSPI flag where it needs one; see scripts/interop.sh).
interop:
	INTEROP_NODES="$(INTEROP_NODES)" scripts/interop.sh

## The interop suite once more, in a runtime restored from a snapshot taken after jsinterop's
## imports (what `jsinterop build` makes for an app), on both Nodes.
interop-snapshot:
	INTEROP_NODES="$(INTEROP_NODES)" scripts/interop.sh --snapshot

e2e:
	$(VENV)/python -m pytest tests/e2e

browser:
	$(VENV)/python -m pytest tests/browser

## Every row of the benchmark in Node and in headless Chromium, start-up from a memory snapshot,
## the worker host against the main thread (bench/worker.py), hot reload in Chromium, then
## docs/benchmarks.md and docs/benchmarks.svg (medians of 9 repetitions; ~15 minutes on a 2-core
## machine).
bench: bootstrap
	$(VENV)/python bench/browser.py --archive-only
	node bench/calls.mjs --json .cache/bench/node.json
	$(VENV)/python bench/browser.py --json .cache/bench/chromium.json
	$(VENV)/python bench/startup.py --json .cache/bench/startup.json
	$(VENV)/python bench/worker.py --json .cache/bench/worker.json
	$(VENV)/python -m pytest -q tests/browser/test_hot_reload.py -k "measured or hundred"
	$(VENV)/python bench/report.py .cache/bench/node.json .cache/bench/chromium.json .cache/bench/startup.json \
	  .cache/bench/worker.json
