"""jsinterop's Python modules import one way: each only the layers below it, no cycles.

The layers are docs/architecture.md's picture; a new module gets a place here. Every import
counts, at the top of a module or inside a function (those ran in cycles before). Modules are
named by their path under ``src/jsinterop``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.unit.layering import find_cycle, layering_problems, upward_imports

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "jsinterop"

# Bottom first; a module imports only its own layer and those below. A folder entry holds the
# files under it that no file entry names.
LAYERS = [
    "_errors.py",  # the exception classes
    "_spec_types.py",  # the spec kinds and their facts; imports nothing of jsinterop
    "_diagnostics.py",  # records of stubs and exports, for `jsinterop check`
    "_bridge.py",  # the only module touching pyodide.ffi and the JS runtime
    "_throws.py",  # JS throws <-> Python exceptions
    "_handles.py",  # lifetime tables of Python objects JS holds and JSObjects
    "_object.py",  # JSObject and the untyped (Any) conversion
    "_host.py",  # JSHost: globalThis, import_async
    "_spec_reader.py",  # annotations -> specs
    "_marshal/registry.py",  # the dispatch table the families fill
    "_marshal/item_converters.py",  # item converters compiled through the registry
    "_marshal/packed.py",  # records packed into one JS call
    "_marshal/pymemory.py",  # number lists read from wasm memory
    "_marshal/",  # the type families, side by side
    "_marshal/__init__.py",  # registers the families
    "_compile.py",  # the one marshaller compiler
    "_imports.py",  # @js_import
    "_exports.py",  # @js_export
    "_startup.py",  # the imports a snapshot keeps, what is set again after a restore
    "_reload.py",  # hot reload: new sources imported again, all or nothing
    "_entry.py",  # what the JS runtime calls
    "debug.py",  # leak hunting
    "__init__.py",  # the public API and the composition root
    "_tools/",  # check, bind, typings
    "components/_policy.py",  # the attribute-and-URL policy (standard library only)
    "components/_routing.py",
    "components/_markup.py",  # nodes, h, render_html
    "components/_template.py",  # html()
    "components/_navigation.py",
    "components/_component.py",
    "components/_builtin_components.py",
    "components/_renderer.py",
    "components/_hot_reload.py",  # classes of running components swapped on a hot reload
    "components/_host.py",
    "components/",  # the component host's public API (__init__.py)
    "cli/",  # the command line
    "__main__.py",
]


def module_path(name: str, modules: set[str]) -> str | None:
    """The path of the jsinterop module ``name`` (``jsinterop._marshal.sets``), if it is one."""
    if name != "jsinterop" and not name.startswith("jsinterop."):
        return None
    parts = name.split(".")[1:]
    for candidate in ("/".join(parts) + ".py", "/".join([*parts, "__init__.py"])):
        if candidate in modules:
            return candidate
    return None


def imports_of(path: str, modules: set[str]) -> set[str]:
    """The jsinterop modules ``path`` imports (``from a import b`` is ``a.b`` when that is a
    module, else ``a``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse((PACKAGE / path).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if module_path(submodule, modules) else node.module)
    targets = {module_path(name, modules) for name in found}
    return {target for target in targets if target is not None and target != path}


def python_graph() -> dict[str, set[str]]:
    modules = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")}
    return {path: imports_of(path, modules) for path in sorted(modules)}


def test_the_python_modules_import_one_way() -> None:
    assert layering_problems(python_graph(), LAYERS) == []


def test_relative_imports_are_not_used() -> None:
    # The graph reads absolute imports only; a relative one would hide an edge.
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        levels = [node.level for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert not any(levels), path


def test_the_check_fails_on_a_cycle_and_on_an_upward_import() -> None:
    graph = python_graph()
    graph["_bridge.py"] = graph["_bridge.py"] | {"_compile.py"}
    assert upward_imports(graph, LAYERS) == [
        "_bridge.py imports _compile.py, a layer above it (layer 15 > 3: _compile.py > _bridge.py)"
    ]
    cycle = find_cycle(graph)
    assert cycle is not None and cycle[0] == cycle[-1]
    assert {"_bridge.py", "_compile.py"} <= set(cycle)
