"""A jsinterop library (``jsinterop new library``) used by a console app in Node: its static
files at ``_content/<package>/``, a JS module of it loaded by its own Python code, its
``@js_export`` reached with ``getExports("<library>")``, and its own dependencies shipped.
(Its component in a page: tests/browser/test_dependencies_app.py.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import Jsinterop

pytestmark = pytest.mark.network  # the library's own dependency comes from PyPI

SHOUT_PY = '''\
"""A library function that calls its own JS module (served at _content/greet/)."""

import humanize

from jsinterop import JSHost, js_import


@js_import("shout", "greet.shout")
def _shout(text: str) -> str: ...


async def shout(count: int) -> str:
    await JSHost.import_async("greet.shout", "./_content/greet/shout.mjs")
    return _shout(f"{humanize.intcomma(count)} greetings")
'''
SHOUT_MJS = "export function shout(text) {\n  return `${text.toUpperCase()}!`;\n}\n"
PROGRAM = """\
from greet import shout


async def main(args: list[str]) -> int:
    print(await shout(12345))
    return 0
"""
MAIN = """\
import { python } from "./_framework/jsinterop.mjs";

const { getExports, runMainAndExit } = await python.create();
const exports = await getExports("greet");
console.log(exports.greet.greeting_text("Node"));
await runMainAndExit();
"""


@pytest.fixture(scope="module")
def module_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def app_env(app_env: dict[str, str], module_cache: Path) -> dict[str, str]:
    """The module's tests share one user cache: jsinterop's bytecode is compiled once."""
    return {**app_env, "XDG_CACHE_HOME": str(module_cache)}


@pytest.fixture
def app(tmp_path: Path, jsinterop: Jsinterop) -> Path:
    assert jsinterop("new", "library", "greet").returncode == 0
    library = tmp_path / "greet"
    (library / "greet" / "shout.py").write_text(SHOUT_PY)
    (library / "greet" / "shout.mjs").write_text(SHOUT_MJS)
    (library / "greet" / "__init__.py").write_text(
        (library / "greet" / "__init__.py").read_text() + "\nfrom .shout import shout\n"
    )
    pyproject = library / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace(
            'dependencies = ["jsinterop"]', 'dependencies = ["jsinterop", "humanize==4.15.0"]'
        )
    )
    assert jsinterop("new", "console", "hello").returncode == 0
    root = tmp_path / "hello"
    pyproject = root / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace(
            'dependencies = ["jsinterop"]', 'dependencies = ["jsinterop", "greet @ ../greet"]'
        )
    )
    (root / "hello" / "program.py").write_text(PROGRAM)
    (root / "main.mjs").write_text(MAIN)
    return root


def test_a_library_in_node(app: Path, jsinterop: Jsinterop) -> None:
    result = jsinterop("run", "hello")
    assert (result.returncode, result.stdout) == (0, "Hello, Node!\n12,345 GREETINGS!\n"), (
        result.stderr
    )
    content = app / "dist" / "_content" / "greet"
    assert sorted(path.name for path in content.iterdir()) == [
        "greeting.js",
        "shout.mjs",
        "styles.css",
    ]
    config = json.loads((app / "dist" / "_framework" / "app.json").read_text())
    assert [wheel.rsplit("/", 1)[-1] for wheel in config["packages"]["wheels"]] == [
        "humanize-4.15.0-py3-none-any.whl"
    ]


def test_an_edit_to_the_library_rebuilds(app: Path, jsinterop: Jsinterop) -> None:
    assert jsinterop("run", "hello").returncode == 0
    library_js = app.parent / "greet" / "greet" / "shout.mjs"
    library_js.write_text(SHOUT_MJS.replace("!", "?"))
    result = jsinterop("run", "hello")
    assert (result.returncode, result.stdout.splitlines()[-1]) == (0, "12,345 GREETINGS?"), (
        result.stderr
    )


def test_a_library_as_a_wheel(tmp_path: Path, jsinterop: Jsinterop) -> None:
    assert jsinterop("new", "library", "greet").returncode == 0
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "./greet", "-w", "wheels"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    assert jsinterop("new", "console", "hello").returncode == 0
    root = tmp_path / "hello"
    pyproject = root / "pyproject.toml"
    wheel = "greet @ ../wheels/greet-0.1.0-py3-none-any.whl"  # requires jsinterop itself
    pyproject.write_text(
        pyproject.read_text().replace(
            'dependencies = ["jsinterop"]', f'dependencies = ["jsinterop", "{wheel}"]'
        )
    )
    (root / "main.mjs").write_text(
        'import { python } from "./_framework/jsinterop.mjs";\n'
        "const { getExports } = await python.create();\n"
        'console.log((await getExports("greet")).greet.greeting_text("wheel"));\n'
    )
    result = jsinterop("run", "hello")
    assert (result.returncode, result.stdout) == (0, "Hello, wheel!\n"), result.stderr
    content = root / "dist" / "_content" / "greet"
    assert sorted(path.name for path in content.iterdir()) == ["greeting.js", "styles.css"]
