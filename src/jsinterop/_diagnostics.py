"""Decoration errors collected instead of raised, for ``jsinterop check``.

Normally a bad stub raises ``TypeError`` when it is decorated, which stops the import at the
first one. Inside :func:`collecting`, the decorators record each error with its file and line
and leave the function undecorated, so one run reports all of them. Every stub that did
decorate is recorded too, for the checks against the JS modules.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

__all__ = ["Collector", "Problem", "StubRecord", "collecting", "current"]


class Problem(NamedTuple):
    """One problem, where it is and what it says."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class StubRecord(NamedTuple):
    """A decorated ``@js_import`` stub: what it binds to and where it is declared."""

    qualified_name: str
    function_name: str
    module_name: str | None
    parameter_count: int
    file: str
    line: int


class Collector:
    """What one :func:`collecting` block saw."""

    __slots__ = ("problems", "stubs")

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.stubs: list[StubRecord] = []


_current: Collector | None = None


def current() -> Collector | None:
    """The active collector, or ``None`` when errors raise as usual."""
    return _current


def location(func: Any) -> tuple[str, int]:
    """The file and first line (its first decorator) of a function."""
    code = getattr(func, "__code__", None)
    if code is None:
        return ("<unknown>", 0)
    return (code.co_filename, code.co_firstlineno)


@contextmanager
def collecting() -> Iterator[Collector]:
    """Collect decoration errors and stubs instead of raising.

    Examples
    --------
    >>> from jsinterop import js_import
    >>> with collecting() as seen:
    ...     @js_import("f", "M")
    ...     def bad(a) -> int: ...
    >>> [problem.message.split(": ", 1)[1] for problem in seen.problems]
    ["parameter 'a' has no type annotation"]
    """
    global _current
    previous, _current = _current, Collector()
    try:
        yield _current
    finally:
        _current = previous
