"""Checks of an import graph against a declared layer order, for the layering tests.

A graph maps each module (a path, ``"_framework/errors.mjs"``) to the modules it imports. A
layer order lists layers bottom first, one entry per file, or per folder (ending in ``/``)
for the files under it that no more specific entry names. A module may import its own layer
and the ones below, never one above, and no import may close a cycle. Nothing here knows the
language: a test parses its files into a graph and hands it over.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

Graph = Mapping[str, Iterable[str]]


def layer_of(module: str, layers: Sequence[str]) -> int | None:
    """The index in ``layers`` of ``module``'s layer: its own entry, else its deepest folder's.

    >>> layer_of("a/b.mjs", ["a/", "a/b.mjs"]), layer_of("a/c.mjs", ["a/", "a/b.mjs"])
    (1, 0)
    """
    best: tuple[int, int] | None = None  # (length of the matching entry, its index)
    for index, entry in enumerate(layers):
        matches = module.startswith(entry) if entry.endswith("/") else module == entry
        if matches and (best is None or len(entry) > best[0]):
            best = (len(entry), index)
    return None if best is None else best[1]


def find_cycle(graph: Graph) -> list[str] | None:
    """One import cycle as ``[a, b, ..., a]``, or None when the graph has none.

    >>> find_cycle({"a": ["b"], "b": ["c"], "c": ["a"]})
    ['a', 'b', 'c', 'a']
    >>> find_cycle({"a": ["b"], "b": []}) is None
    True
    """
    finished: set[str] = set()
    for start in sorted(graph):
        if start in finished:
            continue
        # Depth first, without recursion: `path` is the chain of imports being followed and
        # `pending` the imports of each module on it still to follow.
        path = [start]
        pending = [iter(sorted(graph[start]))]
        while path:
            following = next(pending[-1], None)
            if following is None:
                finished.add(path.pop())
                pending.pop()
            elif following in path:
                return [*path[path.index(following) :], following]
            elif following not in finished:
                path.append(following)
                pending.append(iter(sorted(graph.get(following, ()))))
    return None


def upward_imports(graph: Graph, layers: Sequence[str]) -> list[str]:
    """A message for each import that runs upward, and for each module with no layer.

    >>> upward_imports({"low.mjs": ["high.mjs"], "high.mjs": []}, ["low.mjs", "high.mjs"])
    ['low.mjs imports high.mjs, a layer above it (layer 1 > 0: high.mjs > low.mjs)']
    """
    problems = []
    for module in sorted(graph):
        own = layer_of(module, layers)
        if own is None:
            problems.append(f"{module} is in no declared layer; add it to the layer order")
            continue
        for imported in sorted(graph[module]):
            theirs = layer_of(imported, layers)
            if theirs is None:
                problems.append(f"{module} imports {imported}, which is in no declared layer")
            elif theirs > own:
                problems.append(
                    f"{module} imports {imported}, a layer above it "
                    f"(layer {theirs} > {own}: {layers[theirs]} > {layers[own]})"
                )
    return problems


def layering_problems(graph: Graph, layers: Sequence[str]) -> list[str]:
    """Every problem of ``graph`` against ``layers``: a cycle, then upward imports (or [])."""
    cycle = find_cycle(graph)
    problems = [f"import cycle: {' -> '.join(cycle)}"] if cycle else []
    return problems + upward_imports(graph, layers)
