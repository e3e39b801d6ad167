"""Exceptions as values and as throws, keeping their identity both ways (Pyodide)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyodide.ffi import run_sync

from jsinterop import JSException, JSObject, JSRangeError, JSTypeError, js_export, js_import

from .conftest import import_js

HERE = "jsinterop_tests.test_exceptions"
RETURNED = "the value returned by JS"


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("exceptions", "exceptions.mjs")


class AppError(Exception):
    """An app's own exception type."""


@js_import("identity", "exceptions")
def echo(error: BaseException) -> BaseException: ...


@js_import("identity", "exceptions")
def echo_value_error(error: ValueError) -> ValueError: ...


@js_import("identity", "exceptions")
def echo_optional(errors: list[Exception | None]) -> list[Exception | None]: ...


@js_import("rethrow", "exceptions")
def rethrow(error: BaseException) -> None: ...


@js_import("throwTypeError", "exceptions")
def throw_type_error() -> None: ...


@js_import("throwRangeError", "exceptions")
def throw_range_error() -> None: ...


@js_import("newError", "exceptions")
def new_error(name: str, message: str) -> Exception: ...


@js_import("describe", "exceptions")
def describe(error: BaseException) -> str: ...


# -- JS throws -------------------------------------------------------------------------------


def test_js_type_and_range_errors_map_to_python_ones() -> None:
    with pytest.raises(JSTypeError) as info:
        throw_type_error()
    assert isinstance(info.value, TypeError) and isinstance(info.value, JSException)
    assert (info.value.name, info.value.message) == ("TypeError", "bad type")
    assert "throwTypeError" in info.value.js_stack
    with pytest.raises(JSRangeError) as range_info:
        throw_range_error()
    assert isinstance(range_info.value, ValueError)


# -- Python exceptions as values ----------------------------------------------------------------

messages = st.text(max_size=20)
python_errors = (
    st.builds(ValueError, messages) | st.builds(AppError, messages) | st.builds(KeyError, messages)
)


@given(python_errors)
@settings(max_examples=50, deadline=None)
def test_python_exception_comes_back_as_itself(error: Exception) -> None:
    assert echo(error) is error


def test_python_exception_is_a_js_error_in_js() -> None:
    assert describe(AppError("boom")) == "true AppError boom AppError true"


def test_raised_python_exception_keeps_its_traceback_in_the_stack() -> None:
    with pytest.raises(AppError) as info:
        raise AppError("with traceback")
    assert describe(info.value) == "true AppError with traceback AppError true"
    assert echo(info.value) is info.value


def test_python_exception_rethrown_by_js_is_itself() -> None:
    error = AppError("thrown through JS")
    with pytest.raises(AppError) as info:
        rethrow(error)
    assert info.value is error


def test_js_exception_goes_back_as_the_original_js_error() -> None:
    with pytest.raises(JSTypeError) as info:
        throw_type_error()
    back = echo(info.value)
    assert type(back) is JSTypeError
    assert back._js_error is not None
    with pytest.raises(JSTypeError) as again:
        rethrow(info.value)
    assert again.value.message == "bad type"


@given(st.sampled_from(["Error", "TypeError", "RangeError", "SyntaxError"]), messages)
@settings(max_examples=50, deadline=None)
def test_js_errors_arrive_as_js_exceptions(name: str, message: str) -> None:
    error = new_error(name, message)
    expected = {"TypeError": JSTypeError, "RangeError": JSRangeError}.get(name, JSException)
    assert type(error) is expected
    assert (error.name, error.message) == (name, message)
    assert echo(error) is not None


def test_containers_of_exceptions() -> None:
    first = ValueError("a")
    assert echo_optional([first, None]) == [first, None]
    assert echo_optional([first, None])[0] is first


@pytest.mark.parametrize(
    ("stub", "value", "message"),
    [
        (echo, "boom", "argument 'error' must be BaseException, got str"),
        (echo_value_error, KeyError("k"), "argument 'error' must be ValueError, got KeyError"),
        (echo_optional, [ValueError(), 3], "argument 'errors'[1] must be Exception, got int"),
    ],
)
def test_wrong_python_values(stub: Any, value: Any, message: str) -> None:
    with pytest.raises(TypeError) as info:
        stub(value)
    assert str(info.value) == f"{HERE}.{stub.__name__}(): {message}"


@js_import("notAnError", "exceptions")
def not_an_error() -> Exception: ...


@js_import("newError", "exceptions")
def new_value_error(name: str, message: str) -> ValueError: ...


def test_wrong_js_values() -> None:
    with pytest.raises(TypeError) as info:
        not_an_error()
    assert str(info.value) == (
        f"{HERE}.not_an_error(): {RETURNED} 'notAnError' must be Exception, got object (Object)"
    )
    with pytest.raises(TypeError) as info:
        new_value_error("SyntaxError", "x")
    assert str(info.value) == (
        f"{HERE}.new_value_error(): {RETURNED} 'newError' must be ValueError, got JS SyntaxError"
    )


# -- exports: exceptions escaping to JS and coming back -------------------------------------


@js_export
def export_raises() -> None:
    raise AppError("from an export")


@js_export
def export_echo(error: Exception) -> Exception:
    return error


@js_export
def export_value_error(error: ValueError) -> None: ...


@js_import("catchFrom", "exceptions")
async def catch_from(name: str) -> Exception: ...


@js_export
async def export_raises_async() -> None:
    raise AppError("from an async export")


@js_import("catchFromAsync", "exceptions")
async def catch_from_async(name: str) -> BaseException: ...


async def test_exception_rejecting_an_async_export_comes_back_as_itself() -> None:
    error = await catch_from_async("export_raises_async")
    assert type(error) is AppError
    assert str(error) == "from an async export"


@js_import("callThrough", "exceptions")
async def call_through(name: str) -> None: ...


@js_import("sameErrorBack", "exceptions")
async def same_error_back(name: str) -> bool: ...


@js_import("describeFromExport", "exceptions")
async def describe_from_export(name: str) -> str: ...


@js_import("callWith", "exceptions")
async def call_with(name: str, make: JSObject) -> str: ...


async def test_exception_escaping_an_export_is_a_js_error() -> None:
    assert await describe_from_export("export_raises") == "AppError|from an export|AppError|true"


async def test_exception_caught_in_js_comes_back_as_itself() -> None:
    error = await catch_from("export_raises")
    assert type(error) is AppError
    assert str(error) == "from an export"
    again = await catch_from("export_raises")
    assert again is not error  # each call raises a new one
    with pytest.raises(AppError):
        await call_through("export_raises")


async def test_js_error_through_an_export_is_the_same_object() -> None:
    assert await same_error_back("export_echo") is True


@js_import("sameErrorBack", "exceptions")
async def same_named_error_back(name: str, error_name: str, message: str) -> bool: ...


@given(st.sampled_from(["Error", "TypeError", "RangeError", "SyntaxError", "URIError"]), messages)
@settings(max_examples=50, deadline=None)
def test_js_errors_round_trip_through_an_export(error_name: str, message: str) -> None:
    assert run_sync(same_named_error_back("export_echo", error_name, message)) is True


async def test_wrong_js_argument() -> None:
    make = JSObject._wrap(import_js("exceptions", "exceptions.mjs")._proxy.notAnError)
    assert await call_with("export_echo", make) == (
        f"TypeError: {HERE}.export_echo: argument 'error' must be Exception (Error), "
        "got object (Object)"
    )
