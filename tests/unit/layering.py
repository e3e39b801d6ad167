"""Checks of an import graph against layers: no cycle, no import that runs upward.

A graph maps each module (or file) to the modules it imports. ``layers`` lists them bottom
first; a name matches a layer entry equal to it or, for an entry ending in ``.*`` or ``/``,
anything under it. Used by test_layering_python.py and test_layering_js.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Graph = Mapping[str, set[str]]


def find_cycle(graph: Graph) -> list[str] | None:
    """One import cycle as ``[a, b, ..., a]``, or None when the graph has none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def _matches(name: str, entry: str) -> bool:
    if entry.endswith(".*"):
        return name == entry[:-2] or name.startswith(entry[:-1])
    if entry.endswith("/"):
        return name.startswith(entry)
    return name == entry


def layer_of(name: str, layers: Sequence[Sequence[str]]) -> int | None:
    """The index of the layer holding ``name`` (the most specific entry wins), or None."""
    best: tuple[int, int] | None = None  # (specificity, layer)
    for index, layer in enumerate(layers):
        for entry in layer:
            if _matches(name, entry) and (best is None or len(entry) > best[0]):
                best = (len(entry), index)
    return None if best is None else best[1]


def upward_imports(graph: Graph, layers: Sequence[Sequence[str]]) -> list[str]:
    """``"a imports b, a higher layer"`` for each import that runs upward."""
    problems = []
    for source in sorted(graph):
        low = layer_of(source, layers)
        for target in sorted(graph[source]):
            high = layer_of(target, layers)
            if low is not None and high is not None and high > low:
                problems.append(f"{source} imports {target}, a higher layer")
    return problems


def unplaced(graph: Graph, layers: Sequence[Sequence[str]]) -> list[str]:
    """The names in the graph that no layer holds."""
    return sorted(name for name in graph if layer_of(name, layers) is None)
