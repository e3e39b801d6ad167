"""@dataclass, TypedDict and NamedTuple <-> plain JS objects with those fields (Pyodide)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, NamedTuple, NotRequired, TypedDict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyodide.ffi import run_sync

from jsinterop import js_export, js_import
from jsinterop._marshal import packed

from .conftest import import_js

MAX_SAFE = 2**53 - 1
HERE = "jsinterop_tests.test_structs"
RETURNED = "the value returned by JS"

safe_ints = st.integers(-MAX_SAFE, MAX_SAFE)
texts = st.text(max_size=8)


@dataclass
class Point:
    x: int
    y: float


@dataclass
class Shape:
    name: str
    points: list[Point]
    corner: Point | None
    tags: list[str] = field(default_factory=list)


class Labelled(TypedDict):
    x: int
    label: NotRequired[str]


class Pair(NamedTuple):
    left: str
    right: int = 0


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("structs", "structs.mjs")


# -- imports: Python -> JS -> Python through an identity function ----------------------------


@js_import("identity", "structs")
def echo_point(p: Point) -> Point: ...


@js_import("identity", "structs")
def echo_shape(shape: Shape) -> Shape: ...


@js_import("identity", "structs")
def echo_labelled(value: Labelled) -> Labelled: ...


@js_import("identity", "structs")
def echo_pairs(pairs: list[Pair]) -> list[Pair]: ...


@js_import("keys", "structs")
def keys_of_shape(shape: Shape) -> str: ...


points = st.builds(Point, safe_ints, st.floats(allow_nan=False, allow_infinity=False))
shapes = st.builds(
    Shape, texts, st.lists(points, max_size=3), points | st.none(), st.lists(texts, max_size=2)
)


@given(points)
@settings(max_examples=50, deadline=None)
def test_dataclass_round_trips(point: Point) -> None:
    back = echo_point(point)
    assert back == point
    assert type(back.y) is float


@given(shapes)
@settings(max_examples=50, deadline=None)
def test_nested_dataclass_round_trips(shape: Shape) -> None:
    assert echo_shape(shape) == shape


@given(st.fixed_dictionaries({"x": safe_ints}, optional={"label": texts}))
@settings(max_examples=50, deadline=None)
def test_typeddict_round_trips(value: Labelled) -> None:
    back = echo_labelled(value)
    assert back == value
    assert type(back) is dict


@given(st.lists(st.builds(Pair, texts, safe_ints), max_size=3))
@settings(max_examples=50, deadline=None)
def test_namedtuple_round_trips(pairs: list[Pair]) -> None:
    back = echo_pairs(pairs)
    assert back == pairs
    assert all(type(pair) is Pair for pair in back)


def test_fields_arrive_as_a_plain_object() -> None:
    assert keys_of_shape(Shape("s", [], None)) == "name,points,corner,tags"


@pytest.mark.parametrize(
    ("stub", "value", "message"),
    [
        (echo_point, Point("a", 1.0), "argument 'p'.x must be int, got str"),  # type: ignore[arg-type]
        (echo_point, {"x": 1, "y": 2.0}, "argument 'p' must be Point, got dict"),
        (
            echo_shape,
            Shape("s", [Point(1, 1.0), Point(1, "b")], None),  # type: ignore[arg-type]
            "argument 'shape'.points[1].y must be float, got str",
        ),
        (echo_shape, Shape("s", [], 3), "argument 'shape'.corner must be Point, got int"),  # type: ignore[arg-type]
        (echo_labelled, {"label": "a"}, "argument 'value' is missing field 'x'"),
        (echo_labelled, {"x": 1, "z": 2}, "argument 'value' has unexpected field 'z'"),
        (echo_labelled, {"x": "1"}, "argument 'value'.x must be int, got str"),
        (echo_pairs, [Pair("a", 1), ("b", 2)], "argument 'pairs'[1] must be Pair, got tuple"),
    ],
)
def test_wrong_python_fields_are_named(stub: Any, value: Any, message: str) -> None:
    with pytest.raises(TypeError) as info:
        stub(value)
    assert str(info.value) == f"{HERE}.{stub.__name__}(): {message}"


@dataclass
class One:
    only: str


@dataclass
class Empty:
    pass


@js_import("identity", "structs")
def echo_one(value: One) -> One: ...


@js_import("identity", "structs")
def echo_empty(value: Empty) -> Empty: ...


def test_records_cross_packed_as_call_arguments() -> None:
    pack = packed.pack_values
    assert pack(1, 2.5, "a", None) is not None
    assert pack("a\x00b", 1, 2) is not None
    # A Python object has no JS form: the pack declines and the record goes as a Map.
    assert pack(1, [2]) is None
    assert pack("a", object()) is None
    assert echo_one(One("x")) == One("x")
    assert echo_empty(Empty()) == Empty()
    assert echo_pairs([Pair("a", 1), Pair("b")]) == [Pair("a", 1), Pair("b", 0)]


@pytest.mark.parametrize(
    ("stub", "value", "message"),
    [
        (echo_point, Point([1], 1.0), "argument 'p'.x must be int, got list"),  # type: ignore[arg-type]
        (echo_point, Point(1, object()), "argument 'p'.y must be float, got object"),  # type: ignore[arg-type]
        (echo_one, One({"a": 1}), "argument 'value'.only must be str, got dict"),  # type: ignore[arg-type]
        (echo_pairs, [Pair("a", [])], "argument 'pairs'[0].right must be int, got list"),  # type: ignore[arg-type]
    ],
)
def test_python_objects_in_fields_are_named(stub: Any, value: Any, message: str) -> None:
    # These values are Python objects: the packed path steps aside and the Map path names them.
    with pytest.raises(TypeError) as info:
        stub(value)
    assert str(info.value) == f"{HERE}.{stub.__name__}(): {message}"


# -- bad JS values returned to a stub ------------------------------------------------------


@js_import("wrongField", "structs")
def wrong_field() -> Point: ...


@js_import("missingField", "structs")
def missing_field() -> Point: ...


@js_import("extraField", "structs")
def extra_field() -> Point: ...


@js_import("nestedWrong", "structs")
def nested_wrong() -> Shape: ...


@js_import("notAnObject", "structs")
def not_an_object() -> Point: ...


@js_import("missingField", "structs")
def missing_with_default() -> Shape: ...


@pytest.mark.parametrize(
    ("stub", "message"),
    [
        (wrong_field, "'wrongField'.x must be int, got string \"a\""),
        (missing_field, "'missingField' is missing field 'y'"),
        (extra_field, "'extraField' has unexpected field 'z'"),
        (nested_wrong, "'nestedWrong'.points[1].y must be float, got string \"2\""),
        (not_an_object, "'notAnObject' must be Point, got Array"),
    ],
)
def test_wrong_js_fields_are_named(stub: Any, message: str) -> None:
    with pytest.raises(TypeError) as info:
        stub()
    assert str(info.value) == f"{HERE}.{stub.__name__}(): {RETURNED} {message}"


# -- exports: JS -> Python -> JS, compared in JS --------------------------------------------


@js_export
def export_point(p: Point) -> Point:
    assert type(p) is Point and type(p.y) is float, p
    return p


@js_export
def export_shape(shape: Shape) -> Shape:
    assert type(shape) is Shape and all(type(p) is Point for p in shape.points), shape
    return shape


@js_export
def export_labelled(value: Labelled) -> Labelled:
    assert type(value) is dict
    return value


@js_export
def export_pair(pair: Pair) -> Pair:
    assert type(pair) is Pair
    return pair


@js_export
def export_bad_point() -> Point:
    return Point(1, "y")  # type: ignore[arg-type]


@js_export
def export_bad_labelled() -> Labelled:
    return {"x": 1, "extra": 2}  # type: ignore[typeddict-unknown-key]


@js_import("roundTrip", "structs")
async def round_trip(name: str, args_json: str) -> str: ...


@js_import("roundTrip", "structs")
async def round_trip_expecting(name: str, args_json: str, expected_json: str) -> str: ...


def shape_json(shape: Shape) -> Any:
    def point(p: Point | None) -> Any:
        return None if p is None else {"x": p.x, "y": p.y}

    return {
        "name": shape.name,
        "points": [point(p) for p in shape.points],
        "corner": point(shape.corner),
        "tags": shape.tags,
    }


@given(shapes)
@settings(max_examples=50, deadline=None)
def test_export_dataclass_round_trips(shape: Shape) -> None:
    value = shape_json(shape)
    assert run_sync(round_trip("export_shape", json.dumps([value]))) == "same"


@given(st.fixed_dictionaries({"x": safe_ints}, optional={"label": texts}))
@settings(max_examples=50, deadline=None)
def test_export_typeddict_round_trips(value: dict[str, Any]) -> None:
    assert run_sync(round_trip("export_labelled", json.dumps([value]))) == "same"


async def test_export_defaults_fill_missing_fields() -> None:
    value = {"name": "n", "points": [], "corner": None}
    expected = {**value, "tags": []}
    assert (
        await round_trip_expecting("export_shape", json.dumps([value]), json.dumps(expected))
        == "same"
    )
    # A required `T | None` field may be left out: it reads as None.
    value = {"name": "n", "points": []}
    expected = {**value, "corner": None, "tags": []}
    assert (
        await round_trip_expecting("export_shape", json.dumps([value]), json.dumps(expected))
        == "same"
    )
    assert (
        await round_trip_expecting("export_pair", '[{"left": "a"}]', '{"left": "a", "right": 0}')
        == "same"
    )


@pytest.mark.parametrize(
    ("name", "args", "message"),
    [
        (
            "export_point",
            [{"x": "a", "y": 1}],
            "TypeError: argument 'p'.x must be int (safe integer number), got string \"a\"",
        ),
        ("export_point", [{"x": 1}], "TypeError: argument 'p' is missing field 'y'"),
        (
            "export_point",
            [{"x": 1, "y": 2, "z": 3}],
            "TypeError: argument 'p' has unexpected field 'z'",
        ),
        (
            "export_point",
            [[1, 2]],
            "TypeError: argument 'p' must be Point (plain object with x, y), got Array",
        ),
        (
            "export_shape",
            [{"name": "n", "points": [{"x": 1, "y": "2"}]}],
            "TypeError: argument 'shape'.points[0].y must be float (number), got string \"2\"",
        ),
        ("export_bad_point", [], "TypeError: return value.y must be float (number), got str"),
        ("export_bad_labelled", [], "TypeError: return value has unexpected field 'extra'"),
    ],
)
async def test_wrong_js_arguments_name_the_field(name: str, args: list[Any], message: str) -> None:
    assert (
        await round_trip(name, json.dumps(args))
        == f"{message.split(': ', 1)[0]}: {HERE}.{name}: {message.split(': ', 1)[1]}"
    )
