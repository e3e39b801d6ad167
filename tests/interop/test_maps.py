"""dict[K, V] with non-str keys <-> JS Map, copied both ways, inside Pyodide."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyodide.ffi import run_sync

from jsinterop import js_export, js_import

from .conftest import import_js

MAX_SAFE = 2**53 - 1
HERE = "jsinterop_tests.test_maps"
RETURNED = "the value returned by JS"
safe_ints = st.integers(-MAX_SAFE, MAX_SAFE)


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("collections", "collections.mjs")


@js_import("identity", "collections")
def echo(names: dict[int, str]) -> dict[int, str]: ...


@js_import("identity", "collections")
def echo_nested(groups: dict[int, list[dict[int, float]]]) -> dict[int, list[dict[int, float]]]: ...


@js_import("identity", "collections")
def echo_enum_keys(counts: dict[Color, int]) -> dict[Color, int]: ...


@js_import("identity", "collections")
def echo_date_keys(events: dict[datetime, str]) -> dict[datetime, str]: ...


@js_import("identity", "collections")
def echo_optional(names: dict[int, str] | None) -> dict[int, str] | None: ...


@js_import("identity", "collections")
def echo_str_dict(scores: dict[str, int]) -> dict[str, int]: ...


@js_import("describe", "collections")
def describe(names: dict[int, str]) -> str: ...


@js_import("plainObject", "collections")
def plain_object() -> dict[int, str]: ...


@js_import("mapWithStringKey", "collections")
def map_with_string_key() -> dict[int, str]: ...


@given(st.dictionaries(safe_ints, st.text(max_size=6), max_size=15))
@settings(max_examples=60, deadline=None)
def test_int_keyed_dict_round_trips(names: dict[int, str]) -> None:
    assert echo(names) == names


def test_maps_nest_and_keep_key_types() -> None:
    groups = {1: [{2: 0.5}, {}], -3: []}
    assert echo_nested(groups) == groups
    assert echo_enum_keys({Color.RED: 1, Color.BLUE: 2}) == {Color.RED: 1, Color.BLUE: 2}
    moment = datetime(2024, 5, 1, 12, tzinfo=UTC)
    assert echo_date_keys({moment: "launch"}) == {moment: "launch"}
    assert echo_optional(None) is None
    assert echo_optional({1: "a"}) == {1: "a"}


def test_js_sees_a_map_and_str_keys_still_make_an_object() -> None:
    assert describe({2: "b", 1: "a"}) == "Map(number:1=a,number:2=b)"
    assert echo_str_dict({"a": 1}) == {"a": 1}


def test_bad_keys_and_values_are_named() -> None:
    with pytest.raises(TypeError) as info:
        echo({1: "a", "2": "b"})  # type: ignore[dict-item]
    assert str(info.value) == f"{HERE}.echo(): argument 'names' key \"2\" must be int, got str"
    with pytest.raises(TypeError) as info:
        echo({1: 2})  # type: ignore[dict-item]
    assert str(info.value).endswith("must be str, got int")


def test_a_plain_object_is_refused_for_a_map() -> None:
    with pytest.raises(TypeError) as info:
        plain_object()
    message = str(info.value)
    assert message.startswith(
        f"{HERE}.plain_object(): {RETURNED} 'plainObject' must be dict[int, str]"
    )
    assert "Map" in message
    with pytest.raises(TypeError) as info:
        map_with_string_key()
    assert str(info.value) == (
        f"{HERE}.map_with_string_key(): {RETURNED} 'mapWithStringKey' key \"2\" "
        'must be int, got string "2"'
    )


@js_export
def export_map(names: dict[int, str]) -> dict[int, str]:
    return {key + 1: value.upper() for key, value in names.items()}


@js_import("callMapExport", "collections")
async def call_map_export(name: str, entries: list[tuple[int, str]]) -> str: ...


@js_import("callMapExportWith", "collections")
async def call_map_export_with(name: str, value: dict[str, str]) -> str: ...


def test_exports_take_and_give_maps() -> None:
    result = run_sync(call_map_export("export_map", [(1, "a"), (2, "b")]))
    assert result == "Map(number:2=A,number:3=B)"


def test_exports_refuse_a_plain_object() -> None:
    result = run_sync(call_map_export_with("export_map", {"1": "a"}))
    assert result.startswith("TypeError: ") and "must be dict[int, str]" in result
