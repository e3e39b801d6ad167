"""dict[K, V] whose key type is not str <-> JS Map, copied both ways.

A plain JS object cannot hold these keys (its keys are strings), so the dict crosses as a Map
and a plain object is refused with a TypeError. On the way to JS, Python converts the keys and
values that need it and hands over a Map built by one ``to_js`` call; the JS half checks each
entry and builds its own Map. On the way back, the JS half checks the Map's entries and hands
over an Array of ``[key, value]`` pairs, which Python reads into a dict. Errors name the key:
``argument 'names'[3] must be str, got int``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jsinterop import _bridge
from jsinterop._marshal import item_converters
from jsinterop._marshal.registry import Env
from jsinterop._spec_types import MapSpec, TypeSpec

__all__ = ["KINDS", "from_js", "map_from_js", "map_to_js", "to_js"]

KINDS = ("map",)

_CONVERTED = (TypeError, ValueError, OverflowError)
Convert = Callable[[Any], Any] | None


def map_to_js(value: Any, convert_key: Convert, convert_value: Convert, where: str) -> Any:
    """A JS Map of the converted entries; anything that is not a dict as it is."""
    if type(value) is not dict:
        return value
    if convert_key is None and convert_value is None:
        return _bridge.map_to_js(value)
    converted = {}
    key = None
    try:
        for key, item in value.items():
            new_key = key if convert_key is None else convert_key(key)
            converted[new_key] = item if convert_value is None else convert_value(item)
    except _CONVERTED as error:
        raise item_converters.at(error, where, f"[{key!r}]") from None
    return _bridge.map_to_js(converted)


def map_from_js(value: Any, convert_key: Convert, convert_value: Convert) -> dict[Any, Any]:
    """The dict of the ``[key, value]`` pairs the JS half built."""
    pairs = value.to_py(depth=2)
    if convert_key is None and convert_value is None:
        return dict(pairs)
    read_key = convert_key or _unchanged
    read_value = convert_value or _unchanged
    return {read_key(key): read_value(item) for key, item in pairs}


def _unchanged(value: Any) -> Any:
    return value


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``map_to_js(value, convert_key, convert_value, where)``."""
    assert isinstance(spec, MapSpec)
    key = env.add("convert_key", item_converters.to_js_function(spec.key, env, where))
    item = env.add("convert_value", item_converters.to_js_function(spec.value, env, where))
    helper = env.add("map_to_js", map_to_js)
    return f"{helper}({value}, {key}, {item}, {env.add('where', where)})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``map_from_js(value, read_key, read_value)``."""
    assert isinstance(spec, MapSpec)
    key = env.add("read_key", item_converters.reader_or_none(spec.key, env, where))
    item = env.add("read_value", item_converters.reader_or_none(spec.value, env, where))
    return f"{env.add('map_from_js', map_from_js)}({value}, {key}, {item})"
