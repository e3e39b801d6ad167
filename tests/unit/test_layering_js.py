"""The JS runtime's modules import one way: bottom layers first, no cycle.

Reads every ``.mjs`` under ``src/jsinterop/_framework/`` and ``components/_framework/``, parses
their relative imports (static, re-exports and ``import("./x.mjs")``) and checks the graph
against ``LAYERS`` with the helpers in ``tests/unit/layering.py``.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from tests.unit.layering import find_cycle, layer_of, layering_problems, upward_imports

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "jsinterop"
FOLDERS = ("_framework", "components/_framework")

# Bottom first; a module imports only its own layer and those below. A folder entry holds the
# files under it that no file entry names.
LAYERS = [
    "_framework/byreference.mjs",  # which values cross the worker host by reference; a leaf
    "_framework/errors.mjs",  # error constructors; imports nothing
    "_framework/wire.mjs",  # values between the page and a worker; imports nothing
    "_framework/channel.mjs",  # synchronous calls and messages between page and worker
    "_framework/host.mjs",  # the JS engine: Node or browser, files, output
    "_framework/archive.mjs",  # unzips the app archive into Pyodide's file system
    "_framework/snapshot.mjs",  # the one module touching Pyodide's private snapshot API
    "_framework/packages.mjs",  # installs the app's Python packages (its dependencies)
    "_framework/loaderrors.mjs",  # a failure while the app loads, on the page
    "_framework/entry.mjs",  # the Python module the runtime calls, named once
    "_framework/marshal/registry.mjs",  # the dispatch table the families fill
    "_framework/marshal/describe.mjs",  # how values read in error messages
    "_framework/marshal/values.mjs",  # the shapes Python hands values over in
    "_framework/handles.mjs",  # all lifetime state
    "_framework/marshal/context.mjs",  # how a converter reports a wrong value
    "_framework/signature.mjs",  # the one signature compiler
    "_framework/marshal/",  # the type families, side by side
    "_framework/marshal/index.mjs",  # registers the families
    "_framework/modules.mjs",  # the JS modules stubs import from
    "_framework/imports.mjs",  # @js_import stubs
    "_framework/exports.mjs",  # @js_export functions
    "_framework/bridge.mjs",  # the _jsinterop_runtime object Python calls
    "_framework/reload.mjs",  # hot reload: a patch applied to the running runtimes
    "_framework/api.mjs",  # what python.create() gives a JS app
    "_framework/runtime.mjs",  # boots a runtime
    "_framework/worker_page.mjs",  # the worker host's page half
    "_framework/worker_main.mjs",  # the worker host's worker half: boots a runtime there
    "_framework/jsinterop.mjs",  # the public entry: python.create()
    "components/_framework/",  # the component renderer's JS half
]

# Imported by the runtime's files but written into _framework/ by `jsinterop build`.
SUPPLIED_BY_THE_BUILD = {"components/_framework/morphdom.mjs"}

_STRINGS_AND_COMMENTS = re.compile(
    r"""("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|//[^\n]*|/\*.*?\*/""",
    re.DOTALL,
)
_SPECIFIER = r"""["'](\.{1,2}/[^"'\n]+)["']"""
_IMPORTS = [
    re.compile(rf"\bimport\s+{_SPECIFIER}"),  # import "./x.mjs"
    re.compile(rf"\bimport\s+[\w$*{{}},\s]+?\s+from\s*{_SPECIFIER}"),  # import {a} from
    re.compile(rf"\bexport\s+[\w$*{{}},\s]+?\s+from\s*{_SPECIFIER}"),  # export {a} from
    re.compile(rf"\bimport\(\s*{_SPECIFIER}\s*\)"),  # import("./x.mjs")
]


def without_comments(source: str) -> str:
    """``source`` with its comments blanked out; strings kept (they hold the specifiers)."""
    return _STRINGS_AND_COMMENTS.sub(lambda match: match.group(1) or " ", source)


def relative_imports(source: str) -> set[str]:
    """The relative specifiers a JS module imports or re-exports from."""
    code = without_comments(source)
    return {match.group(1) for pattern in _IMPORTS for match in pattern.finditer(code)}


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Each ``.mjs`` under FOLDERS (relative to the package) -> the modules it imports."""
    graph: dict[str, set[str]] = {}
    for folder in FOLDERS:
        for path in sorted((package / folder).rglob("*.mjs")):
            module = path.relative_to(package).as_posix()
            directory = posixpath.dirname(module)
            graph[module] = {
                posixpath.normpath(posixpath.join(directory, specifier))
                for specifier in relative_imports(path.read_text(encoding="utf-8"))
            }
    return graph


def test_the_parser_reads_every_form_of_relative_import() -> None:
    source = """
        import "./side-effect.mjs";
        import * as everything from "./star.mjs";
        import {
          a,
          b as c,
        } from "../named.mjs";
        export { d } from './reexported.mjs';
        export * from "./all.mjs";
        const lazy = await import("./lazy.mjs");
        import fs from "node:fs";
        // import { nope } from "./commented.mjs";
        /* import "./also-commented.mjs"; */
        const text = "// not a comment"; import { e } from "./after-string.mjs";
    """
    assert relative_imports(source) == {
        "./side-effect.mjs",
        "./star.mjs",
        "../named.mjs",
        "./reexported.mjs",
        "./all.mjs",
        "./lazy.mjs",
        "./after-string.mjs",
    }


def test_every_import_of_the_runtime_resolves_to_a_file() -> None:
    graph = import_graph()
    assert "_framework/marshal/registry.mjs" in graph
    missing = {
        f"{module} imports {imported}"
        for module, imports in graph.items()
        for imported in imports
        if imported not in graph and imported not in SUPPLIED_BY_THE_BUILD
    }
    assert missing == set()


def test_the_js_runtime_has_no_import_cycle() -> None:
    assert find_cycle(import_graph()) is None


def test_the_js_runtime_imports_only_downward() -> None:
    graph = import_graph()
    graph.update({module: set() for module in SUPPLIED_BY_THE_BUILD})
    assert upward_imports(graph, LAYERS) == []


def test_the_bottom_layers_import_nothing() -> None:
    graph = import_graph()
    leaves = ["errors.mjs", "host.mjs", "entry.mjs", "marshal/registry.mjs", "handles.mjs"]
    imports = {leaf: graph[f"_framework/{leaf}"] for leaf in leaves}
    assert imports == {leaf: set() for leaf in leaves}


def test_no_family_imports_the_index() -> None:
    graph = import_graph()
    index = "_framework/marshal/index.mjs"
    assert {module for module, imports in graph.items() if index in imports} == {
        "_framework/bridge.mjs"
    }


# -- the checks themselves fail when they should ---------------------------------------------


def test_a_cycle_is_reported_with_the_files_on_it() -> None:
    graph = {"a/errors.mjs": {"a/index.mjs"}, "a/index.mjs": {"a/errors.mjs"}, "a/b.mjs": set()}
    assert find_cycle(graph) == ["a/errors.mjs", "a/index.mjs", "a/errors.mjs"]
    assert layering_problems(graph, ["a/"]) == [
        "import cycle: a/errors.mjs -> a/index.mjs -> a/errors.mjs"
    ]


def test_an_upward_import_is_reported_with_both_files() -> None:
    graph = {"low/errors.mjs": {"high/bridge.mjs"}, "high/bridge.mjs": set()}
    assert layering_problems(graph, ["low/", "high/bridge.mjs"]) == [
        "low/errors.mjs imports high/bridge.mjs, a layer above it "
        "(layer 1 > 0: high/bridge.mjs > low/)"
    ]


def test_a_module_outside_every_layer_is_reported() -> None:
    graph = {"x/new.mjs": {"x/errors.mjs"}, "x/errors.mjs": set()}
    assert upward_imports(graph, ["x/errors.mjs"]) == [
        "x/new.mjs is in no declared layer; add it to the layer order"
    ]


@pytest.mark.parametrize(
    ("module", "expected"),
    [("a/b.mjs", 2), ("a/c.mjs", 0), ("a/sub/d.mjs", 1), ("elsewhere.mjs", None)],
)
def test_a_module_takes_its_most_specific_layer(module: str, expected: int | None) -> None:
    assert layer_of(module, ["a/", "a/sub/", "a/b.mjs"]) == expected
