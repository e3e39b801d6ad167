"""The worker host (``python.inWorker().create()``) in headless Chromium.

The page (worker_page/) boots worker_app (worker_page/worker_app/) with Python in a dedicated
worker, registers page functions with setModuleImports, and calls the app's exports, which
call the page functions synchronously from the worker; it reports what it saw in
``window.workerResult``. Served cross-origin isolated, everything runs in the worker; served
without the two headers, the same page runs Python on the main thread and says so in one
console line. One page load (one Pyodide boot) per test.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import REPO, QuietHandler, package_archive, serving

PAGE = "/tests/browser/worker_page/index.html"
GENERATED = "/__worker__/"
EXTRACT_DIR = "/lib/worker"
# src's packages and worker_app at the archive's top level.
PACKAGES = {"": REPO / "src", "worker_app": REPO / "tests/browser/worker_page/worker_app"}
FALLBACK_LINE = (
    "jsinterop: Python runs on the main thread, not in a worker: the page is not cross-origin "
    "isolated (its server must send Cross-Origin-Opener-Policy: same-origin and "
    "Cross-Origin-Embedder-Policy: require-corp)"
)


def handler_for(generated: Path, *, isolated: bool) -> type[QuietHandler]:
    class Handler(QuietHandler):
        def translate_path(self, path: str) -> str:
            if path.startswith(GENERATED):
                return str(generated / path.removeprefix(GENERATED).split("?")[0])
            return super().translate_path(path)

        def end_headers(self) -> None:
            if isolated:
                self.send_header("Cross-Origin-Opener-Policy", "same-origin")
                self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

    return Handler


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("worker")
    (folder / "app.zip").write_bytes(package_archive(PACKAGES))
    plan = {"archive": f"{GENERATED}app.zip", "extractDir": EXTRACT_DIR}
    (folder / "plan.json").write_text(json.dumps(plan))
    return folder


@pytest.fixture(scope="module")
def isolated_url(generated: Path) -> Iterator[str]:
    with serving(REPO, handler_for(generated, isolated=True)) as url:
        yield url


@pytest.fixture(scope="module")
def plain_url(generated: Path) -> Iterator[str]:
    with serving(REPO, handler_for(generated, isolated=False)) as url:
        yield url


def run_page(browser: Browser, url: str) -> tuple[dict[str, Any], list[str], Page]:
    page = browser.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.on("pageerror", lambda error: console.append(f"uncaught: {error}"))
    page.goto(f"{url}{PAGE}")
    page.wait_for_function("window.workerResult !== undefined", timeout=120_000, polling=200)
    result: dict[str, Any] = page.evaluate("window.workerResult")
    assert "error" not in result, result["error"] + "\n" + "\n".join(console[-40:])
    return result, console, page


EXPECTED_CALLS = {
    "pythonInWorker": True,
    "typedCalls": ["5", "hello worker hello worker", "a=1.5+2 on object"],
    "raises": {"error": "ValueError: raised in the worker"},
    "wrongArgument": {
        "error": "TypeError: worker_app.call_add: argument 'count' must be int (safe integer "
        'number), got string "many"'
    },
    "importedOnPage": "page",
    "handlerReturns": None,
    "clicked": [7],
}


def test_python_runs_in_a_worker_and_calls_the_page_synchronously(
    browser: Browser, isolated_url: str
) -> None:
    result, console, page = run_page(browser, isolated_url)
    assert result["hostInWorker"] is True
    assert {key: result[key] for key in EXPECTED_CALLS} == EXPECTED_CALLS
    assert result["errors"] == EXPECTED_ERRORS
    assert result["importedInWorker"] == "worker"
    assert not [line for line in console if line.startswith("jsinterop: Python runs")]
    assert result["textSets"]["last"] == "999"
    assert page.text_content("#target") == "999"
    page.close()


# What the page function usePython saw (worker_app.nested_calls), the same in both hosts.
EXPECTED_NESTED_CALLS = [
    "double: 43",
    "squares: 9,1,4",
    "sorted: 1,2,3",
    "deeper: 5 | hello worker hello worker | a=1.5+2 on object",
    "countdown: 20",
    "ValueError: raised in the worker",
    "TypeError: worker_app.double: argument 'x' must be int (safe integer number), got string "
    '"x"',
]


def test_the_page_calls_python_synchronously_while_python_waits_for_it(
    browser: Browser, isolated_url: str
) -> None:
    result, _, page = run_page(browser, isolated_url)
    page.close()
    assert result["hostInWorker"] is True
    assert result["nestedCalls"] == EXPECTED_NESTED_CALLS


def test_python_in_the_worker_uses_a_dom_element_by_reference(
    browser: Browser, isolated_url: str
) -> None:
    result, _, page = run_page(browser, isolated_url)
    page.close()
    assert result["domElement"] == [
        "tag: BUTTON",
        "text: click",
        "attribute: python",
        "has click: True, has nope: False",
        "type of focus: function",
        "same element: True",
        "same parent: True",
        "stand-in kept: True",
        "thrown: SyntaxError",
    ]
    assert result["domAfter"] == {"text": "pressed", "from": "python", "classes": "hot"}


def test_at_any_other_time_the_page_gets_a_promise(browser: Browser, isolated_url: str) -> None:
    result, _, page = run_page(browser, isolated_url)
    page.close()
    assert result["laterCalls"] == {
        "exportCall": {"isPromise": True, "value": 8},
        "callbackCall": {"isPromise": True, "value": 25},
    }


def test_a_call_to_a_terminated_worker_throws_instead_of_spinning(
    browser: Browser, isolated_url: str
) -> None:
    _, _, page = run_page(browser, isolated_url)
    # Not awaited: its Promise never settles, the worker is gone.
    page.evaluate("() => { window.workerApp.terminating_call(); }")
    page.wait_for_function("window.terminated !== undefined", timeout=10_000)
    terminated = page.evaluate("window.terminated")
    page.close()
    assert terminated == {"error": "Error: jsinterop: the Python worker was terminated"}


# What each wrong call raised in Python (worker_app.errors), the same in both hosts.
EXPECTED_ERRORS = [
    "TypeError: worker_app.add(): argument 'a' must be int, got str",
    "JSRangeError: RangeError: from the page",
    "TypeError: worker_app.returns_text_as_int(): the value returned by JS 'returnsText' must "
    'be int, got string "text"',
    "OverflowError: worker_app.add(): argument 'a' must be a safe integer within "
    "\u00b19007199254740991, got 1152921504606846976",
    "same exception: True",
]


# While Python computes for 2 s in the worker: frames counted and a real click's delay.
MEASURE_WHILE_COMPUTING = """async () => {
  const button = document.getElementById("button");
  window.clickDelays = [];
  button.addEventListener("click", (event) => {
    window.clickDelays.push(performance.now() - event.timeStamp);
  });
  let frames = 0;
  let counting = true;
  const count = () => {
    frames += 1;
    if (counting) requestAnimationFrame(count);
  };
  const start = performance.now();
  requestAnimationFrame(count);
  window.computed = window.workerApp.compute(2.0);
  await new Promise((resolve) => setTimeout(resolve, 1800));
  counting = false;
  return { fps: frames / ((performance.now() - start) / 1000) };
}"""


def test_the_page_keeps_painting_and_answering_while_python_computes(
    browser: Browser, isolated_url: str
) -> None:
    _, _, page = run_page(browser, isolated_url)
    measuring = page.evaluate_handle(MEASURE_WHILE_COMPUTING)
    page.wait_for_timeout(600)
    page.click("#button")  # a real (trusted) click, while Python computes
    measured = measuring.json_value()
    delays = page.evaluate("window.clickDelays")
    rounds = page.evaluate("window.computed")
    page.close()
    assert rounds > 0
    assert measured["fps"] >= 50, measured
    assert len(delays) == 1 and delays[0] < 50, delays


def test_without_isolation_python_runs_on_the_main_thread_and_says_so_once(
    browser: Browser, plain_url: str
) -> None:
    result, console, page = run_page(browser, plain_url)
    page.close()
    assert result["hostInWorker"] is False
    assert result["pythonInWorker"] is False
    assert [line for line in console if line.startswith("jsinterop:")] == [FALLBACK_LINE]
    assert not [line for line in console if "SharedArrayBuffer" in line]
    on_main_thread = {**EXPECTED_CALLS, "pythonInWorker": False}
    assert {key: result[key] for key in EXPECTED_CALLS} == on_main_thread
    assert result["errors"] == EXPECTED_ERRORS
    assert result["importedOnPage"] == "page"
    assert result["importedInWorker"] == "page"
    assert result["nestedCalls"] == EXPECTED_NESTED_CALLS
    assert result["laterCalls"] == {
        "exportCall": {"isPromise": False, "value": 8},
        "callbackCall": {"isPromise": False, "value": 25},
    }
