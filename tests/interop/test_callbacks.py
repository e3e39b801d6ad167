"""Callable[[A, ...], R] <-> JS Function, both directions, with lifetimes and errors."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jsinterop import JSException, JSObject, js_export, js_import, release

from .conftest import import_js

HERE = "jsinterop_tests.test_callbacks"
MAX_SAFE = 2**53 - 1
safe_ints = st.integers(-(2**40), 2**40)


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("callbacks", "callbacks.mjs")


# -- imports ---------------------------------------------------------------------------------


@js_import("callWith", "callbacks")
def call_with_int(fn: Callable[[int], int], x: int) -> int: ...


@js_import("callWith", "callbacks")
def call_with_two(fn: Callable[[str, list[float]], str], a: str, b: list[float]) -> str: ...


@js_import("callWith", "callbacks")
def call_with_nothing(fn: Callable[[], None]) -> None: ...


@js_import("callWith", "callbacks")
def call_with_wrong_int(fn: Callable[[int], int], x: str) -> int: ...


@js_import("same", "callbacks")
def same(a: Callable[[int], None], b: Callable[[int], None]) -> bool: ...


@js_import("identity", "callbacks")
def echo(fn: Callable[[int], int]) -> Callable[[int], int]: ...


@js_import("makeAdder", "callbacks")
def make_adder(n: int) -> Callable[[int], int]: ...


@js_import("makeBadAdder", "callbacks")
def make_bad_adder() -> Callable[[int], int]: ...


@js_import("makeAsyncAdder", "callbacks")
def make_async_adder(n: int) -> Callable[[int], Awaitable[int]]: ...


@js_import("callAsync", "callbacks")
async def call_async(fn: Callable[[int], Coroutine[Any, Any, int]], x: int) -> int: ...


@js_import("callEach", "callbacks")
def call_each(fns: list[Callable[[int], int]], x: int) -> list[int]: ...


@js_import("callWithObjects", "callbacks")
def call_with_objects(fn: Callable[[list[JSObject]], int]) -> int: ...


@js_import("throwing", "callbacks")
def throwing() -> Callable[[], None]: ...


@js_import("catching", "callbacks")
def catching(fn: Callable[[int], int], x: Any) -> str: ...


@js_import("catching", "callbacks")
def catching_no_args(fn: Callable[[int], int]) -> str: ...


@dataclass
class Pair:
    left: int
    right: int


@js_import("catching", "callbacks")
def catching_record(fn: Callable[[], Pair]) -> str: ...


@js_import("catchingAsync", "callbacks")
async def catching_async(fn: Callable[[int], Awaitable[int]], x: int) -> str: ...


@js_import("newTarget", "callbacks")
def new_target() -> JSObject: ...


@js_import("dispatch", "callbacks")
def dispatch(target: JSObject, type: str) -> bool: ...


@js_import("keep", "callbacks")
def keep(fn: Callable[[int], int]) -> None: ...


@js_import("callKept", "callbacks")
def call_kept(x: int) -> int: ...


@js_import("describe", "callbacks")
def describe(value: Callable[[int], int]) -> str: ...


def test_python_callable_called_from_js() -> None:
    assert call_with_int(lambda x: x * 3, 5) == 15
    assert call_with_two(lambda a, b: f"{a}:{sum(b)}", "s", [1.5, 2.0]) == "s:3.5"
    calls: list[str] = []
    call_with_nothing(lambda: calls.append("called"))
    assert calls == ["called"]
    assert describe(lambda x: x) == "function [object Function]"


@settings(max_examples=50, deadline=None)
@given(st.lists(safe_ints, max_size=5), safe_ints)
def test_callable_round_trips(items: list[int], x: int) -> None:
    assert call_each([lambda v, i=i: v + i for i in items], x) == [x + i for i in items]
    assert make_adder(x)(3) == x + 3
    assert call_with_int(make_adder(x), 1) == x + 1  # a JS function goes back as itself


def test_nested_callables() -> None:
    assert call_with_objects(lambda objects: sum(o.get("a", int) for o in objects)) == 3


def test_same_function_gives_the_same_js_function() -> None:
    def f(x: int) -> None: ...

    class Counter:
        def tick(self, x: int) -> None: ...

    counter = Counter()
    assert same(f, f)
    assert same(counter.tick, counter.tick)  # equal bound methods, never identical
    assert not same(f, lambda x: None)
    assert not same(counter.tick, Counter().tick)


def test_callable_identity_round_trips() -> None:
    def f(x: int) -> int:
        return x

    assert echo(f) is f
    adder = make_adder(1)
    assert call_with_int(echo(adder), 1) == 2


def test_add_and_remove_event_listener() -> None:
    target = new_target()
    seen: list[str] = []

    def on_ping(event: JSObject) -> None:
        seen.append(event.get("type", str))

    target.call("addEventListener", "ping", on_ping)
    dispatch(target, "ping")
    target.call("removeEventListener", "ping", on_ping)
    dispatch(target, "ping")
    assert seen == ["ping"]


async def test_async_callables_both_ways() -> None:
    async def double(x: int) -> int:
        await asyncio.sleep(0)
        return 2 * x

    assert await call_async(double, 21) == 42
    assert await make_async_adder(1)(41) == 42


def test_callback_stays_alive_while_js_holds_it() -> None:
    keep(lambda x: x + 100)  # no reference left in Python
    import gc

    gc.collect()
    assert call_kept(1) == 101


def test_release() -> None:
    def f(x: int) -> int:
        return x

    keep(f)
    assert call_kept(2) == 2
    assert release(f) == 1
    assert release(f) == 0
    with pytest.raises(JSException) as info:
        call_kept(2)
    assert info.value.message == (
        f"jsinterop: the Python callable {HERE}.test_release.<locals>.f was released with "
        "jsinterop.release() and cannot be called"
    )
    keep(f)  # passing it again makes a new JS function
    assert call_kept(3) == 3


# -- errors ----------------------------------------------------------------------------------


def test_wrong_python_value_for_a_callable() -> None:
    with pytest.raises(TypeError) as info:
        call_with_int(5, 1)  # type: ignore[arg-type]
    assert str(info.value) == f"{HERE}.call_with_int(): argument 'fn' must be callable, got int"


def test_js_calls_a_callback_with_wrong_arguments() -> None:
    def f(x: int) -> int:
        return x

    name = f"{HERE}.test_js_calls_a_callback_with_wrong_arguments.<locals>.f"
    assert catching(f, "x") == (
        f"TypeError: {name}: argument 0 must be int (safe integer number), "
        'got string "x" | - | true'
    )
    assert catching_no_args(f) == f"TypeError: {name}: expected 1 argument, got 0 | - | true"
    assert catching(lambda x: "text", 1) == (  # type: ignore[arg-type,return-value]
        f"TypeError: {HERE}.test_js_calls_a_callback_with_wrong_arguments.<locals>.<lambda>: "
        "return value must be int (safe integer number), got str | - | true"
    )


def test_a_callback_return_checked_in_python_fails_as_a_js_type_error() -> None:
    # The record's class is checked in Python: JS still gets a TypeError, not an Error
    # standing for a Python exception.
    assert catching_record(lambda: {"left": 1, "right": 2}) == (  # type: ignore[arg-type,return-value]
        f"TypeError: {HERE}.catching_record(): argument 'fn': return value must be Pair, "
        "got dict | - | true"
    )


def test_python_calls_a_js_function_with_wrong_arguments() -> None:
    add = make_adder(1)
    with pytest.raises(TypeError) as info:
        add("x")  # type: ignore[arg-type]
    assert str(info.value) == (
        f"{HERE}.make_adder(): the value returned by JS 'makeAdder': "
        "argument 0 must be int, got str"
    )
    with pytest.raises(TypeError) as info:
        make_bad_adder()(1)
    assert str(info.value) == (
        f"{HERE}.make_bad_adder(): the value returned by JS 'makeBadAdder': "
        'the value returned must be int, got string "1"'
    )
    with pytest.raises(TypeError, match="takes 1 positional argument but 2 were given"):
        add(1, 2)  # type: ignore[call-arg]


def test_exception_in_a_python_callback_reaches_the_js_caller() -> None:
    def fail(x: int) -> int:
        raise ValueError(f"bad {x}")

    assert catching(fail, 7) == "ValueError: bad 7 | ValueError | false"


def test_exception_in_a_python_callback_through_js_to_python() -> None:
    # JS called the callback and did not catch: the Python caller of the stub gets the very
    # exception the callback raised.
    error = ValueError("bad 7")

    def fail(x: int) -> int:
        raise error

    with pytest.raises(ValueError) as info:
        call_with_int(fail, 7)
    assert info.value is error


async def test_exception_in_an_async_python_callback() -> None:
    async def fail(x: int) -> int:
        raise KeyError(x)

    assert await catching_async(fail, 3) == "KeyError: 3 | KeyError"


def test_exception_in_a_js_function_reaches_python() -> None:
    with pytest.raises(JSException) as info:
        throwing()()
    assert (info.value.name, info.value.message) == ("RangeError", "from JS")


# -- exports ---------------------------------------------------------------------------------


@js_export
def apply_twice(fn: Callable[[int], int], x: int) -> int:
    return fn(fn(x))


@js_export
def make_multiplier(n: int) -> Callable[[int], int]:
    def multiply(x: int) -> int:
        return n * x

    return multiply


@js_export
def echo_function(fn: Callable[[int], int]) -> Callable[[int], int]:
    return fn


@js_import("callExport", "callbacks")
async def call_export_with_function(name: str, fn: Callable[[int], int], x: int) -> str: ...


@js_import("callExport", "callbacks")
async def call_export_with_int(name: str, x: int) -> str: ...


@js_import("callExport", "callbacks")
async def call_export_with_str(name: str, x: str) -> str: ...


@js_import("jsFunctionRoundTrips", "callbacks")
async def js_function_round_trips() -> bool: ...


@js_import("exportReturnsFunction", "callbacks")
async def export_returns_function(name: str, n: int) -> Callable[[int], int]: ...


async def test_exports_take_and_return_callables() -> None:
    assert await call_export_with_function("apply_twice", make_adder(5), 1) == "11"
    assert await call_export_with_function("apply_twice", lambda x: x * 3, 1) == "9"
    multiply = await export_returns_function("make_multiplier", 6)
    assert multiply(7) == 42
    assert multiply.__qualname__ == "make_multiplier.<locals>.multiply"  # the function itself
    assert await js_function_round_trips()


async def test_exports_reject_wrong_values() -> None:
    assert await call_export_with_int("apply_twice", 5) == (
        f"TypeError: {HERE}.apply_twice: expected 2 arguments, got 1"
    )
    assert await call_export_with_int("echo_function", 5) == (
        f"TypeError: {HERE}.echo_function: argument 'fn' must be Callable[[int], int] "
        "(function), got number 5"
    )
    assert await call_returned("make_multiplier", 6, "x") == (
        f"TypeError: {HERE}.make_multiplier.<locals>.multiply: argument 0 must be int "
        '(safe integer number), got string "x"'
    )
    assert await call_returned("make_multiplier", 6, 7) == "42"


@js_import("callReturned", "callbacks")
async def call_returned(name: str, n: int, x: object) -> str: ...


@js_import("identity", "callbacks")
def echo_optional(fn: Callable[[int], int] | None) -> Callable[[int], int] | None: ...


@js_import("identity", "callbacks")
def function_as_object(fn: Callable[[int], int]) -> JSObject: ...


def test_optional_callables_and_js_objects_as_callables() -> None:
    assert echo_optional(None) is None
    assert echo_optional(increment) is increment
    adder = function_as_object(make_adder(2))  # a JS function held as a JSObject
    assert call_with_int(adder, 1) == 3  # type: ignore[arg-type]
    with pytest.raises(TypeError) as info:
        call_with_int(new_target(), 1)  # type: ignore[arg-type]
    assert str(info.value) == (
        f"{HERE}.call_with_int(): argument 'fn' must be Callable[[int], int], got JSObject"
    )


def increment(x: int) -> int:
    return x + 1


@js_import("forEachSum", "callbacks")
def for_each_sum(items: list[int], fn: Callable[[int], int]) -> int: ...


def test_extra_arguments_from_js_are_ignored() -> None:
    assert for_each_sum([1, 2, 3], lambda x: x * x) == 14


@js_export
async def apply_async(fn: Callable[[int], Awaitable[int]], x: int) -> int:
    return await fn(x) + 1


@js_import("callAsyncExport", "callbacks")
async def call_async_export(x: int) -> int: ...


async def test_async_export_awaits_a_js_async_function() -> None:
    assert await call_async_export(4) == 41
