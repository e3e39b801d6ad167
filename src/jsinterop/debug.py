"""Leak hunting: count the proxies that cross the boundary and see where each was created.

Three kinds of proxies are counted:

* **Python objects held by JS**: the JS function made for a Python callable, or the opaque
  JS handle made for another Python object passed as ``Any``. Each lives until JS drops it
  (JS's garbage collector runs a ``FinalizationRegistry``) or :func:`jsinterop.release` is
  called.
* **Python exceptions held by JS**: each JS ``Error`` made for a Python exception keeps the
  exception (so that it goes back to Python as itself) until JS collects the Error.
* **JS objects held by Python**: each live :class:`~jsinterop.JSObject`, until Python collects
  it or it is disposed.

JS collects when it likes: call ``await debug.collect()`` before counting, to run Python's
collector and, where JS exposes one (``node --expose-gc``), JS's, and let JS's finalizers run.

Examples
--------
In Pyodide::

    >>> from jsinterop import debug
    >>> debug.enable()                  # remember where each new proxy is created
    >>> before = debug.live_proxies()
    >>> run_the_feature()
    >>> await debug.collect()
    >>> debug.assert_no_leaks(before)   # AssertionError listing each new proxy and its origin
    >>> debug.live_proxies().count
    0
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

from jsinterop import _bridge, _handles

__all__ = [
    "LiveProxies",
    "LiveProxy",
    "assert_no_leaks",
    "collect",
    "disable",
    "enable",
    "live_proxies",
]


@dataclass(frozen=True, slots=True)
class LiveProxy:
    """One live proxy.

    Attributes
    ----------
    kind : str
        ``"Python callable held by JS"``, ``"Python object held by JS"`` or
        ``"JSObject held by Python"``.
    description : str
        What it stands for: the Python object's ``repr``, or the JSObject's.
    created_at : str or None
        The Python stack where it was created, when :func:`enable` was on.

    Examples
    --------
    >>> from jsinterop.debug import LiveProxy
    >>> LiveProxy("Python callable held by JS", "<function on_click>", None).kind
    'Python callable held by JS'
    """

    kind: str
    description: str
    created_at: str | None
    key: int = 0


@dataclass(frozen=True, slots=True)
class LiveProxies:
    """The live proxies at one moment.

    Attributes
    ----------
    count : int
        All live proxies, every kind.
    held_by_js : int
        Python objects (callables included) that JS holds.
    js_objects : int
        JSObjects alive in Python.
    exceptions_held_by_js : int
        Python exceptions that JS Errors keep (counted, not listed in ``proxies``).
    proxies : tuple of LiveProxy
        Each Python object held by JS, and each JSObject created while :func:`enable` was on.

    Examples
    --------
    >>> from jsinterop.debug import LiveProxies
    >>> LiveProxies(count=0, held_by_js=0, js_objects=0, proxies=()).count
    0
    """

    count: int
    held_by_js: int
    js_objects: int
    proxies: tuple[LiveProxy, ...]
    exceptions_held_by_js: int = 0

    def __str__(self) -> str:
        lines = [
            f"{self.count} live proxies: {self.held_by_js} Python objects held by JS, "
            f"{self.exceptions_held_by_js} Python exceptions held by JS, "
            f"{self.js_objects} JSObjects held by Python"
        ]
        lines += [_describe(proxy) for proxy in self.proxies]
        return "\n".join(lines)


def _describe(proxy: LiveProxy) -> str:
    text = f"- {proxy.kind}: {proxy.description}"
    if proxy.created_at:
        lines = proxy.created_at.split("\n")
        text += "\n  created at:\n" + "\n".join(f"  {line}" for line in lines)
    return text


def enable() -> None:
    """Remember where each proxy created from now on was created (a stack walk each).

    Examples
    --------
    >>> from jsinterop import debug
    >>> debug.enable()
    >>> debug.disable()
    """
    _handles.set_tracking(True)


def disable() -> None:
    """Stop remembering where proxies are created.

    Examples
    --------
    >>> from jsinterop import debug
    >>> debug.disable()
    """
    _handles.set_tracking(False)


def live_proxies() -> LiveProxies:
    """The proxies alive now (after Python's garbage collector has run).

    Examples
    --------
    In Pyodide::

        >>> from jsinterop import debug
        >>> report = debug.live_proxies()
        >>> report.count == report.held_by_js + report.exceptions_held_by_js + report.js_objects
        True
        >>> print(report)  # one line per proxy, with where it was created
    """
    gc.collect()
    held = _handles.held_by_js()
    kinds = {"callable": "Python callable held by JS", "object": "Python object held by JS"}
    proxies = [
        LiveProxy(kinds[entry.kind], _safe_repr(entry.value), entry.created_at, entry.handle)
        for entry in held
    ]
    count, sites = _handles.js_objects()
    proxies += [LiveProxy("JSObject held by Python", text, site, key) for text, site, key in sites]
    exceptions = _bridge.kept_exception_count()
    return LiveProxies(len(held) + count + exceptions, len(held), count, tuple(proxies), exceptions)


def _safe_repr(value: object) -> str:
    try:
        return repr(value)
    except Exception:
        return f"<{type(value).__qualname__}>"


def assert_no_leaks(baseline: LiveProxies | None = None) -> None:
    """Raise ``AssertionError`` if more proxies are alive than in ``baseline`` (or than none).

    The message counts the new proxies and lists each one with where it was created (when
    :func:`enable` was on). Call ``await collect()`` first so that JS has released what it
    dropped.

    Examples
    --------
    In Pyodide::

        >>> from jsinterop import debug
        >>> before = debug.live_proxies()
        >>> ...                          # the code under test
        >>> await debug.collect()
        >>> debug.assert_no_leaks(before)
    """
    now = live_proxies()
    allowed = 0 if baseline is None else baseline.count
    if now.count <= allowed:
        return
    known = set() if baseline is None else {(p.kind, p.key) for p in baseline.proxies}
    new = [p for p in now.proxies if (p.kind, p.key) not in known]
    lines = [
        f"{now.count - allowed} proxies leaked: {now.count} alive, {allowed} expected "
        f"({now.held_by_js} Python objects held by JS, {now.exceptions_held_by_js} Python "
        f"exceptions held by JS, {now.js_objects} JSObjects held by Python)"
    ]
    lines += [_describe(proxy) for proxy in new]
    if not any(p.created_at for p in new):
        lines.append("(call jsinterop.debug.enable() first to see where each was created)")
    raise AssertionError("\n".join(lines))


async def collect() -> bool:
    """Run Python's and (where exposed) JS's garbage collectors; let JS's finalizers run.

    Returns whether JS's collector was exposed (Node: ``node --expose-gc``). Without it, JS
    releases dropped callbacks whenever it next collects.

    Examples
    --------
    In Pyodide::

        >>> from jsinterop import debug
        >>> await debug.collect()
        True
    """
    gc.collect()
    exposed = await _bridge.collect_garbage()
    gc.collect()
    _handles.take_released()
    return exposed
