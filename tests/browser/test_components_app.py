"""``jsinterop new components`` plus test pages, served by ``jsinterop serve``, in Chromium:
events, route parameters, escaping, patching that keeps JS changes, and the error bar. Every
test runs twice: with Python on the page's main thread, and in a Web Worker (``jsinterop new
components --worker``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    BOOT_TIMEOUT_MS,
    FIRST_RENDER,
    MARKS,
    SNAPSHOT_RESTORED,
    DevServer,
    PageLog,
    attach_log,
    boot_marks,
    record_timings,
    save_screenshot,
    scaffold_app,
    served_app,
)

TEST_PAGES = '''\
"""Pages the browser tests use beyond the template's."""

from typing import Any

from jsinterop.components import Child, Component, EventArgs, Markup, bind, h, html, page

PAYLOAD = '<img src="x" onerror="window.__xss = 1"><script>window.__xss = 2</script>'


@page("/xss")
class Xss(Component):
    def render(self) -> Child:
        return [
            h.p(PAYLOAD, id="as-text"),
            html('<p id="in-template" title="{t}">{t}</p>', t=PAYLOAD),
            h.a("link", href="javascript:window.__xss = 3", id="script-link"),
            h.p(Markup("<em>trusted</em>"), id="markup"),
        ]


@page("/items/{id:int}")
class Item(Component):
    id: int
    parameter_sets = 0

    def on_parameters_set(self) -> None:
        self.parameter_sets += 1

    def render(self) -> Child:
        return [
            h.h1(f"Item {self.id}"),
            h.p(f"parameters set {self.parameter_sets} times", id="sets"),
            h.a("next", href=f"items/{self.id + 1}", id="next"),
        ]


@page("/events")
class Events(Component):
    text = ""
    submitted = ""
    clicks = 0
    age = 30
    subscribed = False

    def typed(self, event: EventArgs) -> None:
        self.text = event.value or ""

    def submit(self, event: EventArgs) -> None:
        self.submitted = ", ".join(f"{k}={v}" for k, v in sorted(event.form.items()))

    def click(self) -> None:
        self.clicks += 1

    def render(self) -> Child:
        return [
            h.input(id="text", on_input=self.typed),
            h.p(f"echo: {self.text}", id="echo"),
            h.form(
                h.input(name="who", value="Ann"),
                h.input(name="what", value="tea"),
                h.button("Send", type="submit", id="send"),
                on_submit=self.submit,
            ),
            h.p(f"submitted: {self.submitted}", id="submitted"),
            h.p(h.span("rendered text", id="widget"), id="widget-holder"),
            h.button(f"clicked {self.clicks}", id="click", on_click=self.click),
            h.input(id="age", type="number", **bind(self, "age", event="input")),
            h.input(id="subscribed", type="checkbox", **bind(self, "subscribed")),
            h.p(f"next year {self.age + 1}, subscribed {self.subscribed}", id="bound"),
        ]


class Step(Component):
    step: int
    on_total: Any
    count = 0

    def add(self) -> None:
        self.count += self.step
        self.on_total(self.step)

    def render(self) -> Child:
        return h.button(f"+{self.step}: {self.count}", class_="step", on_click=self.add)


@page("/children")
class Children(Component):
    total = 0

    def added(self, amount: int) -> None:
        self.total += amount

    def render(self) -> Child:
        return [
            h.p(f"total {self.total}", id="total"),
            h.component(Step, step=1, on_total=self.added),
            h.component(Step, step=5, on_total=self.added),
        ]


@page("/prevent")
class Prevent(Component):
    clicks = 0
    keys = ""

    def click(self) -> None:
        self.clicks += 1

    def key(self, event: EventArgs) -> None:
        self.keys += event.key or ""

    def render(self) -> Child:
        return [
            h.a("to the counter", href="counter", id="stay", on_click=self.click,
                prevent_default=True),
            h.input(id="agree", type="checkbox", on_click=self.click, prevent_default=True),
            h.input(id="typed", on_keydown=self.key, prevent_default="keydown"),
            h.p(f"clicks {self.clicks}, keys {self.keys}", id="prevented"),
        ]


@page("/fail-init")
class FailInit(Component):
    async def on_initialized_async(self) -> None:
        raise LookupError("initialization failed on purpose")

    def render(self) -> Child:
        return h.h1("Fail init")


@page("/fail")
class Fail(Component):
    def explode(self) -> None:
        raise RuntimeError("a handler failed on purpose")

    def render(self) -> Child:
        return [h.h1("Fail"), h.button("explode", id="explode", on_click=self.explode)]
'''


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, in_worker: bool) -> Iterator[DevServer]:
    worker = ("--worker",) if in_worker else ()
    app = scaffold_app("components", tmp_path_factory.mktemp("components"), "demo", *worker)
    (app / "demo" / "pages" / "testing.py").write_text(TEST_PAGES)
    with served_app(app, tmp_path_factory, "--no-watch") as running:
        yield running


@pytest.fixture(scope="module")
def shared(browser: Browser, server: DevServer, in_worker: bool) -> Iterator[tuple[Page, PageLog]]:
    context = browser.new_context(viewport={"width": 900, "height": 360})
    page = context.new_page()
    log = attach_log(page)
    page.goto(server.url)
    expect(page.locator("h1")).to_have_text("Hello, world!", timeout=BOOT_TIMEOUT_MS)
    assert page.evaluate("globalThis.getPythonRuntime(0).inWorker") == in_worker
    if in_worker:
        # The page preloads the snapshot and Pyodide's wasm and hands them to the worker,
        # which downloads neither again (and no preload goes unused: log.problems()).
        downloads = "performance.getEntriesByType('resource').map(entry => entry.name)"
        by_page, by_worker = page.evaluate(downloads), page.workers[0].evaluate(downloads)
        for name in ("/_framework/pyodide/pyodide.asm.wasm", "/_framework/snapshot."):
            assert [url for url in by_page if name in url], name
            assert not [url for url in by_worker if name in url], name
    record_timings("components template", boot_marks(page, (*MARKS, FIRST_RENDER)))
    # The dev server's first build made a memory snapshot, and the page started from it.
    assert boot_marks(page, (SNAPSHOT_RESTORED,)), "the page did not start from the snapshot"
    yield page, log
    context.close()


def go(page: Page, path: str) -> None:
    """Navigate inside the app as the router would after a link click."""
    page.evaluate(
        "path => { history.pushState(null, '', path);"
        " dispatchEvent(new PopStateEvent('popstate')); }",
        path,
    )


def test_the_template_counter_and_interop_pages(shared: tuple[Page, PageLog]) -> None:
    page, log = shared
    page.get_by_role("link", name="Counter").click()
    expect(page.get_by_role("status")).to_have_text("Current count: 0")
    for _ in range(3):
        page.get_by_role("button", name="Click me").click()
    expect(page.get_by_role("status")).to_have_text("Current count: 3")
    expect(page).to_have_title("Counter")
    in_worker = page.evaluate("globalThis.getPythonRuntime(0).inWorker")
    save_screenshot(
        page, f"components-counter{'-worker' if in_worker else ''}.png", commit=not in_worker
    )
    page.get_by_role("link", name="Interop").click()
    expect(page.locator("#message")).to_have_text(
        "Hello from JavaScript, and hello back from Python!"
    )
    assert log.problems() == []


def test_user_data_is_shown_never_run(shared: tuple[Page, PageLog]) -> None:
    page, log = shared
    go(page, "xss")
    payload = '<img src="x" onerror="window.__xss = 1"><script>window.__xss = 2</script>'
    expect(page.locator("#as-text")).to_have_text(payload)
    expect(page.locator("#in-template")).to_have_text(payload)
    expect(page.locator("#in-template")).to_have_attribute("title", payload)
    expect(page.locator("#markup em")).to_have_text("trusted")
    assert page.locator("article img, article script").count() == 0
    expect(page.locator("#script-link")).to_have_attribute("href", "about:blank#blocked")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None
    assert log.problems() == []


def test_route_parameters(shared: tuple[Page, PageLog], server: DevServer) -> None:
    page, log = shared
    go(page, "items/1")
    expect(page.locator("h1")).to_have_text("Item 1")
    page.locator("#next").click()
    expect(page.locator("h1")).to_have_text("Item 2")
    expect(page).to_have_url(server.url + "items/2")
    # The same component instance got new parameters (Blazor reuses it too).
    expect(page.locator("#sets")).to_have_text("parameters set 2 times")
    page.go_back()
    expect(page.locator("h1")).to_have_text("Item 1")
    go(page, "items/one")
    expect(page.locator("h1")).to_have_text("Not found")
    assert log.problems() == []


def test_input_submit_and_click_events(shared: tuple[Page, PageLog]) -> None:
    page, log = shared
    go(page, "events")
    page.locator("#text").press_sequentially("héllo")
    expect(page.locator("#echo")).to_have_text("echo: héllo")
    page.locator("#send").click()
    expect(page.locator("#submitted")).to_have_text("submitted: what=tea, who=Ann")
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert log.problems() == []


def test_prevent_default_is_decided_during_the_event(
    shared: tuple[Page, PageLog], server: DevServer
) -> None:
    # In the worker host Python hears of an event after it: only the declarative form can
    # stop the browser's default action.
    page, log = shared
    go(page, "prevent")
    page.locator("#stay").click()
    expect(page.locator("#prevented")).to_have_text("clicks 1, keys ")
    expect(page).to_have_url(server.url + "prevent")
    page.locator("#agree").click()
    expect(page.locator("#prevented")).to_have_text("clicks 2, keys ")
    expect(page.locator("#agree")).not_to_be_checked()
    page.locator("#typed").press_sequentially("ab")
    expect(page.locator("#prevented")).to_have_text("clicks 2, keys ab")
    expect(page.locator("#typed")).to_have_value("")
    assert log.problems() == []


def test_bound_fields(shared: tuple[Page, PageLog]) -> None:
    page, log = shared
    go(page, "events")
    expect(page.locator("#age")).to_have_value("30")
    page.locator("#age").fill("41")
    expect(page.locator("#bound")).to_have_text("next year 42, subscribed False")
    page.locator("#subscribed").check()
    expect(page.locator("#bound")).to_have_text("next year 42, subscribed True")
    assert log.problems() == []


def test_dom_changes_made_by_js_survive_a_render(shared: tuple[Page, PageLog]) -> None:
    page, log = shared
    go(page, "events")
    widget = page.locator("#widget")
    expect(widget).to_have_text("rendered text")
    page.evaluate(
        "() => { const w = document.getElementById('widget'); w.textContent = 'changed by JS';"
        " w.classList.add('js'); w.parentElement.dataset.extra = 'kept'; }"
    )
    page.locator("#click").click()
    expect(page.locator("#click")).to_have_text("clicked 1")
    page.locator("#text").fill("more")
    expect(page.locator("#echo")).to_have_text("echo: more")
    expect(widget).to_have_text("changed by JS")
    expect(widget).to_have_class("js")
    expect(page.locator("#widget-holder")).to_have_attribute("data-extra", "kept")
    # The input keeps what the user typed: its rendered markup did not change.
    expect(page.locator("#text")).to_have_value("more")
    assert log.problems() == []


def test_child_components_with_parameters_and_a_callback(shared: tuple[Page, PageLog]) -> None:
    page, log = shared
    go(page, "children")
    steps = page.locator("button.step")
    expect(steps).to_have_text(["+1: 0", "+5: 0"])
    steps.nth(1).click()
    steps.nth(1).click()
    steps.nth(0).click()
    expect(steps).to_have_text(["+1: 1", "+5: 10"])
    expect(page.locator("#total")).to_have_text("total 11")
    assert log.problems() == []


def test_an_exception_shows_the_error_bar_and_the_app_goes_on(
    shared: tuple[Page, PageLog],
) -> None:
    page, log = shared
    go(page, "fail")
    error_bar = page.locator("#jsinterop-error-ui")
    expect(error_bar).to_be_hidden()
    page.locator("#explode").click()
    expect(error_bar).to_be_visible()
    expect(error_bar).to_have_attribute("data-message", "RuntimeError: a handler failed on purpose")
    page.wait_for_timeout(100)
    logged = "\n".join(message.text for message in log.messages)
    assert "Traceback (most recent call last)" in logged
    assert 'in explode\n    raise RuntimeError("a handler failed on purpose")' in logged
    save_screenshot(page, "components-error-bar.png")
    error_bar.locator(".dismiss").click()
    expect(error_bar).to_be_hidden()
    go(page, "fail-init")
    expect(error_bar).to_have_attribute(
        "data-message", "LookupError: initialization failed on purpose"
    )
    expect(error_bar).to_be_visible()
    expect(page.locator("h1")).to_have_text("Fail init")
    error_bar.locator(".dismiss").click()
    log.messages.clear()
    page.get_by_role("link", name="Counter").click()
    page.get_by_role("button", name="Click me").click()
    expect(page.get_by_role("status")).to_have_text("Current count: 1")
    assert log.problems() == []


def test_the_scaffold_lays_out_a_components_app(server: DevServer) -> None:
    app = Path(server.process.args[4])  # python -m jsinterop serve APP ...
    names = sorted(path.relative_to(app).as_posix() for path in app.rglob("*") if path.is_file())
    assert {
        "index.html",
        "main.js",
        "pyproject.toml",
        "demo/program.py",
        "demo/layout.py",
        "demo/pages/index.py",
        "demo/pages/counter.py",
        "demo/pages/interop.py",
        "demo/pages/interop.js",
    } <= set(names)
