"""X | Y unions of members JS can tell apart, as each member (Pyodide)."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyodide.ffi import run_sync

from jsinterop import js_export, js_import

from .conftest import import_js

MAX_SAFE = 2**53 - 1
HERE = "jsinterop_tests.test_unions"
RETURNED = "the value returned by JS"

safe_ints = st.integers(-MAX_SAFE, MAX_SAFE)
texts = st.text(max_size=8)
dates = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
).map(lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000))


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("unions", "unions.mjs")


# -- imports: Python -> JS -> Python through an identity function ----------------------------


@js_import("identity", "unions")
def echo_int_or_str(value: int | str) -> int | str: ...


@js_import("identity", "unions")
def echo_bool_or_int(value: bool | int) -> bool | int: ...


@js_import("identity", "unions")
def echo_float_or_str(value: float | str) -> float | str: ...


@js_import("identity", "unions")
def echo_str_or_ints(value: str | list[int] | None) -> str | list[int] | None: ...


@js_import("identity", "unions")
def echo_date_or_int(value: datetime | int) -> datetime | int: ...


@js_import("identity", "unions")
def echo_color_or_number(value: Color | float) -> Color | float: ...


@js_import("identity", "unions")
def echo_nested(value: list[int | Literal["auto"]]) -> list[int | Literal["auto"]]: ...


@js_import("typeOf", "unions")
def type_of(value: datetime | int) -> str: ...


@given(safe_ints | texts)
@settings(max_examples=100, deadline=None)
def test_int_or_str_round_trips(value: int | str) -> None:
    back = echo_int_or_str(value)
    assert back == value and type(back) is type(value)


@given(st.booleans() | safe_ints)
@settings(max_examples=50, deadline=None)
def test_bool_or_int_round_trips(value: bool | int) -> None:
    back = echo_bool_or_int(value)
    assert back == value and type(back) is type(value)


@given(st.floats(allow_nan=False) | texts)
@settings(max_examples=50, deadline=None)
def test_float_or_str_round_trips(value: float | str) -> None:
    back = echo_float_or_str(value)
    assert back == value and type(back) is type(value)


@given(texts | st.lists(safe_ints, max_size=4) | st.none())
@settings(max_examples=100, deadline=None)
def test_str_or_list_round_trips(value: str | list[int] | None) -> None:
    assert echo_str_or_ints(value) == value


@given(dates | safe_ints)
@settings(max_examples=100, deadline=None)
def test_date_or_int_round_trips(value: datetime | int) -> None:
    back = echo_date_or_int(value)
    assert back == value and type(back) is type(value)


@given(st.sampled_from(Color) | st.floats(allow_nan=False))
@settings(max_examples=50, deadline=None)
def test_enum_or_float_round_trips(value: Color | float) -> None:
    assert echo_color_or_number(value) == value


@given(st.lists(safe_ints | st.just("auto"), max_size=5))
@settings(max_examples=50, deadline=None)
def test_union_items_round_trip(value: list[int | Literal["auto"]]) -> None:
    assert echo_nested(value) == value


def test_each_member_crosses_as_its_js_type() -> None:
    assert type_of(datetime(2020, 1, 1, tzinfo=UTC)) == "Date"
    assert type_of(3) == "number"


@pytest.mark.parametrize(
    ("stub", "value", "message", "error"),
    [
        (echo_int_or_str, 1.5, "argument 'value' must be int | str, got float", TypeError),
        (echo_int_or_str, None, "argument 'value' must be int | str, got None", TypeError),
        (
            echo_int_or_str,
            2**60,
            f"argument 'value' must be a safe integer within ±{MAX_SAFE}, got {2**60}",
            OverflowError,
        ),
        (
            echo_str_or_ints,
            3,
            "argument 'value' must be str | list[int] | None, got int",
            TypeError,
        ),
        (echo_str_or_ints, [1, "x"], "argument 'value'[1] must be int, got str", TypeError),
        (echo_date_or_int, "x", "argument 'value' must be datetime | int, got str", TypeError),
        (echo_nested, [1, "x"], "argument 'value'[1] must be one of 'auto', got 'x'", TypeError),
        (
            echo_nested,
            [1, 2.5],
            "argument 'value'[1] must be int | Literal['auto'], got float",
            TypeError,
        ),
    ],
)
def test_wrong_python_values_list_the_members(
    stub: Any, value: Any, message: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as info:
        stub(value)
    assert str(info.value) == f"{HERE}.{stub.__name__}(): {message}"


# -- Callable members: a function in JS, any callable in Python ----------------------------


@js_import("applyOrSay", "unions")
def apply_or_say_in_js(handler: str | Callable[[int], int], x: int) -> str: ...


@js_import("handlerOrText", "unions")
def handler_or_text(kind: str) -> str | Callable[[int], int]: ...


@js_import("callExportWith", "unions")
async def call_export_with(kind: str) -> str: ...


@js_export
def apply_or_say(handler: str | Callable[[int], int], x: int) -> str:
    return f"called: {handler(x)}" if callable(handler) else f"said: {handler}"


class Doubler:
    def __call__(self, x: int) -> int:
        return 2 * x


async def test_a_callable_member_crosses_as_a_function_both_ways() -> None:
    assert apply_or_say_in_js(lambda x: x + 1, 1) == "called: 2"
    assert apply_or_say_in_js(Doubler(), 4) == "called: 8"  # any callable object
    assert apply_or_say_in_js("hello", 1) == "said: hello"
    handler = handler_or_text("function")
    assert callable(handler) and handler(3) == 30
    assert handler_or_text("text") == "no handler"
    assert await call_export_with("function") == "called: 42"
    assert await call_export_with("text") == "said: plain"
    with pytest.raises(TypeError) as info:
        apply_or_say_in_js(3, 1)  # type: ignore[arg-type]
    assert str(info.value) == (
        f"{HERE}.apply_or_say_in_js(): argument 'handler' must be str | Callable[[int], int], "
        "got int"
    )


# -- bad JS values returned to a stub ------------------------------------------------------


@js_import("aBoolean", "unions")
def a_boolean() -> int | str: ...


@js_import("aFloat", "unions")
def a_float() -> int | str: ...


@js_import("anObject", "unions")
def an_object() -> datetime | list[int] | None: ...


@js_import("badItem", "unions")
def bad_item() -> str | list[int]: ...


@pytest.mark.parametrize(
    ("stub", "message"),
    [
        (a_boolean, "'aBoolean' must be int | str, got boolean true"),
        (a_float, "'aFloat' must be int | str, got number 1.5"),
        (an_object, "'anObject' must be datetime | list[int] | None, got object (Object)"),
        (bad_item, "'badItem'[1] must be int, got string \"x\""),
    ],
)
def test_wrong_js_values_list_the_members(stub: Any, message: str) -> None:
    with pytest.raises(TypeError) as info:
        stub()
    assert str(info.value) == f"{HERE}.{stub.__name__}(): {RETURNED} {message}"


# -- exports: JS -> Python -> JS, compared in JS --------------------------------------------


@js_export
def export_int_or_str(value: int | str) -> int | str:
    return value


@js_export
def export_float_or_str(value: float | str) -> float | str:
    assert type(value) in (float, str)
    return value


@js_export
def export_date_or_ints(value: datetime | list[int]) -> datetime | list[int]:
    assert type(value) in (datetime, list)
    return value


@js_export
def export_bad_return() -> int | str:
    return 1.5  # type: ignore[return-value]


@js_import("roundTrip", "unions")
async def round_trip(name: str, args_json: str) -> str: ...


@given(safe_ints | texts)
@settings(max_examples=50, deadline=None)
def test_export_int_or_str_round_trips(value: int | str) -> None:
    assert run_sync(round_trip("export_int_or_str", json.dumps([value]))) == "same"


@given(st.floats(allow_nan=False, allow_infinity=False) | texts)
@settings(max_examples=50, deadline=None)
def test_export_float_or_str_round_trips(value: float | str) -> None:
    assert run_sync(round_trip("export_float_or_str", json.dumps([value]))) == "same"


@given(dates.map(lambda d: {"$date": d.timestamp() * 1000}) | st.lists(safe_ints, max_size=3))
@settings(max_examples=50, deadline=None)
def test_export_date_or_list_round_trips(value: Any) -> None:
    assert run_sync(round_trip("export_date_or_ints", json.dumps([value]))) == "same"


@pytest.mark.parametrize(
    ("name", "args", "message"),
    [
        (
            "export_int_or_str",
            [True],
            "TypeError: argument 'value' must be int | str (safe integer number | string), "
            "got boolean true",
        ),
        (
            "export_date_or_ints",
            [[1, "x"]],
            "TypeError: argument 'value'[1] must be int (safe integer number), got string \"x\"",
        ),
        (
            "export_bad_return",
            [],
            "TypeError: return value must be int | str (safe integer number | string), got float",
        ),
    ],
)
async def test_wrong_js_arguments_list_the_members(
    name: str, args: list[Any], message: str
) -> None:
    kind, text = message.split(": ", 1)
    assert await round_trip(name, json.dumps(args)) == f"{kind}: {HERE}.{name}: {text}"
