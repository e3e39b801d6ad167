"""Errors while a components app loads, in Chromium under ``jsinterop serve``: the error bar
with the Python traceback, the serve terminal's line, one failing page that leaves the
others usable, the dismiss glyph, and each 404 logged with its path. (The build's exit code
for an app that cannot be imported, and ``run``'s traceback: tests/e2e/test_load_errors.py.)
Every test runs with Python on the page's main thread and in a Web Worker (``--worker``)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    BOOT_TIMEOUT_MS,
    DevServer,
    jsinterop_env,
    save_screenshot,
    start_dev_server,
)

PROGRAM = '''\
"""Fails in main when the page's query asks it to."""

from jsinterop.components import run_app

from .layout import MainLayout


async def main(args: list[str]) -> int:
    if "fail-main" in args:
        raise RuntimeError("main failed on purpose")
    await run_app("#app", pages="fails.pages", layout=MainLayout)
    return 0
'''
INDEX = """\
from jsinterop.components import Child, Component, page


@page("/")
class Index(Component):
    def render(self) -> Child:
        raise LookupError("the home page failed to render on purpose")
"""
# Imports on CPython (the build imports the app), fails in Pyodide.
BROKEN = """\
import sys

from jsinterop.components import Child, Component, page

if sys.platform == "emscripten":
    raise ImportError("this page's dependency is missing on purpose")


@page("/broken")
class Broken(Component):
    def render(self) -> Child:
        return "never"
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, in_worker: bool) -> Iterator[DevServer]:
    root = tmp_path_factory.mktemp("load-errors")
    cache = root / "cache"
    worker = ["--worker"] if in_worker else []
    created = subprocess.run(
        [sys.executable, "-m", "jsinterop", "new", "components", "fails", *worker],
        cwd=root,
        env=jsinterop_env(cache),
        capture_output=True,
        text=True,
        check=False,
    )
    assert created.returncode == 0, created.stderr
    app = root / "fails"
    (app / "fails" / "program.py").write_text(PROGRAM)
    (app / "fails" / "pages" / "index.py").write_text(INDEX)
    (app / "fails" / "pages" / "broken.py").write_text(BROKEN)
    running = start_dev_server(app, root / "out", cache, "--no-watch")
    yield running
    running.stop()


def server_said(server: DevServer, text: str, timeout_s: float = 10.0) -> str:
    """The server's output once ``text`` is in it."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        output = "".join(server.output)
        if text in output:
            return output
        time.sleep(0.1)
    raise AssertionError(f"the server never printed {text!r}:\n{''.join(server.output)}")


def test_a_page_whose_render_raises_leaves_the_layout_usable(page: Page, server: DevServer) -> None:
    page.goto(server.url)
    failed = page.locator(".jsinterop-page-error")
    expect(failed).to_contain_text(
        "LookupError: the home page failed to render on purpose", timeout=BOOT_TIMEOUT_MS
    )
    expect(failed.locator("pre")).to_contain_text('File "fails/pages/index.py", line 7, in render')
    built = json.loads((server.out / "_framework" / "app.json").read_text())
    assert page.evaluate("getPythonRuntime(0).inWorker") == built.get("worker", False)
    bar = page.locator("#jsinterop-error-ui")
    expect(bar).to_be_visible()
    dismiss = bar.locator(".dismiss")
    # A glyph every font has: U+1F5D9 (🗙) drew as an empty box.
    expect(dismiss).to_have_text("\u00d7")
    save_screenshot(page, "load-error-page-render.png")
    dismiss.click()
    expect(bar).to_be_hidden()
    page.get_by_role("link", name="Counter").click()
    expect(page.get_by_role("heading", name="Counter")).to_be_visible()
    page.get_by_role("button", name="Click me").click()
    expect(page.get_by_role("status")).to_have_text("Current count: 1")


def test_a_page_that_fails_to_import_shows_its_error_and_the_others_work(
    page: Page, server: DevServer
) -> None:
    page.goto(server.url + "broken")
    failed = page.locator(".jsinterop-page-error")
    expect(failed).to_contain_text("fails.pages.broken failed to import", timeout=BOOT_TIMEOUT_MS)
    expect(failed).to_contain_text("ImportError: this page's dependency is missing on purpose")
    expect(page.locator("#jsinterop-error-ui")).to_be_visible()
    page.get_by_role("link", name="Counter").click()
    expect(page.get_by_role("heading", name="Counter")).to_be_visible()


def test_an_exception_in_main_shows_the_traceback_and_reaches_the_terminal(
    page: Page, server: DevServer
) -> None:
    page.goto(server.url + "?arg=fail-main")
    bar = page.locator("#jsinterop-error-ui")
    expect(bar).to_be_visible(timeout=BOOT_TIMEOUT_MS)
    traceback = bar.locator("pre.jsinterop-traceback")
    expect(traceback).to_contain_text("Traceback (most recent call last):")
    expect(traceback).to_contain_text('File "fails/program.py", line 10, in main')
    expect(traceback).to_contain_text("RuntimeError: main failed on purpose")
    expect(bar).to_have_attribute("data-message", "RuntimeError: main failed on purpose")
    save_screenshot(page, "load-error-main.png")
    output = server_said(server, "RuntimeError: main failed on purpose")
    assert "jsinterop: the app failed in the browser:\nTraceback (most recent call last):\n" in (
        output
    )
    assert 'File "fails/program.py", line 10, in main' in output


def test_the_dev_server_logs_each_404_with_its_path(page: Page, server: DevServer) -> None:
    response = page.request.get(server.url + "wwwroot/js/missing.js")
    assert response.status == 404
    server_said(server, "jsinterop: 404 not found: /wwwroot/js/missing.js")
