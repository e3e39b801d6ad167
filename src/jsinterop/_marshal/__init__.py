"""Python halves of the marshallers, one module per type family.

Each family module offers ``to_js(spec, value, env)`` and ``from_js(spec, value, env)``: they
return the source of a Python expression that converts ``value`` on its way to JS, or on its
way back from JS, or ``None`` when the value crosses as it is (Pyodide converts primitives
itself, and the JS half validates them). ``env`` collects the helpers the expression names.
The compiler in :mod:`jsinterop._compile` pastes these expressions into one generated
function per signature, so a call does no lookups.
"""

from __future__ import annotations

from types import ModuleType

from jsinterop._marshal._env import Env
from jsinterop._spec import OptionalSpec, TypeSpec

__all__ = ["Env", "from_js", "to_js"]


def _families() -> dict[str, ModuleType]:
    # Imported here: the container families call back into to_js/from_js for their items.
    from jsinterop._marshal import (
        arrays,
        awaitables,
        bigints,
        buffers,
        callables,
        choices,
        dates,
        exceptions,
        mappings,
        memoryviews,
        objects,
        primitives,
        sequences,
        structs,
        unions,
    )

    return {
        "bool": primitives,
        "int": primitives,
        "float": primitives,
        "str": primitives,
        "none": primitives,
        "jsobject": objects,
        "bigint": bigints,
        "datetime": dates,
        "bytes": buffers,
        "bytearray": buffers,
        "choice": choices,
        "list": sequences,
        "tuple": sequences,
        "fixed_tuple": sequences,
        "dict": mappings,
        "struct": structs,
        "union": unions,
        "array": arrays,
        "memoryview": memoryviews,
        "exception": exceptions,
        "callable": callables,
        "any": callables,
        "awaitable": awaitables,
    }


_FAMILIES = _families()


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Expression sending Python ``value`` to JS as ``spec``, or ``None`` for as-is."""
    if isinstance(spec, OptionalSpec):
        inner = to_js(spec.inner, value, env, where)
        return None if inner is None else f"(None if {value} is None else {inner})"
    return _FAMILIES[spec.kind].to_js(spec, value, env, where)  # type: ignore[no-any-return]


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Expression reading JS ``value`` (already validated by the JS half) as ``spec``."""
    if isinstance(spec, OptionalSpec):
        inner = from_js(spec.inner, value, env, where)
        return None if inner is None else f"(None if {value} is None else {inner})"
    return _FAMILIES[spec.kind].from_js(spec, value, env, where)  # type: ignore[no-any-return]
