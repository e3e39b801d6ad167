"""Python halves of the marshallers, one module per type family.

Each family module offers ``to_js(spec, value, env)`` and ``from_js(spec, value, env)``: they
return the source of a Python expression that converts ``value`` on its way to JS, or on its
way back from JS, or ``None`` when the value crosses as it is (Pyodide converts primitives
itself, and the JS half validates them). ``env`` collects the helpers the expression names.
The compiler in :mod:`jsinterop._compile` pastes these expressions into one generated
function per signature, so a call does no lookups.
"""

from __future__ import annotations

from jsinterop._marshal import objects, primitives
from jsinterop._marshal._env import Env
from jsinterop._spec import OptionalSpec, TypeSpec

__all__ = ["Env", "from_js", "to_js"]


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Expression sending Python ``value`` to JS as ``spec``, or ``None`` for as-is."""
    if isinstance(spec, OptionalSpec):
        inner = to_js(spec.inner, value, env, where)
        return None if inner is None else f"(None if {value} is None else {inner})"
    if spec.kind == "jsobject":
        return objects.to_js(spec, value, env, where)
    return primitives.to_js(spec, value, env, where)


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Expression reading JS ``value`` (already validated by the JS half) as ``spec``."""
    if isinstance(spec, OptionalSpec):
        inner = from_js(spec.inner, value, env, where)
        return None if inner is None else f"(None if {value} is None else {inner})"
    if spec.kind == "jsobject":
        return objects.from_js(spec, value, env, where)
    return primitives.from_js(spec, value, env, where)
