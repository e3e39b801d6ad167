"""The Python half of bench/worker.mjs: loops of calls to the page, timed in Python."""

from __future__ import annotations

import time

from jsinterop import js_export, js_import


@js_import("add", "bench_page")
def add(a: int, b: int) -> int: ...


@js_import("setText", "bench_page")
def set_text(text: str) -> None: ...


@js_import("addThroughPython", "bench_page")
def add_through_python(a: int, b: int) -> int: ...


@js_export
def add_in_python(a: int, b: int) -> int:
    """What the page's ``addThroughPython`` calls back: a Python export."""
    return a + b


@js_export
def call_add(count: int, runs: int = 5) -> float:
    """Microseconds per ``add(int, int) -> int`` call to the page: the median of ``runs`` loops."""
    per_call = []
    for _ in range(runs):
        start = time.perf_counter()
        for i in range(count):
            add(i, 2)
        per_call.append((time.perf_counter() - start) / count * 1e6)
    return sorted(per_call)[runs // 2]


@js_export
def call_add_through_python(count: int, runs: int = 5) -> float:
    """Microseconds per nested round trip: Python -> the page -> the export ``add_in_python``
    -> back: the median of ``runs`` loops."""
    per_call = []
    for _ in range(runs):
        start = time.perf_counter()
        for i in range(count):
            add_through_python(i, 2)
        per_call.append((time.perf_counter() - start) / count * 1e6)
    return sorted(per_call)[runs // 2]


@js_export
def set_texts(count: int) -> float:
    """Milliseconds for ``count`` ``textContent`` sets on the page."""
    start = time.perf_counter()
    for i in range(count):
        set_text(str(i))
    return (time.perf_counter() - start) * 1e3
