"""uuid.UUID <-> JS string in the canonical 8-4-4-4-12 hex form.

On the way to JS, Python checks the value is a UUID and sends ``str(value)``; on the way back,
the JS half checks the string's form (a malformed one is a TypeError naming it) and Python
makes the UUID.
"""

from __future__ import annotations

import uuid
from typing import Any

from jsinterop._marshal.registry import Env
from jsinterop._spec_types import TypeSpec

__all__ = ["KINDS", "from_js", "to_js", "uuid_to_js"]

KINDS = ("uuid",)


def uuid_to_js(value: Any, where: str) -> str:
    """``str(value)`` for a UUID; a TypeError naming ``where`` for anything else."""
    if not isinstance(value, uuid.UUID):
        raise TypeError(f"{where} must be UUID, got {type(value).__name__}")
    return str(value)


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``uuid_to_js(value, where)``."""
    return f"{env.add('uuid_to_js', uuid_to_js)}({value}, {env.add('where', where)})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``UUID(value)``: the JS half has checked the form."""
    return f"{env.add('UUID', uuid.UUID)}({value})"
