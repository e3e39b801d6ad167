"""Awaitable[T] / Coroutine[..., T] as parameters and returns: a Python awaitable <-> a Promise."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Coroutine
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jsinterop import JSException, JSObject, js_export, js_import

from .conftest import import_js

HERE = "jsinterop_tests.test_awaitables"


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("awaitables", "awaitables.mjs")


@js_import("later", "awaitables")
def later_int(value: int) -> Awaitable[int]: ...


@js_import("later", "awaitables")
def later_floats(value: list[float]) -> Awaitable[list[float]]: ...


@js_import("later", "awaitables")
def later_object(value: JSObject) -> Coroutine[Any, Any, JSObject]: ...


@js_import("later", "awaitables")
def later_as_int(value: str) -> Awaitable[int]: ...


@js_import("later", "awaitables")
def later_nothing(value: int) -> Awaitable[None]: ...


@js_import("failLater", "awaitables")
def fail_later() -> Awaitable[int]: ...


@js_import("awaitPlusOne", "awaitables")
async def await_plus_one(promise: Awaitable[int]) -> int: ...


@js_import("awaitList", "awaitables")
async def await_list(promise: Awaitable[list[int]]) -> int: ...


@js_import("awaitError", "awaitables")
async def await_error(promise: Awaitable[int]) -> str: ...


@js_import("callWithPromise", "awaitables")
async def call_with_promise(value: int) -> int: ...


@js_import("callWithBadPromise", "awaitables")
async def call_with_bad_promise() -> str: ...


@js_import("callWithNotAPromise", "awaitables")
async def call_with_not_a_promise() -> str: ...


@js_import("later", "awaitables")
def make_object() -> JSObject: ...


@js_export
def double_later(value: Awaitable[int]) -> Awaitable[int]:
    async def doubled() -> int:
        return 2 * await value

    return doubled()


async def python_value(value: Any) -> Any:
    await asyncio.sleep(0)
    return value


async def test_sync_stub_returning_awaitable() -> None:
    pending = later_int(41)
    assert await pending == 41
    assert await later_floats([1.0, 2.5]) == [1.0, 2.5]
    assert await later_nothing(3) is None


async def test_awaitable_result_converts_as_its_type() -> None:
    with pytest.raises(TypeError) as info:
        await later_as_int("text")
    assert str(info.value) == (
        f"{HERE}.later_as_int(): the value returned by JS 'later' must be Awaitable[int], "
        'got string "text"'
    )


async def test_rejection_raises_the_js_exception() -> None:
    with pytest.raises(JSException) as info:
        await fail_later()
    assert info.value.name == "RangeError"
    assert info.value.message == "later, no"


async def test_python_awaitable_becomes_a_promise() -> None:
    assert await await_plus_one(python_value(41)) == 42
    assert await await_list(python_value([1, 2, 3])) == 3
    assert await await_plus_one(asyncio.ensure_future(python_value(1))) == 2


async def test_python_awaitable_failures_reject_the_promise() -> None:
    async def boom() -> int:
        raise ValueError("no")

    assert await await_error(boom()) == "ValueError"
    assert await await_error(python_value("text")) == "TypeError"


async def test_not_an_awaitable_is_a_type_error() -> None:
    with pytest.raises(TypeError) as info:
        await await_plus_one(41)  # type: ignore[arg-type]
    assert (
        str(info.value) == f"{HERE}.await_plus_one(): argument 'promise' must be awaitable, got int"
    )


async def test_export_taking_and_returning_promises() -> None:
    assert await call_with_promise(21) == 42
    assert await call_with_bad_promise() == (
        f"TypeError: {HERE}.double_later: argument 'value' must be Awaitable[int] "
        '(Promise of safe integer number), got string "text"'
    )
    assert await call_with_not_a_promise() == (
        f"TypeError: {HERE}.double_later: argument 'value' must be Awaitable[int] "
        "(Promise of safe integer number), got number 5"
    )


@js_import("passThrough", "awaitables")
def pass_through(promise: Awaitable[list[int]]) -> Awaitable[list[int]]: ...


SAFE = st.integers(-(2**53 - 1), 2**53 - 1)


@given(st.lists(SAFE, max_size=20))
@settings(max_examples=50, deadline=None)
def test_round_trip_python_awaitable_through_a_js_promise(values: list[int]) -> None:
    from pyodide.ffi import run_sync

    assert run_sync(pass_through(python_value(values))) == values


@given(SAFE.filter(lambda n: abs(2 * n) <= 2**53 - 1))
@settings(max_examples=50, deadline=None)
def test_round_trip_js_promise_through_a_python_export(value: int) -> None:
    from pyodide.ffi import run_sync

    assert run_sync(call_with_promise(value)) == 2 * value
