"""Callable[[A, B], R] <-> JS function, and the dynamic ``object`` / ``Any``.

A Python callable goes to JS as a JS function made by the JS half (``callables.mjs``) around
a compiled *callback*: a function converting the arguments JS passes (already checked in JS)
and the value the callable returns. :mod:`jsinterop._handles` keeps one JS function per
callable and ``Callable`` shape alive while JS holds it, so passing the same callable twice
gives the same JS function. A JS function comes to Python wrapped in a compiled *JS caller*
that converts the arguments on their way to JS and the value it returns; that wrapper goes
back to JS as the original JS function, and a Python callable that went to JS comes back
as itself. Both are compiled by the marshaller compiler (``jsinterop._compile``), reached
through the registry.

``Any`` converts by the value's own type (:func:`jsinterop._object.to_js_any`): primitives
cross as they are, ``JSObject`` unwraps, callables become JS functions taking and returning
``Any``, and other objects become opaque JS handles (``PythonObject``) that come back as the
same object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jsinterop import _bridge, _handles
from jsinterop._marshal import registry
from jsinterop._marshal.registry import Env
from jsinterop._object import JSObject, from_js_any, original_of, to_js_any
from jsinterop._spec_types import AnySpec, CallableSpec, TypeSpec, spec_to_json

__all__ = ["JS_FUNCTION", "KINDS", "Shape", "from_js", "object_to_js", "to_js"]

KINDS = ("callable", "any")

JS_FUNCTION = "__jsinterop_js_function__"
"""The attribute of a JS caller that holds the JS function it calls."""


class Shape:
    """What a ``Callable[...]`` annotation needs at run time, compiled once per annotation."""

    __slots__ = ("make_callback", "make_js_caller", "spec", "spec_json")

    def __init__(self, spec: CallableSpec, where: str) -> None:
        compiler = registry.compiler.get()
        self.spec = spec
        self.spec_json = _bridge.dumps(spec_to_json(spec))
        self.make_callback = compiler.callback_factory(spec, where)
        self.make_js_caller = compiler.js_caller_factory(spec, where)


def _name(value: Any) -> str:
    module = getattr(value, "__module__", None)
    name = getattr(value, "__qualname__", None) or type(value).__qualname__
    return f"{module}.{name}" if module else name


def python_callable_to_js(value: Any, shape: Shape) -> Any:
    """The JS function for Python callable ``value`` in ``shape`` (the same while JS holds it)."""
    try:
        key: Any = (value, shape.spec_json)
        hash(key)
    except TypeError:
        key = (("id", id(value)), shape.spec_json)

    def make(handle: int) -> Any:
        callback = shape.make_callback(value)
        return _bridge.new_callback(handle, shape.spec_json, _name(value), callback)

    return _handles.python_to_js(value, key, "callable", make)


def callable_to_js(value: Any, shape: Shape, where: str) -> Any:
    """Python ``value`` on its way to JS as a function."""
    js_function = getattr(value, JS_FUNCTION, None)
    if js_function is not None:
        return js_function
    if type(value) is JSObject:
        return to_js_any(value, where)
    if not callable(value):
        raise TypeError(f"{where} must be callable, got {type(value).__name__}")
    return python_callable_to_js(value, shape)


def callable_from_js(value: Any, make_js_caller: Callable[[Any], Any]) -> Any:
    """A JS function as a typed Python callable; a Python callable that went to JS as itself."""
    if isinstance(value, _bridge.JsDoubleProxy):
        return original_of(value.unwrap())
    if isinstance(value, _bridge.JsProxy):
        return make_js_caller(value)
    return value


class _Dynamic:
    """The ``Callable[..., Any]`` shape of a callable sent as ``Any``, made at first use."""

    shape: Shape | None = None


def object_to_js(value: Any) -> Any:
    """A Python object that is not a primitive, sent as ``Any``: a function or an opaque handle."""
    if callable(value):
        js_function = getattr(value, JS_FUNCTION, None)
        if js_function is not None:
            return js_function
        if _Dynamic.shape is None:
            _Dynamic.shape = Shape(CallableSpec(None, AnySpec()), "a Python callable")
        return python_callable_to_js(value, _Dynamic.shape)

    def make(handle: int) -> Any:
        return _bridge.new_object_handle(handle, value)

    return _handles.python_to_js(value, ("object", id(value)), "object", make)


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Expression sending Python ``value`` to JS as a callable or as ``Any``."""
    if isinstance(spec, AnySpec):
        return f"{env.add('to_js_any', to_js_any)}({value}, {env.add('where', where)})"
    assert isinstance(spec, CallableSpec)
    shape = env.add("shape", Shape(spec, where))
    helper = env.add("callable_to_js", callable_to_js)
    return f"{helper}({value}, {shape}, {env.add('where', where)})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Expression reading a JS value (already checked by the JS half) as a callable or ``Any``."""
    if isinstance(spec, AnySpec):
        return f"{env.add('from_js_any', from_js_any)}({value})"
    assert isinstance(spec, CallableSpec)
    make = env.add("make_js_caller", Shape(spec, where).make_js_caller)
    return f"{env.add('callable_from_js', callable_from_js)}({value}, {make})"
