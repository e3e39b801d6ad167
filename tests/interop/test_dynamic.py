"""object / typing.Any / Annotated[..., JSType.Any]: converted by the value's own type."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jsinterop import JSObject, JSType, js_export, js_import

from .conftest import import_js

HERE = "jsinterop_tests.test_dynamic"
MAX_SAFE = 2**53 - 1


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("dynamic", "dynamic.mjs")


@js_import("identity", "dynamic")
def echo(value: object) -> object: ...


@js_import("identity", "dynamic")
def echo_any(value: Any) -> Any: ...


@js_import("identity", "dynamic")
def echo_marked(value: Annotated[object, JSType.Any]) -> Annotated[object, JSType.Any]: ...


@js_import("identity", "dynamic")
def echo_list(values: list[object]) -> list[object]: ...


@js_import("same", "dynamic")
def same(a: object, b: object) -> bool: ...


@js_import("describe", "dynamic")
def describe(value: object) -> str: ...


@js_import("valueOf", "dynamic")
def value_of(name: str) -> Any: ...


class Point:
    def __init__(self, x: int) -> None:
        self.x = x


def test_js_values_arrive_by_their_type() -> None:
    assert value_of("number") == 1.5
    assert value_of("integer") == 7 and type(value_of("integer")) is int
    assert value_of("text") == "hi"
    assert value_of("yes") is True
    assert value_of("nothing") is None
    assert value_of("missing") is None
    assert value_of("big") == 12345678901234567890
    assert isinstance(value_of("object"), JSObject)
    assert isinstance(value_of("list"), JSObject)
    assert isinstance(value_of("fn"), JSObject)


def test_python_values_arrive_by_their_type() -> None:
    assert describe(1.5) == "number [object Number]"
    assert describe(7) == "number [object Number]"
    assert describe("hi") == "string [object String]"
    assert describe(True) == "boolean [object Boolean]"
    assert describe(None) == "null"
    assert describe(lambda: None) == "function [object Function]"
    assert describe(Point(1)) == "object [object Python Point]"
    assert describe([1, 2]) == "object [object Python list]"


primitives = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-MAX_SAFE, MAX_SAFE),
    st.floats(allow_nan=False),
    st.text(max_size=10),
)
opaque = st.one_of(
    st.builds(Point, st.integers()),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
    st.sets(st.integers(), max_size=3),
)


@settings(max_examples=100, deadline=None)
@given(primitives)
def test_primitives_round_trip(value: Any) -> None:
    # JS has one number type: a float holding a safe integer comes back as an int.
    integral = type(value) is float and value.is_integer() and abs(value) <= MAX_SAFE
    expected = int(value) if integral else value
    for stub in (echo, echo_any, echo_marked):
        back = stub(value)
        assert back == expected and type(back) is type(expected)


@settings(max_examples=50, deadline=None)
@given(opaque)
def test_python_objects_come_back_as_themselves(value: Any) -> None:
    assert echo(value) is value
    assert same(value, value)
    assert echo_list([value, 1, "x"]) == [value, 1, "x"]
    assert echo_list([value])[0] is value


def test_callables_and_js_objects_keep_identity() -> None:
    def f() -> None: ...

    assert echo(f) is f
    assert same(f, f)
    thing = value_of("object")
    assert isinstance(thing, JSObject)
    assert same(echo(thing), thing)


def test_js_functions_called_dynamically() -> None:
    fn = value_of("fn")
    assert isinstance(fn, JSObject)


def test_int_out_of_range() -> None:
    with pytest.raises(OverflowError) as info:
        echo(2**60)
    assert str(info.value) == (
        f"{HERE}.echo(): argument 'value' must be a safe integer within ±{MAX_SAFE}, got {2**60}"
    )


# -- exports ---------------------------------------------------------------------------------


@js_export
def echo_export(value: object) -> object:
    return value


@js_export(name="echo")
def echo_from_js(value: Any) -> Any:
    return value


@js_import("roundTripEveryType", "dynamic")
async def round_trip_every_type() -> str: ...


async def test_js_values_round_trip_through_python() -> None:
    assert await round_trip_every_type() == "ok"
