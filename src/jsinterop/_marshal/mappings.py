"""dict[str, T] <-> plain JS object, copied both ways.

On the way to JS, when every key is a str without NUL, Python hands over the keys joined by
NUL and the values, packed by one JS call (~2x cheaper than converting the dict); else, or
when a value has no JS form, a JS Map built by one ``to_js`` call (a Map keeps the keys' own
types, so the JS half can reject a non-str key instead of seeing it stringified). The JS half
checks each key and value and builds the object. On the way back, the JS
half checks the object and hands over a Map, which Python copies into a dict in one call.
Errors name the key: ``argument 'scores'["bob"] must be int, got str``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from jsinterop import _bridge
from jsinterop._marshal import item_converters, packed, registry
from jsinterop._marshal.registry import Env
from jsinterop._spec_types import DictSpec, TypeSpec

__all__ = ["KINDS", "from_js", "to_js"]

KINDS = ("dict",)


_SEPARATOR = "\x00"
# The values are call arguments: a JS call takes some 100k at most before V8's stack runs out,
# and past a few thousand entries the per-entry cost of a Map is what counts anyway.
_PACK_MAX = 4096


def _packed(value: dict[Any, Any]) -> Any:
    """The keys joined by NUL and the values packed by one call, or None (then: a Map)."""
    if not value or len(value) > _PACK_MAX:
        return None
    try:
        keys = _SEPARATOR.join(value)
    except TypeError:  # a key that is not a str: the Map path names it
        return None
    if keys.count(_SEPARATOR) != len(value) - 1:
        return None
    return packed.pack_values(keys, *value.values())


def dict_to_js(value: Any) -> Any:
    """The items packed, or a Map of them as Pyodide converts them; the JS half checks each."""
    if type(value) is not dict:
        return value
    packed = _packed(value)
    return _bridge.map_to_js(value) if packed is None else packed


def converted_dict_to_js(value: Any, convert: Callable[[Any], Any], where: str) -> Any:
    """A Map of ``convert(value)`` per key; a failing value is named by its key."""
    if type(value) is not dict:
        return value
    converted = {}
    key = None
    try:
        for key, item in value.items():
            converted[key] = convert(item)
    except (TypeError, ValueError, OverflowError) as error:
        raise item_converters.at(error, where, f"[{json.dumps(key, ensure_ascii=False)}]") from None
    packed = _packed(converted)
    return _bridge.map_to_js(converted) if packed is None else packed


def dict_from_js(value: Any) -> dict[str, Any]:
    """The entries of the Map the JS half built, converted by Pyodide in one call."""
    return value.to_py(depth=1)  # type: ignore[no-any-return]


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Expression sending a Python dict to JS."""
    assert isinstance(spec, DictSpec)
    function = item_converters.to_js_function(spec.value, env, where)
    if function is None:
        return f"{env.add('dict_to_js', dict_to_js)}({value})"
    helper = env.add("converted_dict_to_js", converted_dict_to_js)
    return f"{helper}({value}, {env.add('value_to_js', function)}, {env.add('where', where)})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Expression reading the JS half's Map (already checked) as a dict."""
    assert isinstance(spec, DictSpec)
    entries = f"{env.add('dict_from_js', dict_from_js)}({value})"
    key, item = env.fresh("key"), env.fresh("value")
    convert = registry.from_js(spec.value, item, env, where)
    if convert is None:
        return entries
    return f"{{{key}: {convert} for {key}, {item} in {entries}.items()}}"
