"""What a build takes from an app's node_modules, and the import map it writes (on a
made-up node_modules; real packages: tests/e2e/test_npm_packages.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jsinterop.cli._app import read_app
from jsinterop.cli._messages import CliError
from jsinterop.cli._npm_deps import npm_files, resolve_package_entry
from jsinterop.cli._page import version_page


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def package(root: Path, name: str, manifest: dict[str, object], files: dict[str, str]) -> Path:
    folder = root / "node_modules" / name
    write(folder / "package.json", json.dumps({"name": name, **manifest}))
    for file, text in files.items():
        write(folder / file, text)
    return folder


@pytest.fixture
def app(tmp_path: Path) -> Path:
    root = tmp_path / "chart"
    write(root / "chart" / "__init__.py", "")
    write(root / "chart" / "program.py", "def main() -> None: ...\n")
    write(
        root / "pyproject.toml",
        '[project]\nname = "chart"\n[tool.jsinterop]\nmain = "chart.program:main"\n',
    )
    return root


def test_exports_are_read_with_the_browser_conditions(tmp_path: Path) -> None:
    folder = package(
        tmp_path,
        "dual",
        {
            "exports": {
                ".": {"node": "./node.js", "import": "./esm/index.js", "require": "./cjs.js"},
                "./features/*": {"default": "./esm/features/*.js"},
            }
        },
        {"esm/index.js": "", "esm/features/zoom.js": ""},
    )
    assert resolve_package_entry(folder, ".", "main.js") == folder / "esm" / "index.js"
    assert resolve_package_entry(folder, "./features/zoom", "main.js") == (
        folder / "esm" / "features" / "zoom.js"
    )
    with pytest.raises(CliError) as raised:
        resolve_package_entry(folder, "./cjs.js", "main.js")
    assert str(raised.value) == (
        "main.js: the package 'dual' does not export './cjs.js' for browsers "
        '(see its package.json "exports")'
    )


def test_without_exports_module_comes_before_main(tmp_path: Path) -> None:
    folder = package(
        tmp_path,
        "uplot",
        {"main": "./dist/uPlot.cjs.js", "module": "./dist/uPlot.esm.js"},
        {"dist/uPlot.cjs.js": "", "dist/uPlot.esm.js": ""},
    )
    assert resolve_package_entry(folder, ".", "main.js") == folder / "dist" / "uPlot.esm.js"


def test_the_module_graph_and_the_css_are_copied_to_the_same_paths(app: Path) -> None:
    package(
        app,
        "uplot",
        {"module": "dist/uPlot.esm.js"},
        {
            "dist/uPlot.esm.js": 'import { fmt } from "./fmt.js";\nimport tiny from "tiny";\n',
            "dist/fmt.js": "export const fmt = 1;",
            "dist/uPlot.min.css": ".u {}",
            "dist/uPlot.cjs.js": "not copied",
        },
    )
    package(app, "tiny", {"exports": "./index.mjs"}, {"index.mjs": "export default 1;"})
    write(app / "wwwroot" / "js" / "chart.js", 'import uPlot from "uplot";\n')
    found = npm_files(read_app(app), app / "dist")
    assert [name for name, _ in found.files] == [
        "node_modules/tiny/index.mjs",
        "node_modules/tiny/package.json",
        "node_modules/uplot/dist/fmt.js",
        "node_modules/uplot/dist/uPlot.esm.js",
        "node_modules/uplot/dist/uPlot.min.css",
        "node_modules/uplot/package.json",
    ]
    assert found.imports == {
        "tiny": "node_modules/tiny/index.mjs",
        "uplot": "node_modules/uplot/dist/uPlot.esm.js",
    }


def test_a_relative_url_into_node_modules_is_copied(app: Path) -> None:
    package(app, "uplot", {}, {"dist/uPlot.esm.js": ""})
    write(
        app / "wwwroot" / "js" / "chart.js",
        'import uPlot from "../../node_modules/uplot/dist/uPlot.esm.js";\n',
    )
    write(
        app / "chart" / "program.py",
        "from jsinterop import JSHost\nasync def main() -> None:\n"
        '    await JSHost.import_async("u", "./node_modules/uplot/dist/uPlot.esm.js")\n',
    )
    found = npm_files(read_app(app), app / "dist")
    assert "node_modules/uplot/dist/uPlot.esm.js" in dict(found.files)
    assert found.imports == {}


def test_a_package_that_is_not_installed_is_named_with_its_importer(app: Path) -> None:
    write(app / "main.js", 'import uPlot from "uplot";\n')
    with pytest.raises(CliError) as raised:
        npm_files(read_app(app), app / "dist")
    assert str(raised.value) == (
        f"main.js imports 'uplot', but the package 'uplot' is not installed in "
        f"{(app / 'node_modules').resolve()}: add it to the app's package.json dependencies "
        "and run npm install there"
    )


def test_import_async_with_a_bare_specifier_is_resolved(app: Path) -> None:
    package(app, "@scope/lib", {"exports": {".": "./index.js"}}, {"index.js": ""})
    write(
        app / "chart" / "program.py",
        "from jsinterop import JSHost\nasync def main() -> None:\n"
        '    await JSHost.import_async("lib", "@scope/lib")\n',
    )
    assert npm_files(read_app(app), app / "dist").imports == {
        "@scope/lib": "node_modules/@scope/lib/index.js"
    }


def test_the_pages_own_import_map_is_merged_into_the_one_the_build_writes() -> None:
    page = (
        "<head>\n"
        '  <script type="importmap">{"imports": {"lodash": "https://x/lodash.js"}}</script>\n'
        '  <script type="module" src="./main.js"></script>\n'
        "</head>"
    )
    hashes = {"main.js": "abc", "node_modules/uplot/u.js": "def"}
    assert version_page(page, hashes, bare_imports={"uplot": "node_modules/uplot/u.js"}) == (
        "<head>\n"
        '  <script type="importmap">{"imports": {"./main.js": "./main.js?v=abc", '
        '"./node_modules/uplot/u.js": "./node_modules/uplot/u.js?v=def", '
        '"uplot": "./node_modules/uplot/u.js?v=def", "lodash": "https://x/lodash.js"}}'
        "</script>\n"
        '<script type="module" src="./main.js?v=abc"></script>\n'
        "</head>"
    )
