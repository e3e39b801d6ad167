"""Doctests of ``src/jsinterop`` run on CPython in ``make unit``.

One convention marks examples that need Pyodide (a JS runtime): they stand in a block under a
line that starts with ``In Pyodide`` and ends with ``::`` (``In Pyodide::``, ``In Pyodide, in
the browser::``). Those are skipped here (the interop suite runs the
same calls inside WebAssembly); every other example runs.
"""

from __future__ import annotations

import doctest

import pytest
from _pytest.doctest import DoctestItem

PYODIDE_ONLY = "::"  # a block introduced by a line "In Pyodide...::"


def _opens_pyodide_block(line: str) -> bool:
    text = line.strip()
    return text.startswith("In Pyodide") and text.endswith(PYODIDE_ONLY)


def _pyodide_only_lines(docstring: str) -> set[int]:
    """The line numbers (0-based, within the docstring) of every ``In Pyodide::`` block."""
    lines = docstring.splitlines()
    inside: set[int] = set()
    for start, line in enumerate(lines):
        if not _opens_pyodide_block(line):
            continue
        indent = len(line) - len(line.lstrip())
        for number in range(start + 1, len(lines)):
            text = lines[number]
            if text.strip() and len(text) - len(text.lstrip()) <= indent:
                break
            inside.add(number)
    return inside


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not isinstance(item, DoctestItem) or item.dtest is None:
            continue
        skipped = _pyodide_only_lines(item.dtest.docstring or "")
        for example in item.dtest.examples:
            if example.lineno in skipped:
                example.options[doctest.SKIP] = True
