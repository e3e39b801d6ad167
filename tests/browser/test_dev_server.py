"""``jsinterop serve``: headers, MIME types, deep links, path traversal, and the page
reloading itself after a source file changed."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import (
    BOOT_TIMEOUT_MS,
    DevServer,
    attach_log,
    scaffold_app,
    served_app,
)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scaffold_app("browser", tmp_path_factory.mktemp("served"))


@pytest.fixture(scope="module")
def server(app: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    with served_app(app, tmp_path_factory) as running:
        yield running


def get(server: DevServer, path: str) -> tuple[int, dict[str, str], bytes]:
    """A GET with the path sent exactly as written (no client-side normalization)."""
    address = urlsplit(server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_it_listens_on_127_0_0_1_by_default(server: DevServer) -> None:
    assert urlsplit(server.url).hostname == "127.0.0.1"
    assert "--host" not in server.process.args


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/main.js", "text/javascript; charset=utf-8"),
        ("/_framework/jsinterop.mjs", "text/javascript; charset=utf-8"),
        ("/_framework/pyodide/pyodide.asm.wasm", "application/wasm"),
        ("/_framework/app.json", "application/json"),
    ],
)
def test_files_are_never_cached_and_have_the_right_type(
    server: DevServer, path: str, content_type: str
) -> None:
    status, headers, _ = get(server, path)
    assert status == 200
    assert headers["cache-control"] == "no-store"
    assert headers["content-type"] == content_type


def test_deep_links_get_the_page_and_missing_files_404(server: DevServer) -> None:
    status, _, body = get(server, "/some/client/route")
    assert status == 200 and b"<title>live</title>" in body
    assert b'new EventSource("/_jsinterop/events")' in body  # the reload hook
    assert get(server, "/missing.js")[0] == 404
    assert get(server, "/_framework/missing")[0] == 404


@pytest.mark.parametrize(
    "path",
    [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/_framework/..%2f..%2f..%2fetc/passwd",
        "/..%5c..%5cetc/passwd",
    ],
)
def test_paths_out_of_the_site_are_refused(server: DevServer, path: str) -> None:
    status, _, body = get(server, path)
    assert status == 403
    assert b"root:" not in body


def test_the_page_reloads_after_a_change(browser: Browser, server: DevServer, app: Path) -> None:
    page = browser.new_page()
    log = attach_log(page)
    page.goto(server.url)
    greeting = page.locator("#out")
    expect(greeting).to_have_text(
        f"Hello, World! Greetings from {server.url}", timeout=BOOT_TIMEOUT_MS
    )
    program = app / "live" / "program.py"
    program.write_text(program.read_text().replace("Hello, World!", "Hello again!"))
    expect(greeting).to_have_text(
        f"Hello again! Greetings from {server.url}", timeout=BOOT_TIMEOUT_MS
    )
    assert any("rebuilt; reloading the page" in line for line in server.output)
    assert log.problems() == []
    page.close()
