"""Python loops timing one call variant each; JS calls each loop once per repetition.

Every loop has the same shape (a local alias, ``range``, one call, ``perf_counter_ns``) so
the variants differ only in the function called. The ``python`` variant of ``add`` is a
plain Python function: the loop's own cost plus a Python call, printed for scale.
"""

from __future__ import annotations

from time import perf_counter_ns
from typing import Any

from jsinterop import js_import

__all__ = [
    "add",
    "bind_raw",
    "echo",
    "loop_add",
    "loop_echo",
]


@js_import("add", "bench")
def add(a: int, b: int) -> int: ...


@js_import("echo", "bench")
def echo(s: str) -> str: ...


# bind_sig only accepts positional-only and keyword-only parameters (Pyodide 314).
def _add_signature(a: int, b: int, /) -> int: ...


def _echo_signature(s: str, /) -> str: ...


def _python_add(a: int, b: int) -> int:
    return a + b


_variants: dict[str, dict[str, Any]] = {
    "add": {"ours": add, "python": _python_add},
    "echo": {"ours": echo},
}


def bind_raw() -> list[str]:
    """Fetch the raw JsProxies registered by JS as ``bench_raw`` and bind their signatures.

    Returns the variant names now available.
    """
    import bench_raw  # type: ignore[import-not-found]  # registered from JS at startup

    raw_add = bench_raw.add
    raw_echo = bench_raw.echo
    _variants["add"]["raw"] = raw_add
    _variants["add"]["bind_sig"] = raw_add.bind_sig(_add_signature)
    # The JS half of the stub alone (its checks and call), without the generated Python function.
    _variants["add"]["js_half"] = add.__jsinterop_binding__.bind()
    _variants["echo"]["raw"] = raw_echo
    _variants["echo"]["bind_sig"] = raw_echo.bind_sig(_echo_signature)
    return sorted({name for variants in _variants.values() for name in variants})


def loop_add(variant: str, n: int) -> int:
    """Nanoseconds for ``n`` calls ``f(i, 2)`` of the ``add`` variant; checks the result."""
    f = _variants["add"][variant]
    start = perf_counter_ns()
    for i in range(n):
        f(i, 2)
    elapsed = perf_counter_ns() - start
    if f(n, 2) != n + 2:
        raise AssertionError(f"add variant {variant!r} returned {f(n, 2)!r}")
    return elapsed


def loop_echo(variant: str, n: int, text: str) -> int:
    """Nanoseconds for ``n`` calls ``f(text)`` of the ``echo`` variant; checks the result."""
    f = _variants["echo"][variant]
    start = perf_counter_ns()
    for _ in range(n):
        f(text)
    elapsed = perf_counter_ns() - start
    if f(text) != text:
        raise AssertionError(f"echo variant {variant!r} did not return its argument")
    return elapsed
