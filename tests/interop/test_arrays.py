"""array.array <-> the typed array of its typecode, copied (Pyodide)."""

from __future__ import annotations

import json
import math
from array import array
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyodide.ffi import run_sync

from jsinterop import js_export, js_import

from .conftest import import_js

HERE = "jsinterop_tests.test_arrays"
RETURNED = "the value returned by JS"

TYPED = {
    "b": "Int8Array",
    "B": "Uint8Array",
    "h": "Int16Array",
    "H": "Uint16Array",
    "i": "Int32Array",
    "I": "Uint32Array",
    "f": "Float32Array",
    "d": "Float64Array",
    "q": "BigInt64Array",
    "Q": "BigUint64Array",
}


def items_for(code: str) -> st.SearchStrategy[list[Any]]:
    if code in "fd":
        width = 32 if code == "f" else 64
        return st.lists(st.floats(width=width, allow_nan=False), max_size=20)
    bits = array(code).itemsize * 8
    low, high = (0, 2**bits - 1) if code.isupper() else (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)
    return st.lists(st.integers(low, high), max_size=20)


arrays = st.sampled_from(list(TYPED)).flatmap(
    lambda code: items_for(code).map(lambda items: array(code, items))
)


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("arrays", "arrays.mjs")


@js_import("identity", "arrays")
def echo(value: array) -> array: ...  # type: ignore[type-arg]


@js_import("identity", "arrays")
def echo_floats(value: array[float]) -> array[float]: ...


@js_import("identity", "arrays")
def echo_optional(value: list[array[int]] | None) -> list[array[int]] | None: ...


@js_import("describe", "arrays")
def describe(value: array) -> str: ...  # type: ignore[type-arg]


@js_import("typeName", "arrays")
def type_name(value: array) -> str: ...  # type: ignore[type-arg]


@given(arrays)
@settings(max_examples=200, deadline=None)
def test_arrays_round_trip_with_their_typecode(value: array[Any]) -> None:
    back = echo(value)
    assert back.typecode == value.typecode
    assert back == value
    assert back is not value


@given(arrays)
@settings(max_examples=50, deadline=None)
def test_each_typecode_crosses_as_its_typed_array(value: array[Any]) -> None:
    assert type_name(value) == TYPED[value.typecode]


def test_nested_arrays() -> None:
    value = [array("i", [1, 2]), array("Q", [2**64 - 1])]
    assert echo_optional(value) == value
    assert echo_optional(None) is None


@pytest.mark.parametrize(
    ("stub", "value", "message"),
    [
        (echo, [1.0, 2.0], "argument 'value' must be array.array, got list"),
        (echo, array("l", [1]), "argument 'value' must be array.array, got array.array('l')"),
        (
            echo_floats,
            array("i", [1]),
            "argument 'value' must be array.array[float], got array.array('i')",
        ),
        (
            echo_optional,
            [array("d")],
            "argument 'value'[0] must be array.array[int], got array.array('d')",
        ),
    ],
)
def test_wrong_python_values(stub: Any, value: Any, message: str) -> None:
    with pytest.raises(TypeError) as info:
        stub(value)
    assert str(info.value) == f"{HERE}.{stub.__name__}(): {message}"


@js_import("int32", "arrays")
def int32_as_floats() -> array[float]: ...


@js_import("plainArray", "arrays")
def plain_array() -> array: ...  # type: ignore[type-arg]


@js_import("buffer", "arrays")
def node_buffer() -> array: ...  # type: ignore[type-arg]


def test_wrong_js_values() -> None:
    with pytest.raises(TypeError) as info:
        int32_as_floats()
    assert str(info.value) == (
        f"{HERE}.int32_as_floats(): {RETURNED} 'int32' must be array.array[float], "
        "got object (Int32Array)"
    )
    with pytest.raises(TypeError) as info:
        plain_array()
    assert str(info.value) == (
        f"{HERE}.plain_array(): {RETURNED} 'plainArray' must be array.array, got Array"
    )


def test_node_buffer_arrives_as_bytes() -> None:
    assert node_buffer() == array("B", [1, 2, 3])


# -- exports ----------------------------------------------------------------------------------


@js_export
def export_array(value: array) -> array:  # type: ignore[type-arg]
    assert type(value) is array
    return value


@js_export
def export_floats(value: array[float]) -> array[float]:
    return value


@js_export
def export_bad_return() -> array:  # type: ignore[type-arg]
    return [1, 2]  # type: ignore[return-value]


@js_import("callWith", "arrays")
async def call_with(name: str, type_name: str, items_json: str) -> str: ...


@given(arrays)
@settings(max_examples=100, deadline=None)
def test_exports_take_and_give_typed_arrays(value: array[Any]) -> None:
    items = [str(x) if value.typecode in "qQ" else x for x in value]
    if value.typecode in "fd" and not all(math.isfinite(x) for x in value):
        return
    expected = describe(value)
    assert run_sync(call_with("export_array", TYPED[value.typecode], json.dumps(items))) == expected


async def test_wrong_js_arguments() -> None:
    assert await call_with("export_floats", "Int32Array", "[1]") == (
        f"TypeError: {HERE}.export_floats: argument 'value' must be array.array[float] "
        "(Float32Array or Float64Array), got object (Int32Array)"
    )
    assert await call_with("export_array", "Array", "[1]") == (
        f"TypeError: {HERE}.export_array: argument 'value' must be array.array (a typed array), "
        "got Array"
    )
    assert await call_with("export_bad_return", "none", "[]") == (
        f"TypeError: {HERE}.export_bad_return: return value must be array.array, got list"
    )
