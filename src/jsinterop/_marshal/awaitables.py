"""``Awaitable[T]`` / ``Coroutine[..., T]``: a Python awaitable <-> a JS Promise.

On the way to JS the awaitable is wrapped so that its result is converted as ``T`` (the JS half
turns it into a Promise); on the way back the JS Promise is awaited, its rejection raised as
the Python exception jsinterop raises for a JS throw, and its value read as ``T``.
"""

from __future__ import annotations

from typing import Any

from jsinterop import _bridge
from jsinterop._marshal import _items
from jsinterop._marshal._env import Env
from jsinterop._spec import NoneSpec, TypeSpec

__all__ = ["from_js", "to_js"]


def _discard(value: Any) -> None:
    return None


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``awaitable_to_js(value, convert_result, where)``."""
    inner: Any = spec
    convert = _items.to_js_function(inner.inner, env, where)
    helper = env.add("awaitable_to_js", _bridge.awaitable_to_js)
    return f"{helper}({value}, {env.add('convert', convert)}, {env.add('where', where)})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``awaitable_from_js(value, convert_result)``."""
    inner: Any = spec
    if isinstance(inner.inner, NoneSpec):
        convert: Any = _discard
    else:
        convert = _items.from_js_function(inner.inner, env, where)
    helper = env.add("awaitable_from_js", _bridge.awaitable_from_js)
    return f"{helper}({value}, {env.add('convert', convert)})"
