"""The public API is what __all__ says, sorted, and every name in it is documented."""

from __future__ import annotations

import types

import jsinterop


def test_all_is_sorted_and_complete() -> None:
    public = {
        name
        for name in dir(jsinterop)
        if not name.startswith("_") and not isinstance(getattr(jsinterop, name), types.ModuleType)
    }
    assert jsinterop.__all__ == sorted(jsinterop.__all__)
    assert set(jsinterop.__all__) == public


def test_every_public_name_has_a_docstring_with_an_example() -> None:
    for name in jsinterop.__all__:
        doc = getattr(jsinterop, name).__doc__ or ""
        assert "Examples" in doc, f"{name} has no Examples section"
