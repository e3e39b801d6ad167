"""npm packages in a console app on Node: bare specifiers in the app's JS modules and in
``JSHost.import_async``, and one relative URL into node_modules that works under ``run``
(the output folder) and ``check`` (the app folder) alike. Real pinned packages from npm."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import Jsinterop

pytestmark = pytest.mark.network  # npm install reaches the npm registry

PROGRAM = """\
from jsinterop import JSHost, js_import


@js_import("split", "change-case")
def split(text: str) -> list[str]: ...


@js_import("splitSeparateNumbers", "change-case-by-url")
def split_numbers(text: str) -> list[str]: ...


async def main(args: list[str]) -> int:
    await JSHost.import_async("change-case", "change-case")
    await JSHost.import_async("change-case-by-url", "./node_modules/change-case/dist/index.js")
    print(split("pythonInNode"), split_numbers("node20"))
    return 0
"""
MAIN = """\
import prettyBytes from "pretty-bytes";
import { python } from "./_framework/jsinterop.mjs";

console.log(prettyBytes(1337));
await (await python.create()).runMainAndExit();
"""
NPM_INSTALL = ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"]
EXPECTED = "1.34 kB\n['python', 'In', 'Node'] ['node', '20']\n"


@pytest.fixture(scope="module")
def module_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def app_env(app_env: dict[str, str], module_cache: Path) -> dict[str, str]:
    """The module's tests share one user cache: jsinterop's bytecode is compiled once."""
    return {**app_env, "XDG_CACHE_HOME": str(module_cache)}


@pytest.fixture
def app(tmp_path: Path, jsinterop: Jsinterop) -> Path:
    if shutil.which("npm") is None:
        pytest.skip("npm is not on PATH")
    assert jsinterop("new", "console", "cases").returncode == 0
    root = tmp_path / "cases"
    (root / "package.json").write_text(json.dumps({"name": "cases", "type": "module"}))
    installed = subprocess.run(
        [*NPM_INSTALL, "pretty-bytes@7.2.0", "change-case@5.4.4"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    (root / "cases" / "program.py").write_text(PROGRAM)
    (root / "main.mjs").write_text(MAIN)
    return root


def test_bare_specifiers_work_in_node(app: Path, jsinterop: Jsinterop) -> None:
    result = jsinterop("run", "cases")
    assert (result.returncode, result.stdout) == (0, EXPECTED), result.stderr
    copied = sorted(
        path.relative_to(app / "dist").as_posix()
        for path in (app / "dist" / "node_modules").rglob("*")
        if path.is_file()
    )
    assert copied == [
        "node_modules/change-case/dist/index.js",
        "node_modules/change-case/package.json",
        "node_modules/pretty-bytes/index.js",
        "node_modules/pretty-bytes/package.json",
    ]


def test_the_output_needs_no_app_folder(app: Path, tmp_path: Path, jsinterop: Jsinterop) -> None:
    built = jsinterop("build", "cases", "-o", "site")
    assert built.returncode == 0, built.stderr
    shutil.rmtree(app)  # node_modules goes with it
    result = subprocess.run(
        ["node", "site/main.mjs"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (0, EXPECTED), result.stderr


def test_check_resolves_the_same_urls_against_the_app_folder(
    app: Path, jsinterop: Jsinterop
) -> None:
    result = jsinterop("check", "cases")
    assert (result.returncode, result.stdout) == (
        0,
        "cases: 2 stub(s), 0 export(s) checked: no problems\n",
    ), result.stderr
