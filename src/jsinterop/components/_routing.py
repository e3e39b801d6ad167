"""Route templates (``/items/{id:int}``) and the table that matches paths against them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["Route", "RouteMatch", "RouteTable", "parse_route"]

_PARAMETER = re.compile(r"^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?(\?)?\}$")


_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def unquote(text: str) -> str:
    """Percent-decoding as UTF-8 (urllib.parse costs ~60 ms to import in Pyodide).

    Examples
    --------
    >>> from jsinterop.components._routing import unquote
    >>> unquote("caf%C3%A9%20au%20lait")
    'café au lait'
    """
    return _ESCAPES.sub(
        lambda found: bytes.fromhex(found.group(0).replace("%", "")).decode("utf-8", "replace"),
        text,
    )


def _to_guid(text: str) -> Any:
    import uuid  # only for {x:guid}; importing it costs ~17 ms in Pyodide

    return uuid.UUID(text)


def _to_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    raise ValueError(text)


_CONVERTERS: dict[str, Callable[[str], Any]] = {
    "str": str,
    "int": int,
    "float": float,
    "bool": _to_bool,
    "guid": _to_guid,
}


@dataclass(frozen=True, slots=True)
class _Segment:
    literal: str | None  # a literal segment, compared case-insensitively (as Blazor does)
    name: str | None = None
    convert: Callable[[str], Any] = str
    optional: bool = False
    catch_all: bool = False


@dataclass(frozen=True, slots=True)
class Route:
    """A parsed ``@page`` template and the component it leads to.

    Examples
    --------
    >>> from jsinterop.components import parse_route
    >>> route = parse_route("/items/{id:int}", target="Item")
    >>> route.match("/items/42")
    {'id': 42}
    >>> route.match("/items/x") is None
    True
    """

    template: str
    segments: tuple[_Segment, ...]
    target: Any

    def match(self, path: str) -> dict[str, Any] | None:
        """The route parameters if ``path`` matches, else ``None``."""
        parts = [unquote(part) for part in path.strip("/").split("/") if part != ""]
        values: dict[str, Any] = {}
        for index, segment in enumerate(self.segments):
            if segment.catch_all:
                values[segment.name or ""] = "/".join(parts[index:])
                return values
            if index >= len(parts):
                if segment.optional:
                    continue
                return None
            part = parts[index]
            if segment.literal is not None:
                if part.lower() != segment.literal.lower():
                    return None
                continue
            try:
                values[segment.name or ""] = segment.convert(part)
            except ValueError:
                return None
        if len(parts) > len(self.segments):
            return None
        return values

    @property
    def precedence(self) -> tuple[int, ...]:
        """Sort key: literal segments beat constrained parameters beat plain ones."""
        ranks = []
        for segment in self.segments:
            if segment.literal is not None:
                ranks.append(0)
            elif segment.catch_all:
                ranks.append(4)
            elif segment.optional:
                ranks.append(3)
            elif segment.convert is not str:
                ranks.append(1)
            else:
                ranks.append(2)
        return (*ranks, -1)


def parse_route(template: str, target: Any = None) -> Route:
    """Parse a route template such as ``/items/{id:int}`` or ``/files/{*path}``.

    Parameters are ``{name}`` (text), ``{name:int|float|bool|guid}``, optional
    ``{name?}`` at the end, and a catch-all ``{*name}`` as the last segment.

    Raises
    ------
    ValueError
        For a template that does not start with ``/``, an unknown constraint, or a
        misplaced optional or catch-all parameter.

    Examples
    --------
    >>> from jsinterop.components import parse_route
    >>> parse_route("/files/{*path}").match("/files/a/b.txt")
    {'path': 'a/b.txt'}
    """
    if not template.startswith("/"):
        raise ValueError(f"route template {template!r} must start with '/'")
    segments: list[_Segment] = []
    names: set[str] = set()
    raw_segments = [part for part in template.strip("/").split("/") if part != ""]
    for index, raw in enumerate(raw_segments):
        is_last = index == len(raw_segments) - 1
        found = _PARAMETER.match(raw)
        if found is None:
            if "{" in raw or "}" in raw:
                raise ValueError(f"route template {template!r}: bad segment {raw!r}")
            segments.append(_Segment(literal=raw))
            continue
        star, name, constraint, question = found.groups()
        if name in names:
            raise ValueError(f"route template {template!r}: parameter {name!r} appears twice")
        names.add(name)
        if constraint is not None and constraint not in _CONVERTERS:
            raise ValueError(
                f"route template {template!r}: unknown constraint {constraint!r} "
                f"(known: {', '.join(sorted(_CONVERTERS))})"
            )
        if (star or question) and not is_last:
            raise ValueError(f"route template {template!r}: {raw!r} may only be the last segment")
        segments.append(
            _Segment(
                literal=None,
                name=name,
                convert=_CONVERTERS[constraint or "str"],
                optional=bool(question),
                catch_all=bool(star),
            )
        )
    return Route(template=template, segments=tuple(segments), target=target)


@dataclass(frozen=True, slots=True)
class RouteMatch:
    """A route that matched, and the parameters read from the path."""

    route: Route
    parameters: dict[str, Any]


class RouteTable:
    """Routes in precedence order; :meth:`match` finds the one for a path.

    Examples
    --------
    >>> from jsinterop.components import RouteTable, parse_route
    >>> table = RouteTable([parse_route("/items/{id:int}", "Item"),
    ...                     parse_route("/items/new", "New")])
    >>> table.match("/items/new").route.target, table.match("/items/7").parameters
    ('New', {'id': 7})
    """

    def __init__(self, routes: Iterable[Route] = ()) -> None:
        self._routes: list[Route] = []
        for route in routes:
            self.add(route)

    def add(self, route: Route) -> None:
        for existing in self._routes:
            if existing.template.lower() == route.template.lower() and existing.target != (
                route.target
            ):
                raise ValueError(
                    f"route {route.template!r} is claimed twice: by {existing.target!r} "
                    f"and by {route.target!r}"
                )
        self._routes.append(route)
        self._routes.sort(key=lambda item: item.precedence)

    @property
    def routes(self) -> tuple[Route, ...]:
        return tuple(self._routes)

    def match(self, path: str) -> RouteMatch | None:
        for route in self._routes:
            parameters = route.match(path)
            if parameters is not None:
                return RouteMatch(route, parameters)
        return None
