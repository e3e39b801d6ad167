"""``Annotated[int, JSType.BigInt]`` <-> JS bigint.

Pyodide sends a Python int as a JS number while it is a safe integer and as a bigint beyond;
the JS half turns both into a bigint (and rejects everything else). A JS bigint arrives in
Python as ``JsBigInt``, an int subclass; ``int()`` makes it a plain int.
"""

from __future__ import annotations

from jsinterop._marshal.registry import Env
from jsinterop._spec_types import TypeSpec

__all__ = ["KINDS", "from_js", "to_js"]

KINDS = ("bigint",)


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Nothing on the Python side: the JS half checks and converts."""
    return None


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``int(value)``."""
    return f"int({value})"
