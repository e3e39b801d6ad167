"""bool, int, float, str, None and T | None across the boundary, inside Pyodide."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jsinterop import js_import

from .conftest import import_js

MAX_SAFE = 2**53 - 1
PREFIX = "jsinterop_tests.test_primitives"


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("primitives", "primitives.mjs")


@js_import("identity", "primitives")
def echo_int(value: int) -> int: ...


@js_import("identity", "primitives")
def echo_float(value: float) -> float: ...


@js_import("identity", "primitives")
def echo_str(value: str) -> str: ...


@js_import("identity", "primitives")
def echo_bool(value: bool) -> bool: ...


@js_import("identity", "primitives")
def echo_optional_int(value: int | None) -> int | None: ...


@js_import("typeOf", "primitives")
def type_of_bool(value: bool) -> str: ...


@js_import("typeOf", "primitives")
def type_of_optional(value: str | None) -> str: ...


@js_import("add", "primitives")
def add(a: int, b: int = 10) -> int: ...


@js_import("returnsNull", "primitives")
def returns_null() -> str | None: ...


@js_import("returnsUndefined", "primitives")
def returns_undefined() -> int | None: ...


@js_import("returnsHalf", "primitives")
def half_as_int() -> int: ...


@js_import("returnsHuge", "primitives")
def huge_as_int() -> int: ...


@js_import("returnsString", "primitives")
def string_as_float() -> float: ...


@js_import("returnsPromise", "primitives")
def promise_as_int() -> int: ...


@js_import("returnsPromise", "primitives")
def promise_discarded() -> None: ...


@js_import("returnsPromise", "primitives")
async def promise_awaited() -> int: ...


@js_import("countCall", "primitives")
def count_call() -> None: ...


@given(st.integers(-MAX_SAFE, MAX_SAFE))
@settings(max_examples=200, deadline=None)
def test_int_round_trips(value: int) -> None:
    result = echo_int(value)
    assert result == value
    assert type(result) is int


@given(st.floats())
@settings(max_examples=200, deadline=None)
def test_float_round_trips(value: float) -> None:
    result = echo_float(value)
    assert type(result) is float
    assert result == value or (math.isnan(value) and math.isnan(result))


@given(st.text())
@settings(max_examples=200, deadline=None)
def test_str_round_trips(value: str) -> None:
    assert echo_str(value) == value


@pytest.mark.parametrize("value", [True, False])
def test_bool_round_trips(value: bool) -> None:
    assert echo_bool(value) is value
    assert type_of_bool(value) == "boolean"


def test_float_parameter_accepts_int_and_returns_float() -> None:
    result = echo_float(3)
    assert result == 3.0
    assert type(result) is float


def test_int_outside_safe_range_is_overflow() -> None:
    with pytest.raises(OverflowError) as info:
        echo_int(MAX_SAFE + 1)
    assert str(info.value) == (
        f"{PREFIX}.echo_int(): argument 'value' must be a safe integer within "
        f"±{MAX_SAFE}, got {MAX_SAFE + 1}"
    )
    with pytest.raises(OverflowError):
        echo_int(-(2**60))


def test_bool_is_not_int_and_int_is_not_bool() -> None:
    with pytest.raises(TypeError) as info:
        echo_int(True)
    assert str(info.value) == f"{PREFIX}.echo_int(): argument 'value' must be int, got bool"
    with pytest.raises(TypeError) as info:
        echo_bool(1)  # type: ignore[arg-type]
    assert str(info.value) == f"{PREFIX}.echo_bool(): argument 'value' must be bool, got int"


@pytest.mark.parametrize(
    ("stub", "value", "received"),
    [
        (echo_int, "3", "str"),
        (echo_int, 1.5, "float"),
        (echo_int, None, "None"),
        (echo_int, [1], "list"),
        (echo_float, "3", "str"),
        (echo_float, True, "bool"),
        (echo_str, 3, "int"),
        (echo_str, b"x", "bytes"),
    ],
)
def test_wrong_python_value_names_function_parameter_and_types(
    stub: object, value: object, received: str
) -> None:
    with pytest.raises(TypeError) as info:
        stub(value)  # type: ignore[operator]
    name = stub.__name__  # type: ignore[attr-defined]
    expected = {"echo_int": "int", "echo_float": "float", "echo_str": "str"}[name]
    assert str(info.value) == (
        f"{PREFIX}.{name}(): argument 'value' must be {expected}, got {received}"
    )


def test_optional_sends_none_as_null_and_reads_null_and_undefined_as_none() -> None:
    assert type_of_optional(None) == "null"
    assert type_of_optional("x") == "string"
    assert echo_optional_int(None) is None
    assert echo_optional_int(7) == 7
    assert returns_null() is None
    assert returns_undefined() is None


def test_defaults_and_keywords_work_like_python() -> None:
    assert add(1) == 11
    assert add(1, 2) == 3
    assert add(b=5, a=1) == 6
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'a'"):
        add()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="takes from 1 to 2 positional arguments but 3 were given"):
        add(1, 2, 3)  # type: ignore[call-arg]


def test_wrong_js_return_values_are_reported() -> None:
    where = "the value returned by JS"
    with pytest.raises(TypeError) as info:
        half_as_int()
    assert str(info.value) == (
        f"{PREFIX}.half_as_int(): {where} 'returnsHalf' must be int, got number 1.5"
    )
    with pytest.raises(OverflowError) as info:
        huge_as_int()
    assert str(info.value) == (
        f"{PREFIX}.huge_as_int(): {where} 'returnsHuge' must be a safe integer within "
        f"±{MAX_SAFE}, got 1152921504606847000"
    )
    with pytest.raises(TypeError) as info:
        string_as_float()
    assert str(info.value) == (
        f"{PREFIX}.string_as_float(): {where} 'returnsString' must be float, got string \"text\""
    )


def test_promise_from_sync_stub_is_waited_for() -> None:
    # The suite runs with JSPI; test_jspi.py has the refusal without it.
    assert promise_as_int() == 5


def test_none_return_discards_the_value_and_a_promise() -> None:
    assert promise_discarded() is None
    assert count_call() is None


async def test_async_stub_awaits_the_promise() -> None:
    assert await promise_awaited() == 5


def test_runtime_keeps_working_after_errors() -> None:
    for _ in range(3):
        with pytest.raises(TypeError):
            echo_int("x")  # type: ignore[arg-type]
        with pytest.raises(OverflowError):
            echo_int(2**64)
    assert echo_int(42) == 42


@js_import("withDefault", "primitives")
def with_default(value: str | None = None) -> str | None: ...


@js_import("typeOf", "primitives")
def type_of_defaulted(value: str | None = "x") -> str: ...


def test_none_in_a_defaulted_parameter_is_an_omitted_argument() -> None:
    assert with_default() == "js default"
    assert with_default(None) == "js default"
    assert with_default("given") == "given"
    assert type_of_defaulted(None) == "undefined"
    assert type_of_optional(None) == "null"  # no default: None is null
