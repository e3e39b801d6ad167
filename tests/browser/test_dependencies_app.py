"""An app with every kind of dependency, in Chromium, in one page load: PyPI packages (one
with a transitive dependency), a Pyodide-distribution package copied into the site from a
stand-in for the Pyodide package URL, an npm package imported by its name with
``JSHost.import_async``, and a jsinterop library (its component and collocated module, its
static file, its export). (The same in Node: tests/e2e.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import BOOT_TIMEOUT_MS, PageLog, attach_log, jsinterop_env
from tests.pyodide_standin import make_distribution

INDEX = '''\
"""/ : one value from each kind of dependency."""

from dateutil.relativedelta import relativedelta
from greet import Greeting
from slugify import slugify

from jsinterop import JSHost, js_import
from jsinterop.components import Child, Component, h, page


@js_import("default", "pretty-bytes")
def pretty_bytes(size: float) -> str: ...


@page("/")
class Index(Component):
    size = ""

    async def on_initialized_async(self) -> None:
        await JSHost.import_async("pretty-bytes", "pretty-bytes")  # npm, by its name
        self.size = pretty_bytes(1337)

    def render(self) -> Child:
        return [
            h.p(slugify("Grüße aus Chromium"), id="slug"),
            h.p(str(relativedelta(months=+14).normalized()), id="delta"),
            h.p(self.size, id="size"),
            h.component(Greeting, name="Chromium"),
        ]
'''


def run(*args: str, cwd: Path, env: dict[str, str]) -> None:
    completed = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert completed.returncode == 0, completed.stderr


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory, site: Path, base_url: str) -> str:
    root = tmp_path_factory.mktemp("dependencies")
    distribution = make_distribution(root / "distribution")
    env = {**jsinterop_env(root / "cache"), "JSINTEROP_PYODIDE_DIR": str(distribution["pyodide"])}
    jsinterop = (sys.executable, "-m", "jsinterop")
    run(*jsinterop, "new", "library", "greet", cwd=root, env=env)
    run(*jsinterop, "new", "components", "deps", cwd=root, env=env)
    app = root / "deps"
    pyproject = app / "pyproject.toml"
    dependencies = ["jsinterop", "greet @ ../greet", "python-slugify==8.0.4", "python-dateutil"]
    pyproject.write_text(
        pyproject.read_text()
        .replace('dependencies = ["jsinterop"]', f"dependencies = {json.dumps(dependencies)}")
        .replace(
            "[tool.jsinterop]\n",
            "[tool.jsinterop]\npyodide-packages-url = "
            f"{json.dumps(str(distribution['packages']))}\n",
        )
    )
    (app / "deps" / "pages" / "index.py").write_text(INDEX)
    index_html = app / "index.html"
    index_html.write_text(
        index_html.read_text().replace(
            '<link rel="stylesheet" href="wwwroot/css/app.css">',
            '<link rel="stylesheet" href="wwwroot/css/app.css">\n'
            '  <link rel="stylesheet" href="_content/greet/styles.css">',
        )
    )
    npm = ("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "pretty-bytes@7.2.0")
    run(*npm, cwd=app, env=dict(os.environ))
    out = site / "deps"
    run(
        *jsinterop,
        "build",
        "deps",
        "-o",
        str(out),
        "--base-href",
        "/deps/",
        "--copy-pyodide-packages",
        cwd=root,
        env=env,
    )
    return f"{base_url}/deps/"


@pytest.fixture(scope="module")
def shared(browser: Browser, app_url: str) -> Iterator[tuple[Page, PageLog]]:
    context = browser.new_context()
    page = context.new_page()
    log = attach_log(page)
    page.goto(app_url)
    expect(page.locator("#size")).to_have_text("1.34 kB", timeout=BOOT_TIMEOUT_MS)
    yield page, log
    context.close()


def test_pypi_packages_with_a_transitive_dependency(shared: tuple[Page, PageLog]) -> None:
    page, log = shared
    expect(page.locator("#slug")).to_have_text("grusse-aus-chromium")  # via text-unidecode
    assert log.problems() == []


def test_a_pyodide_package_from_the_site(shared: tuple[Page, PageLog]) -> None:
    page, _ = shared
    expect(page.locator("#delta")).to_have_text("relativedelta(years=+1, months=+2)")


def test_an_npm_package_by_its_name(shared: tuple[Page, PageLog]) -> None:
    page, _ = shared
    expect(page.locator("#size")).to_have_text("1.34 kB")
    mapped = page.evaluate(
        "() => JSON.parse(document.querySelector('script[type=importmap]').textContent)"
        ".imports['pretty-bytes']"
    )
    assert mapped.startswith("./node_modules/pretty-bytes/index.js?v=")


def test_a_library_component_module_static_file_and_export(shared: tuple[Page, PageLog]) -> None:
    page, log = shared
    greeting = page.locator("#greet-greeting")
    expect(greeting).to_have_text("Hello, Chromium!")
    expect(greeting).to_have_attribute("data-decorated", "true")  # its collocated module ran
    # Its static file, linked by the page: the decorated element's border.
    expect(greeting).to_have_css("border-left-width", "4px")
    exported = page.evaluate(
        "async () => (await getPythonRuntime(0).getExports('greet')).greet.greeting_text('JS')"
    )
    assert exported == "Hello, JS!"
    assert log.problems() == []
