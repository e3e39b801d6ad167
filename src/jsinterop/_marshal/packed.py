"""Records packed into one JS call (the JS half is ``_framework/marshal/packed.mjs``).

A dataclass's or NamedTuple's field values, or a dict's NUL-joined keys followed by its values,
become the arguments of one JS call: ~3x cheaper than converting a dict. Used by the structs
and mappings families.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jsinterop import _bridge

__all__ = ["pack_values"]


def _set_up() -> None:
    global pack_values
    pack_values = _bridge.packer()


pack_values: Callable[..., Any] = _bridge.bind_on_first_call(globals(), "pack_values", _set_up)
"""``pack_values(*values)``: the record as the JS half packs it, or None when a value is a
Python object with no JS form: the caller then sends a Map (:func:`jsinterop._bridge.map_to_js`),
whose check names the value."""
