"""-0 keeps its sign as a ``float``, both ways, alone and inside containers.

A JS ``-0`` used to arrive as ``0.0`` (Pyodide reads a whole JS number as an ``int``): it now
crosses as Python's own ``-0.0``. Python's ``-0.0`` reaches JS as ``-0`` on every path, the
bulk ones too (read from wasm memory, through typed arrays).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

from jsinterop import js_export, js_import

from .conftest import import_js


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("negative_zero", "negative_zero.mjs")


def is_negative_zero(value: float) -> bool:
    return value == 0 and math.copysign(1, value) == -1


@dataclass
class Record:
    x: float
    y: float


# -- Python -> JS ------------------------------------------------------------------------------


@js_import("negativeZeroPaths", "negative_zero")
def paths_of_float(value: float) -> list[str]: ...


@js_import("negativeZeroPaths", "negative_zero")
def paths_of_floats(value: list[float]) -> list[str]: ...


@js_import("negativeZeroPaths", "negative_zero")
def paths_of_tuple(value: tuple[float, ...]) -> list[str]: ...


@js_import("negativeZeroPaths", "negative_zero")
def paths_of_pair(value: tuple[float, float]) -> list[str]: ...


@js_import("negativeZeroPaths", "negative_zero")
def paths_of_dict(value: dict[str, float]) -> list[str]: ...


@js_import("negativeZeroPaths", "negative_zero")
def paths_of_record(value: Record) -> list[str]: ...


@js_import("negativeZeroPaths", "negative_zero")
def paths_of_optional(value: float | None) -> list[str]: ...


@js_import("negativeZeroPaths", "negative_zero")
def paths_of_union(value: float | str) -> list[str]: ...


class Float(float):
    """A float subclass: a list holding one is not read from wasm memory."""


@pytest.mark.parametrize(
    ("stub", "value", "paths"),
    [
        (paths_of_float, -0.0, [""]),
        (paths_of_floats, [1.5, -0.0, 0.0], ["[1]"]),  # read from wasm memory
        (paths_of_floats, [1.5, -0.0, Float(2)], ["[1]"]),  # through a Float64Array
        (paths_of_floats, (-0.0, 3), ["[0]"]),
        (paths_of_tuple, (-0.0, 0.0), ["[0]"]),
        (paths_of_pair, (0.0, -0.0), ["[1]"]),
        (paths_of_dict, {"a": -0.0, "b": 0.0}, [".a"]),
        (paths_of_record, Record(-0.0, 0.0), [".x"]),
        (paths_of_optional, -0.0, [""]),
        (paths_of_union, -0.0, [""]),
    ],
)
def test_python_negative_zero_reaches_js_as_negative_zero(
    stub: object, value: object, paths: list[str]
) -> None:
    assert stub(value) == paths  # type: ignore[operator]


# -- JS -> Python ------------------------------------------------------------------------------


@js_import("negativeZero", "negative_zero")
def negative_zero() -> float: ...


@js_import("negativeZero", "negative_zero")
def negative_zero_optional() -> float | None: ...


@js_import("negativeZero", "negative_zero")
def negative_zero_union() -> float | str: ...


@js_import("array", "negative_zero")
def array_as_list() -> list[float]: ...


@js_import("array", "negative_zero")
def array_as_optional_list() -> list[float | None]: ...


@js_import("float64Array", "negative_zero")
def float64_array_as_list() -> list[float]: ...


@js_import("array", "negative_zero")
def array_as_tuple() -> tuple[float, ...]: ...


@js_import("pair", "negative_zero")
def pair_as_pair() -> tuple[float, float]: ...


@js_import("record", "negative_zero")
def record_as_record() -> Record: ...


@js_import("record", "negative_zero")
def record_as_dict() -> dict[str, float]: ...


def test_js_negative_zero_arrives_as_negative_zero() -> None:
    for read in (negative_zero, negative_zero_optional, negative_zero_union):
        value = read()
        assert type(value) is float and is_negative_zero(value), read.__name__
    lists = (array_as_list(), float64_array_as_list(), array_as_tuple(), array_as_optional_list())
    for items in lists:
        assert [is_negative_zero(item) for item in items] == [False, True, False], items
    first, second = pair_as_pair()
    assert is_negative_zero(first) and not is_negative_zero(second)
    record = record_as_record()
    assert is_negative_zero(record.x) and not is_negative_zero(record.y)
    fields = record_as_dict()
    assert is_negative_zero(fields["x"]) and not is_negative_zero(fields["y"])


def test_many_negative_zeros_cross() -> None:
    for _ in range(1000):
        assert is_negative_zero(negative_zero())


# -- exports -----------------------------------------------------------------------------------


@js_export
def negative_zero_back(value: float) -> float:
    """Gets JS's -0 as -0.0 and gives it back."""
    if not is_negative_zero(value):
        raise ValueError(f"expected -0.0, got {value!r}")
    return value


@js_export
def echo_floats(values: list[float]) -> list[float]:
    return values


@js_import("exportPathsFor", "negative_zero")
async def export_paths_for(name: str, argument: str) -> list[str]: ...


async def test_exports_keep_the_sign_both_ways() -> None:
    assert await export_paths_for("negative_zero_back", "scalar") == [""]
    assert await export_paths_for("echo_floats", "array") == ["[1]"]
    assert await export_paths_for("echo_floats", "typed") == ["[0]"]
