"""bool, int, float, str and None: Pyodide carries them; the JS half validates them.

The only Python-side work is for ``float`` coming from JS: a JS number with an integral value
arrives in Python as an ``int``, and a ``float`` annotation promises a ``float``.
"""

from __future__ import annotations

from jsinterop._marshal.registry import Env
from jsinterop._spec_types import TypeSpec

__all__ = ["KINDS", "from_js", "to_js"]

KINDS = ("bool", "int", "float", "str", "none")


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Primitives need no Python-side conversion on the way to JS."""
    return None


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``float(value)`` for floats; nothing for the other primitives."""
    if spec.kind == "float":
        return f"float({value})"
    return None
