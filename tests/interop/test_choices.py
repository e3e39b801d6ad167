"""enum.Enum and Literal[...] <-> string or number, inside Pyodide."""

from __future__ import annotations

import enum
import json
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyodide.ffi import run_sync

from jsinterop import js_export, js_import

from .conftest import import_js

HERE = "jsinterop_tests.test_choices"
RETURNED = "the value returned by JS"


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 10


Mode = Literal["r", "w", 3]


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("choices", "choices.mjs")


@js_import("identity", "choices")
def echo_color(value: Color) -> Color: ...


@js_import("identity", "choices")
def echo_level(value: Level) -> Level: ...


@js_import("identity", "choices")
def echo_mode(value: Mode) -> Mode: ...


@js_import("identity", "choices")
def echo_palette(values: dict[str, list[Color]]) -> dict[str, list[Color]]: ...


@js_import("identity", "choices")
def color_as_str(value: Color) -> str: ...


@js_import("blue", "choices")
def blue() -> Color: ...


@js_import("seven", "choices")
def seven() -> Level: ...


@js_import("blue", "choices")
def blue_mode() -> Mode: ...


@js_export
def export_color(value: Color) -> Color:
    assert type(value) is Color
    return value


@js_export
def export_level(value: Level) -> Level:
    assert type(value) is Level
    return value


@js_export
def export_mode(value: Mode) -> Mode:
    return value


@js_export
def export_bad_color() -> Color:
    return "red"  # type: ignore[return-value]


@js_export
def export_bad_mode() -> Mode:
    return "x"  # type: ignore[return-value]


@js_import("callExport", "choices")
async def call_export(name: str, value_json: str) -> str: ...


@given(st.sampled_from(Color))
@settings(max_examples=10, deadline=None)
def test_enum_round_trips(value: Color) -> None:
    assert echo_color(value) is value
    assert color_as_str(value) == value.value


@given(st.sampled_from(Level))
@settings(max_examples=10, deadline=None)
def test_int_enum_round_trips(value: Level) -> None:
    assert echo_level(value) is value


@given(st.sampled_from(["r", "w", 3]))
@settings(max_examples=10, deadline=None)
def test_literal_round_trips(value: Any) -> None:
    assert echo_mode(value) == value


@given(st.dictionaries(st.text(max_size=3), st.lists(st.sampled_from(Color), max_size=3)))
@settings(max_examples=30, deadline=None)
def test_nested_enums_round_trip(values: dict[str, list[Color]]) -> None:
    assert echo_palette(values) == values


@given(
    st.sampled_from(
        [("export_color", "red"), ("export_color", "green"), ("export_level", 10)]
        + [("export_mode", value) for value in ("r", "w", 3)]
    )
)
@settings(max_examples=20, deadline=None)
def test_exports_round_trip_in_js(case: tuple[str, Any]) -> None:
    name, value = case
    assert run_sync(call_export(name, json.dumps(value))) == "same"


@pytest.mark.parametrize(
    ("stub", "value", "message"),
    [
        (echo_color, "red", "argument 'value' must be Color, got str"),
        (echo_color, Level.LOW, "argument 'value' must be Color, got Level"),
        (echo_mode, "x", "argument 'value' must be one of 'r', 'w', 3, got 'x'"),
        (echo_mode, 4, "argument 'value' must be one of 'r', 'w', 3, got 4"),
        (echo_mode, None, "argument 'value' must be Literal['r', 'w', 3], got None"),
        (
            echo_palette,
            {"a": [Color.RED, "green"]},
            "argument 'values'[\"a\"][1] must be Color, got str",
        ),
    ],
)
def test_wrong_python_values(stub: Any, value: Any, message: str) -> None:
    with pytest.raises(TypeError) as info:
        stub(value)
    assert str(info.value) == f"{HERE}.{stub.__name__}(): {message}"


@pytest.mark.parametrize(
    ("stub", "message"),
    [
        (blue, "'blue' must be one of 'red', 'green', got string \"blue\""),
        (seven, "'seven' must be one of 1, 10, got number 7"),
        (blue_mode, "'blue' must be one of 'r', 'w', 3, got string \"blue\""),
    ],
)
def test_unknown_js_values_list_the_allowed_ones(stub: Any, message: str) -> None:
    with pytest.raises(TypeError) as info:
        stub()
    assert str(info.value) == f"{HERE}.{stub.__name__}(): {RETURNED} {message}"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "export_color",
            "blue",
            "argument 'value' must be one of 'red', 'green', got string \"blue\"",
        ),
        ("export_color", 1, "argument 'value' must be one of 'red', 'green', got number 1"),
        ("export_level", None, "argument 'value' must be Level (1 | 10), got null"),
        ("export_bad_color", "", "return value must be Color, got str"),
        ("export_bad_mode", "", "return value must be one of 'r', 'w', 3, got 'x'"),
    ],
)
async def test_wrong_values_for_exports(name: str, value: Any, message: str) -> None:
    args = value if value == "" else json.dumps(value)
    result = await call_export(name, args)
    assert result == f"TypeError: {HERE}.{name}: {message}"
