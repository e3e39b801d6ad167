# The two commands a newcomer runs: `make sample` (the main job) and `make test`.
.PHONY: sample test lint typecheck unit interop e2e browser bench bootstrap

VENV := .venv/bin
NODE_JSPI := node --experimental-wasm-stack-switching
SAMPLE_DIR := .cache/sample

bootstrap:
	@scripts/bootstrap.sh

## The main job: scaffold the console sample and run it in Node (Python in WebAssembly).
sample: bootstrap
	@rm -rf $(SAMPLE_DIR) && mkdir -p $(SAMPLE_DIR)
	cd $(SAMPLE_DIR) && ../../$(VENV)/jsinterop new console hello
	cd $(SAMPLE_DIR) && ../../$(VENV)/jsinterop run hello -- python is great!

## Everything CI checks: lint, types, unit tests on CPython, interop tests inside Pyodide, e2e,
## and built browser apps in headless Chromium.
test: bootstrap lint typecheck unit interop e2e browser

lint:
	$(VENV)/ruff check src tests bench
	$(VENV)/ruff format --check src tests bench

typecheck:
	$(VENV)/mypy

unit:
	$(VENV)/python -m pytest tests/unit

interop:
	$(NODE_JSPI) tests/interop/run.mjs

e2e:
	$(VENV)/python -m pytest tests/e2e

browser:
	$(VENV)/python -m pytest tests/browser

bench: bootstrap
	node bench/calls.mjs
