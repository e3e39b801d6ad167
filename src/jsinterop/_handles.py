"""Lifetime state on the Python side, in one place (its JS twin is ``_framework/handles.mjs``).

Two kinds of proxies cross the boundary:

* Python objects held by JS: a Python callable becomes a JS function, any other object an
  opaque JS handle. Each gets a handle id here; the JS value keeps the Python object alive
  until JS drops it (a ``FinalizationRegistry`` releases it) or :func:`release` is called.
  While JS holds it, the same Python object (and, for a callable, the same ``Callable[...]``
  shape) always gives the same JS value, so ``removeEventListener`` finds its listener.
* JS objects held by Python: each :class:`~jsinterop.JSObject` is counted from its creation
  until Python collects it or it is disposed.

With tracking on (:func:`jsinterop.debug.enable`), each proxy remembers where it was created.
"""

from __future__ import annotations

import itertools
import traceback
import weakref
from collections.abc import Callable, Hashable
from typing import Any

from jsinterop import _bridge

__all__ = [
    "Held",
    "held_by_js",
    "js_object_closed",
    "js_object_opened",
    "js_objects",
    "python_to_js",
    "release",
    "set_tracking",
    "take_released",
]


class Held:
    """A Python object that JS holds through handle ``handle``."""

    __slots__ = ("created_at", "handle", "key", "kind", "value")

    def __init__(
        self, handle: int, key: Hashable, value: Any, kind: str, created_at: str | None
    ) -> None:
        self.handle = handle
        self.key = key
        self.value = value
        self.kind = kind
        self.created_at = created_at


_ids: dict[Hashable, int] = {}
_held: dict[int, Held] = {}
_next_handle = itertools.count(1)
_tracking = False
_js_object_count = 0
_js_object_sites: dict[int, tuple[str, weakref.ref[Any]]] = {}


def set_tracking(on: bool) -> None:
    """Remember where each new proxy is created (costs a stack walk per proxy)."""
    global _tracking
    _tracking = on


def _site() -> str:
    frames = traceback.extract_stack()[:-3]
    inside = "/jsinterop/"
    outside = [frame for frame in frames if inside not in frame.filename.replace("\\", "/")]
    return "".join(traceback.format_list(outside[-3:] or frames[-3:])).rstrip()


def python_to_js(value: Any, key: Hashable, kind: str, make: Callable[[int], Any]) -> Any:
    """The JS value standing for ``value``: the one JS still holds for ``key``, or a new one.

    ``make(handle)`` creates the JS value (through the bridge) for a new handle id.
    """
    handle = _ids.get(key)
    if handle is not None:
        existing = _bridge.live_handle(handle)
        if existing is not None:
            return existing
        _forget(handle)
    take_released()
    handle = next(_next_handle)
    js_value = make(handle)
    _ids[key] = handle
    _held[handle] = Held(handle, key, value, kind, _site() if _tracking else None)
    return js_value


def _forget(handle: int) -> None:
    held = _held.pop(handle, None)
    if held is not None and _ids.get(held.key) == handle:
        del _ids[held.key]


def take_released() -> None:
    """Forget the handles JS has dropped since the last look."""
    for handle in _bridge.take_released_handles():
        _forget(handle)


def _matches(held: Held, value: Any) -> bool:
    if held.value is value:
        return True
    if held.kind != "callable":
        return False
    try:
        return bool(held.value == value)  # bound methods: equal, never identical
    except Exception:
        return False


def release(value: Any) -> int:
    """Release the JS functions (or opaque handles) that stand for ``value`` in JS, now.

    A Python callable passed to JS stays callable as long as JS holds its JS function, and is
    released when JS drops it. ``release`` lets go earlier: afterwards, JS calling the old
    function gets an ``Error`` saying it was released, and passing ``value`` to JS again makes
    a new function. Returns how many JS values were released (one per ``Callable`` shape it
    was passed as); 0 if JS held none.

    Examples
    --------
    In Pyodide::

        >>> from jsinterop import JSHost, release
        >>> def on_tick() -> None:
        ...     print("tick")
        >>> timer = JSHost.global_this.call("setInterval", on_tick, 1000)
        >>> JSHost.global_this.call("clearInterval", timer)
        >>> release(on_tick)
        1
    """
    handles = [held.handle for held in _held.values() if _matches(held, value)]
    for handle in handles:
        _bridge.release_handle(handle)
        _forget(handle)
    return len(handles)


def held_by_js() -> list[Held]:
    """The Python objects JS holds now."""
    take_released()
    return list(_held.values())


def js_object_opened(handle: Any) -> None:
    """A JSObject was created."""
    global _js_object_count
    _js_object_count += 1
    if _tracking:
        _js_object_sites[id(handle)] = (_site(), weakref.ref(handle))


def js_object_closed(handle: Any) -> None:
    """A JSObject was disposed or collected."""
    global _js_object_count
    _js_object_count -= 1
    if _js_object_sites:
        _js_object_sites.pop(id(handle), None)


def js_objects() -> tuple[int, list[tuple[str, str, int]]]:
    """How many JSObjects are alive, and (description, site, id) of those made while tracking."""
    sites = []
    for key, (site, ref) in list(_js_object_sites.items()):
        handle = ref()
        if handle is not None:
            sites.append((repr(handle), site, key))
    return _js_object_count, sites
