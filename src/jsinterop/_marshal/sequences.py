"""list[T], tuple[T, ...] and tuple[A, B] <-> JS Array, copied both ways.

On the way to JS, Python hands over a JS Array built by one ``to_js`` call; for lists of
floats and ints, JS reads the items straight from wasm memory instead (``pymemory.read_floats``,
``marshal/pymemory.mjs``: one pass in JS, no per-item FFI call), and when an item is not a
plain float/int it can read, one typed array built from ``array.array``; for strs, one string
of the items joined by NUL when none holds NUL. The JS half checks every item. On the way
back, the JS half has checked and converted the items and hands over an Array (a
``Float64Array`` for floats, an ``Int32Array`` for ints that all fit in 32 bits), which
Python copies in one call.
Item errors name the index: ``argument 'items'[3] must be int, got str``.
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Callable
from typing import Any

from jsinterop import _bridge
from jsinterop._marshal import item_converters, pymemory, registry
from jsinterop._marshal.registry import Env
from jsinterop._spec_types import FixedTupleSpec, ListSpec, TupleSpec, TypeSpec

__all__ = ["KINDS", "from_js", "to_js"]

KINDS = ("list", "tuple", "fixed_tuple")

_FLOAT_ITEMS = frozenset({float, int})
_INT_ITEMS = frozenset({int})


def _sequence(value: Any) -> bool:
    kind = type(value)
    return kind is list or kind is tuple


def _numbers_to_js(
    value: Any, read: Callable[[Any], Any], item_types: frozenset[type], typecode: str
) -> Any:
    """The checked Array JS reads from wasm memory (``read``); else a typed array of
    ``typecode`` when every item's type is in ``item_types`` (an item too large for it goes
    on in an Array, and the JS half names it); else an Array the JS half checks."""
    if not _sequence(value):
        return value
    checked = read(value)
    if checked is not None:
        return checked
    if item_types.issuperset(map(type, value)):
        try:
            return _bridge.typed_array_to_js(array(typecode, value))
        except OverflowError:
            pass
    return _bridge.list_to_js(value)


def floats_to_js(value: Any) -> Any:
    """``list[float]`` to JS; a Float64Array when it cannot be read from memory."""
    return _numbers_to_js(value, pymemory.read_floats, _FLOAT_ITEMS, "d")


def ints_to_js(value: Any) -> Any:
    """``list[int]`` to JS; a BigInt64Array, range-checked by the JS half, when it cannot be
    read from memory."""
    return _numbers_to_js(value, pymemory.read_ints, _INT_ITEMS, "q")


_STR_ITEMS = frozenset({str})
_SEPARATOR = "\x00"


def strs_to_js(value: Any) -> Any:
    """The strings joined by NUL when every item is a str without NUL: one string crosses."""
    if not _sequence(value) or not value:
        return items_to_js(value)
    if _STR_ITEMS.issuperset(map(type, value)):
        joined = _SEPARATOR.join(value)
        if joined.count(_SEPARATOR) == len(value) - 1:
            return _bridge.joined_strings(joined)
    return _bridge.list_to_js(value)


def items_to_js(value: Any) -> Any:
    """An Array of the items as Pyodide converts them; the JS half checks each one."""
    return _bridge.list_to_js(value) if _sequence(value) else value


def converted_items_to_js(value: Any, convert: Callable[[Any], Any], where: str) -> Any:
    """An Array of ``convert(item)``; a failing item is named by its index."""
    if not _sequence(value):
        return value
    converted = []
    index = 0
    try:
        for index, item in enumerate(value):  # noqa: B007 -- the index names a failing item
            converted.append(convert(item))
    except (TypeError, ValueError, OverflowError) as error:
        raise item_converters.at(error, where, f"[{index}]") from None
    return _bridge.list_to_js(converted)


def fixed_to_js(value: Any, converters: tuple[Callable[[Any], Any], ...], where: str) -> Any:
    """An Array of each position converted by its own converter; the JS half checks the length."""
    if not _sequence(value) or len(value) != len(converters):
        return items_to_js(value)
    converted = []
    index = 0
    try:
        for index, (convert, item) in enumerate(zip(converters, value, strict=True)):  # noqa: B007 -- the index names a failing item
            converted.append(convert(item))
    except (TypeError, ValueError, OverflowError) as error:
        raise item_converters.at(error, where, f"[{index}]") from None
    return _bridge.list_to_js(converted)


def _unchanged(item: Any) -> Any:
    return item


def floats_from_js(value: Any) -> list[float]:
    """The floats of the Float64Array the JS half built, in one copy."""
    return value.to_memoryview().tolist()  # type: ignore[no-any-return]


def ints_from_js(value: Any) -> list[int]:
    """The ints of the Int32Array (every item fits) or the Array the JS half built."""
    if isinstance(value, _bridge.JsBuffer):
        return value.to_memoryview().tolist()  # type: ignore[no-any-return]
    return value.to_py(depth=1)  # type: ignore[no-any-return]


def strs_from_js(value: Any) -> list[str]:
    """The strs of the marshal-format buffer (one C pass) or of the Array the JS half built."""
    if isinstance(value, _bridge.JsBuffer):
        return marshal.loads(value.to_bytes())  # type: ignore[no-any-return]
    return value.to_py(depth=1)  # type: ignore[no-any-return]


def items_from_js(value: Any) -> list[Any]:
    """The items of the Array the JS half built, converted by Pyodide in one call."""
    return value.to_py(depth=1)  # type: ignore[no-any-return]


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Expression sending Python ``value`` to JS as a list or tuple spec."""
    if isinstance(spec, FixedTupleSpec):
        converters = tuple(
            item_converters.to_js_function(item, env, where) or _unchanged for item in spec.items
        )
        names = env.add("converters", converters)
        return f"{env.add('fixed_to_js', fixed_to_js)}({value}, {names}, {env.add('where', where)})"
    assert isinstance(spec, ListSpec | TupleSpec)
    function = item_converters.to_js_function(spec.item, env, where)
    if function is None:
        if spec.item.kind == "float":
            return f"{env.add('floats_to_js', floats_to_js)}({value})"
        if spec.item.kind == "int":
            return f"{env.add('ints_to_js', ints_to_js)}({value})"
        if spec.item.kind == "str":
            return f"{env.add('strs_to_js', strs_to_js)}({value})"
        return f"{env.add('items_to_js', items_to_js)}({value})"
    helper = env.add("converted_items_to_js", converted_items_to_js)
    return f"{helper}({value}, {env.add('item_to_js', function)}, {env.add('where', where)})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Expression reading the JS half's Array (already checked) as a list or tuple."""
    items = f"{env.add('items_from_js', items_from_js)}({value})"
    if isinstance(spec, FixedTupleSpec):
        function = item_converters.fixed_from_js_function(spec.items, env, where)
        return f"{env.add('fixed_from_js', function)}({items})"
    assert isinstance(spec, ListSpec | TupleSpec)
    container = "list" if isinstance(spec, ListSpec) else "tuple"
    if spec.item.kind == "float":
        floats = f"{env.add('floats_from_js', floats_from_js)}({value})"
        return floats if container == "list" else f"tuple({floats})"
    if spec.item.kind == "int":
        ints = f"{env.add('ints_from_js', ints_from_js)}({value})"
        return ints if container == "list" else f"tuple({ints})"
    if spec.item.kind == "str":
        strs = f"{env.add('strs_from_js', strs_from_js)}({value})"
        return strs if container == "list" else f"tuple({strs})"
    item = env.fresh("item")
    convert = registry.from_js(spec.item, item, env, where)
    if convert is None:
        return items if container == "list" else f"tuple({items})"
    if container == "list":
        return f"[{convert} for {item} in {items}]"
    return f"tuple([{convert} for {item} in {items}])"
