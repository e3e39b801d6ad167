"""The bridge: the only module that touches ``pyodide.ffi`` and the JS runtime.

Every function here is a thin call into the JS half of the runtime (the JS module
``_jsinterop_runtime``, built by ``_framework/bridge.mjs``) or into Pyodide; the logic lives in
the layers above. On plain CPython this module imports too, with stand-ins for Pyodide's
types, and its functions raise a clear error: stubs can be decorated, checked and unit-tested
outside WebAssembly.

The JS runtime is attached on first use, not when this module is imported: ``jsinterop build``
imports jsinterop and the app inside Pyodide and takes a memory snapshot of it before any JS
runtime exists (a JS object Python holds then could not be restored), and the runtime the
snapshot is restored into registers itself afterwards. Until then :func:`refusing_runtime`
can make every use of the runtime fail with the snapshot's message.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = [
    "IN_PYODIDE",
    "JsBigInt",
    "JsBuffer",
    "JsDoubleProxy",
    "JsException",
    "JsNull",
    "JsProxy",
    "bind_import",
    "bind_on_first_call",
    "call_method",
    "can_wait_for_promises",
    "collect_garbage",
    "create_proxy",
    "deref",
    "describe",
    "describe_error",
    "dumps",
    "engine_has_jspi",
    "engine_name",
    "error_for_python_exception",
    "get_property",
    "global_this",
    "has_property",
    "import_module",
    "is_browser",
    "is_node",
    "joined_strings",
    "jsnull",
    "kept_exception_count",
    "list_to_js",
    "live_handle",
    "map_to_js",
    "new_callback",
    "new_object_handle",
    "number_list_reader",
    "packer",
    "pending_result",
    "read_typed",
    "refusing_runtime",
    "release_handle",
    "set_property",
    "take_released_handles",
    "thrown",
    "type_of",
    "typed_array_to_js",
    "wait_for",
    "weak_ref",
]

RUNTIME_MODULE = "_jsinterop_runtime"
"""The JS module the JS runtime registers (``runtime.mjs``); :func:`_runtime` imports it."""

try:
    from pyodide.ffi import (  # type: ignore[import-not-found]
        JsBigInt,
        JsBuffer,
        JsDoubleProxy,
        JsException,
        JsNull,
        JsProxy,
        can_run_sync,
        create_proxy,
        jsnull,
        run_sync,
        to_js,
    )

    IN_PYODIDE = True
except ImportError:
    IN_PYODIDE = False
    JsNull = JsProxy = JsDoubleProxy = JsBigInt = JsBuffer = type(None)
    jsnull = None

    class JsException(Exception):  # type: ignore[no-redef]
        """Stands in for Pyodide's JsException on CPython, where nothing raises it."""

    def create_proxy(value: Any, **options: Any) -> Any:
        return value

    def to_js(value: Any, **options: Any) -> Any:
        raise RuntimeError("converting a container to JS needs Pyodide")

    def can_run_sync() -> bool:
        return False

    def run_sync(awaitable: Any) -> Any:
        raise RuntimeError("waiting for a Promise needs Pyodide")


runtime: Any = None
"""The JS runtime's module once attached (the first call that needs it imports it)."""
_refusal: str | None = None
"""While set, the message every use of the runtime fails with (see :func:`refusing_runtime`)."""


def _runtime() -> Any:
    # The per-call path: one global read and a test, as before the runtime was attached lazily.
    if runtime is None:
        return _attach()
    return runtime


def _attach() -> Any:
    """Import the runtime's module and keep it; a clear error when there is none."""
    global runtime
    if _refusal is not None:
        raise RuntimeError(_refusal)
    try:
        runtime = importlib.import_module(RUNTIME_MODULE)
    except ImportError:
        raise RuntimeError(
            "jsinterop needs its JS runtime: run the app with `jsinterop run` (Node) or "
            "`jsinterop serve` (browser), or create it with python.create() from "
            "_framework/jsinterop.mjs"
        ) from None
    return runtime


def _runtime_if_any() -> Any:
    """The runtime, or None where there is none (CPython, a bare Pyodide)."""
    if runtime is None and _refusal is None and not IN_PYODIDE:
        return None
    try:
        return _runtime()
    except RuntimeError:
        if _refusal is not None:
            raise
        return None


@contextmanager
def refusing_runtime(message: str) -> Iterator[None]:
    """Inside the block every use of the JS runtime raises ``RuntimeError(message)``, even
    :func:`is_node` and :func:`is_browser`: ``jsinterop build`` imports the app this way
    while it makes a snapshot, so that a module using JS at import fails there instead of
    keeping an answer that belongs to the build.

    Examples
    --------
    >>> from jsinterop import _bridge
    >>> with _bridge.refusing_runtime("not now"):
    ...     _bridge.is_node()
    Traceback (most recent call last):
    ...
    RuntimeError: not now
    """
    global _refusal
    if runtime is not None:
        raise RuntimeError("the JS runtime is attached already; a snapshot cannot be made now")
    _refusal = message
    try:
        yield
    finally:
        _refusal = None


def dumps(value: Any) -> str:
    """Compact JSON, the form in which specs travel to the JS half."""
    return json.dumps(value, separators=(",", ":"))


def is_node() -> bool:
    """Whether Python is running inside Node.js."""
    found = _runtime_if_any()
    return found is not None and bool(found.isNode)


def is_browser() -> bool:
    """Whether Python is running inside a web browser (page or worker)."""
    found = _runtime_if_any()
    return found is not None and bool(found.isBrowser)


def bind_on_first_call(
    namespace: dict[str, Any], name: str, setup: Callable[[], None]
) -> Callable[..., Any]:
    """A stand-in for the global ``name`` of ``namespace``: its first call runs ``setup``
    (which replaces the global with the JS function it gets from the runtime) and hands the
    call on; later calls go straight to the JS function."""

    def first_call(*args: Any) -> Any:
        setup()
        return namespace[name](*args)

    return first_call


# -- calls and modules ----------------------------------------------------------------------


def bind_import(spec_json: str, function_name: str, module_name: str | None) -> Any:
    """The JS function wrapped in its JS-side marshaller, ready to call."""
    return _runtime().bindImport(spec_json, function_name, module_name)


async def import_module(module_name: str, url: str, on_page: bool | None = None) -> Any:
    """``import()`` the ES module at ``url`` and register it as ``module_name``; with
    ``on_page`` in the worker host, the page imports it and its functions run there."""
    return await _runtime().importModule(module_name, url, on_page)


def global_this() -> Any:
    """The JS global object."""
    return _runtime().globalThis


# -- errors ---------------------------------------------------------------------------------


def describe_error(error: Any) -> Any:
    """What the JS half reads from a thrown value: ``name``, ``message``, ``stack``, and
    ``pythonException`` / ``pythonType`` when it stands for a Python exception."""
    return _runtime().describeError(error)


def error_for_python_exception(error: BaseException, type_name: str, traceback: str) -> Any:
    """A new JS Error standing for ``error``; it keeps ``error`` until JS collects it."""
    return _runtime().errorFromPython(
        create_proxy(error, roundtrip=False), type_name, str(error), traceback
    )


def weak_ref(value: Any) -> Any:
    """A JS ``WeakRef`` to the JS object ``value``: it does not keep ``value`` alive."""
    return _runtime().weakRef(value)


def deref(ref: Any) -> Any:
    """What the JS ``WeakRef`` ``ref`` holds; None once JS has collected it."""
    return ref.deref()


def thrown(js_error: Any) -> Any:
    """What a callback returns instead of raising: its JS caller throws ``js_error``."""
    return _runtime().thrown(js_error)


# -- a plain def stub's Promise, waited for with JSPI ---------------------------------------


def pending_result(error: Any) -> Any:
    """The JS half's ``PendingResult`` when ``error`` is one (``promise``, ``where``), else
    None."""
    return _runtime().pendingResult(error)


def engine_has_jspi() -> bool:
    """Whether the JS engine has JSPI (WebAssembly stack switching) at all."""
    return bool(_runtime().engineHasJspi)


def engine_name() -> str:
    """The JS engine, as an error message names it (``Node v20.20.2``, ``this browser``)."""
    return str(_runtime().engineName)


def can_wait_for_promises() -> bool:
    """Whether :func:`wait_for` can block here: JSPI is on and the call stack was entered
    in a way that can suspend (``runPythonAsync``, an async function, ``callPromising``)."""
    return bool(can_run_sync())


def wait_for(promise: Any) -> Any:
    """Block until ``promise`` settles (Pyodide's ``run_sync``); its value, or the
    ``JsException`` of its rejection."""
    return run_sync(promise)


def kept_exception_count() -> int:
    """How many Python exceptions JS Errors keep alive (each until JS collects its Error)."""
    return int(_runtime().keptExceptionCount())


# -- containers -----------------------------------------------------------------------------


def list_to_js(items: list[Any] | tuple[Any, ...]) -> Any:
    """A JS Array of ``items``, each converted the way Pyodide converts a lone value."""
    return to_js(items, depth=1)


def typed_array_to_js(numbers: Any) -> Any:
    """A typed array copied from an ``array.array``: Float64Array for 'd', BigInt64Array for 'q'."""
    return to_js(numbers)


def map_to_js(entries: dict[Any, Any]) -> Any:
    """A JS Map of ``entries``: unlike an object, it keeps each key's own type for the check."""
    return to_js(entries, depth=1, dict_converter=_runtime().newMap)


def joined_strings(text: str) -> Any:
    """A list of strings joined by NUL, for the JS half to split (one string crosses)."""
    return _runtime().joinedStrings(text)


def number_list_reader(float_type: int, int_type: int) -> Any:
    """The JS reader of float and int lists straight from wasm memory (``pymemory.mjs``)."""
    return _runtime().numberListReader(float_type, int_type)


def packer() -> Any:
    """The JS function packing a record's values given as call arguments (``packed.mjs``)."""
    return _runtime().pack


# -- handles (jsinterop._handles owns the tables) -------------------------------------------


def new_callback(handle: int, spec_json: str, name: str, target: Any) -> Any:
    """A new JS function calling ``target`` as handle ``handle``."""
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


async def collect_garbage() -> bool:
    """Run JS's garbage collector if it is exposed and let its finalizers run.

    Returns whether a collector was exposed (``node --expose-gc``).
    """
    return bool(await _runtime().collectGarbage())


# -- JS objects (raw: jsinterop._object converts and translates errors) -----------------------


def get_property(proxy: Any, name: str) -> Any:
    """``obj[name]``, a primitive or a proxy."""
    return _runtime().getProperty(proxy, name)


def set_property(proxy: Any, name: str, value: Any) -> None:
    """``obj[name] = value``."""
    _runtime().setProperty(proxy, name, value)


def has_property(proxy: Any, name: str) -> bool:
    """``name in obj``."""
    return bool(_runtime().hasProperty(proxy, name))


def type_of(proxy: Any, name: str) -> str:
    """``typeof obj[name]``."""
    return str(_runtime().typeOf(proxy, name))


def call_method(proxy: Any, name: str, args: list[Any]) -> Any:
    """``obj[name](...args)``."""
    return _runtime().callMethod(proxy, name, *args)


def read_typed(proxy: Any, name: str, spec_json: str) -> Any:
    """``obj[name]`` checked by the JS half against the spec."""
    return _runtime().readTyped(proxy, name, spec_json)


def describe(proxy: Any) -> str:
    """A short text for a JS value, for ``repr``."""
    return str(_runtime().describe(proxy))
