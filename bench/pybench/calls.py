"""Exports measured from JS against the raw PyProxy of the same function."""

from __future__ import annotations

from jsinterop import js_export

__all__ = ["add"]


@js_export
def add(a: int, b: int) -> int:
    """Two ints in, one int out: the cheapest typed export.

    ``@js_export`` returns the function unchanged, so ``pybench.calls.add`` read with
    ``pyodide.pyimport`` is the raw function behind the typed export.

    Examples
    --------
    >>> add(1, 2)
    3
    """
    return a + b
