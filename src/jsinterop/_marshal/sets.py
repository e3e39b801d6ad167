"""set[T] and frozenset[T] <-> JS Set, copied both ways.

On the way to JS, Python hands over a JS Array of the items (each converted when ``T`` needs
it) and the JS half checks them and builds the Set; any value that is not a set or frozenset
crosses as it is, and the JS half names its type. On the way back, the JS half checks that the
value is a Set and its items, and hands over an Array, which Python turns into the set in one
call. Item errors name the item's position in iteration order: ``argument 's'[2] must be int``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jsinterop import _bridge
from jsinterop._marshal import item_converters
from jsinterop._marshal.registry import Env
from jsinterop._spec_types import SetSpec, TypeSpec

__all__ = ["KINDS", "from_js", "set_from_js", "set_to_js", "to_js"]

KINDS = ("set", "frozenset")

_CONVERTED = (TypeError, ValueError, OverflowError)


def set_to_js(value: Any, convert: Callable[[Any], Any] | None, where: str) -> Any:
    """An Array of the set's items, each converted by ``convert``; anything else as it is."""
    kind = type(value)
    if kind is not set and kind is not frozenset:
        return value
    if convert is None:
        return _bridge.list_to_js(list(value))
    converted = []
    index = 0
    try:
        for index, item in enumerate(value):  # noqa: B007 -- the index names a failing item
            converted.append(convert(item))
    except _CONVERTED as error:
        raise item_converters.at(error, where, f"[{index}]") from None
    return _bridge.list_to_js(converted)


def set_from_js(
    value: Any, convert: Callable[[Any], Any] | None, build: type[set[Any]] | type[frozenset[Any]]
) -> Any:
    """The set (or frozenset) of the Array the JS half built, each item read by ``convert``."""
    items = value.to_py(depth=1)
    return build(items if convert is None else map(convert, items))


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``set_to_js(value, convert_item, where)``."""
    assert isinstance(spec, SetSpec)
    convert = env.add("convert_item", item_converters.to_js_function(spec.item, env, where))
    return f"{env.add('set_to_js', set_to_js)}({value}, {convert}, {env.add('where', where)})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``set_from_js(value, convert_item, set or frozenset)``."""
    assert isinstance(spec, SetSpec)
    convert = env.add("convert_item", item_converters.reader_or_none(spec.item, env, where))
    build = env.add("build", frozenset if spec.kind == "frozenset" else set)
    return f"{env.add('set_from_js', set_from_js)}({value}, {convert}, {build})"
