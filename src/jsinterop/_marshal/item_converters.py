"""Item converters for the container families: compiled once per item spec, recursing through
the registry, and the item paths their errors carry (``argument 'a'[3]``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from jsinterop._marshal import registry
from jsinterop._marshal.registry import Env
from jsinterop._spec_types import TypeSpec

__all__ = [
    "at",
    "fixed_from_js_function",
    "from_js_function",
    "reader_or_none",
    "to_js_function",
]


def at(error: BaseException, where: str, step: str) -> BaseException:
    """``error`` again, its message naming the item: ``argument 'a'`` -> ``argument 'a'[3]``.

    Item converters are compiled with the container's ``where``; the container inserts the
    index (or key) right after it, so nested containers read ``argument 'a'[3][0]``.
    """
    message = str(error)
    if message.startswith(where):
        message = f"{where}{step}{message[len(where) :]}"
    return type(error)(message)


def _compile(source: str, env: Env) -> Callable[..., Any]:
    return eval(source, dict(env.names))  # type: ignore[no-any-return]


def to_js_function(spec: TypeSpec, env: Env, where: str) -> Callable[[Any], Any] | None:
    """A function converting one Python item on its way to JS (compiled once), or ``None``."""
    expression = registry.to_js(spec, "item", env, where)
    return None if expression is None else _compile(f"lambda item: {expression}", env)


def from_js_function(spec: TypeSpec, env: Env, where: str) -> Callable[[Any], Any]:
    """A function reading one JS value as ``spec`` (compiled once); the identity if as-is."""
    expression = registry.from_js(spec, "item", env, where) or "item"
    return _compile(f"lambda item: {expression}", env)


def reader_or_none(spec: TypeSpec, env: Env, where: str) -> Callable[[Any], Any] | None:
    """Like :func:`from_js_function`, but ``None`` when the JS value needs no reading."""
    expression = registry.from_js(spec, "item", env, where)
    return None if expression is None else _compile(f"lambda item: {expression}", env)


def fixed_from_js_function(
    specs: Sequence[TypeSpec], env: Env, where: str
) -> Callable[[list[Any]], tuple[Any, ...]]:
    """A function reading a fixed-length tuple's items, each position as its own type."""
    parts = []
    for index, spec in enumerate(specs):
        value = f"items[{index}]"
        parts.append(registry.from_js(spec, value, env, where) or value)
    return _compile(f"lambda items: ({', '.join(parts)},)", env)
