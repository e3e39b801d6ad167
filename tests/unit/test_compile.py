"""The generated stub function: the stub's own signature, and names that cannot collide.

On CPython there is no JS runtime, so a well-formed call reaches the binding step and stops
there with a clear error; a malformed one is refused by Python before it.
"""

from __future__ import annotations

import inspect

import pytest

from jsinterop import js_import

NO_RUNTIME = "jsinterop needs its JS runtime"


def test_generated_function_keeps_the_stub_signature() -> None:
    def stub(a: int, /, b: str = "x", *, c: float = 1.0) -> None: ...

    generated = js_import("f", "M")(stub)
    code = generated.__code__
    assert code.co_posonlyargcount == 1
    assert code.co_argcount == 2
    assert code.co_kwonlyargcount == 1
    assert code.co_varnames[:3] == ("a", "b", "c")
    assert inspect.signature(generated) == inspect.signature(stub)
    assert generated.__name__ == "stub"
    with pytest.raises(TypeError, match="positional-only"):
        generated(a=1)
    with pytest.raises(TypeError, match="missing 1 required positional argument"):
        generated()
    with pytest.raises(RuntimeError, match=NO_RUNTIME):
        generated(1, "y", c=2.0)


def test_parameter_and_function_names_cannot_shadow_generated_names() -> None:
    def call(call: int, result: int, error: int, target: int, make: int) -> int: ...

    generated = js_import("f", "M")(call)
    with pytest.raises(RuntimeError, match=NO_RUNTIME):
        generated(1, 2, 3, 4, 5)


def test_generated_source_is_shown_in_tracebacks() -> None:
    import linecache

    def stub(a: int) -> int: ...

    generated = js_import("f", "M")(stub)
    filename = generated.__code__.co_filename
    assert filename == f"<jsinterop import {__name__}.{stub.__qualname__}>"
    assert "def stub(a):" in "".join(linecache.getlines(filename))
