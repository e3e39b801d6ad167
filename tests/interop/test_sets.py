"""set[T] and frozenset[T] <-> JS Set, copied both ways, inside Pyodide."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyodide.ffi import run_sync

from jsinterop import js_export, js_import

from .conftest import import_js

MAX_SAFE = 2**53 - 1
HERE = "jsinterop_tests.test_sets"
RETURNED = "the value returned by JS"
safe_ints = st.integers(-MAX_SAFE, MAX_SAFE)


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("collections", "collections.mjs")


@js_import("identity", "collections")
def echo_ints(items: set[int]) -> set[int]: ...


@js_import("identity", "collections")
def echo_frozen(items: frozenset[str]) -> frozenset[str]: ...


@js_import("identity", "collections")
def echo_nested(groups: list[set[str] | None]) -> list[set[str] | None]: ...


@js_import("identity", "collections")
def echo_pairs(items: set[tuple[int, str]]) -> set[tuple[int, str]]: ...


@js_import("identity", "collections")
def echo_union(value: set[int] | str) -> set[int] | str: ...


@js_import("describe", "collections")
def describe(items: set[int]) -> str: ...


@js_import("arrayForSet", "collections")
def array_for_set() -> set[int]: ...


@js_import("setOfStrings", "collections")
def set_of_strings() -> set[int]: ...


@given(st.sets(safe_ints, max_size=20))
@settings(max_examples=60, deadline=None)
def test_int_set_round_trips(items: set[int]) -> None:
    result = echo_ints(items)
    assert result == items and type(result) is set


@given(st.frozensets(st.text(max_size=6), max_size=10))
@settings(max_examples=60, deadline=None)
def test_frozenset_round_trips(items: frozenset[str]) -> None:
    result = echo_frozen(items)
    assert result == items and type(result) is frozenset


def test_sets_nest_and_take_tuples() -> None:
    assert echo_nested([{"a", "b"}, None, set()]) == [{"a", "b"}, None, set()]
    assert echo_pairs({(1, "a"), (2, "b")}) == {(1, "a"), (2, "b")}
    assert echo_union({1, 2}) == {1, 2}
    assert echo_union("x") == "x"


def test_js_sees_a_set() -> None:
    assert describe({3, 1, 2}) == "Set(1,2,3)"
    assert describe(frozenset({5})) == "Set(5)"  # a frozenset is a set for set[int]


def test_bad_items_are_named() -> None:
    with pytest.raises(TypeError) as info:
        echo_ints({1, "x"})  # type: ignore[arg-type]
    assert "argument 'items'[" in str(info.value)
    assert str(info.value).endswith("must be int, got str")
    with pytest.raises(TypeError) as info:
        echo_ints([1, 2])  # type: ignore[arg-type]
    assert str(info.value) == f"{HERE}.echo_ints(): argument 'items' must be set[int], got list"


def test_js_values_that_are_not_sets_are_refused() -> None:
    with pytest.raises(TypeError) as info:
        array_for_set()
    assert (
        str(info.value)
        == f"{HERE}.array_for_set(): {RETURNED} 'arrayForSet' must be set[int], got Array"
    )
    with pytest.raises(TypeError) as info:
        set_of_strings()
    assert str(info.value) == (
        f"{HERE}.set_of_strings(): {RETURNED} 'setOfStrings'[0] must be int, got string \"a\""
    )


@js_export
def export_set(items: set[int]) -> set[int]:
    assert type(items) is set
    return {item * 2 for item in items}


@js_export
def export_frozen(items: frozenset[str]) -> frozenset[str]:
    assert type(items) is frozenset
    return items


@js_import("callSetExport", "collections")
async def call_set_export(name: str, items: list[int | str]) -> str: ...


@js_import("callSetExportWith", "collections")
async def call_set_export_with(name: str, value: list[int]) -> str: ...


def test_exports_take_and_give_sets() -> None:
    assert run_sync(call_set_export("export_set", [1, 2])) == "Set(2,4)"
    assert run_sync(call_set_export("export_frozen", ["b", "a"])) == "Set(a,b)"


def test_exports_refuse_what_is_not_a_set() -> None:
    result = run_sync(call_set_export_with("export_set", [1, 2]))
    assert result.startswith("TypeError: ") and "must be set[int] (Set of" in result
    assert result.endswith("got Array")
