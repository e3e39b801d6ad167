"""Memory snapshots in Chromium: pages start from the build's snapshot, the dev server sends
it compressed, its rebuilds never serve a stale one, and ``--no-snapshot`` pages boot Python.

The sample and components apps' own tests (served by ``jsinterop serve``, whose first build
makes a snapshot) check that they started from it; here the other paths are walked.
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    BOOT_TIMEOUT_MS,
    FIRST_RENDER,
    MARKS,
    REPO,
    SNAPSHOT_RESTORED,
    DevServer,
    Jsinterop,
    PageLog,
    attach_log,
    boot_marks,
    record_timings,
    scaffold_app,
    served_app,
)

GREETING = "Hello, World! Greetings from {}"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scaffold_app("browser", tmp_path_factory.mktemp("snapshots"))


@pytest.fixture(scope="module")
def server(app: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    with served_app(app, tmp_path_factory) as running:
        yield running


def get(server: DevServer, path: str, accept_encoding: str | None) -> tuple[dict[str, str], bytes]:
    address = urlsplit(server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        headers = {} if accept_encoding is None else {"Accept-Encoding": accept_encoding}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        assert response.status == 200
        return {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def snapshot_of(out: Path) -> dict[str, object] | None:
    config = json.loads((out / "_framework" / "app.json").read_text())
    snapshot: dict[str, object] | None = config.get("snapshot")
    return snapshot


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:12]


def booted_from_snapshot(page: Page) -> bool:
    return SNAPSHOT_RESTORED in boot_marks(page, (SNAPSHOT_RESTORED,))


def test_the_dev_server_sends_the_snapshot_compressed(server: DevServer) -> None:
    snapshot = snapshot_of(server.out)
    assert snapshot is not None, "serve's first build made no snapshot"
    name = f"/_framework/{snapshot['file']}"
    raw = (server.out / name.lstrip("/")).read_bytes()

    headers, body = get(server, name, "gzip, deflate, br")
    assert (headers["content-encoding"], headers["vary"]) == ("br", "Accept-Encoding")
    assert body == (server.out / f"{name.lstrip('/')}.br").read_bytes()
    assert len(body) < len(raw) / 4

    headers, body = get(server, name, "gzip")
    assert headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == raw

    headers, body = get(server, name, None)
    assert "content-encoding" not in headers
    assert (headers["content-type"], body) == ("application/octet-stream", raw)


def test_a_page_starts_from_the_snapshot_and_a_rebuild_boots_python(
    browser: Browser, server: DevServer, app: Path
) -> None:
    page = browser.new_page()
    log = attach_log(page)
    page.goto(server.url)
    greeting = page.locator("#out")
    expect(greeting).to_have_text(GREETING.format(server.url), timeout=BOOT_TIMEOUT_MS)
    assert booted_from_snapshot(page)
    record_timings("browser template from its snapshot (dev server)", boot_marks(page))
    first = snapshot_of(server.out)
    assert first is not None

    program = app / "live" / "program.py"
    program.write_text(program.read_text().replace("Hello, World!", "Hello again!"))
    expect(greeting).to_contain_text("Hello again!", timeout=BOOT_TIMEOUT_MS)
    # serve's rebuilds make no snapshot: the page boots Python, with nothing to complain of.
    assert not booted_from_snapshot(page)
    assert snapshot_of(server.out) is None
    assert not (server.out / "_framework" / str(first["file"])).exists()
    assert log.problems() == []
    page.close()


def test_a_sample_built_without_a_snapshot_boots_python(
    jsinterop: Jsinterop, site: Path, base_url: str, page: Page, page_log: PageLog
) -> None:
    jsinterop(
        "build",
        str(REPO / "examples" / "sample"),
        "-o",
        "sample-booted",
        "--no-snapshot",
        "--base-href",
        "/sample-booted/",
        cwd=site,
    )
    assert snapshot_of(site / "sample-booted") is None
    page.goto(f"{base_url}/sample-booted/")
    expect(page.locator("h1")).to_have_text("Hello, world!", timeout=BOOT_TIMEOUT_MS)
    marks = boot_marks(page, (*MARKS, SNAPSHOT_RESTORED, FIRST_RENDER))
    assert list(marks) == [*MARKS, FIRST_RENDER]
    record_timings("sample without a snapshot (static)", marks)
    assert page_log.problems() == []


def test_a_page_whose_runtime_changed_boots_python_and_says_why(
    jsinterop: Jsinterop, site: Path, base_url: str, page: Page, page_log: PageLog
) -> None:
    jsinterop("new", "browser", "changed", "-o", "app/changed", cwd=site)
    jsinterop("build", "app/changed", "-o", "changed", cwd=site)
    snapshot = snapshot_of(site / "changed")
    assert snapshot is not None
    # A runtime file and the page naming it from another build; app.json and the snapshot
    # from this one. The page's import map says which runtime files it loads.
    runtime = site / "changed" / "_framework" / "api.mjs"
    old_hash = content_hash(runtime.read_bytes())
    runtime.write_text(runtime.read_text() + "// another build\n")
    index = site / "changed" / "index.html"
    page_text = index.read_text()
    assert f"api.mjs?v={old_hash}" in page_text
    new_hash = content_hash(runtime.read_bytes())
    index.write_text(page_text.replace(f"api.mjs?v={old_hash}", f"api.mjs?v={new_hash}"))

    page.goto(f"{base_url}/changed/")
    expect(page.locator("#out")).to_have_text(
        GREETING.format(f"{base_url}/changed/"), timeout=BOOT_TIMEOUT_MS
    )
    assert not booted_from_snapshot(page)
    assert page_log.texts("warning") == [
        f"jsinterop: booting without the snapshot {snapshot['file']}: the runtime file "
        "api.mjs is not the one it was made with"
    ]
