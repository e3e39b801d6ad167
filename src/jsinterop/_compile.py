"""Compile a SignatureSpec into the Python half of its marshaller, once, at decoration time.

The generated function has the stub's own parameters (so Python itself reports a wrong
arity or an unknown keyword), converts only what needs converting, and calls the bound JS
function held in a closure cell. The cell first holds a binder; the first call binds the JS
function, stores it in the cell and from then on every call goes straight to it.
"""

from __future__ import annotations

import functools
import inspect
import linecache
from collections.abc import Callable
from typing import Any

from jsinterop import _bridge, _marshal
from jsinterop._marshal import _items
from jsinterop._spec import NoneSpec, SignatureSpec, TypeSpec

__all__ = ["ImportBinding", "compile_export", "compile_import"]


class ImportBinding:
    """Where a stub's JS function lives; binds it on first use."""

    __slots__ = ("function_name", "module_name", "spec", "spec_json")

    def __init__(self, spec: SignatureSpec, function_name: str, module_name: str | None) -> None:
        self.spec = spec
        self.function_name = function_name
        self.module_name = module_name
        self.spec_json = _bridge.dumps(spec.to_json())

    def bind(self) -> Any:
        """Look the JS function up and build its JS-side marshaller (the JS half)."""
        return _bridge.bind_import(self.spec_json, self.function_name, self.module_name)


def _parameter_list(stub: Callable[..., Any], env: _marshal.Env) -> str:
    """The stub's parameter list as source, with ``/`` and ``*`` where the stub has them."""
    params = list(inspect.signature(stub).parameters.values())
    parts: list[str] = []
    for index, param in enumerate(params):
        before = params[index - 1].kind if index else None
        after = params[index + 1].kind if index + 1 < len(params) else None
        if param.kind is param.KEYWORD_ONLY and before is not param.KEYWORD_ONLY:
            parts.append("*")
        text = param.name
        if param.default is not param.empty:
            text += f"={env.add('default', param.default)}"
        parts.append(text)
        if param.kind is param.POSITIONAL_ONLY and after is not param.POSITIONAL_ONLY:
            parts.append("/")
    return ", ".join(parts)


def _arguments(
    spec: SignatureSpec,
    convert: Callable[[TypeSpec, str, _marshal.Env, str], str | None],
    function_label: str,
    env: _marshal.Env,
) -> list[str]:
    """Each parameter as the expression passed on: converted, or the name itself."""
    return [
        convert(param.type, param.name, env, f"{function_label}: argument '{param.name}'")
        or param.name
        for param in spec.params
    ]


def _build(source: str, env: _marshal.Env, factory: str, filename: str) -> Any:
    # Registered with linecache so that tracebacks show the generated lines.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    code = compile(source, filename, "exec")
    namespace: dict[str, Any] = dict(env.names)
    exec(code, namespace)
    return namespace[factory]


def compile_import(
    stub: Callable[..., Any], spec: SignatureSpec, binding: ImportBinding
) -> Callable[..., Any]:
    """Generate the function that replaces ``stub``."""
    env = _marshal.Env()
    arguments = _arguments(spec, _marshal.to_js, f"{spec.qualified_name}()", env)
    where_return = f"{spec.qualified_name}(): the value returned by JS '{binding.function_name}'"
    result = _marshal.from_js(spec.returns, "_jsi_result", env, where_return)
    translate = env.add("translate", _bridge.translate_error)
    js_exception = env.add("JsException", _bridge.JsException)
    binding_name = env.add("binding", binding)
    call = f"_jsi_call({', '.join(arguments)})"
    if spec.is_async:
        call = f"await {call}"
    if isinstance(spec.returns, NoneSpec):
        body = f"            {call}\n            return None\n"
    elif result is None:
        body = f"            return {call}\n"
    else:
        body = f"            _jsi_result = {call}\n            return {result}\n"
    name = stub.__name__
    source = (
        "def _jsi_make(_jsi_call):\n"
        f"    {'async ' if spec.is_async else ''}def {name}({_parameter_list(stub, env)}):\n"
        "        try:\n"
        f"{body}"
        f"        except {js_exception} as _jsi_error:\n"
        f"            raise {translate}(_jsi_error, {binding_name}) from None\n"
        f"    return {name}\n"
    )
    make = _build(source, env, "_jsi_make", f"<jsinterop import {spec.qualified_name}>")

    def bind_and_call(*args: Any, **kwargs: Any) -> Any:
        bound = binding.bind()
        cell.cell_contents = bound
        return bound(*args, **kwargs)

    wrapper: Any = make(bind_and_call)
    cell = wrapper.__closure__[wrapper.__code__.co_freevars.index("_jsi_call")]
    functools.update_wrapper(wrapper, stub)
    wrapper.__jsinterop_spec__ = spec
    wrapper.__jsinterop_binding__ = binding
    return wrapper  # type: ignore[no-any-return]


def compile_export(func: Callable[..., Any], spec: SignatureSpec) -> Callable[..., Any]:
    """The function JS calls: ``func`` itself, or a wrapper when some value needs converting."""
    env = _marshal.Env()
    arguments = _arguments(spec, _marshal.from_js, spec.qualified_name, env)
    call = f"_jsi_target({', '.join(arguments)})"
    if spec.is_async:
        call = f"await {call}"
    result = _marshal.to_js(
        spec.returns, "_jsi_result", env, f"{spec.qualified_name}: return value"
    )
    if result is None and all(a == p.name for a, p in zip(arguments, spec.params, strict=True)):
        return func
    result_lines = _items.return_lines(result, env)
    name = func.__name__
    source = (
        "def _jsi_make(_jsi_target):\n"
        f"    {'async ' if spec.is_async else ''}def {name}({_parameter_list(func, env)}):\n"
        f"        _jsi_result = {call}\n"
        f"{result_lines}"
        f"    return {name}\n"
    )
    make = _build(source, env, "_jsi_make", f"<jsinterop export {spec.qualified_name}>")
    return make(func)  # type: ignore[no-any-return]
