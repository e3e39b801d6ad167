"""JSObject: unwrap to the JS object on the way out, wrap the JS object on the way in."""

from __future__ import annotations

from typing import Any

from jsinterop._errors import ObjectDisposedError
from jsinterop._marshal.registry import Env
from jsinterop._object import JSObject
from jsinterop._spec_types import TypeSpec

__all__ = ["KINDS", "from_js", "to_js", "unwrap"]

KINDS = ("jsobject",)


def unwrap(value: Any, where: str) -> Any:
    """The JS object behind ``value``, which must be a live JSObject."""
    if type(value) is JSObject:
        proxy = value._proxy
        if proxy is None:
            raise ObjectDisposedError(f"{where} is a JSObject that was disposed")
        return proxy
    raise TypeError(f"{where} must be JSObject, got {type(value).__name__}")


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``unwrap(value, where)``."""
    unwrap_name = env.add("unwrap", unwrap)
    where_name = env.add("where", where)
    return f"{unwrap_name}({value}, {where_name})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``JSObject._wrap(value)``."""
    return f"{env.add('wrap', JSObject._wrap)}({value})"
