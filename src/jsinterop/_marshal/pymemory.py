"""Lists of floats and ints read by JS straight from wasm memory (the JS half is
``_framework/marshal/pymemory.mjs``).

The reader gets the list's address (``id()``; the caller holds the list for the whole call)
and returns the checked Array, or undefined (``None`` here) when an item needs the general
path. The object layout it reads is checked once, at first use, against the probes below; on
any difference the fast path stays off and every list takes the general path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jsinterop import _bridge

__all__ = ["read_floats", "read_ints", "reader_active"]

_PROBE_FLOATS = [1.5, -0.25, 0.0, 0, 7, -(2**29), 2**31 + 5, -(2**52), float("inf")]
_PROBE_INTS = [0, 1, -1, 255, 2**30 - 1, 2**30, -(2**40) - 3, 2**53 - 1, -(2**53 - 1)]
_PROBES_REFUSED = {
    "floats": ([1.5, True], [2.0, "x"], [1.0, 2**60], [1.0, 2**53]),
    "ints": ([1, True], [1, 1.0], [1, 2**53], [-(2**53), 1], [2**90]),
}


def _reader_matches(reader: Any) -> bool:
    try:
        return _probes_read_right(reader)
    except Exception:  # another layout can make the reader fail (a wild length): off, too
        return False


def _probes_read_right(reader: Any) -> bool:
    for kind, probe in (("floats", _PROBE_FLOATS), ("ints", _PROBE_INTS)):
        read = getattr(reader, kind)
        for values in (probe, tuple(probe)):
            checked = read(id(values), type(values) is tuple)
            if checked is None or checked.array.to_py() != list(values):
                return False
        for refused in _PROBES_REFUSED[kind]:
            if read(id(refused), False) is not None:
                return False
    return True


class _State:
    active = False


_state = _State()


def reader_active() -> bool:
    """Whether the memory reader passed its layout check (it is checked at first use)."""
    return _state.active


def _set_up() -> None:
    global read_floats_at, read_ints_at
    try:
        reader = _bridge.number_list_reader(id(float), id(int))
    except Exception:  # a runtime without the reader: the general path only
        reader = None
    if reader is not None and _reader_matches(reader):
        read_floats_at, read_ints_at = reader.floats, reader.ints
        _state.active = True
    else:
        read_floats_at = read_ints_at = _not_read


def _not_read(address: int, tuple_: bool) -> None:
    return None


read_floats_at: Callable[[int, bool], Any] = _bridge.bind_on_first_call(
    globals(), "read_floats_at", _set_up
)
read_ints_at: Callable[[int, bool], Any] = _bridge.bind_on_first_call(
    globals(), "read_ints_at", _set_up
)


def read_floats(values: list[Any] | tuple[Any, ...]) -> Any:
    """``values`` as checked JS numbers when every item is a plain float or int, else None."""
    return read_floats_at(id(values), type(values) is tuple)


def read_ints(values: list[Any] | tuple[Any, ...]) -> Any:
    """``values`` as checked JS numbers when every item is a plain int within 53 bits, else None."""
    return read_ints_at(id(values), type(values) is tuple)
