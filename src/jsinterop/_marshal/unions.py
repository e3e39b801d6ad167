"""``X | Y`` unions of members that JS (and Python) can tell apart.

A union of plain members (bool, int, float, str, Literal) crosses as it is: the JS half picks
the member by the value's JS type and checks it. When some member converts in Python, the
value crosses with its member's index (a JS Array ``[index, value]``): Python picks the member
by the value's Python type on the way out, and the JS half picks it by the JS type on the way
in, so neither side has to guess from a converted value (a datetime crosses as a number).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jsinterop import _bridge
from jsinterop._marshal import item_converters
from jsinterop._marshal.registry import Env
from jsinterop._spec_types import TypeSpec, UnionSpec, python_types

__all__ = ["KINDS", "from_js", "to_js", "union_from_js", "union_to_js"]

KINDS = ("union",)

_CONVERTED = (TypeError, ValueError, OverflowError)
_BUILTIN_MODULES = frozenset({"builtins", "datetime", "array"})

Member = tuple[tuple[type, ...], tuple[type, ...], Callable[[Any], Any]]


def _unchanged(value: Any) -> Any:
    return value


def _members(spec: UnionSpec, env: Env) -> tuple[Member, ...]:
    """Per member: exact Python types, classes checked with isinstance, converter."""
    members = []
    for member in spec.members:
        types = python_types(member)
        exact = tuple(t for t in types if t.__module__ in _BUILTIN_MODULES)
        classes = tuple(t for t in types if t.__module__ not in _BUILTIN_MODULES)
        convert = item_converters.to_js_function(member, env, "") or _unchanged
        members.append((exact, classes, convert))
    return tuple(members)


def union_to_js(value: Any, members: tuple[Member, ...], where: str) -> Any:
    """``[index, converted]`` for the member ``value``'s type picks; else ``value`` itself.

    A value no member takes crosses as it is, and the JS half reports it with the members.
    """
    kind = type(value)
    for index, (exact, classes, convert) in enumerate(members):
        if kind in exact or (classes and isinstance(value, classes)):
            try:
                return _bridge.list_to_js([index, convert(value)])
            except _CONVERTED as error:
                raise item_converters.at(error, "", where) from None
    return value


def union_from_js(value: Any, converters: tuple[Callable[[Any], Any], ...]) -> Any:
    """The JS half's ``[index, value]``, read by that member's converter."""
    index, item = value.to_py(depth=1)
    return converters[index](item)


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Nothing for a plain union; ``union_to_js(...)`` for a tagged one."""
    assert isinstance(spec, UnionSpec)
    if not spec.tagged:
        return None
    members = env.add("members", _members(spec, env))
    return f"{env.add('union_to_js', union_to_js)}({value}, {members}, {env.add('where', where)})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``float(value)`` for an int arriving for a float member; the tagged member's reader."""
    assert isinstance(spec, UnionSpec)
    if not spec.tagged:
        if any(member.kind == "float" for member in spec.members):
            return f"(float({value}) if type({value}) is int else {value})"
        return None
    converters = tuple(
        item_converters.from_js_function(member, env, where) for member in spec.members
    )
    converters_name = env.add("union_members", converters)
    return f"{env.add('union_from_js', union_from_js)}({value}, {converters_name})"
