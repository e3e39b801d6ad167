"""Callable[[A, B], R] <-> JS function, and the dynamic ``object`` / ``Any``.

A Python callable goes to JS as a JS function made by the JS half (``callables.mjs``) around
a compiled *target*: a function converting the arguments JS passes (already checked in JS)
and the value the callable returns. :mod:`jsinterop._handles` keeps one JS function per
callable and ``Callable`` shape alive while JS holds it, so passing the same callable twice
gives the same JS function. A JS function comes to Python wrapped in a compiled function
that converts the arguments on their way to JS and the value it returns; that wrapper goes
back to JS as the original JS function, and a Python callable that went to JS comes back
as itself.

``Any`` converts by the value's own type: primitives cross as they are, ``JSObject`` unwraps,
callables become JS functions taking and returning ``Any``, and other objects become opaque
JS handles (``PythonObject``) that come back as the same object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jsinterop import _bridge, _handles, _marshal
from jsinterop._marshal import _items
from jsinterop._marshal._env import Env
from jsinterop._object import JSObject
from jsinterop._spec import AnySpec, CallableSpec, NoneSpec, TypeSpec, spec_to_json

__all__ = ["from_js", "object_to_js", "to_js"]

_JS_FUNCTION = "__jsinterop_js_function__"


class Shape:
    """What a ``Callable[...]`` annotation needs at run time, compiled once per annotation."""

    __slots__ = ("make_js_caller", "make_target", "spec", "spec_json", "type_name")

    def __init__(self, spec: CallableSpec, where: str) -> None:
        self.spec = spec
        self.spec_json = _bridge.dumps(spec_to_json(spec))
        self.make_target = _target_factory(spec, where)
        self.make_js_caller = _js_caller_factory(spec, where)


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
        return _bridge.new_callback(handle, shape.spec_json, _name(value), shape.make_target(value))

    return _handles.python_to_js(value, key, "callable", make)


def callable_to_js(value: Any, shape: Shape, where: str) -> Any:
    """Python ``value`` on its way to JS as a function."""
    js_function = getattr(value, _JS_FUNCTION, None)
    if js_function is not None:
        return js_function
    if type(value) is JSObject:
        return _bridge.to_js_any(value, where)
    if not callable(value):
        raise TypeError(f"{where} must be callable, got {type(value).__name__}")
    return python_callable_to_js(value, shape)


def callable_from_js(value: Any, make_js_caller: Callable[[Any], Any]) -> Any:
    """A JS function as a typed Python callable; a Python callable that went to JS as itself."""
    if isinstance(value, _bridge.JsDoubleProxy):
        return _bridge.original_of(value.unwrap())
    if isinstance(value, _bridge.JsProxy):
        return make_js_caller(value)
    return value


_DYNAMIC: Shape | None = None


def object_to_js(value: Any) -> Any:
    """A Python object that is not a primitive, sent as ``Any``: a function or an opaque handle."""
    if callable(value):
        js_function = getattr(value, _JS_FUNCTION, None)
        if js_function is not None:
            return js_function
        global _DYNAMIC
        if _DYNAMIC is None:
            _DYNAMIC = Shape(CallableSpec(None, AnySpec()), "a Python callable")
        return python_callable_to_js(value, _DYNAMIC)

    def make(handle: int) -> Any:
        return _bridge.new_object_handle(handle, value)

    return _handles.python_to_js(value, ("object", id(value)), "object", make)


# -- compiled per shape ---------------------------------------------------------------------


def _target_factory(spec: CallableSpec, where: str) -> Callable[[Any], Any]:
    """``make(fn)``: the function JS calls for the Python callable ``fn``.

    An exception is returned (as a JS Error the JS half throws), not raised: see
    :func:`jsinterop._bridge.thrown_to_js`.
    """
    env = Env()
    if spec.params is None:
        from_any = env.add("from_js_any", _bridge.from_js_any)
        head = "*_jsi_args"
        call = f"_jsi_target(*[{from_any}(_jsi_a) for _jsi_a in _jsi_args])"
    else:
        names = [f"_jsi_a{i}" for i in range(len(spec.params))]
        head = ", ".join(names)
        arguments = [
            _marshal.from_js(param, name, env, f"{where}: argument {i}") or name
            for i, (param, name) in enumerate(zip(spec.params, names, strict=True))
        ]
        call = f"_jsi_target({', '.join(arguments)})"
    if spec.is_async:
        call = f"await {call}"
    result = None
    if not isinstance(spec.returns, NoneSpec):
        result = _marshal.to_js(spec.returns, "_jsi_result", env, f"{where}: return value")
    thrown = env.add("thrown", _bridge.thrown_to_js)
    result_lines = _items.return_lines(result, env)
    source = (
        "def _jsi_make(_jsi_target):\n"
        f"    {'async ' if spec.is_async else ''}def callback({head}):\n"
        "        try:\n"
        f"            _jsi_result = {call}\n"
        "        except Exception as _jsi_error:\n"
        f"            return {thrown}(_jsi_error)\n"
        f"{result_lines}"
        f"    callback.{_bridge.ORIGINAL} = _jsi_target\n"
        "    return callback\n"
    )
    return _compile(source, env, f"<jsinterop callback {where}>")


def _js_caller_factory(spec: CallableSpec, where: str) -> Callable[[Any], Any]:
    """``make(js_function)``: the typed Python callable calling a JS function."""
    env = Env()
    translate = env.add("translate", _bridge.translate_error)
    js_exception = env.add("JsException", _bridge.JsException)
    if spec.params is None:
        to_any = env.add("to_js_any", _bridge.to_js_any)
        head = "*_jsi_args"
        call = f"_jsi_call(*[{to_any}(_jsi_a, {env.add('where', where)}) for _jsi_a in _jsi_args])"
    else:
        names = [f"_jsi_a{i}" for i in range(len(spec.params))]
        head = ", ".join([*names, "/"]) if names else ""
        arguments = [
            _marshal.to_js(param, name, env, f"{where}: argument {i}") or name
            for i, (param, name) in enumerate(zip(spec.params, names, strict=True))
        ]
        call = f"_jsi_call({', '.join(arguments)})"
    if spec.is_async:
        call = f"await {call}"
    if isinstance(spec.returns, NoneSpec):
        body = f"            {call}\n            return None\n"
    else:
        result = _marshal.from_js(spec.returns, "_jsi_result", env, f"{where}: returned")
        body = f"            _jsi_result = {call}\n            return {result or '_jsi_result'}\n"
    source = (
        "def _jsi_make(_jsi_call):\n"
        f"    {'async ' if spec.is_async else ''}def js_function({head}):\n"
        "        try:\n"
        f"{body}"
        f"        except {js_exception} as _jsi_error:\n"
        f"            raise {translate}(_jsi_error) from None\n"
        f"    js_function.{_JS_FUNCTION} = _jsi_call\n"
        "    return js_function\n"
    )
    return _compile(source, env, f"<jsinterop JS function {where}>")


def _compile(source: str, env: Env, filename: str) -> Callable[[Any], Any]:
    import linecache

    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace: dict[str, Any] = dict(env.names)
    exec(compile(source, filename, "exec"), namespace)
    return namespace["_jsi_make"]  # type: ignore[no-any-return]


# -- family entry points --------------------------------------------------------------------


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Expression sending Python ``value`` to JS as a callable or as ``Any``."""
    if isinstance(spec, AnySpec):
        return f"{env.add('to_js_any', _bridge.to_js_any)}({value}, {env.add('where', where)})"
    assert isinstance(spec, CallableSpec)
    shape = env.add("shape", Shape(spec, where))
    helper = env.add("callable_to_js", callable_to_js)
    return f"{helper}({value}, {shape}, {env.add('where', where)})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Expression reading a JS value (already checked by the JS half) as a callable or ``Any``."""
    if isinstance(spec, AnySpec):
        return f"{env.add('from_js_any', _bridge.from_js_any)}({value})"
    assert isinstance(spec, CallableSpec)
    make = env.add("make_js_caller", Shape(spec, where).make_js_caller)
    return f"{env.add('callable_from_js', callable_from_js)}({value}, {make})"
