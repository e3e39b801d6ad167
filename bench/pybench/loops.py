"""Python loops timing one call variant each; JS calls each loop once per repetition.

Every loop has the same shape (a local alias, ``range``, one call, ``perf_counter_ns``) so
the variants differ only in the function called. The ``python`` variant of ``add`` is a
plain Python function: the loop's own cost plus a Python call, printed for scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from time import perf_counter_ns
from typing import Any

from jsinterop import js_import

__all__ = [
    "add",
    "bind_raw",
    "bulk",
    "echo",
    "loop_add",
    "loop_echo",
    "loop_record",
    "loop_view",
    "make_bytes",
    "make_floats",
    "make_ints",
    "make_strs",
    "take_bytes",
    "take_dict",
    "take_floats",
    "take_ints",
    "take_record",
    "take_strs",
]


@js_import("add", "bench")
def add(a: int, b: int) -> int: ...


@js_import("echo", "bench")
def echo(s: str) -> str: ...


@js_import("length", "bench")
def take_floats(values: list[float]) -> int: ...


@js_import("length", "bench")
def take_ints(values: list[int]) -> int: ...


@js_import("length", "bench")
def take_view(view: memoryview) -> int: ...


@js_import("length", "bench")
def take_strs(values: list[str]) -> int: ...


@js_import("length", "bench")
def take_bytes(data: bytes) -> int: ...


@dataclass
class Record:
    """Ten float fields: the dataclass row."""

    f0: float
    f1: float
    f2: float
    f3: float
    f4: float
    f5: float
    f6: float
    f7: float
    f8: float
    f9: float


@js_import("fieldCount", "bench")
def take_dict(record: dict[str, float]) -> int: ...


@js_import("fieldCount", "bench")
def take_record(record: Record) -> int: ...


@js_import("makeStrings", "bench")
def make_strs(n: int) -> list[str]: ...


@js_import("makeBytes", "bench")
def make_bytes(n: int) -> bytes: ...


@js_import("makeFloats", "bench")
def make_floats(n: int) -> list[float]: ...


@js_import("makeInts", "bench")
def make_ints(n: int) -> list[int]: ...


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
    _views["ours"] = take_view
    _views["raw"] = bench_raw.bufferLength
    _bulk["take_floats"] = {"ours": take_floats, "raw": _raw_take(bench_raw.length)}
    _bulk["take_ints"] = {"ours": take_ints, "raw": _raw_take(bench_raw.length)}
    _bulk["make_floats"] = {"ours": make_floats, "raw": _raw_make(bench_raw.makeFloats)}
    _bulk["take_strs"] = {"ours": take_strs, "raw": _raw_take(bench_raw.length)}
    _bulk["make_strs"] = {"ours": make_strs, "raw": _raw_make(bench_raw.makeStrings)}
    _bulk["take_bytes"] = {"ours": take_bytes, "raw": _raw_take(bench_raw.length)}
    _bulk["make_bytes"] = {
        "ours": make_bytes,
        "raw": lambda n: bench_raw.makeBytes(n).to_bytes(),
    }
    _records["dict"] = {"ours": take_dict, "raw": _raw_record(bench_raw, dict)}
    _records["dataclass"] = {"ours": take_record, "raw": _raw_record(bench_raw, vars)}
    _bulk["make_ints"] = {
        "ours": make_ints,
        "raw": _raw_make(bench_raw.makeInts),
        "python": lambda n: list(range(n)),
    }
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


_views: dict[str, Any] = {}
_view_buffers: dict[int, bytearray] = {}


def loop_view(variant: str, size: int, n: int) -> int:
    """Nanoseconds for ``n`` calls passing a ``size``-byte buffer zero-copy to JS.

    ``ours`` makes a MemoryView per call (``take_view``, JS reads ``length``); ``raw`` is
    Pyodide's own zero-copy way: JS calls ``getBuffer()`` on the proxy, reads, ``release()``.
    """
    f = _views[variant]
    data = _view_buffers.get(size)
    if data is None:
        _view_buffers.clear()  # one large buffer at a time
        data = _view_buffers[size] = bytearray(size)
    view = memoryview(data)
    start = perf_counter_ns()
    for _ in range(n):
        f(view)
    elapsed = perf_counter_ns() - start
    if f(view) != size:
        raise AssertionError(f"view variant {variant!r} did not see {size} bytes")
    return elapsed


_records: dict[str, dict[str, Any]] = {}
_RECORD_VALUES = {f"f{i}": i + 0.5 for i in range(10)}
_record_inputs: dict[str, Any] = {"dict": _RECORD_VALUES, "dataclass": Record(**_RECORD_VALUES)}


def _raw_record(bench_raw: Any, fields: Any) -> Any:
    from pyodide.ffi import to_js  # type: ignore[import-not-found]

    count = bench_raw.fieldCount
    from_entries = bench_raw.fromEntries
    return lambda record: count(to_js(fields(record), dict_converter=from_entries))


def loop_record(kind: str, variant: str, n: int) -> int:
    """Nanoseconds for ``n`` calls passing a 10-field record (``dict`` or ``dataclass``)."""
    f = _records[kind][variant]
    record = _record_inputs[kind]
    start = perf_counter_ns()
    for _ in range(n):
        f(record)
    elapsed = perf_counter_ns() - start
    if f(record) != 10:
        raise AssertionError(f"record variant {kind}/{variant} did not see 10 fields")
    return elapsed


_bulk: dict[str, dict[str, Any]] = {}
_bulk_inputs: dict[tuple[str, int], Any] = {}


def _raw_take(length: Any) -> Any:
    from pyodide.ffi import to_js

    return lambda values: length(to_js(values))


def _raw_make(make: Any) -> Any:
    return lambda n: make(n).to_py()


def _bulk_input(kind: str, n: int) -> Any:
    key = (kind, n)
    if key not in _bulk_inputs:
        if kind == "take_floats":
            _bulk_inputs[key] = [i * 0.5 + 0.25 for i in range(n)]
        elif kind == "take_strs":
            _bulk_inputs[key] = [f"item {i}" for i in range(n)]
        elif kind == "take_bytes":
            _bulk_inputs[key] = bytes(n)
        else:  # ints spread over ±2**52, inside the ±2**53 a JS number holds exactly
            _bulk_inputs[key] = [(i * 2_654_435_761) % 2**53 - 2**52 for i in range(n)]
    return _bulk_inputs[key]


def bulk(kind: str, variant: str, n: int) -> int:
    """Nanoseconds for one bulk call of ``kind`` (``take_*``: list in, ``make_*``: list out).

    ``take_*`` passes a cached ``n``-element list and checks the returned length;
    ``make_*`` asks for ``n`` elements (JS gives ``i + 0.5`` or ``i``) and checks the list.
    """
    f = _bulk[kind][variant]
    if kind.startswith("take_"):
        values = _bulk_input(kind, n)
        start = perf_counter_ns()
        result = f(values)
        elapsed = perf_counter_ns() - start
        if result != n:
            raise AssertionError(f"{kind} variant {variant!r} returned {result!r}, not {n}")
        return elapsed
    start = perf_counter_ns()
    made = f(n)
    elapsed = perf_counter_ns() - start
    last: Any = n - 1 + (0.5 if kind == "make_floats" else 0)
    expected_type: type = list
    if kind == "make_strs":
        last = f"item {n - 1}"
    elif kind == "make_bytes":
        last, expected_type = 7, bytes
    if type(made) is not expected_type or len(made) != n or made[-1] != last:
        raise AssertionError(f"{kind} variant {variant!r} returned a bad list")
    return elapsed
