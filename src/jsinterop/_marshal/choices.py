"""``enum.Enum`` and ``Literal[...]`` <-> JS string or number.

The JS half checks that a value is one of the allowed ones (a Set lookup) and lists them when
it is not. Python's only work is for an Enum: the member's ``value`` on the way out (after
checking that it is a member), and the member for a value on the way in (one dict lookup).
"""

from __future__ import annotations

import enum
from typing import Any

from jsinterop._marshal.registry import Env
from jsinterop._spec_types import ChoiceSpec, TypeSpec

__all__ = ["KINDS", "enum_to_js", "from_js", "to_js"]

KINDS = ("choice",)


def enum_to_js(value: Any, enum_class: type[enum.Enum], where: str) -> Any:
    """The member's value; anything else is refused here, naming the Enum."""
    if type(value) is enum_class:
        return value.value
    raise TypeError(f"{where} must be {enum_class.__qualname__}, got {type(value).__name__}")


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``enum_to_js(value, Enum, where)`` for an Enum; nothing for a Literal."""
    assert isinstance(spec, ChoiceSpec)
    if spec.enum is None:
        return None
    helper = env.add("enum_to_js", enum_to_js)
    return f"{helper}({value}, {env.add('enum', spec.enum)}, {env.add('where', where)})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``members[value]`` for an Enum (the JS half checked the value); nothing for a Literal."""
    assert isinstance(spec, ChoiceSpec)
    if spec.enum is None:
        return None
    members = {member.value: member for member in spec.enum}
    return f"{env.add('members', members)}[{value}]"
