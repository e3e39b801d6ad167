"""``array.array`` <-> the typed array of its typecode, copied both ways in one call.

``'b' 'B' 'h' 'H' 'i' 'I' 'f' 'd'`` cross as Int8Array, Uint8Array, Int16Array, Uint16Array,
Int32Array, Uint32Array, Float32Array and Float64Array; ``'q'`` and ``'Q'`` as BigInt64Array
and BigUint64Array. ``array.array[int]`` takes the integer typecodes only, ``array.array[float]``
``'f'`` and ``'d'``. Python checks the typecode and copies the buffer into a new typed array;
the JS half checks the typed array's type; Python copies a typed array's bytes into a new
array of the matching typecode.
"""

from __future__ import annotations

from array import array
from typing import Any

from jsinterop import _bridge
from jsinterop._marshal.registry import Env
from jsinterop._spec_types import TYPECODES, ArraySpec, TypeSpec

__all__ = ["KINDS", "array_from_js", "array_to_js", "from_js", "to_js", "type_name"]

KINDS = ("array",)

_CODE_OF = {name: code for code, name in TYPECODES.items()}


def type_name(typecodes: str) -> str:
    """``array.array``, ``array.array[int]`` or ``array.array[float]``."""
    if typecodes == "fd":
        return "array.array[float]"
    if typecodes == "bBhHiIqQ":
        return "array.array[int]"
    return "array.array"


def array_to_js(value: Any, typecodes: str, where: str) -> Any:
    """A typed array copied from ``value``, an array.array with one of ``typecodes``."""
    if type(value) is array and value.typecode in typecodes:
        return _bridge.typed_array_to_js(value)
    got = f"array.array('{value.typecode}')" if type(value) is array else type(value).__name__
    raise TypeError(f"{where} must be {type_name(typecodes)}, got {got}")


def array_from_js(value: Any) -> array[Any]:
    """A new array.array with the typed array's typecode and a copy of its items."""
    result = array(_CODE_OF[str(value.constructor.name)])
    result.frombytes(value.to_bytes())
    return result


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``array_to_js(value, typecodes, where)``."""
    assert isinstance(spec, ArraySpec)
    codes = env.add("typecodes", "".join(spec.typecodes))
    return f"{env.add('array_to_js', array_to_js)}({value}, {codes}, {env.add('where', where)})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``array_from_js(value)``."""
    return f"{env.add('array_from_js', array_from_js)}({value})"
