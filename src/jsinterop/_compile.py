"""The marshaller compiler: one generated Python function per signature, built once.

Every crossing is one of two calls, and each is compiled here from its spec:

* **Python calls JS** — a ``@js_import`` stub, or a JS function that arrived as a typed
  ``Callable``: the generated function converts the arguments on their way to JS, calls the
  JS function (wrapped in its JS-side marshaller), reads the result back and turns a JS throw
  into a Python exception (:func:`compile_import`, :func:`js_caller_factory`).
* **JS calls Python** — a ``@js_export``, or a Python callable that went to JS as a function:
  the generated function reads the arguments JS passed (already checked by the JS half), calls
  the Python function and converts its result (:func:`compile_export`,
  :func:`callback_factory`).

The generated code has the target's own parameters (so Python itself reports a wrong arity or
an unknown keyword) and names its helpers through an :class:`~jsinterop._marshal.registry.Env`,
so a call does no lookups. A stub binds its JS function on first call by swapping the closure
cell that holds it. The source of every generated function is registered with ``linecache``,
so tracebacks show its lines.
"""

from __future__ import annotations

import functools
import inspect
import linecache
import weakref
from collections.abc import Callable, Collection
from typing import Any, NamedTuple

from jsinterop import _bridge, _marshal, _throws
from jsinterop._marshal import item_converters, registry
from jsinterop._marshal.callables import JS_FUNCTION
from jsinterop._marshal.registry import Env
from jsinterop._object import ORIGINAL, from_js_any, to_js_any
from jsinterop._spec_reader import UnsupportedAnnotation, describe_annotation, type_spec
from jsinterop._spec_types import CallableSpec, NoneSpec, SignatureSpec, TypeSpec, spec_to_json

__all__ = [
    "ImportBinding",
    "callback_factory",
    "compile_export",
    "compile_import",
    "js_caller_factory",
    "typed_reader",
    "unbind_imports",
]

assert _marshal  # the families register when the package is imported


class _Function(NamedTuple):
    """The parts of one generated function: its name, its parameter list as source, and the
    expression passed on for each parameter."""

    name: str
    head: str
    arguments: list[str]
    is_async: bool


def _build(source: str, env: Env, filename: str) -> Any:
    """Run ``source`` (which defines ``_jsi_make``) and return ``_jsi_make``."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace: dict[str, Any] = dict(env.names)
    exec(compile(source, filename, "exec"), namespace)
    return namespace["_jsi_make"]


def _define(function: _Function) -> str:
    keyword = "async def" if function.is_async else "def"
    return f"    {keyword} {function.name}({function.head}):\n"


def _call(callee: str, function: _Function) -> str:
    call = f"{callee}({', '.join(function.arguments)})"
    return f"await {call}" if function.is_async else call


# -- Python calls JS ------------------------------------------------------------------------


def _calling_js(
    function: _Function, returns: TypeSpec, env: Env, where: str, filename: str, tail: str = ""
) -> Callable[[Any], Any]:
    """``make(js_call)``: the generated function calling ``js_call``; a JS throw raises the
    Python exception it stands for.

    A plain ``def`` with a result waits for a Promise its JS function returned (JSPI): the
    JS half throws it to the ``except`` clause, and the value it settles to is converted as
    a returned one would be.
    """
    call = _call("_jsi_call", function)
    waits = not function.is_async and not isinstance(returns, NoneSpec)
    returned = "None"
    if isinstance(returns, NoneSpec):
        body = f"            {call}\n            return None\n"
    else:
        returned = registry.from_js(returns, "_jsi_result", env, where) or "_jsi_result"
        body = f"            _jsi_result = {call}\n            return {returned}\n"
    if waits:
        settle = env.add("wait_or_translate", _throws.wait_or_translate)
        handler = f"            _jsi_result = {settle}(_jsi_error)\n        return {returned}\n"
    else:
        translate = env.add("translate", _throws.translate_error)
        handler = f"            raise {translate}(_jsi_error) from None\n"
    source = (
        "def _jsi_make(_jsi_call):\n"
        f"{_define(function)}"
        "        try:\n"
        f"{body}"
        f"        except {env.add('JsException', _bridge.JsException)} as _jsi_error:\n"
        f"{handler}"
        f"{tail}"
        f"    return {function.name}\n"
    )
    return _build(source, env, filename)  # type: ignore[no-any-return]


# -- JS calls Python ------------------------------------------------------------------------


def return_lines(result: str | None, env: Env, indent: str = "        ") -> str:
    """The lines returning ``_jsi_result`` to JS, converted by ``result``.

    A return value that fails a check made in Python is marshalling's error, not the
    function's: it is marked so that JS gets a TypeError (RangeError for a range), as when
    the check is made in JS, rather than an Error standing for a Python exception.
    """
    if not result:
        return f"{indent}return _jsi_result\n"
    mark = env.add("mark_check_failure", _throws.mark_check_failure)
    return (
        f"{indent}try:\n"
        f"{indent}    return {result}\n"
        f"{indent}except (TypeError, ValueError, OverflowError) as _jsi_error:\n"
        f"{indent}    raise {mark}(_jsi_error) from None\n"
    )


def _called_from_js(
    function: _Function,
    result: str | None,
    env: Env,
    filename: str,
    *,
    catch: bool,
    tail: str = "",
) -> Callable[[Any], Any]:
    """``make(target)``: the generated function JS calls, calling ``target`` and returning its
    result converted by the expression ``result``.

    With ``catch``, an exception is returned as a JS Error that the JS half throws (see
    :func:`jsinterop._throws.thrown_to_js`) instead of raised through Pyodide.
    """
    call = _call("_jsi_target", function)
    if catch:
        thrown = env.add("thrown", _throws.thrown_to_js)
        body = (
            f"        try:\n            _jsi_result = {call}\n"
            f"        except Exception as _jsi_error:\n            return {thrown}(_jsi_error)\n"
        )
    else:
        body = f"        _jsi_result = {call}\n"
    source = (
        "def _jsi_make(_jsi_target):\n"
        f"{_define(function)}"
        f"{body}"
        f"{return_lines(result, env)}"
        f"{tail}"
        f"    return {function.name}\n"
    )
    return _build(source, env, filename)  # type: ignore[no-any-return]


# -- parameters -----------------------------------------------------------------------------


def _parameter_list(function: Callable[..., Any], env: Env) -> str:
    """The function's parameter list as source, with ``/`` and ``*`` where it has them."""
    params = list(inspect.signature(function).parameters.values())
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


Convert = Callable[[TypeSpec, str, Env, str], "str | None"]


def _named(
    function: Callable[..., Any], spec: SignatureSpec, convert: Convert, label: str, env: Env
) -> _Function:
    """A stub's or an export's own parameters, each converted by ``convert``."""
    arguments = [
        convert(param.type, param.name, env, f"{label}: argument '{param.name}'") or param.name
        for param in spec.params
    ]
    head = _parameter_list(function, env)
    return _Function(function.__name__, head, arguments, spec.is_async)


def _positional(
    spec: CallableSpec, name: str, convert: Convert, untyped: str, where: str, env: Env, slash: bool
) -> _Function:
    """A ``Callable``'s parameters, by position; ``Callable[..., R]`` takes ``*args``, each
    converted by ``untyped`` (an Env name of the Any converter)."""
    if spec.params is None:
        return _Function(
            name, "*_jsi_args", [f"*[{untyped} for _jsi_a in _jsi_args]"], spec.is_async
        )
    names = [f"_jsi_a{i}" for i in range(len(spec.params))]
    arguments = [
        convert(param, name_, env, f"{where}: argument {i}") or name_
        for i, (param, name_) in enumerate(zip(spec.params, names, strict=True))
    ]
    head = ", ".join([*names, "/"] if slash and names else names)
    return _Function(name, head, arguments, spec.is_async)


# -- the four compiled functions ------------------------------------------------------------


class ImportBinding:
    """Where a stub's JS function lives; binds it on first use."""

    __slots__ = ("__weakref__", "function_name", "module_name", "spec", "spec_json", "unbind")

    def __init__(self, spec: SignatureSpec, function_name: str, module_name: str | None) -> None:
        self.spec = spec
        self.function_name = function_name
        self.module_name = module_name
        self.spec_json = _bridge.dumps(spec.to_json())
        # Makes the stub look its JS function up again at its next call (set by compile_import).
        self.unbind: Callable[[], None] = _nothing

    def bind(self) -> Any:
        """Look the JS function up and build its JS-side marshaller (the JS half)."""
        return _bridge.bind_import(self.spec_json, self.function_name, self.module_name)


def _nothing() -> None:
    pass


# The bindings of the stubs alive, by JS module name: a module imported again (hot reload)
# unbinds them. Weak: a stub of a module replaced by a hot reload goes with its module.
_bindings: dict[str | None, weakref.WeakSet[ImportBinding]] = {}


def unbind_imports(module_names: Collection[str]) -> int:
    """Make the stubs bound to functions of the JS modules ``module_names`` look their
    functions up again at their next call (the modules were imported again); return how
    many were bound."""
    count = 0
    for name in module_names:
        for binding in list(_bindings.get(name, ())):
            binding.unbind()
            count += 1
    return count


def compile_import(
    stub: Callable[..., Any], spec: SignatureSpec, binding: ImportBinding
) -> Callable[..., Any]:
    """Generate the function that replaces ``stub``: it binds the JS function on first call."""
    env = Env()
    function = _named(stub, spec, registry.to_js, f"{spec.qualified_name}()", env)
    where = f"{spec.qualified_name}(): the value returned by JS '{binding.function_name}'"
    make = _calling_js(
        function, spec.returns, env, where, f"<jsinterop import {spec.qualified_name}>"
    )

    def bind_and_call(*args: Any, **kwargs: Any) -> Any:
        bound = binding.bind()
        cell.cell_contents = bound
        return bound(*args, **kwargs)

    def unbind() -> None:
        cell.cell_contents = bind_and_call

    wrapper: Any = make(bind_and_call)
    cell = wrapper.__closure__[wrapper.__code__.co_freevars.index("_jsi_call")]
    binding.unbind = unbind
    _bindings.setdefault(binding.module_name, weakref.WeakSet()).add(binding)
    functools.update_wrapper(wrapper, stub)
    wrapper.__jsinterop_spec__ = spec
    wrapper.__jsinterop_binding__ = binding
    return wrapper  # type: ignore[no-any-return]


def compile_export(func: Callable[..., Any], spec: SignatureSpec) -> Callable[..., Any]:
    """The function JS calls: ``func`` itself, or a wrapper when some value needs converting."""
    env = Env()
    function = _named(func, spec, registry.from_js, spec.qualified_name, env)
    result = registry.to_js(
        spec.returns, "_jsi_result", env, f"{spec.qualified_name}: return value"
    )
    unchanged = zip(function.arguments, spec.params, strict=True)
    if result is None and all(argument == param.name for argument, param in unchanged):
        return func
    filename = f"<jsinterop export {spec.qualified_name}>"
    wrapper: Callable[..., Any] = _called_from_js(function, result, env, filename, catch=False)(
        func
    )
    return wrapper


def callback_factory(spec: CallableSpec, where: str) -> Callable[[Any], Any]:
    """``make(fn)``: the function JS calls for the Python callable ``fn`` (a ``Callable``
    shape); an exception is returned for the JS half to throw, not raised."""
    env = Env()
    untyped = f"{env.add('from_js_any', from_js_any)}(_jsi_a)"
    function = _positional(spec, "callback", registry.from_js, untyped, where, env, slash=False)
    result = None
    if not isinstance(spec.returns, NoneSpec):
        result = registry.to_js(spec.returns, "_jsi_result", env, f"{where}: return value")
    tail = f"    callback.{ORIGINAL} = _jsi_target\n"
    filename = f"<jsinterop callback {where}>"
    return _called_from_js(function, result, env, filename, catch=True, tail=tail)


def js_caller_factory(spec: CallableSpec, where: str) -> Callable[[Any], Any]:
    """``make(js_function)``: the typed Python callable calling a JS function."""
    env = Env()
    untyped = f"{env.add('to_js_any', to_js_any)}(_jsi_a, {env.add('where', where)})"
    function = _positional(spec, "js_function", registry.to_js, untyped, where, env, slash=True)
    tail = f"    js_function.{JS_FUNCTION} = _jsi_call\n"
    return _calling_js(
        function,
        spec.returns,
        env,
        f"{where}: returned",
        f"<jsinterop JS function {where}>",
        tail=tail,
    )


_typed_readers: dict[Any, tuple[str, Callable[[Any], Any]]] = {}


def typed_reader(annotation: Any) -> tuple[str, Callable[[Any], Any]]:
    """``(spec_json, convert)`` reading a JS property as ``annotation`` (``JSObject.get``),
    compiled once per annotation."""
    reader = _typed_readers.get(annotation)
    if reader is None:
        try:
            spec = type_spec(annotation, position="param")
        except UnsupportedAnnotation as why:
            raise TypeError(
                f"JSObject.get(): unsupported type '{describe_annotation(annotation)}' ({why})"
            ) from None
        convert = item_converters.from_js_function(spec, Env(), "JSObject property")
        reader = (_bridge.dumps(spec_to_json(spec)), convert)
        _typed_readers[annotation] = reader
    return reader
