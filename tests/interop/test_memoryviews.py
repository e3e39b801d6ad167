"""memoryview -> MemoryView over Python memory: zero copy, valid only during the call (Pyodide)."""

from __future__ import annotations

import functools
import operator
import time
from array import array
from typing import Annotated, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyodide.ffi import run_sync

from jsinterop import JSType, js_export, js_import

from .conftest import import_js

HERE = "jsinterop_tests.test_memoryviews"


@js_import("loadExports", "memoryviews")
async def load_exports() -> None: ...


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("memoryviews", "memoryviews.mjs")
    run_sync(load_exports())


@js_import("describe", "memoryviews")
def describe(view: memoryview) -> str: ...


@js_import("sum", "memoryviews")
def total(view: Annotated[memoryview, JSType.MemoryView]) -> float: ...


@js_import("fill", "memoryviews")
def fill(view: memoryview, value: int) -> None: ...


@js_import("writeAt", "memoryviews")
def write_at(view: memoryview, offset: int, values: list[int]) -> None: ...


@js_import("copyOut", "memoryviews")
def copy_out(view: memoryview, start: int, count: int) -> list[int]: ...


@js_import("itemAt", "memoryviews")
def item_at(view: memoryview, index: int) -> float: ...


@js_import("keep", "memoryviews")
def keep(view: memoryview) -> int: ...


@js_import("usedAfterCall", "memoryviews")
def used_after_call() -> str: ...


@js_import("optionalLength", "memoryviews")
def optional_length(view: memoryview | None) -> int: ...


@js_import("growThenRead", "memoryviews")
def grow_then_read(view: memoryview) -> str: ...


@js_import("passBack", "memoryviews")
def pass_back(view: memoryview) -> str: ...


@js_import("passTyped", "memoryviews")
def pass_typed() -> str: ...


@js_import("passBad", "memoryviews")
def pass_bad() -> str: ...


@js_import("passDisposed", "memoryviews")
def pass_disposed() -> str: ...


@js_import("bench", "memoryviews")
def bench(view: memoryview) -> int: ...


def test_a_view_describes_the_python_buffer() -> None:
    assert describe(memoryview(bytearray(10))) == "MemoryView 10 10 B false false"
    assert describe(array("d", [1, 2, 3])) == "MemoryView 3 24 d false false"
    assert describe(b"abc") == "MemoryView 3 3 B true false"


@given(st.lists(st.integers(0, 255), max_size=64))
@settings(max_examples=50, deadline=None)
def test_js_reads_python_memory(items: list[int]) -> None:
    assert total(memoryview(bytearray(items))) == sum(items)


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, width=32), max_size=16))
@settings(max_examples=50, deadline=None)
def test_js_reads_typed_items(items: list[float]) -> None:
    # JS adds the float32 items left to right in doubles; so does this. (Python's sum() of
    # floats compensates for rounding, which JS's does not: [1.0, 3.4e38, -3.4e38] gives 1.0
    # there and 0.0 here.)
    in_order = functools.reduce(operator.add, array("f", items), 0.0)
    assert total(array("f", items)) == in_order


def test_js_writes_python_memory_without_a_copy() -> None:
    data = bytearray(8)
    fill(memoryview(data), 7)
    assert data == bytearray([7] * 8)
    write_at(data, 2, [1, 2])
    assert data == bytearray([7, 7, 1, 2, 7, 7, 7, 7])
    numbers = array("i", [0, 0, 0])
    write_at(numbers, 1, [-5])
    assert numbers.tolist() == [0, -5, 0]
    assert copy_out(data, 2, 3) == [1, 2, 7]
    assert item_at(numbers, -2) == -5
    assert optional_length(None) == -1
    assert optional_length(data) == 8


def test_a_view_of_immutable_bytes_is_read_only() -> None:
    with pytest.raises(Exception) as info:
        fill(b"abc", 1)  # type: ignore[arg-type]
    assert "this MemoryView is read-only (its Python object is immutable)" in str(info.value)


def test_any_use_after_the_call_throws() -> None:
    assert keep(memoryview(bytearray(4))) == 4
    disposed = (
        "ObjectDisposedError: this MemoryView is no longer valid: it views Python memory only "
        "during the call it was passed to; copy the data out with slice() or copyTo() during "
        "the call"
    )
    assert used_after_call() == "\n".join(["true", disposed, disposed, disposed, disposed])


def test_memory_growth_during_the_call_is_survived() -> None:
    data = bytearray([1, 2, 3, 4])
    assert grow_then_read(data) == "1,2,3,4 9,9,3,4 67108864"
    assert data == bytearray([9, 9, 3, 4])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([1, 2], "argument 'view' must be memoryview, got list"),
        (
            memoryview(bytearray(8))[::2],
            "argument 'view' must be a C-contiguous memoryview, got a strided one",
        ),
    ],
)
def test_wrong_python_values(value: Any, message: str) -> None:
    with pytest.raises(TypeError) as info:
        describe(value)
    assert str(info.value) == f"{HERE}.describe(): {message}"


# -- exports ------------------------------------------------------------------------------------

_big: list[bytearray] = []


@js_export
def allocate(size: int) -> int:
    _big.append(bytearray(size))
    return len(_big[-1])


@js_export
def export_describe(view: memoryview) -> str:
    return f"{view.format} {view.tolist()} {view.readonly} {type(view.obj).__name__}"


def test_an_export_gets_the_python_object_behind_a_memory_view() -> None:
    assert pass_back(bytearray([1, 2])) == "B [1, 2] False bytearray"
    assert pass_typed() == "d [1.5, 2.5] True bytes"
    assert pass_bad() == (
        f"TypeError: {HERE}.export_describe: argument 'view' must be memoryview "
        "(MemoryView or typed array), got Array"
    )
    keep(bytearray(1))
    assert pass_disposed() == (
        f"TypeError: {HERE}.export_describe: argument 'view' must be memoryview "
        "(MemoryView or typed array), got a disposed MemoryView"
    )


def test_creation_and_call_cost_is_flat_in_size() -> None:
    """Creation + call of a MemoryView over 1 KB and over 100 MB (printed: `-s` shows it)."""
    results = {}
    for size in (1024, 100 * 1024 * 1024):
        data = bytearray(size)
        view = memoryview(data)
        bench(view)
        rounds = 2000
        start = time.perf_counter()
        for _ in range(rounds):
            bench(view)
        results[size] = (time.perf_counter() - start) / rounds * 1e6
        del view, data
    small, large = results[1024], results[100 * 1024 * 1024]
    print(f"\nMemoryView creation + call: 1 KB {small:.1f} µs, 100 MB {large:.1f} µs")
    assert large < 5 * small + 50
