"""uuid.UUID <-> JS string in the canonical form, inside Pyodide."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyodide.ffi import run_sync

from jsinterop import js_export, js_import

from .conftest import import_js

HERE = "jsinterop_tests.test_uuids"
RETURNED = "the value returned by JS"


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("collections", "collections.mjs")


@js_import("identity", "collections")
def echo(value: uuid.UUID) -> uuid.UUID: ...


@js_import("identity", "collections")
def echo_many(values: list[uuid.UUID | None]) -> list[uuid.UUID | None]: ...


@js_import("identity", "collections")
def echo_keys(values: dict[uuid.UUID, int]) -> dict[uuid.UUID, int]: ...


@js_import("describe", "collections")
def describe(value: uuid.UUID) -> str: ...


@js_import("badUuid", "collections")
def bad_uuid() -> uuid.UUID: ...


@js_import("upperUuid", "collections")
def upper_uuid() -> uuid.UUID: ...


@js_import("uuidInBraces", "collections")
def uuid_in_braces() -> uuid.UUID: ...


@given(st.uuids())
@settings(max_examples=60, deadline=None)
def test_uuid_round_trips(value: uuid.UUID) -> None:
    result = echo(value)
    assert result == value and type(result) is uuid.UUID


def test_uuids_nest() -> None:
    first, second = uuid.uuid4(), uuid.uuid4()
    assert echo_many([first, None, second]) == [first, None, second]
    assert echo_keys({first: 1}) == {first: 1}


def test_js_sees_the_canonical_string() -> None:
    value = uuid.UUID("6fa459ea-ee8a-3ca4-894e-db77e160355e")
    assert describe(value) == "string:6fa459ea-ee8a-3ca4-894e-db77e160355e"


def test_a_malformed_string_is_a_type_error() -> None:
    with pytest.raises(TypeError) as info:
        bad_uuid()
    assert (
        str(info.value)
        == f"{HERE}.bad_uuid(): {RETURNED} 'badUuid' must be UUID, got string \"not-a-uuid\""
    )
    with pytest.raises(TypeError):
        uuid_in_braces()
    assert upper_uuid() == uuid.UUID("6fa459ea-ee8a-3ca4-894e-db77e160355e")


def test_a_str_is_not_a_uuid() -> None:
    with pytest.raises(TypeError) as info:
        echo("6fa459ea-ee8a-3ca4-894e-db77e160355e")  # type: ignore[arg-type]
    assert str(info.value) == f"{HERE}.echo(): argument 'value' must be UUID, got str"


@js_export
def export_next(value: uuid.UUID) -> uuid.UUID:
    return uuid.UUID(int=(value.int + 1) % 2**128)


@js_import("callUuidExport", "collections")
async def call_uuid_export(name: str, value: object) -> str: ...


def test_exports_take_and_give_uuids() -> None:
    result = run_sync(call_uuid_export("export_next", "00000000-0000-0000-0000-000000000001"))
    assert result == "string:00000000-0000-0000-0000-000000000002"
    result = run_sync(call_uuid_export("export_next", "nope"))
    assert result == (
        f"TypeError: {HERE}.export_next: argument 'value' must be UUID (UUID string), "
        'got string "nope"'
    )
