"""``Awaitable[T]`` / ``Coroutine[..., T]``: a Python awaitable <-> a JS Promise.

On the way to JS the awaitable is wrapped so that its result is converted as ``T`` (the JS half
turns it into a Promise); on the way back the JS Promise is awaited, its rejection raised as
the Python exception jsinterop raises for a JS throw, and its value read as ``T``.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import Any

from jsinterop import _bridge, _throws
from jsinterop._marshal import item_converters
from jsinterop._marshal.registry import Env
from jsinterop._spec_types import NoneSpec, TypeSpec

__all__ = ["KINDS", "awaitable_from_js", "awaitable_to_js", "from_js", "to_js"]

KINDS = ("awaitable",)


def awaitable_to_js(value: Any, convert: Callable[[Any], Any] | None, where: str) -> Any:
    """An awaitable on its way to JS, its result converted by ``convert``."""
    if not inspect.isawaitable(value):
        raise TypeError(f"{where} must be awaitable, got {type(value).__name__}")
    # An owned proxy of a Future: JS subscribes to it and destroys it once it settles (a
    # borrowed proxy would be destroyed while JS still waits on it).
    return _bridge.create_proxy(asyncio.ensure_future(_outcome(value, convert)))


async def _outcome(awaitable: Any, convert: Callable[[Any], Any] | None) -> Any:
    """``[True, value]`` or ``[False, JS Error]`` as a JS Array: a Python exception reaches JS
    as the Error jsinterop makes for it, not as Pyodide's PythonError."""
    try:
        value = await awaitable
        if convert is not None:
            value = convert(value)
    except BaseException as error:
        return _bridge.list_to_js([False, _throws.error_to_js(error)])
    return _bridge.list_to_js([True, value])


async def awaitable_from_js(promise: Any, convert: Callable[[Any], Any]) -> Any:
    """Await a JS Promise; its rejection raises as a JS throw does, its value is converted."""
    try:
        value = await promise
    except _bridge.JsException as error:
        raise _throws.translate_error(error) from None
    return convert(value)


def _discard(value: Any) -> None:
    return None


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``awaitable_to_js(value, convert_result, where)``."""
    inner: Any = spec
    convert = item_converters.to_js_function(inner.inner, env, where)
    helper = env.add("awaitable_to_js", awaitable_to_js)
    return f"{helper}({value}, {env.add('convert', convert)}, {env.add('where', where)})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``awaitable_from_js(value, convert_result)``."""
    inner: Any = spec
    if isinstance(inner.inner, NoneSpec):
        convert: Any = _discard
    else:
        convert = item_converters.from_js_function(inner.inner, env, where)
    helper = env.add("awaitable_from_js", awaitable_from_js)
    return f"{helper}({value}, {env.add('convert', convert)})"
