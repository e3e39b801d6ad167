"""Deep recursion between JS and Python: an overflow is a RecursionError in Python and a
RangeError in JS, with a message, and leaves Python's recursion depth where it was.

Calls between JS and Python nest on one machine stack. Before the JS half guarded it, each
overflow inside Pyodide unwound wasm frames without their exits, and the deepest pure-Python
recursion shrank with every one (996 -> 565 after ~60), later ones arriving as an Emscripten
ErrnoError with no message, or Pyodide failing for good.
"""

from __future__ import annotations

import pytest

from jsinterop import js_export, js_import

from .conftest import import_js

HERE = "jsinterop_tests.test_recursion"
OVERFLOWS = 200
# Which runs out first depends on the engine: JS's stack (the JS half's check before a call
# into Python, or V8's own), or Python's recursion limit (Node 24: its frames are smaller).
OVERFLOW_MESSAGES = ("Maximum call stack size exceeded", "maximum recursion depth exceeded")


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("recursion", "recursion.mjs")


@js_import("prepare", "recursion")
async def prepare() -> None: ...


@js_import("bounce", "recursion")
def bounce(level: int) -> int: ...


@js_import("callDownFromJs", "recursion")
def call_down_from_js() -> str: ...


@js_import("overflowInJs", "recursion")
def overflow_in_js() -> int: ...


@js_export
def down(level: int) -> int:
    """One level of an endless recursion: Python -> JS -> Python ..."""
    return bounce(level)


def pure_recursion_depth() -> int:
    """How deep a pure-Python recursion gets from here before its RecursionError."""
    depth = 0

    def deeper() -> None:
        nonlocal depth
        depth += 1
        deeper()

    try:
        deeper()
    except RecursionError:
        return depth
    raise AssertionError("no RecursionError")


async def test_overflows_are_recursion_errors_and_leave_the_depth() -> None:
    await prepare()
    before = pure_recursion_depth()
    for _ in range(OVERFLOWS):
        with pytest.raises(RecursionError) as info:
            down(0)
        assert str(info.value).startswith(OVERFLOW_MESSAGES), str(info.value)
    assert pure_recursion_depth() == before


async def test_an_overflow_is_a_range_error_in_js() -> None:
    await prepare()
    before = pure_recursion_depth()
    for _ in range(20):
        caught = call_down_from_js()
        assert caught.startswith("RangeError RecursionError: "), caught
        assert caught.removeprefix("RangeError RecursionError: ").startswith(OVERFLOW_MESSAGES)
    assert pure_recursion_depth() == before


def test_a_js_stack_overflow_is_a_recursion_error() -> None:
    before = pure_recursion_depth()
    for _ in range(20):
        with pytest.raises(RecursionError) as info:
            overflow_in_js()
        assert str(info.value) == "Maximum call stack size exceeded"
    assert pure_recursion_depth() == before
