"""bytes and bytearray <-> Uint8Array, copied, inside Pyodide."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyodide.ffi import run_sync

from jsinterop import js_export, js_import

from .conftest import import_js

HERE = "jsinterop_tests.test_buffers"


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("buffers", "buffers.mjs")


@js_import("identity", "buffers")
def echo(value: bytes) -> bytes: ...


@js_import("identity", "buffers")
def echo_bytearray(value: bytearray) -> bytearray: ...


@js_import("identity", "buffers")
def echo_chunks(chunks: dict[str, list[bytes]]) -> dict[str, list[bytes]]: ...


@js_import("describe", "buffers")
def describe(value: bytes) -> str: ...


@js_import("arrayBuffer", "buffers")
def array_buffer() -> bytes: ...


@js_import("dataView", "buffers")
def data_view() -> bytes: ...


@js_import("numbers", "buffers")
def numbers() -> bytes: ...


@js_import("subclassed", "buffers")
def subclassed(offset: int) -> bytes: ...


@js_import("Buffer.from")
def node_buffer(values: list[int]) -> bytes: ...


@js_export
def export_echo(value: bytes) -> bytes:
    assert type(value) is bytes
    return value


@js_export
def export_bytearray(value: bytearray) -> bytearray:
    assert type(value) is bytearray
    return value


@js_import("callExport", "buffers")
async def call_export(name: str, hex: str, kind: str = "Uint8Array") -> str: ...


@given(st.binary())
@settings(max_examples=100, deadline=None)
def test_bytes_round_trip(value: bytes) -> None:
    result = echo(value)
    assert type(result) is bytes
    assert result == value


@given(st.binary())
@settings(max_examples=50, deadline=None)
def test_bytearray_round_trips(value: bytes) -> None:
    result = echo_bytearray(bytearray(value))
    assert type(result) is bytearray
    assert result == value


@given(st.dictionaries(st.text(max_size=4), st.lists(st.binary(max_size=8), max_size=3)))
@settings(max_examples=50, deadline=None)
def test_nested_bytes_round_trip(chunks: dict[str, list[bytes]]) -> None:
    assert echo_chunks(chunks) == chunks


@given(st.binary(), st.sampled_from(["Uint8Array", "ArrayBuffer", "DataView"]))
@settings(max_examples=100, deadline=None)
def test_export_round_trips_in_js(value: bytes, kind: str) -> None:
    assert run_sync(call_export("export_echo", value.hex(), kind)) == "same"
    assert run_sync(call_export("export_bytearray", value.hex(), kind)) == "same"


def test_js_gets_a_uint8array_and_python_accepts_views() -> None:
    assert describe(b"abc") == "[object Uint8Array]"
    assert echo(bytearray(b"ab")) == b"ab"  # type: ignore[arg-type]
    assert echo(memoryview(b"xyz")) == b"xyz"  # type: ignore[arg-type]
    assert array_buffer() == b"\x01\x02\x03"
    assert data_view() == b"\x01\x02\x03"


def test_a_uint8array_subclass_is_bytes() -> None:
    assert subclassed(0) == b"\x09\x01\x02\x03"
    assert subclassed(1) == b"\x01\x02\x03"


def test_a_node_buffer_is_bytes() -> None:
    assert node_buffer([1, 2, 3]) == b"\x01\x02\x03"


def test_wrong_values_both_ways() -> None:
    with pytest.raises(TypeError) as info:
        echo("abc")  # type: ignore[arg-type]
    assert str(info.value) == f"{HERE}.echo(): argument 'value' must be bytes, got str"
    with pytest.raises(TypeError) as info:
        echo_chunks({"a": [b"x", [1]]})  # type: ignore[list-item]
    assert str(info.value) == (
        f"{HERE}.echo_chunks(): argument 'chunks'[\"a\"][1] must be bytes, got list"
    )
    with pytest.raises(TypeError) as info:
        numbers()
    assert str(info.value) == (
        f"{HERE}.numbers(): the value returned by JS 'numbers' must be bytes, got Array"
    )


async def test_wrong_js_arguments_for_exports() -> None:
    assert await call_export("export_echo", "0102", "Array") == (
        f"TypeError: {HERE}.export_echo: argument 'value' must be bytes "
        "(Uint8Array, ArrayBuffer or DataView), got Array"
    )
