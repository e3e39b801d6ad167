"""``bytes`` and ``bytearray`` <-> Uint8Array, copied both ways in one call.

Python hands over a Uint8Array copied from the buffer (``bytes``, ``bytearray`` or a
``memoryview`` of bytes are accepted); anything else crosses as it is and the JS half names
its type. From JS, the JS half accepts a Uint8Array, an ArrayBuffer or any other view and
hands over a Uint8Array on the same memory, which Python copies with ``to_bytes()``.
"""

from __future__ import annotations

from typing import Any

from jsinterop import _bridge
from jsinterop._marshal.registry import Env
from jsinterop._spec_types import TypeSpec

__all__ = ["KINDS", "bytes_to_js", "from_js", "to_js"]

KINDS = ("bytes", "bytearray")


def bytes_to_js(value: Any) -> Any:
    """A Uint8Array copy of a bytes-like ``value``; any other value as it is."""
    kind = type(value)
    if kind is bytes or kind is bytearray or (kind is memoryview and value.format == "B"):
        return _bridge.typed_array_to_js(value)
    return value


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``bytes_to_js(value)``."""
    return f"{env.add('bytes_to_js', bytes_to_js)}({value})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``value.to_bytes()``, as a bytearray for ``bytearray``."""
    if spec.kind == "bytearray":
        return f"bytearray({value}.to_bytes())"
    return f"{value}.to_bytes()"
