"""The interop test suite (tests/interop) inside Pyodide in headless Chromium.

``make interop`` runs tests/interop inside Pyodide in Node (tests/interop/run.mjs); this runs
the same tests in a page (interop_page/), against the same JS modules, imported by URL from
the repository root, which a server here serves. The page boots jsinterop's own runtime with
an archive of src/ and tests/interop/ built here, loads the pytest wheels from
.cache/pyodide-wheels and reports pytest's exit code and output in ``window.interopResult``.

Chromium runs with ``--js-flags=--expose-gc`` so the tests that need a full collection
(``debug.collect()``) run here too. Tests that cannot run in a browser are skipped by
tests/interop/conftest.py, each with its reason. ``JSINTEROP_INTEROP_ARGS="-k dates -x"``
passes more arguments to pytest (then the minimum count of passed tests is not checked).

The suite runs three times: in a runtime booted normally, in one restored from a memory
snapshot that Node made of the same archive after importing jsinterop (``jsinterop build``'s
snapshot, ``cli/_snapshot.py``), as an app's page restores its own, and with Python in the
worker host's worker (``python.inWorker()``) and the tests' JS modules imported on the page, so
that every stub calls the page synchronously from the worker.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserType
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from jsinterop.cli._snapshot import make_snapshot
from tests.browser.conftest import (
    MARKS,
    REPO,
    SNAPSHOT_RESTORED,
    QuietHandler,
    boot_marks,
    package_archive,
    record_timings,
    serving,
)

WHEELS = REPO / ".cache" / "pyodide-wheels"
# What Node's run.mjs mounts (/lib/src, /lib/tests/jsinterop_tests), as one archive: src's
# packages at its top level, tests/interop as jsinterop_tests.
PACKAGES = {"": REPO / "src", "jsinterop_tests": REPO / "tests" / "interop"}
GENERATED = "/__interop__/"
PLAN = "/__interop__/plan.json"
SNAPSHOT_PLAN = "/__interop__/plan-snapshot.json"
ARCHIVE = "/__interop__/app.zip"
EXTRACT_DIR = "/lib/interop"
FRAMEWORK = REPO / "src" / "jsinterop" / "_framework"
RUN_TIMEOUT_MS = 5 * 60 * 1000
# A harness that ran nothing (or a conftest that skipped everything) must not pass.
MIN_PASSED = 250
# In the worker host, the tests of its documented limits are skipped (tests/interop/conftest.py).
MIN_PASSED_IN_WORKER = 600
EXTRA_ARGS = shlex.split(os.environ.get("JSINTEROP_INTEROP_ARGS", ""))


def interop_plan() -> dict[str, Any]:
    wheels = sorted(f"/{path.relative_to(REPO).as_posix()}" for path in WHEELS.glob("*.whl"))
    if not any(Path(wheel).name.startswith("pytest-") for wheel in wheels):
        pytest.fail(f"no pytest wheel in {WHEELS}; run scripts/bootstrap.sh first")
    args = [f"{EXTRACT_DIR}/jsinterop_tests", "-p", "no:cacheprovider", "-q", "-rs", *EXTRA_ARGS]
    return {"archive": ARCHIVE, "extractDir": EXTRACT_DIR, "wheels": wheels, "args": args}


def interop_snapshot(folder: Path) -> dict[str, Any]:
    """A snapshot of the archive in ``folder`` after jsinterop's imports, made by Node with
    the runtime in src/ and written beside it: its descriptor, for the page's config."""
    made = make_snapshot(
        FRAMEWORK,
        {
            "configURL": None,
            "pyodideURL": (REPO / "node_modules" / "pyodide" / "pyodide.mjs").as_uri(),
            "archives": [(folder / Path(ARCHIVE).name).as_uri()],
            "extractDir": EXTRACT_DIR,
        },
        ["jsinterop", "jsinterop.debug"],
        [],
        output=folder,
        jspi=True,
        progress=print,
    )
    assert made is not None, "no snapshot was made (node not on PATH?)"
    return {**made.descriptor, "file": f"{GENERATED}{made.descriptor['file']}"}


@pytest.fixture(scope="module")
def repo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The repository on 127.0.0.1, cross-origin isolated (as bench/browser.py serves it),
    plus under /__interop__/ the test plans, the archive and the snapshot, made now so they
    hold the working tree's files."""
    generated = tmp_path_factory.mktemp("interop")
    (generated / Path(ARCHIVE).name).write_bytes(package_archive(PACKAGES))
    plan = interop_plan()
    (generated / Path(PLAN).name).write_text(json.dumps(plan))
    snapshot_plan = {**plan, "snapshot": interop_snapshot(generated)}
    (generated / Path(SNAPSHOT_PLAN).name).write_text(json.dumps(snapshot_plan))

    class Handler(QuietHandler):
        def translate_path(self, path: str) -> str:
            if path.startswith(GENERATED):
                name = path.removeprefix(GENERATED).split("?")[0]
                if "/" not in name:
                    return str(generated / name)
            return super().translate_path(path)

        def end_headers(self) -> None:
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

    with serving(REPO, Handler) as url:
        yield url


def tail(output: str, lines: int = 120) -> str:
    return "\n".join(output.splitlines()[-lines:])


@pytest.mark.parametrize(
    ("plan", "in_worker"),
    [(PLAN, False), (SNAPSHOT_PLAN, False), (PLAN, True)],
    ids=["booted", "from-snapshot", "in-worker"],
)
def test_interop_suite_passes_in_chromium(
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
    repo_url: str,
    plan: str,
    in_worker: bool,
) -> None:
    args = [*browser_type_launch_args.get("args", []), "--js-flags=--expose-gc"]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    try:
        page = browser.new_page()
        page_errors: list[str] = []
        console: list[str] = []
        page.on("pageerror", lambda error: page_errors.append(str(error)))
        page.on("console", lambda message: console.append(message.text))
        worker = "&worker=1" if in_worker else ""
        page.goto(f"{repo_url}/tests/browser/interop_page/index.html?plan={plan}{worker}")
        try:
            page.wait_for_function(
                "window.interopResult !== undefined", timeout=RUN_TIMEOUT_MS, polling=1000
            )
        except PlaywrightTimeoutError:
            # Not page.evaluate: a page stuck in Python would never answer it.
            pytest.fail(
                f"the interop page did not finish in {RUN_TIMEOUT_MS // 1000} s; its console:\n"
                + tail("\n".join(console))
                + "".join(f"\nuncaught: {error}" for error in page_errors)
            )
        result: dict[str, Any] = page.evaluate("window.interopResult")
        marks = boot_marks(page, (*MARKS, SNAPSHOT_RESTORED, "interop:wheels", "interop:done"))
        where = " in the worker host" if in_worker else ""
        record_timings(f"interop tests in Chromium ({plan}{where})", marks)
    finally:
        browser.close()

    output = result.get("output", "")
    print(tail(output, 20))  # the skips and pytest's summary, shown with -s
    assert "error" not in result, f"{result['error']}\n{tail(output)}"
    assert not page_errors, page_errors
    assert result["jspi"] and result["gcExposed"]
    assert result["inWorker"] == in_worker
    assert result["environment"] == {"is_browser": True, "is_node": False}
    assert (SNAPSHOT_RESTORED in marks) == (plan == SNAPSHOT_PLAN), console[:3]
    assert result["code"] == 0, f"pytest exited with {result['code']}:\n{tail(output)}"
    summary = (output.strip().splitlines() or [""])[-1]
    passed = re.search(r"(\d+) passed", summary)
    assert passed, f"no passed tests in: {summary}"
    if not EXTRA_ARGS:
        minimum = MIN_PASSED_IN_WORKER if in_worker else MIN_PASSED
        assert int(passed[1]) >= minimum, f"only {passed[1]} passed: {summary}"
