"""``jsinterop new browser`` + ``jsinterop build``, served statically, in headless Chromium."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    BOOT_TIMEOUT_MS,
    MARKS,
    REPO,
    Jsinterop,
    PageLog,
    QuietHandler,
    attach_log,
    boot_marks,
    record_timings,
    serving,
)

SCREENSHOT = REPO / "docs" / "screenshots" / "browser-template.png"
UPDATE_SNAPSHOTS = os.environ.get("JSINTEROP_UPDATE_SNAPSHOTS") == "1"


def test_the_browser_template_greets_from_the_page(
    jsinterop: Jsinterop, site: Path, base_url: str, page: Page, page_log: PageLog
) -> None:
    jsinterop("new", "browser", "hello", "-o", "app/hello", cwd=site)
    jsinterop("build", "app/hello", "-o", "hello", cwd=site)
    assert (site / "hello" / "index.html").is_file()

    page.set_viewport_size({"width": 800, "height": 300})
    # main(args) runs after the greeting is shown; its print goes to the browser console.
    with page.expect_console_message(
        lambda message: message.text == "Hello, browser!", timeout=BOOT_TIMEOUT_MS
    ):
        page.goto(f"{base_url}/hello/")
    expect(page.locator("#out")).to_have_text(f"Hello, World! Greetings from {base_url}/hello/")
    assert page_log.problems() == []

    marks = boot_marks(page)
    assert list(marks) == list(MARKS)
    assert list(marks.values()) == sorted(marks.values())
    record_timings("browser template", marks)

    screenshot = REPO / ".cache" / "screenshots" / SCREENSHOT.name
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=screenshot)
    if UPDATE_SNAPSHOTS or not SCREENSHOT.is_file():
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(screenshot, SCREENSHOT)


def test_python_calls_an_imported_js_module_that_writes_to_the_page(
    jsinterop: Jsinterop, site: Path, base_url: str, page: Page, page_log: PageLog
) -> None:
    app = site / "app" / "roundtrip"
    jsinterop("new", "browser", "roundtrip", "-o", "app/roundtrip", cwd=site)
    (app / "wwwroot" / "js").mkdir(parents=True)
    (app / "wwwroot" / "js" / "interop.js").write_text(
        textwrap.dedent(
            """\
            export function setText(selector, text) {
              document.querySelector(selector).textContent = text;
            }

            export function shout(text) {
              const file = new URL(import.meta.url).pathname.split("/").pop();
              return `${text.toUpperCase()} (from ${file})`;
            }
            """
        )
    )
    (app / "roundtrip" / "program.py").write_text(
        textwrap.dedent(
            '''\
            """A main that imports a JS module, calls it, and writes the answer to the page."""

            from jsinterop import JSHost, js_export, js_import


            @js_import("window.location.href", "main.js")
            def get_href() -> str: ...


            @js_import("shout", "Interop")
            def shout(text: str) -> str: ...


            @js_import("setText", "Interop")
            def set_text(selector: str, text: str) -> None: ...


            @js_export
            def greeting() -> str:
                return "main has not run yet"


            async def main(args: list[str]) -> int:
                await JSHost.import_async("Interop", "./wwwroot/js/interop.js")
                set_text("#out", f"{shout('python says hi')}; args={args}")
                return 0
            '''
        )
    )
    jsinterop("build", "app/roundtrip", "-o", "roundtrip", cwd=site)

    page.goto(f"{base_url}/roundtrip/?arg=one&arg=two")
    expect(page.locator("#out")).to_have_text(
        "PYTHON SAYS HI (from interop.js); args=['one', 'two']", timeout=BOOT_TIMEOUT_MS
    )
    assert page_log.problems() == []
    record_timings("round trip", boot_marks(page))


class _HeadersFileHandler(QuietHandler):
    """A static host that applies a site's ``_headers`` file (its ``/*`` block) to the site's
    files, as Netlify and Cloudflare Pages do."""

    def end_headers(self) -> None:
        site = self.path.lstrip("/").split("/", 1)[0]
        headers_file = Path(self.directory) / site / "_headers"
        if site and headers_file.is_file():
            for line in headers_file.read_text().splitlines()[1:]:
                name, _, value = line.strip().partition(": ")
                self.send_header(name, value)
        super().end_headers()


def test_a_worker_app_runs_in_a_worker_where_the_host_sends_the_headers_and_on_the_page_elsewhere(
    jsinterop: Jsinterop, site: Path, base_url: str, browser: Browser
) -> None:
    jsinterop("new", "browser", "offthread", "-o", "app/offthread", "--worker", cwd=site)
    jsinterop("build", "app/offthread", "-o", "offthread", cwd=site)
    with serving(site, _HeadersFileHandler) as isolating_url:
        hosts = {isolating_url: True, base_url: False}
        for url, isolated in hosts.items():
            page = browser.new_page()
            log = attach_log(page)
            page.goto(f"{url}/offthread/")
            expect(page.locator("#out")).to_have_text(
                f"Hello, World! Greetings from {url}/offthread/", timeout=BOOT_TIMEOUT_MS
            )
            assert page.evaluate("getPythonRuntime(0).inWorker") is isolated
            assert page.evaluate("crossOriginIsolated") is isolated
            page.wait_for_function("performance.getEntriesByName('jsinterop:ready').length > 0")
            fallback = [text for text in log.texts("warning") if text.startswith("jsinterop:")]
            assert fallback == (
                []
                if isolated
                else [
                    "jsinterop: Python runs on the main thread, not in a worker: the page is not "
                    "cross-origin isolated (its server must send Cross-Origin-Opener-Policy: "
                    "same-origin and Cross-Origin-Embedder-Policy: require-corp)"
                ]
            )
            assert [problem for problem in log.problems() if "jsinterop:" not in problem] == []
            page.close()
