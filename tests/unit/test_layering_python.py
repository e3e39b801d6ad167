"""jsinterop's Python modules import one way: each only the layers below it, no cycles.

The layers are docs/architecture.md's picture; a new module gets a place here. Every import
counts, at the top of a module or inside a function (those ran in cycles before).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.unit.layering import find_cycle, unplaced, upward_imports

SRC = Path(__file__).resolve().parents[2] / "src"

# Bottom first. Modules in one layer may import each other (without a cycle).
LAYERS = [
    ["jsinterop._errors", "jsinterop._spec_types", "jsinterop._diagnostics"],
    ["jsinterop._bridge"],
    ["jsinterop._throws"],
    ["jsinterop._handles"],
    ["jsinterop._object"],
    ["jsinterop._host", "jsinterop._spec_reader"],
    ["jsinterop._marshal.registry"],
    [
        "jsinterop._marshal.item_converters",
        "jsinterop._marshal.packed",
        "jsinterop._marshal.pymemory",
    ],
    ["jsinterop._marshal.*"],  # the families
    ["jsinterop._marshal"],  # the index: registers the families
    ["jsinterop._compile"],
    ["jsinterop._imports", "jsinterop._exports"],
    ["jsinterop._entry", "jsinterop.debug"],
    ["jsinterop"],  # the public API and the composition root
    ["jsinterop._tools.*", "jsinterop.components.*"],
    ["jsinterop.cli.*"],
    ["jsinterop.__main__"],
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The jsinterop modules ``path`` imports (``from a import b`` is ``a.b`` when that is a
    module, else ``a``)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in modules else base)
    return {target for target in found if target in modules and target != name}


def python_graph() -> dict[str, set[str]]:
    paths = sorted((SRC / "jsinterop").rglob("*.py"))
    modules = {module_name(path) for path in paths}
    return {module_name(path): imports_of(path, modules) for path in paths}


def test_every_module_has_a_layer() -> None:
    assert unplaced(python_graph(), LAYERS) == []


def test_no_import_cycle() -> None:
    cycle = find_cycle(python_graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_no_import_runs_upward() -> None:
    assert upward_imports(python_graph(), LAYERS) == []


def test_the_checks_fail_on_a_cycle_and_on_an_upward_import() -> None:
    graph = python_graph()
    graph["jsinterop._bridge"] = graph["jsinterop._bridge"] | {"jsinterop._compile"}
    assert upward_imports(graph, LAYERS) == [
        "jsinterop._bridge imports jsinterop._compile, a higher layer"
    ]
    cycle = find_cycle(graph)
    assert cycle is not None and cycle[0] == cycle[-1]
    assert {"jsinterop._bridge", "jsinterop._compile"} <= set(cycle)


@pytest.mark.parametrize(
    ("graph", "cycle"),
    [
        ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
        ({"a": {"b"}, "b": set()}, None),
    ],
)
def test_find_cycle(graph: dict[str, set[str]], cycle: list[str] | None) -> None:
    assert find_cycle(graph) == cycle
