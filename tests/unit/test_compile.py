"""The marshaller compiler on CPython: generated functions keep the target's parameters, bind
a stub's JS function once, and wrap only what needs converting."""

from __future__ import annotations

import linecache
import uuid
from typing import Any

import pytest

from jsinterop import _compile
from jsinterop._compile import ImportBinding, compile_export, compile_import
from jsinterop._spec_reader import signature_spec
from jsinterop._spec_types import CallableSpec, IntSpec, StrSpec


class FakeBinding(ImportBinding):
    """Binds to a Python function standing for the JS one, counting the binds."""

    def __init__(self, stub: Any, target: Any) -> None:
        super().__init__(signature_spec(stub, role="js_import"), "target", "Fake")
        self.target = target
        self.binds = 0

    def bind(self) -> Any:
        self.binds += 1
        return self.target


def test_a_stub_binds_once_and_keeps_its_parameters() -> None:
    def add(a: int, b: int = 2, *, scale: int = 1) -> int: ...

    binding = FakeBinding(add, lambda a, b, scale: (a + b) * scale)
    stub = compile_import(add, binding.spec, binding)
    assert stub(1) == 3
    assert stub(1, 3, scale=2) == 8
    assert binding.binds == 1
    assert stub.__name__ == "add" and stub.__jsinterop_spec__ == binding.spec  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match="unexpected keyword argument 'c'"):
        stub(1, c=2)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'a'"):
        stub()  # type: ignore[call-arg]


def test_generated_source_is_in_linecache() -> None:
    def greet(name: str) -> str: ...

    binding = FakeBinding(greet, lambda name: name)
    compile_import(greet, binding.spec, binding)
    lines = linecache.getlines(f"<jsinterop import {binding.spec.qualified_name}>")
    assert any("def greet(name):" in line for line in lines)


def test_an_export_with_nothing_to_convert_is_the_function_itself() -> None:
    def double(x: int) -> int:
        return 2 * x

    assert compile_export(double, signature_spec(double, role="js_export")) is double


def test_an_export_checks_its_return_value_as_a_marshalling_error() -> None:
    def name_of(x: int) -> uuid.UUID:
        return "not a UUID"  # type: ignore[return-value]

    wrapper = compile_export(name_of, signature_spec(name_of, role="js_export"))
    assert wrapper is not name_of
    with pytest.raises(TypeError) as info:
        wrapper(1)
    assert str(info.value).endswith("name_of: return value must be UUID, got str")
    assert getattr(info.value, "__jsinterop_check_failure__", False)


def test_a_js_caller_converts_positionally_and_remembers_its_js_function() -> None:
    make = _compile.js_caller_factory(CallableSpec((IntSpec(), StrSpec()), StrSpec()), "cb")

    def js_function(a: int, b: str) -> str:
        return f"{b}{a}"

    caller = make(js_function)
    assert caller(1, "x") == "x1"
    assert caller.__jsinterop_js_function__ is js_function
    with pytest.raises(TypeError):
        caller(a=1, b="x")  # positional only, as in JS


def test_a_callback_remembers_its_python_target() -> None:
    make = _compile.callback_factory(CallableSpec((IntSpec(),), IntSpec()), "cb")

    def target(x: int) -> int:
        return x + 1

    callback = make(target)
    assert callback(1) == 2
    assert callback.__jsinterop_original__ is target
