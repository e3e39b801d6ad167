"""The examples in ``jsinterop.components``' docstrings run and show what they say."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import jsinterop.components

MODULES = sorted(
    f"jsinterop.components.{info.name}"
    for info in pkgutil.iter_modules(jsinterop.components.__path__)
)


@pytest.mark.parametrize("name", ["jsinterop.components", *MODULES])
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
