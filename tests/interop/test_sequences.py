"""list[T], tuple[T, ...], tuple[A, B] and dict[str, T] <-> Array and plain object (Pyodide)."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyodide.ffi import run_sync

from jsinterop import JSObject, _bridge, js_export, js_import
from jsinterop._marshal import pymemory

from .conftest import import_js

MAX_SAFE = 2**53 - 1
HERE = "jsinterop_tests.test_sequences"
RETURNED = "the value returned by JS"

safe_ints = st.integers(-MAX_SAFE, MAX_SAFE)
texts = st.text(max_size=8)


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("sequences", "sequences.mjs")


# -- imports: Python -> JS -> Python through an identity function ----------------------------


@js_import("identity", "sequences")
def echo_floats(items: list[float]) -> list[float]: ...


@js_import("identity", "sequences")
def echo_ints(items: list[int]) -> list[int]: ...


@js_import("identity", "sequences")
def echo_strs(items: list[str]) -> list[str]: ...


@js_import("identity", "sequences")
def echo_optional_bools(items: list[bool | None]) -> list[bool | None]: ...


@js_import("identity", "sequences")
def echo_matrix(rows: list[list[float]]) -> list[list[float]]: ...


@js_import("identity", "sequences")
def echo_int_tuple(items: tuple[int, ...]) -> tuple[int, ...]: ...


@js_import("identity", "sequences")
def echo_pair(pair: tuple[int, str | None]) -> tuple[int, str | None]: ...


@js_import("identity", "sequences")
def echo_dict(scores: dict[str, int]) -> dict[str, int]: ...


@js_import("identity", "sequences")
def echo_nested_dict(
    groups: dict[str, list[tuple[str, float]]],
) -> dict[str, list[tuple[str, float]]]: ...


@js_import("identity", "sequences")
def echo_objects(items: list[JSObject]) -> list[JSObject]: ...


@js_import("describe", "sequences")
def describe_floats(items: list[float]) -> str: ...


@js_import("describe", "sequences")
def describe_dict(items: dict[str, int]) -> str: ...


def same_floats(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(
        x == y or (math.isnan(x) and math.isnan(y)) for x, y in zip(a, b, strict=True)
    )


@given(st.lists(st.floats() | safe_ints))
@settings(max_examples=100, deadline=None)
def test_float_list_round_trips(items: list[float]) -> None:
    result = echo_floats(items)
    assert type(result) is list
    assert all(type(x) is float for x in result)
    assert same_floats(result, [float(x) for x in items])


@given(st.lists(safe_ints))
@settings(max_examples=100, deadline=None)
def test_int_list_round_trips(items: list[int]) -> None:
    result = echo_ints(items)
    assert result == items
    assert all(type(x) is int for x in result)


@given(st.lists(texts))
@settings(max_examples=100, deadline=None)
def test_str_list_round_trips(items: list[str]) -> None:
    assert echo_strs(items) == items


def test_str_lists_cross_joined_or_as_arrays() -> None:
    # Joined by NUL when no item holds NUL; an item with NUL, or none at all, goes as an Array.
    for items in ([], [""], ["", ""], ["a\x00b", "c"], ["\x00"], ["é", "😀", "x" * 1000]):
        assert echo_strs(items) == items
    with pytest.raises(TypeError) as info:
        echo_strs("ab")  # type: ignore[arg-type]
    assert "must be list[str], got str" in str(info.value)


@given(st.lists(st.booleans() | st.none()))
@settings(max_examples=50, deadline=None)
def test_optional_bool_list_round_trips(items: list[bool | None]) -> None:
    assert echo_optional_bools(items) == items


@given(st.lists(st.lists(st.floats(allow_nan=False), max_size=4), max_size=4))
@settings(max_examples=100, deadline=None)
def test_nested_list_round_trips(rows: list[list[float]]) -> None:
    assert echo_matrix(rows) == rows


@given(st.lists(safe_ints).map(tuple))
@settings(max_examples=50, deadline=None)
def test_int_tuple_round_trips(items: tuple[int, ...]) -> None:
    result = echo_int_tuple(items)
    assert type(result) is tuple
    assert result == items


@given(st.tuples(safe_ints, texts | st.none()))
@settings(max_examples=50, deadline=None)
def test_fixed_tuple_round_trips(pair: tuple[int, str | None]) -> None:
    result = echo_pair(pair)
    assert type(result) is tuple
    assert result == pair


@given(st.dictionaries(texts, safe_ints))
@settings(max_examples=100, deadline=None)
def test_dict_round_trips(scores: dict[str, int]) -> None:
    assert echo_dict(scores) == scores


@given(
    st.dictionaries(
        texts, st.lists(st.tuples(texts, st.floats(allow_nan=False)), max_size=3), max_size=4
    )
)
@settings(max_examples=50, deadline=None)
def test_nested_dict_round_trips(groups: dict[str, list[tuple[str, float]]]) -> None:
    assert echo_nested_dict(groups) == groups


def test_lists_arrive_as_arrays_and_dicts_as_plain_objects() -> None:
    assert describe_floats([1.5, 2]) == "[object Array]"
    assert describe_dict({"a": 1}) == "[object Object]"


def test_jsobject_items_keep_identity() -> None:
    first = echo_objects([])
    assert first == []
    thing = JSObject._wrap(import_js("sequences", "sequences.mjs")._proxy)  # a JS module object
    [back] = echo_objects([thing])
    assert back._proxy == thing._proxy


def test_a_tuple_is_accepted_for_a_list() -> None:
    assert echo_floats((1.0, 2.5)) == [1.0, 2.5]
    assert echo_strs(("a",)) == ["a"]


# -- bad Python values: the index or key is named --------------------------------------------


@pytest.mark.parametrize(
    ("stub", "value", "message"),
    [
        (echo_ints, [1, 2, 3, "x"], "argument 'items'[3] must be int, got str"),
        (echo_ints, [True], "argument 'items'[0] must be int, got bool"),
        (echo_ints, "abc", "argument 'items' must be list[int], got str"),
        (echo_ints, {1, 2}, "argument 'items' must be list[int], got set"),
        (echo_floats, [1.0, None], "argument 'items'[1] must be float, got None"),
        (echo_floats, 3, "argument 'items' must be list[float], got int"),
        (echo_strs, ["a", b"b"], "argument 'items'[1] must be str, got bytes"),
        (echo_matrix, [[1.0], [2.0, "x"]], "argument 'rows'[1][1] must be float, got str"),
        (echo_matrix, [[1.0], 2.5], "argument 'rows'[1] must be list[float], got float"),
        (echo_pair, (1, 2), "argument 'pair'[1] must be str | None, got int"),
        (echo_pair, (1, "a", 3), "argument 'pair' must be tuple[int, str | None], got 3 items"),
        (echo_dict, {"a": 1, "b": "x"}, "argument 'scores'[\"b\"] must be int, got str"),
        (echo_dict, {"a": 1, 3: 1}, "argument 'scores' key 3 must be str, got int"),
        (echo_dict, [("a", 1)], "argument 'scores' must be dict[str, int], got list"),
        (
            echo_nested_dict,
            {"g": [("a", 1.0), ("b", "x")]},
            "argument 'groups'[\"g\"][1][1] must be float, got str",
        ),
        (echo_objects, [1], "argument 'items'[0] must be JSObject, got int"),
    ],
)
def test_wrong_python_items_are_named(stub: Any, value: Any, message: str) -> None:
    with pytest.raises(TypeError) as info:
        stub(value)
    assert str(info.value) == f"{HERE}.{stub.__name__}(): {message}"


def test_dicts_cross_packed_or_as_maps() -> None:
    # Packed (keys joined by NUL) when every key is a str without NUL; else as a Map.
    large = {f"k{i}": i for i in range(300_000)}  # past what one call's arguments can hold
    samples = (
        {"a": 1},
        {"": 2},
        {"a\x00b": 1, "c": 2},
        {"\x00": 3},
        {"é😀": 4, "__proto__": 5},
        large,
    )
    for scores in samples:
        assert echo_dict(scores) == scores
    with pytest.raises(TypeError) as info:
        echo_dict({"a": [1]})  # type: ignore[dict-item]
    assert str(info.value) == f"{HERE}.echo_dict(): argument 'scores'[\"a\"] must be int, got list"


def test_unsafe_int_item_is_overflow() -> None:
    for big in (2**53, 2**70):
        with pytest.raises(OverflowError) as info:
            echo_ints([1, big])
        assert str(info.value) == (
            f"{HERE}.echo_ints(): argument 'items'[1] must be a safe integer within "
            f"±{MAX_SAFE}, got {big}"
        )


def test_huge_int_in_float_list_is_reported() -> None:
    # Too large for a double: the bulk path steps aside and the item is checked on its own.
    assert echo_floats([2**60]) == [float(2**60)]


# -- lists of numbers read from wasm memory (marshal/pymemory.mjs) -------------------------

BOUNDARY_INTS = [0, 1, -1, 2**30 - 1, 2**30, -(2**30), 2**31, 2**53 - 1, -(2**53 - 1)]
BOUNDARY_FLOATS = [0.0, -0.0, 0.5, -1e308, 5e-324, math.inf, -math.inf, *BOUNDARY_INTS]


def test_number_lists_are_read_from_wasm_memory() -> None:
    echo_floats([1.5])
    assert pymemory.reader_active()  # the layout check passed on this Pyodide
    checked = pymemory.read_floats([1.5, 2, -3.25])
    assert checked is not None and checked.array.to_py() == [1.5, 2, -3.25]
    assert pymemory.read_ints((7, -(2**40))).array.to_py() == [7, -(2**40)]
    # Anything but a plain float/int within 53 bits is left to the general path.
    for refused in ([1.5, True], [1.5, "x"], [IntLike(3)], [1.0, 2**60]):
        assert pymemory.read_floats(refused) is None
    for refused in ([1, False], [1, 2.0], [2**53], [-(2**53)], [IntLike(3)]):
        assert pymemory.read_ints(refused) is None


class IntLike(int):
    pass


@pytest.mark.parametrize("container", [list, tuple])
def test_boundary_numbers_cross_exactly(container: Any) -> None:
    assert echo_ints(container(BOUNDARY_INTS)) == BOUNDARY_INTS
    result = echo_floats(container(BOUNDARY_FLOATS))
    assert result == [float(x) for x in BOUNDARY_FLOATS]
    assert math.copysign(1.0, result[1]) == -1.0  # -0.0 keeps its sign
    assert math.isnan(echo_floats(container([math.nan]))[0])


def test_number_lists_read_after_memory_growth() -> None:
    items = [i * 0.5 for i in range(1000)]
    grown = bytearray(64 * 2**20)  # wasm memory grows: the reader takes the new views
    assert echo_floats(items) == items
    assert echo_ints(list(range(-500, 500))) == list(range(-500, 500))
    del grown


def test_general_path_gives_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    floats = ([1.5, 2, -0.0], (3, 2**40), [], [2**53 - 1])
    ints = ([1, -2], (3, 2**40), [], [2**53 - 1])

    def both() -> tuple[list[list[float]], list[list[int]]]:
        return [echo_floats(x) for x in floats], [echo_ints(x) for x in ints]

    fast = both()
    monkeypatch.setattr(pymemory, "read_floats_at", pymemory._not_read)
    monkeypatch.setattr(pymemory, "read_ints_at", pymemory._not_read)
    assert both() == fast


def test_layout_check_turns_the_reader_off_on_a_mismatch() -> None:
    runtime = _bridge._runtime()
    assert pymemory._reader_matches(runtime.numberListReader(id(float), id(int)))
    # A reader that takes ints for floats reads wrong values: the check refuses it.
    assert not pymemory._reader_matches(runtime.numberListReader(id(int), id(float)))
    assert not pymemory._reader_matches(runtime.numberListReader(0, 0))
    # A reader that fails outright (here: no memory to read) turns the path off as well.
    assert not pymemory._reader_matches(object())


# -- bad JS values returned to a stub ------------------------------------------------------


@js_import("badNested", "sequences")
def bad_nested() -> list[list[int]]: ...


@js_import("badDict", "sequences")
def bad_dict() -> dict[str, list[int]]: ...


@js_import("mapValue", "sequences")
def map_value() -> dict[str, int]: ...


@js_import("shortPair", "sequences")
def short_pair() -> tuple[int, int]: ...


@js_import("floats", "sequences")
def typed_floats() -> list[float]: ...


@js_import("floats", "sequences")
def typed_floats_as_ints() -> list[int]: ...


@js_import("protoKey", "sequences")
def proto_key() -> dict[str, int]: ...


@js_import("edgeStrings", "sequences")
def edge_strings(times: int) -> list[str]: ...


@js_import("edgeStrings", "sequences")
def edge_strings_tuple(times: int) -> tuple[str, ...]: ...


@js_import("loneSurrogate", "sequences")
def lone_surrogate() -> list[str]: ...


@js_import("oneLoneSurrogate", "sequences")
def one_lone_surrogate() -> str: ...


def test_js_string_lists_cross_exactly() -> None:
    # From 64 items: one marshal-format buffer (short ASCII or UTF-8 items) read by
    # marshal.loads; below, item by item. Both give the same strs.
    edges = ["", "x" * 255, "y" * 256, "é", "a\x00b", "😀", "z" * 254 + "é", "\x7f"]
    for times in (1, 8, 10, 100):
        assert edge_strings(times) == edges * times
        assert edge_strings_tuple(times) == tuple(edges * times)
    # A lone surrogate has no UTF-8 form: the list takes the general path, like a lone str.
    assert lone_surrogate() == ["a"] * 100 + [one_lone_surrogate(), "b"]


def test_typed_arrays_are_accepted_for_numbers() -> None:
    assert typed_floats() == [0.5, 1.5]
    with pytest.raises(TypeError) as info:
        typed_floats_as_ints()
    assert str(info.value) == (
        f"{HERE}.typed_floats_as_ints(): {RETURNED} 'floats'[0] must be int, got number 0.5"
    )


def test_proto_key_is_an_ordinary_key() -> None:
    assert proto_key() == {"__proto__": 1, "b": 2}


@pytest.mark.parametrize(
    ("stub", "message"),
    [
        (bad_nested, "'badNested'[1][1] must be int, got string \"x\""),
        (bad_dict, "'badDict'[\"b\"][1] must be int, got number 2.5"),
        (map_value, "'mapValue' must be dict[str, int], got object (Map)"),
        (short_pair, "'shortPair' must be tuple[int, int], got Array of 1"),
    ],
)
def test_wrong_js_items_are_named(stub: Any, message: str) -> None:
    with pytest.raises(TypeError) as info:
        stub()
    assert str(info.value) == f"{HERE}.{stub.__name__}(): {RETURNED} {message}"


# -- exports: JS -> Python -> JS, compared in JS --------------------------------------------


@js_export
def export_floats(items: list[float]) -> list[float]:
    assert all(type(x) is float for x in items), items
    return items


@js_export
def export_ints(items: list[int]) -> list[int]:
    assert type(items) is list and all(type(x) is int for x in items), items
    return items


@js_export
def export_matrix(rows: list[list[float]]) -> list[list[float]]:
    return rows


@js_export
def export_tuple(items: tuple[str, ...]) -> tuple[str, ...]:
    assert type(items) is tuple
    return items


@js_export
def export_pair(pair: tuple[int, str | None]) -> tuple[int, str | None]:
    assert type(pair) is tuple
    return pair


@js_export
def export_dict(groups: dict[str, list[int]]) -> dict[str, list[int]]:
    assert type(groups) is dict
    return groups


@js_export
def export_bad_return() -> list[int]:
    return [1, "two"]  # type: ignore[list-item]


@js_export
def export_bad_dict_return() -> dict[str, int]:
    return {"a": 1, 2: 2}  # type: ignore[dict-item]


@js_import("roundTrip", "sequences")
async def round_trip(name: str, args_json: str) -> str: ...


@js_import("roundTrip", "sequences")
async def round_trip_expecting(name: str, args_json: str, expected_json: str) -> str: ...


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False)))
@settings(max_examples=50, deadline=None)
def test_export_float_list_round_trips(items: list[float]) -> None:
    assert run_sync(round_trip("export_floats", json.dumps([items]))) == "same"


@given(st.lists(st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=3), max_size=3))
@settings(max_examples=50, deadline=None)
def test_export_matrix_round_trips(rows: list[list[float]]) -> None:
    assert run_sync(round_trip("export_matrix", json.dumps([rows]))) == "same"


@given(st.lists(safe_ints))
@settings(max_examples=50, deadline=None)
def test_export_int_list_round_trips(items: list[int]) -> None:
    assert run_sync(round_trip("export_ints", json.dumps([items]))) == "same"


@given(st.lists(texts))
@settings(max_examples=50, deadline=None)
def test_export_tuple_round_trips(items: list[str]) -> None:
    assert run_sync(round_trip("export_tuple", json.dumps([items]))) == "same"


@given(st.tuples(safe_ints, texts | st.none()))
@settings(max_examples=50, deadline=None)
def test_export_pair_round_trips(pair: tuple[int, str | None]) -> None:
    expected = [pair[0], pair[1]]
    assert run_sync(round_trip("export_pair", json.dumps([expected]))) == "same"


@given(st.dictionaries(texts, st.lists(safe_ints, max_size=3)))
@settings(max_examples=50, deadline=None)
def test_export_dict_round_trips(groups: dict[str, list[int]]) -> None:
    assert run_sync(round_trip("export_dict", json.dumps([groups]))) == "same"


async def test_exports_accept_typed_arrays_for_numbers() -> None:
    args = json.dumps([{"$float64": [0.5, 2]}])
    assert await round_trip_expecting("export_floats", args, "[0.5, 2]") == "same"
    args = json.dumps([{"$int32": [1, -2]}])
    assert await round_trip_expecting("export_ints", args, "[1, -2]") == "same"


@pytest.mark.parametrize(
    ("name", "args", "message"),
    [
        (
            "export_ints",
            [[1, "x"]],
            "TypeError: argument 'items'[1] must be int (safe integer number), got string \"x\"",
        ),
        (
            "export_ints",
            [[1, 2**53]],
            "RangeError: argument 'items'[1] must be a safe integer within ±9007199254740991, "
            "got 9007199254740992",
        ),
        (
            "export_matrix",
            [[[1], "x"]],
            "TypeError: argument 'rows'[1] must be list[float] (Array of number), got string \"x\"",
        ),
        (
            "export_pair",
            [[1]],
            "TypeError: argument 'pair' must be tuple[int, str | None] (Array of 2), "
            "got Array of 1",
        ),
        (
            "export_dict",
            [{"a": [1, None]}],
            "TypeError: argument 'groups'[\"a\"][1] must be int (safe integer number), got null",
        ),
        (
            "export_dict",
            [[1]],
            "TypeError: argument 'groups' must be dict[str, list[int]] (plain object of Array of "
            "safe integer number), got Array",
        ),
        (
            "export_bad_return",
            [],
            "TypeError: return value[1] must be int (safe integer number), got str",
        ),
        (
            "export_bad_dict_return",
            [],
            "TypeError: return value key 2 must be str (string), got int",
        ),
    ],
)
async def test_wrong_js_arguments_and_python_returns_are_named(
    name: str, args: list[Any], message: str
) -> None:
    result = await round_trip(name, json.dumps(args))
    prefix, _, rest = message.partition(": ")
    assert result == f"{prefix}: {HERE}.{name}: {rest}"
