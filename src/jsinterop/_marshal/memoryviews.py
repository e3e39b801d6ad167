"""``memoryview`` -> a JS ``MemoryView`` over the Python memory itself, valid during the call.

On the way to JS (a stub's parameter), Python checks that the value is a C-contiguous
buffer (``memoryview``, ``bytes``, ``bytearray`` or ``array.array``) and hands over the
object; the JS half takes the buffer (``getBuffer``), wraps it in a ``MemoryView`` and
releases it when the call returns, after which the MemoryView throws on any use.

From JS (an export's parameter), a live MemoryView arrives as a memoryview of its own Python
object (no copy); a typed array, an ArrayBuffer or a DataView arrives as a read-only
memoryview of a copy, with the typed array's item format.
"""

from __future__ import annotations

from array import array
from typing import Any

from jsinterop._marshal.registry import Env
from jsinterop._spec_types import TYPECODES, TypeSpec

__all__ = ["KINDS", "from_js", "memoryview_from_js", "memoryview_to_js", "to_js"]

KINDS = ("memoryview",)

_BUFFERS = (memoryview, bytes, bytearray, array)
_FORMAT_OF = {name: code for code, name in TYPECODES.items()}
_FORMAT_OF["Uint8ClampedArray"] = "B"


def memoryview_to_js(value: Any, where: str) -> Any:
    """``value`` itself once checked: the JS half views its memory."""
    kind = type(value)
    if kind not in _BUFFERS:
        raise TypeError(f"{where} must be memoryview, got {kind.__name__}")
    if kind is memoryview and not value.c_contiguous:
        raise TypeError(f"{where} must be a C-contiguous memoryview, got a strided one")
    return value


def memoryview_from_js(value: Any) -> memoryview:
    """A memoryview of the Python object behind a MemoryView, or of a copy of a typed array."""
    if type(value) in _BUFFERS:
        return memoryview(value)
    name = str(value.constructor.name)
    copy = memoryview(value.to_bytes())
    code = _FORMAT_OF.get(name, "B")
    return copy if code == "B" else copy.cast(code)  # type: ignore[call-overload]


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``memoryview_to_js(value, where)``."""
    return f"{env.add('memoryview_to_js', memoryview_to_js)}({value}, {env.add('where', where)})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``memoryview_from_js(value)``."""
    return f"{env.add('memoryview_from_js', memoryview_from_js)}({value})"
