"""What container families share: item converters compiled once, and item paths in errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from jsinterop import _bridge, _marshal
from jsinterop._marshal._env import Env
from jsinterop._spec import TypeSpec

__all__ = ["at", "fixed_from_js_function", "from_js_function", "return_lines", "to_js_function"]


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
    expression = _marshal.to_js(spec, "item", env, where)
    return None if expression is None else _compile(f"lambda item: {expression}", env)


def from_js_function(spec: TypeSpec, env: Env, where: str) -> Callable[[Any], Any]:
    """A function reading one JS value as ``spec`` (compiled once); the identity if as-is."""
    expression = _marshal.from_js(spec, "item", env, where) or "item"
    return _compile(f"lambda item: {expression}", env)


def fixed_from_js_function(
    specs: Sequence[TypeSpec], env: Env, where: str
) -> Callable[[list[Any]], tuple[Any, ...]]:
    """A function reading a fixed-length tuple's items, each position as its own type."""
    parts = []
    for index, spec in enumerate(specs):
        value = f"items[{index}]"
        parts.append(_marshal.from_js(spec, value, env, where) or value)
    return _compile(f"lambda items: ({', '.join(parts)},)", env)


def return_lines(result: str | None, env: Env) -> str:
    """The lines (at 8 spaces) returning ``_jsi_result`` to JS, converted by ``result``.

    A return value that fails a check made in Python is marshalling's error, not the
    function's: it is marked so that JS gets a TypeError (RangeError for a range), as when
    the check is made in JS, rather than an Error standing for a Python exception.
    """
    if not result:
        return "        return _jsi_result\n"
    mark = env.add("mark_check_failure", _bridge.mark_check_failure)
    return (
        "        try:\n"
        f"            return {result}\n"
        "        except (TypeError, ValueError, OverflowError) as _jsi_error:\n"
        f"            raise {mark}(_jsi_error) from None\n"
    )
