"""The sample app (examples/sample, the seed's BlazorSample) served by ``jsinterop serve``.

One browser page walks the app like a user (links, back, forward) to pay for one Python
boot; deep links and the not-found page need a load of their own. Every test runs twice:
with Python on the page's main thread, and with ``[tool.jsinterop] worker = true`` (Python
in a Web Worker, the app's code unchanged).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

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
    save_screenshot,
    start_dev_server,
)

SAMPLE = REPO / "examples" / "sample"
HEADING = "Python JS @js_import/@js_export Interop {} ({})"
PAGES = {
    "call-javascript-1": (HEADING.format(1, "Call JS"), "Olá do JavaScript!"),
    "call-python-1": (HEADING.format(1, "Call Python"), "Olá do Python!"),
    "call-javascript-2": (HEADING.format(2, "Call JS"), "Olá do JavaScript!"),
    "call-python-2": (HEADING.format(2, "Call Python"), "Olá do Python!"),
}
NAV_TEXT = {
    "call-javascript-1": "Call JS 1",
    "call-python-1": "Call Python 1",
    "call-javascript-2": "Call JS 2",
    "call-python-2": "Call Python 2",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, in_worker: bool) -> Iterator[DevServer]:
    app = SAMPLE
    if in_worker:
        app = tmp_path_factory.mktemp("worker") / "sample"
        shutil.copytree(SAMPLE, app, ignore=shutil.ignore_patterns("dist", "__pycache__"))
        pyproject = app / "pyproject.toml"
        settings = pyproject.read_text().replace(
            "[tool.jsinterop]\n", "[tool.jsinterop]\nworker = true\n"
        )
        assert "worker = true" in settings
        pyproject.write_text(settings)
    running = start_dev_server(
        app,
        tmp_path_factory.mktemp("sample-dist"),
        tmp_path_factory.mktemp("cache"),
        "--no-watch",
    )
    yield running
    running.stop()


@pytest.fixture(scope="module")
def shared(browser: Browser, server: DevServer, in_worker: bool) -> Iterator[tuple[Page, PageLog]]:
    context = browser.new_context(viewport={"width": 1000, "height": 420})
    page = context.new_page()
    log = attach_log(page)
    page.goto(server.url)
    expect(page.locator("h1")).to_have_text("Hello, world!", timeout=BOOT_TIMEOUT_MS)
    assert page.evaluate("globalThis.getPythonRuntime(0).inWorker === true") == in_worker
    yield page, log
    context.close()


def article(page: Page) -> object:
    return page.locator("article.content")


def test_the_index_links_to_the_four_pages(shared: tuple[Page, PageLog], server: DevServer) -> None:
    page, log = shared
    expect(page).to_have_title("Home")
    links = page.locator("article ul.interop-pages a")
    expect(links).to_have_count(4)
    assert [links.nth(i).get_attribute("href") for i in range(4)] == list(PAGES)
    expect(page.locator("nav a.active")).to_have_text("Home")
    if not page.evaluate("globalThis.getPythonRuntime(0).inWorker"):
        save_screenshot(page, "sample-index.png", commit=True)
    marks = boot_marks(page, (*MARKS, FIRST_RENDER))
    assert list(marks) == [*MARKS, FIRST_RENDER]
    record_timings("sample (dev server)", marks)
    assert log.problems() == []
    # The dev server's first build made a memory snapshot, and the page started from it.
    assert boot_marks(page, (SNAPSHOT_RESTORED,)), "the page did not start from the snapshot"


@pytest.mark.parametrize("route", list(PAGES))
def test_each_page_shows_its_text(
    shared: tuple[Page, PageLog], server: DevServer, route: str
) -> None:
    page, log = shared
    heading, message = PAGES[route]
    page.locator("nav").get_by_role("link", name=NAV_TEXT[route], exact=True).click()
    expect(page).to_have_url(server.url + route)
    expect(page.locator("article h1")).to_have_text(heading)
    expect(page.locator("article")).to_contain_text(message)
    expect(page.locator("nav a.active")).to_have_text(NAV_TEXT[route])
    if route.startswith("call-python"):
        expect(page.locator("#result")).to_have_text(message)
    # Nothing else says what the page did: the message is the page's only other text.
    assert page.locator("article").inner_text().split("\n")[-1].strip() == message
    host = "worker" if page.evaluate("globalThis.getPythonRuntime(0).inWorker") else "main"
    save_screenshot(page, f"sample-{route}.png", commit=host == "main")
    if host == "worker":
        save_screenshot(page, f"sample-{route}-worker.png")
    assert log.problems() == []


def test_back_and_forward(shared: tuple[Page, PageLog], server: DevServer) -> None:
    page, log = shared
    page.locator("nav").get_by_role("link", name="Call JS 1", exact=True).click()
    expect(page.locator("article")).to_contain_text("Olá do JavaScript!")
    page.locator("nav").get_by_role("link", name="Call Python 2", exact=True).click()
    expect(page.locator("#result")).to_have_text("Olá do Python!")
    page.go_back()
    expect(page).to_have_url(server.url + "call-javascript-1")
    expect(page.locator("article h1")).to_have_text(PAGES["call-javascript-1"][0])
    page.go_forward()
    expect(page).to_have_url(server.url + "call-python-2")
    expect(page.locator("#result")).to_have_text("Olá do Python!")
    page.locator("a.navbar-brand").click()
    expect(page.locator("article h1")).to_have_text("Hello, world!")
    # Links were followed by the router: still the first document, no second boot.
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert log.problems() == []


def test_revisiting_a_page_does_not_import_its_module_again(
    shared: tuple[Page, PageLog], server: DevServer
) -> None:
    page, log = shared
    for _ in range(2):
        page.locator("nav").get_by_role("link", name="Call JS 1", exact=True).click()
        expect(page.locator("article")).to_contain_text("Olá do JavaScript!")
        page.locator("nav").get_by_role("link", name="Home", exact=True).click()
        expect(page.locator("article h1")).to_have_text("Hello, world!")
    fetched = page.evaluate(
        "performance.getEntriesByType('resource')"
        ".filter(entry => entry.name.includes('call_javascript_1.js')).length"
    )
    assert fetched == 1
    # What the component's import_async costs once the module is there (the seed's
    # "multiple module import calls ... without a significant performance penalty"),
    # measured where Python runs (runInWorker: the worker's runtime, in the worker host).
    cost_ms = page.evaluate(
        """async () => {
          const measure = async ({ pyodide }) => await pyodide.runPythonAsync(`
from time import perf_counter
from jsinterop import JSHost
start = perf_counter()
for _ in range(200):
    await JSHost.import_async("CallJavaScript1", "./sample/pages/call_javascript_1.js")
(perf_counter() - start) / 200 * 1000
`);
          const runtime = globalThis.getPythonRuntime(0);
          if (!runtime.inWorker) return await measure(runtime);
          const source = `export default ${measure.toString()};`;
          const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
          return await runtime.runInWorker(url);
        }"""
    )
    print(f"\nimport_async of an imported module: {cost_ms * 1000:.0f} µs per call")
    assert cost_ms < 5
    assert log.problems() == []


def test_a_deep_link_loads_and_reloads(browser: Browser, server: DevServer) -> None:
    page = browser.new_page()
    log = attach_log(page)
    page.goto(server.url + "call-python-2")
    expect(page.locator("#result")).to_have_text("Olá do Python!", timeout=BOOT_TIMEOUT_MS)
    record_timings("sample deep link", boot_marks(page, (*MARKS, FIRST_RENDER)))
    page.reload()
    expect(page.locator("#result")).to_have_text("Olá do Python!", timeout=BOOT_TIMEOUT_MS)
    expect(page.locator("nav a.active")).to_have_text("Call Python 2")
    assert log.problems() == []
    page.close()


def test_an_unknown_address_shows_the_not_found_page(browser: Browser, server: DevServer) -> None:
    page = browser.new_page()
    log = attach_log(page)
    page.goto(server.url + "no/such/page")
    expect(page.locator("article h1")).to_have_text("Not found", timeout=BOOT_TIMEOUT_MS)
    expect(page.get_by_role("alert")).to_have_text("Sorry, there's nothing at this address.")
    page.get_by_role("link", name="Back to the home page").click()
    expect(page.locator("article h1")).to_have_text("Hello, world!")
    assert log.problems() == []
    page.close()


def test_the_build_versions_every_module_url(server: DevServer) -> None:
    page = (server.out / "index.html").read_text()
    assert '<script type="importmap">' in page
    assert '"./_framework/runtime.mjs": "./_framework/runtime.mjs?v=' in page
    assert '"./sample/pages/call_python_1.js": "./sample/pages/call_python_1.js?v=' in page
    assert 'src="./main.js?v=' in page


def test_the_built_site_works_from_a_static_server_under_a_path(
    browser: Browser, jsinterop: Jsinterop, site: Path, base_url: str
) -> None:
    # jsinterop build --base-href: the sample under /static-sample/ of a plain file server.
    jsinterop(
        "build", str(SAMPLE), "-o", "static-sample", "--base-href", "/static-sample/", cwd=site
    )
    page = browser.new_page()
    log = attach_log(page)
    page.goto(f"{base_url}/static-sample/")
    expect(page.locator("article h1")).to_have_text("Hello, world!", timeout=BOOT_TIMEOUT_MS)
    page.locator("nav").get_by_role("link", name="Call Python 1", exact=True).click()
    expect(page).to_have_url(f"{base_url}/static-sample/call-python-1")
    expect(page.locator("#result")).to_have_text("Olá do Python!")
    page.go_back()
    expect(page.locator("article h1")).to_have_text("Hello, world!")
    assert log.problems() == []
    page.close()
