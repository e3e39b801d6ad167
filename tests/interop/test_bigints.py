"""Annotated[int, JSType.BigInt] <-> bigint, any size, inside Pyodide."""

from __future__ import annotations

from typing import Annotated

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyodide.ffi import run_sync

from jsinterop import JSType, js_export, js_import

from .conftest import import_js

HERE = "jsinterop_tests.test_bigints"
BigInt = Annotated[int, JSType.BigInt]


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("bigints", "bigints.mjs")


@js_import("identity", "bigints")
def echo(value: BigInt) -> BigInt: ...


@js_import("identity", "bigints")
def echo_list(values: list[BigInt]) -> list[BigInt]: ...


@js_import("typeOf", "bigints")
def type_of(value: BigInt) -> str: ...


@js_import("returnsNumber", "bigints")
def returns_number() -> BigInt: ...


@js_export
def export_echo(value: BigInt) -> BigInt:
    assert type(value) is int
    return value


@js_export
def export_bad_return(value: BigInt) -> BigInt:
    return "text"  # type: ignore[return-value]


@js_import("callExport", "bigints")
async def call_export(name: str, text: str, as_json: bool = False) -> str: ...


@given(st.integers() | st.integers(-(2**200), 2**200))
@settings(max_examples=200, deadline=None)
def test_any_int_round_trips(value: int) -> None:
    result = echo(value)
    assert result == value
    assert type(result) is int
    assert type_of(value) == "bigint"


@given(st.lists(st.integers(-(2**100), 2**100), max_size=5))
@settings(max_examples=50, deadline=None)
def test_bigint_list_round_trips(values: list[int]) -> None:
    assert echo_list(values) == values


@given(st.integers(-(2**130), 2**130))
@settings(max_examples=100, deadline=None)
def test_export_round_trips_in_js(value: int) -> None:
    assert run_sync(call_export("export_echo", str(value))) == "same"


@pytest.mark.parametrize(
    ("value", "received"), [(True, "bool"), (1.5, "float"), ("1", "str"), (None, "None")]
)
def test_wrong_python_value(value: object, received: str) -> None:
    with pytest.raises(TypeError) as info:
        echo(value)  # type: ignore[arg-type]
    assert str(info.value) == f"{HERE}.echo(): argument 'value' must be int, got {received}"


def test_js_number_is_not_a_bigint() -> None:
    with pytest.raises(TypeError) as info:
        returns_number()
    assert str(info.value) == (
        f"{HERE}.returns_number(): the value returned by JS 'returnsNumber' must be int, "
        "got number 5"
    )


async def test_wrong_js_values_for_exports() -> None:
    assert await call_export("export_echo", "5", True) == (
        f"TypeError: {HERE}.export_echo: argument 'value' must be int (bigint), got number 5"
    )
    assert await call_export("export_bad_return", "5") == (
        f"TypeError: {HERE}.export_bad_return: return value must be int (bigint), got str"
    )
