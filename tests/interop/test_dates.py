"""datetime <-> Date, to the millisecond, inside Pyodide."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyodide.ffi import run_sync

from jsinterop import js_export, js_import

from .conftest import import_js

HERE = "jsinterop_tests.test_dates"
RETURNED = "the value returned by JS"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

aware = st.datetimes(
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)), UTC]),
    min_value=datetime(1, 1, 2),
    max_value=datetime(9999, 12, 30),
)
milliseconds = st.integers(-62135596800000, 253402300799999)


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("dates", "dates.mjs")


@js_import("identity", "dates")
def echo(value: datetime) -> datetime: ...


@js_import("identity", "dates")
def echo_list(values: list[datetime | None]) -> list[datetime | None]: ...


@js_import("iso", "dates")
def iso(value: datetime) -> str: ...


@js_import("invalid", "dates")
def invalid() -> datetime: ...


@js_import("farFuture", "dates")
def far_future() -> datetime: ...


@js_import("timestamp", "dates")
def timestamp() -> datetime: ...


@js_export
def export_echo(value: datetime) -> datetime:
    assert value.tzinfo is UTC
    return value


@js_import("callExport", "dates")
async def call_export(name: str, ms: float, raw: bool = False) -> str: ...


def truncated(value: datetime) -> datetime:
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


@given(aware)
@settings(max_examples=200, deadline=None)
def test_aware_datetime_round_trips_to_the_millisecond(value: datetime) -> None:
    result = echo(value)
    assert result.tzinfo is UTC
    assert result == truncated(value)


@given(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)))
@settings(max_examples=100, deadline=None)
def test_naive_datetime_is_taken_as_utc(value: datetime) -> None:
    assert echo(value) == truncated(value).replace(tzinfo=UTC)


@given(st.lists(aware | st.none(), max_size=4))
@settings(max_examples=50, deadline=None)
def test_datetime_list_round_trips(values: list[datetime | None]) -> None:
    assert echo_list(values) == [None if v is None else truncated(v) for v in values]


@given(milliseconds)
@settings(max_examples=200, deadline=None)
def test_export_round_trips_in_js(ms: int) -> None:
    assert run_sync(call_export("export_echo", ms)) == "same"


def test_js_sees_the_same_instant() -> None:
    offset = timezone(timedelta(hours=2))
    assert iso(datetime(2024, 5, 1, 12, 30, tzinfo=offset)) == "2024-05-01T10:30:00.000Z"
    assert iso(datetime(2024, 5, 1, 12, 30, 0, 999999)) == "2024-05-01T12:30:00.999Z"
    assert timestamp() == datetime(2024, 1, 1, tzinfo=UTC)


def test_wrong_python_values() -> None:
    with pytest.raises(TypeError) as info:
        echo("2024-01-01")  # type: ignore[arg-type]
    assert str(info.value) == f"{HERE}.echo(): argument 'value' must be datetime, got str"
    with pytest.raises(TypeError) as info:
        echo_list([EPOCH, 3])  # type: ignore[list-item]
    assert str(info.value) == f"{HERE}.echo_list(): argument 'values'[1] must be datetime, got int"


def test_wrong_js_values() -> None:
    with pytest.raises(TypeError) as info:
        invalid()
    assert str(info.value) == (
        f"{HERE}.invalid(): {RETURNED} 'invalid' must be datetime, got Invalid Date"
    )
    with pytest.raises(OverflowError) as info:
        far_future()
    assert str(info.value) == (
        f"{HERE}.far_future(): {RETURNED} 'farFuture' must be a Date within years 1 to 9999, "
        "got +275760-09-13T00:00:00.000Z"
    )


async def test_wrong_js_arguments_for_exports() -> None:
    where = f"{HERE}.export_echo: argument 'value'"
    assert await call_export("export_echo", 5, True) == (
        f"TypeError: {where} must be datetime (Date), got number 5"
    )
    assert await call_export("export_echo", float("nan")) == (
        f"TypeError: {where} must be datetime (Date), got Invalid Date"
    )
