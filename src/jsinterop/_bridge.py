"""The bridge: the only module that touches ``js`` and ``pyodide.ffi``.

Everything before it (specs, marshaller compilation, decorators) runs on plain CPython; this
module imports there too, and its functions then raise a clear error, so that stubs can be
decorated, checked and unit-tested outside WebAssembly.

The JS half of the runtime (``_framework/*.mjs``) registers itself as the JS module
``_jsinterop_runtime`` before any of this runs.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
import sys
import traceback
from collections.abc import Callable
from types import FunctionType
from typing import Any

from jsinterop import _object

__all__ = [
    "IN_PYODIDE",
    "ORIGINAL",
    "JsBuffer",
    "JsDoubleProxy",
    "JsException",
    "JsProxy",
    "array_to_js",
    "awaitable_from_js",
    "awaitable_to_js",
    "bind_import",
    "call_method",
    "collect_exports",
    "collect_garbage",
    "describe",
    "dumps",
    "exception_from_js",
    "exception_to_js",
    "get_property",
    "get_typed_property",
    "global_this",
    "has_property",
    "import_module",
    "is_browser",
    "is_node",
    "joined_strings",
    "js_handle_count",
    "kept_exception_count",
    "last_exception_details",
    "last_exception_value",
    "live_handle",
    "map_to_js",
    "mark_check_failure",
    "new_callback",
    "new_object_handle",
    "original_of",
    "pack_values",
    "read_floats",
    "read_ints",
    "release_handle",
    "run_main",
    "set_property",
    "take_released_handles",
    "thrown_to_js",
    "translate_error",
    "type_of",
    "typed_array_to_js",
]

try:
    import _jsinterop_runtime as runtime  # type: ignore[import-not-found]
    from pyodide.ffi import (  # type: ignore[import-not-found]
        JsBigInt,
        JsBuffer,
        JsDoubleProxy,
        JsException,
        JsNull,
        JsProxy,
        create_proxy,
        jsnull,
        to_js,
    )

    IN_PYODIDE = True
except ImportError:
    IN_PYODIDE = False
    runtime = None
    JsNull = JsProxy = JsDoubleProxy = JsBigInt = JsBuffer = type(None)
    jsnull = None

    class JsException(Exception):  # type: ignore[no-redef]
        """Stands in for Pyodide's JsException on CPython, where nothing raises it."""

    def create_proxy(value: Any, **options: Any) -> Any:
        return value

    def to_js(value: Any, **options: Any) -> Any:
        raise RuntimeError("converting a container to JS needs Pyodide")


_MAX_SAFE_INTEGER = 2**53 - 1


def _runtime() -> Any:
    if runtime is None:
        raise RuntimeError(
            "jsinterop needs its JS runtime: run the app with `jsinterop run` (Node) or "
            "`jsinterop serve` (browser), or create it with python.create() from "
            "_framework/jsinterop.mjs"
        )
    return runtime


def dumps(value: Any) -> str:
    """Compact JSON, the form in which specs travel to the JS half."""
    return json.dumps(value, separators=(",", ":"))


def is_node() -> bool:
    """Whether Python is running inside Node.js."""
    return runtime is not None and bool(runtime.isNode)


def is_browser() -> bool:
    """Whether Python is running inside a web browser (page or worker)."""
    return runtime is not None and bool(runtime.isBrowser)


# -- imports -------------------------------------------------------------------------------


def bind_import(spec_json: str, function_name: str, module_name: str | None) -> Any:
    """The JS function wrapped in its JS-side marshaller, ready to call."""
    return _runtime().bindImport(spec_json, function_name, module_name)


_PYTHON_ERRORS: dict[str, type[Exception]] = {
    "TypeError": TypeError,
    "OverflowError": OverflowError,
    "ValueError": ValueError,
    "LookupError": LookupError,
}


def translate_error(error: Any, context: object = None) -> BaseException:
    """The Python exception for a JS throw caught in a stub call.

    Marshalling and lookup errors raised by the JS half carry the Python type they stand
    for; a JS Error made from a Python exception is that exception again; any other JS
    throw becomes a :class:`jsinterop.JSException` (JSTypeError, JSRangeError by name).
    """
    from jsinterop._errors import js_exception

    details = _runtime().describeError(error)
    original = details.pythonException
    if isinstance(original, BaseException):
        return original
    python_type = _PYTHON_ERRORS.get(str(details.pythonType))
    if python_type is not None:
        return python_type(str(details.message))
    return js_exception(str(details.name), str(details.message), str(details.stack), error)


# -- exceptions as values ------------------------------------------------------------------


def exception_to_js(error: BaseException) -> Any:
    """The JS Error for ``error``: the original one for a JSException, else a new Error.

    The new Error keeps ``error`` (``pythonException``), so that it comes back to Python as
    the same object; JS releases that reference when the Error is collected.
    """
    js_error = getattr(error, "_js_error", None)
    if js_error is not None:
        return js_error
    return _runtime().errorFromPython(
        create_proxy(error, roundtrip=False),
        type(error).__name__,
        str(error),
        "".join(traceback.format_exception(error)) if error.__traceback__ is not None else "",
    )


def thrown_to_js(error: BaseException) -> Any:
    """What a callback returns instead of raising ``error``: its caller in JS throws it.

    Raising into JS costs Pyodide ~0.5 KB of JS heap per exception, never given back.
    """
    return _runtime().thrown(exception_to_js(error))


def exception_from_js(value: Any) -> BaseException:
    """The Python exception for a JS Error: the original Python one, or a JSException."""
    from jsinterop._errors import js_exception

    details = _runtime().describeError(value)
    original = details.pythonException
    if isinstance(original, BaseException):
        return original
    return js_exception(str(details.name), str(details.message), str(details.stack), value)


async def import_module(module_name: str, url: str) -> Any:
    """``import()`` the ES module at ``url`` and register it as ``module_name``."""
    try:
        return await _runtime().importModule(module_name, url)
    except JsException as error:
        raise translate_error(error) from None


def global_this() -> Any:
    """The JS global object."""
    return _runtime().globalThis


# -- containers ----------------------------------------------------------------------------


def array_to_js(items: list[Any] | tuple[Any, ...]) -> Any:
    """A JS Array of ``items``, each converted the way Pyodide converts a lone value."""
    return to_js(items, depth=1)


def typed_array_to_js(numbers: Any) -> Any:
    """A typed array copied from an ``array.array``: Float64Array for 'd', BigInt64Array for 'q'."""
    return to_js(numbers)


def joined_strings(text: str) -> Any:
    """A list of strings joined by NUL, for the JS half to split (one string crosses)."""
    return _runtime().joinedStrings(text)


# Lists of floats or ints read by JS straight from wasm memory (marshal/pymemory.mjs): the
# reader gets the list's address (id(); the caller holds the list for the whole call) and
# returns the checked Array, or undefined (None here) when an item needs the general path.
# The object layout it reads is checked once against these probes; on any difference the
# fast path stays off and every list takes the general path.
_PROBE_FLOATS = [1.5, -0.25, 0.0, 0, 7, -(2**29), 2**31 + 5, -(2**52), float("inf")]
_PROBE_INTS = [0, 1, -1, 255, 2**30 - 1, 2**30, -(2**40) - 3, 2**53 - 1, -(2**53 - 1)]
_PROBES_REFUSED = {
    "floats": ([1.5, True], [2.0, "x"], [1.0, 2**60], [1.0, 2**53]),
    "ints": ([1, True], [1, 1.0], [1, 2**53], [-(2**53), 1], [2**90]),
}


def _number_reader_matches(reader: Any) -> bool:
    try:
        return _probes_read_right(reader)
    except Exception:  # another layout can make the reader fail (a wild length): off, too
        return False


def _probes_read_right(reader: Any) -> bool:
    for kind, probe in (("floats", _PROBE_FLOATS), ("ints", _PROBE_INTS)):
        read = getattr(reader, kind)
        for values in (probe, tuple(probe)):
            checked = read(id(values), type(values) is tuple)
            if checked is None or checked.array.to_py() != list(values):
                return False
        for refused in _PROBES_REFUSED[kind]:
            if read(id(refused), False) is not None:
                return False
    return True


def _setup_number_reader() -> None:
    global read_floats_at, read_ints_at, number_reader_active
    try:
        reader = _runtime().numberListReader(id(float), id(int))
    except Exception:  # a runtime without the reader: the general path only
        reader = None
    if reader is not None and _number_reader_matches(reader):
        read_floats_at, read_ints_at = reader.floats, reader.ints
        number_reader_active = True
    else:
        read_floats_at = read_ints_at = _not_read


def _setup_packer() -> None:
    global pack_values
    pack_values = _runtime().pack


def _not_read(address: int, tuple_: bool) -> None:
    return None


def _set_up_on_first_call(name: str, setup: Callable[[], None]) -> Callable[..., Any]:
    """A stand-in for the module global ``name``: runs ``setup`` (which replaces the global
    with the JS function it gets from the runtime) and hands the call on to it."""

    def first_call(*args: Any) -> Any:
        setup()
        return globals()[name](*args)

    return first_call


read_floats_at: Callable[[int, bool], Any] = _set_up_on_first_call(
    "read_floats_at", _setup_number_reader
)
read_ints_at: Callable[[int, bool], Any] = _set_up_on_first_call(
    "read_ints_at", _setup_number_reader
)
number_reader_active = False

pack_values: Callable[..., Any] = _set_up_on_first_call("pack_values", _setup_packer)
"""``pack_values(*values)``: a record's values as the arguments of one JS call (a dataclass's
field values; a dict's NUL-joined keys, then its values), ~3x cheaper than converting a dict.
None when a value is a Python object with no JS form: the caller then sends a Map
(:func:`map_to_js`), whose check names the value."""


def read_floats(values: list[Any] | tuple[Any, ...]) -> Any:
    """``values`` as checked JS numbers when every item is a plain float or int, else None."""
    return read_floats_at(id(values), type(values) is tuple)


def read_ints(values: list[Any] | tuple[Any, ...]) -> Any:
    """``values`` as checked JS numbers when every item is a plain int within 53 bits, else None."""
    return read_ints_at(id(values), type(values) is tuple)


def map_to_js(entries: dict[Any, Any]) -> Any:
    """A JS Map of ``entries``: unlike an object, it keeps each key's own type for the check."""
    return to_js(entries, depth=1, dict_converter=_runtime().newMap)


# -- handles (jsinterop._handles owns the tables) -----------------------------------------


def new_callback(handle: int, spec_json: str, name: str, target: Any) -> Any:
    """A new JS function calling ``target`` as handle ``handle``.

    ``target`` comes back to Python as the callable it stands for (see :func:`original_of`).
    """
    return _runtime().newCallback(handle, spec_json, name, create_proxy(target))


def new_object_handle(handle: int, value: Any) -> Any:
    """A new opaque JS handle for ``value`` as handle ``handle``."""
    proxy = create_proxy(value)
    return _runtime().newObjectHandle(handle, proxy, type(value).__qualname__)


def live_handle(handle: int) -> Any:
    """The JS value of ``handle`` while JS holds it, else ``None``."""
    return _runtime().liveHandle(handle)


def take_released_handles() -> list[int]:
    """The handles JS has dropped since the last call."""
    released = _runtime().takeReleased()
    return [] if released is None else list(released.to_py())


def release_handle(handle: int) -> None:
    """Release ``handle`` in JS now: its PyProxies are destroyed, calls to it fail clearly."""
    _runtime().releaseHandle(handle)


def kept_exception_count() -> int:
    """How many Python exceptions JS Errors keep alive (each until JS collects its Error)."""
    return int(_runtime().keptExceptionCount())


def js_handle_count() -> int:
    """How many handles the JS side holds."""
    return int(_runtime().handleCount())


async def collect_garbage() -> bool:
    """Run JS's garbage collector if it is exposed and let its finalizers run.

    Returns whether a collector was exposed (``node --expose-gc``).
    """
    return bool(await _runtime().collectGarbage())


# -- awaitables ----------------------------------------------------------------------------


def awaitable_to_js(value: Any, convert: Callable[[Any], Any] | None, where: str) -> Any:
    """An awaitable on its way to JS, its result converted by ``convert``."""
    if not inspect.isawaitable(value):
        raise TypeError(f"{where} must be awaitable, got {type(value).__name__}")
    # An owned proxy of a Future: JS subscribes to it and destroys it once it settles (a
    # borrowed proxy would be destroyed while JS still waits on it).
    return create_proxy(asyncio.ensure_future(_outcome(value, convert)))


async def _outcome(awaitable: Any, convert: Callable[[Any], Any] | None) -> Any:
    """``[True, value]`` or ``[False, JS Error]`` as a JS Array: a Python exception reaches JS
    as the Error jsinterop makes for it, not as Pyodide's PythonError."""
    try:
        value = await awaitable
        if convert is not None:
            value = convert(value)
    except BaseException as error:
        return array_to_js([False, exception_to_js(error)])
    return array_to_js([True, value])


async def awaitable_from_js(promise: Any, convert: Callable[[Any], Any]) -> Any:
    """Await a JS Promise; its rejection raises as a JS throw does, its value is converted."""
    try:
        value = await promise
    except JsException as error:
        raise translate_error(error) from None
    return convert(value)


# -- JSObject ------------------------------------------------------------------------------


ORIGINAL = "__jsinterop_original__"


def original_of(value: Any) -> Any:
    """The Python callable behind a callback's target (``value`` itself for anything else)."""
    if type(value) is FunctionType:
        return value.__dict__.get(ORIGINAL, value)
    return value


def from_js_any(value: Any) -> Any:
    """A JS value read without a declared type: primitives as they are, objects wrapped.

    A Python object that JS held (see ``_handles``) comes back as itself.
    """
    if isinstance(value, JsProxy):
        if isinstance(value, JsDoubleProxy):
            return original_of(value.unwrap())
        return _object.JSObject._wrap(value)
    if isinstance(value, JsNull):
        return None
    if type(value) is JsBigInt:
        return int(value)
    return value


def to_js_any(value: Any, where: str) -> Any:
    """A Python value sent without a declared type."""
    if value is None:
        return jsnull
    kind = type(value)
    if kind is _object.JSObject:
        proxy = value._proxy
        if proxy is None:
            from jsinterop._errors import ObjectDisposedError

            raise ObjectDisposedError(f"{where} is a JSObject that was disposed")
        return proxy
    if kind is int:
        if -_MAX_SAFE_INTEGER <= value <= _MAX_SAFE_INTEGER:
            return value
        raise OverflowError(
            f"{where} must be a safe integer within ±{_MAX_SAFE_INTEGER}, got {value}"
        )
    if kind is bool or kind is float or kind is str:
        return value
    from jsinterop._marshal.callables import object_to_js  # the marshal layer imports this one

    return object_to_js(value)


def _call_runtime(function: Callable[..., Any], *args: Any) -> Any:
    try:
        return function(*args)
    except JsException as error:
        raise translate_error(error) from None


def get_property(proxy: Any, name: str, owner: object) -> Any:
    """``obj[name]``; ``KeyError`` when the object has no such property."""
    rt = _runtime()
    value = _call_runtime(rt.getProperty, proxy, name)
    if value is None and not rt.hasProperty(proxy, name):
        raise KeyError(name)
    return from_js_any(value)


def set_property(proxy: Any, name: str, value: Any) -> None:
    """``obj[name] = value``."""
    _call_runtime(_runtime().setProperty, proxy, name, to_js_any(value, f"property '{name}'"))


def has_property(proxy: Any, name: str) -> bool:
    """``name in obj``."""
    return bool(_call_runtime(_runtime().hasProperty, proxy, name))


def type_of(proxy: Any, name: str) -> str:
    """``typeof obj[name]``."""
    return str(_call_runtime(_runtime().typeOf, proxy, name))


def call_method(proxy: Any, name: str, args: tuple[Any, ...]) -> Any:
    """``obj[name](...args)``."""
    converted = [to_js_any(a, f"{name}(): argument {i}") for i, a in enumerate(args)]
    return from_js_any(_call_runtime(_runtime().callMethod, proxy, name, *converted))


_typed_readers: dict[Any, tuple[str, Callable[[Any], Any]]] = {}


def _typed_reader(annotation: Any) -> tuple[str, Callable[[Any], Any]]:
    reader = _typed_readers.get(annotation)
    if reader is None:
        from jsinterop._marshal import Env
        from jsinterop._marshal._items import from_js_function
        from jsinterop._spec import (
            UnsupportedAnnotation,
            describe_annotation,
            spec_to_json,
            type_spec,
        )

        try:
            spec = type_spec(annotation, position="param")
        except UnsupportedAnnotation as why:
            raise TypeError(
                f"JSObject.get(): unsupported type '{describe_annotation(annotation)}' ({why})"
            ) from None
        convert = from_js_function(spec, Env(), "JSObject property")
        reader = (dumps(spec_to_json(spec)), convert)
        _typed_readers[annotation] = reader
    return reader


def get_typed_property(proxy: Any, name: str, annotation: Any) -> Any:
    """``obj[name]`` validated as ``annotation``."""
    spec_json, convert = _typed_reader(annotation)
    return convert(_call_runtime(_runtime().readTyped, proxy, name, spec_json))


def describe(proxy: Any) -> str:
    """A short text for a JS value, for ``repr``."""
    return str(_runtime().describe(proxy))


# -- called from JS ------------------------------------------------------------------------


_CHECK_FAILURE = "__jsinterop_check_failure__"


def mark_check_failure(error: BaseException) -> BaseException:
    """``error``, marked as a failed marshalling check: JS gets it as a TypeError or RangeError."""
    setattr(error, _CHECK_FAILURE, True)
    return error


def last_exception_details() -> str | None:
    """The exception that last crossed into JS, as JSON: type, message and traceback.

    ``check`` is the JS error class for a failed marshalling check (see
    :func:`mark_check_failure`), else None.
    """
    error = getattr(sys, "last_exc", None)
    if error is None:
        return None
    check = None
    if getattr(error, _CHECK_FAILURE, False):
        check = "RangeError" if isinstance(error, OverflowError) else "TypeError"
    return dumps(
        {
            "type": type(error).__name__,
            "message": str(error),
            "traceback": "".join(traceback.format_exception(error)),
            "check": check,
        }
    )


def last_exception_value() -> Any:
    """The exception that last crossed into JS, for the JS Error that stands for it.

    A JSException gives its original JS Error (rethrown as it was); any other exception
    gives a new proxy of itself, which the JS Error keeps.
    """
    error = getattr(sys, "last_exc", None)
    if error is None:
        return None
    js_error = getattr(error, "_js_error", None)
    return js_error if js_error is not None else create_proxy(error, roundtrip=False)


def collect_exports(package_name: str, define: Any) -> int:
    """Import ``package_name`` and its submodules; hand each export under it to ``define``.

    ``define(path, spec_json, function)`` is the JS half's; it builds the exports object.
    Returns how many exports were defined.
    """
    from jsinterop._exports import exports_under, import_package_tree

    import_package_tree(package_name)
    count = 0
    for entry in exports_under(package_name):
        define(entry.path, entry.spec_json, create_proxy(entry.target))
        count += 1
    return count


async def run_main(entry: str, args: Any) -> int:
    """Run ``module:function`` with the application arguments; return its exit code."""
    module_name, _, function_name = entry.partition(":")
    try:
        main = getattr(importlib.import_module(module_name), function_name)
        arguments = [str(a) for a in args]
        takes_args = bool(inspect.signature(main).parameters)
        result = main(arguments) if takes_args else main()
        if inspect.isawaitable(result):
            result = await result
    except SystemExit as exit_:
        code = exit_.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code
        print(code, file=sys.stderr)
        return 1
    except BaseException as error:
        # Start the traceback at the app's own frames, not at this function.
        frames = error.__traceback__.tb_next if error.__traceback__ else None
        traceback.print_exception(type(error), error, frames)
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    if result is None:
        return 0
    return int(result)
