"""``datetime.datetime`` <-> JS Date, to the millisecond.

Python builds the number of milliseconds since the epoch (an aware datetime exactly, a naive
one taken as UTC; microseconds below a millisecond are dropped, as a Date has none) and the
JS half makes the Date. A Date comes back as its milliseconds, checked by the JS half (an
invalid Date or one outside years 1 to 9999 is refused), and becomes an aware UTC datetime.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from jsinterop._marshal.registry import Env
from jsinterop._spec_types import TypeSpec

__all__ = ["KINDS", "datetime_from_js", "datetime_to_js", "from_js", "to_js"]

KINDS = ("datetime",)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MILLISECOND = timedelta(milliseconds=1)


def datetime_to_js(value: Any, where: str) -> int:
    """Milliseconds since the epoch; naive datetimes are UTC."""
    if not isinstance(value, datetime):
        raise TypeError(f"{where} must be datetime, got {type(value).__name__}")
    moment: datetime = value
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // _MILLISECOND


def datetime_from_js(milliseconds: float) -> datetime:
    """The aware UTC datetime ``milliseconds`` after the epoch (the JS half checked the range)."""
    return _EPOCH + timedelta(milliseconds=milliseconds)


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``datetime_to_js(value, where)``."""
    return f"{env.add('datetime_to_js', datetime_to_js)}({value}, {env.add('where', where)})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``datetime_from_js(value)``."""
    return f"{env.add('datetime_from_js', datetime_from_js)}({value})"
