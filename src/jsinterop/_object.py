"""JSObject, a Python handle on a JavaScript object, and the untyped (``Any``) conversion.

A value read without a declared type (``obj["name"]``, ``obj.call(...)``, an ``Any``
parameter) crosses by its own type: JS primitives and Python primitives map to each other,
other JS values arrive as ``JSObject``, a Python object JS held comes back as itself. Two
needs of this layer are met by layers above it and wired by the composition root
(``jsinterop/__init__.py``, :func:`wire`): turning a Python callable or object into a JS
function or handle (the callables family), and reading a property as a declared type (the
marshaller compiler).
"""

from __future__ import annotations

from collections.abc import Callable
from types import FunctionType, TracebackType
from typing import Any, TypeVar, overload

from jsinterop import _bridge, _handles, _spec_types
from jsinterop._errors import ObjectDisposedError
from jsinterop._throws import translate_error

__all__ = ["ORIGINAL", "JSObject", "from_js_any", "original_of", "to_js_any", "wire"]

T = TypeVar("T")


class JSObject:
    """A proxy of a JavaScript object (or function) held from Python.

    Values read with ``obj["name"]`` or :meth:`call` come back as Python values: JS
    primitives become ``bool``/``int``/``float``/``str``/``None`` and other JS values become
    ``JSObject``. :meth:`get` reads a property with a declared type and validates it.

    The JS object stays alive while this handle does. :meth:`dispose` (or leaving a ``with``
    block) releases it at once; any later use raises :class:`~jsinterop.ObjectDisposedError`.

    Examples
    --------
    In Pyodide::

        >>> from jsinterop import JSHost
        >>> math = JSHost.global_this.get("Math", JSObject)
        >>> math.call("max", 1, 5, 3)
        5
        >>> math.get("PI", float)
        3.141592653589793
        >>> "sqrt" in math, math.type_of("sqrt")
        (True, 'function')
    """

    __slots__ = ("__weakref__", "_proxy")

    _proxy: Any

    def __init__(self) -> None:
        raise TypeError("JSObject handles are created by jsinterop, not constructed directly")

    @classmethod
    def _wrap(cls, proxy: Any) -> JSObject:
        handle = object.__new__(cls)
        handle._proxy = proxy
        _handles.js_object_opened(handle)
        return handle

    def _live(self) -> Any:
        proxy = self._proxy
        if proxy is None:
            raise ObjectDisposedError("cannot use a JSObject after dispose()")
        return proxy

    # -- dynamic access -------------------------------------------------------------------

    def __getitem__(self, name: str) -> Any:
        """Read property ``name``; ``KeyError`` if the object has no such property."""
        return _get_property(self._live(), _name(name))

    def __setitem__(self, name: str, value: Any) -> None:
        """Set property ``name`` to ``value``, converted as ``Any``.

        Primitives and ``JSObject`` cross as themselves, a Python callable becomes a JS function
        (the same one each time), any other Python object an opaque JS handle.
        """
        checked = _name(name)
        converted = to_js_any(value, f"property '{checked}'")
        _call(_bridge.set_property, self._live(), checked, converted)

    def __contains__(self, name: object) -> bool:
        """JS ``name in obj``."""
        return bool(_call(_bridge.has_property, self._live(), _name(name)))

    def type_of(self, name: str) -> str:
        """JS ``typeof obj[name]``: ``"undefined"``, ``"number"``, ``"function"``, ..."""
        return str(_call(_bridge.type_of, self._live(), _name(name)))

    def call(self, method: str, *args: Any) -> Any:
        """Call ``obj[method](*args)`` with ``this`` bound to the object.

        Arguments and the result are converted as ``Any`` (see :meth:`__setitem__`), so
        ``button.call("addEventListener", "click", on_click)`` works and a later
        ``removeEventListener`` with the same ``on_click`` finds it.
        """
        return _call_method(self._live(), _name(method), args)

    @overload
    def get(self, name: str, type: type[T]) -> T: ...
    @overload
    def get(self, name: str, type: Any) -> Any: ...
    def get(self, name: str, type: Any) -> Any:
        """Read property ``name`` as ``type`` (``int``, ``str``, ``JSObject``, ``T | None``, ...).

        A value of another type raises ``TypeError`` naming the property, the expected and
        the received type.
        """
        spec_json, convert = _wired.typed_reader(type)
        return convert(_call(_bridge.read_typed, self._live(), _name(name), spec_json))

    # -- lifetime ---------------------------------------------------------------------------

    @property
    def is_disposed(self) -> bool:
        """Whether :meth:`dispose` was called."""
        return self._proxy is None

    def dispose(self) -> None:
        """Release the JS object now. Calling it twice is harmless."""
        if self._proxy is not None:
            self._proxy = None
            _handles.js_object_closed(self)

    def __del__(self) -> None:
        if getattr(self, "_proxy", None) is not None:
            _handles.js_object_closed(self)

    def __enter__(self) -> JSObject:
        self._live()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.dispose()

    def __repr__(self) -> str:
        if self._proxy is None:
            return "<JSObject (disposed)>"
        return f"<JSObject {_bridge.describe(self._proxy)}>"


def _name(name: object) -> str:
    if not isinstance(name, str):
        raise TypeError(f"JS property names are str, got {type(name).__name__}")
    return name


_spec_types.register_handle_class(JSObject)


# -- untyped conversion -------------------------------------------------------------------------

_MAX_SAFE_INTEGER = 2**53 - 1
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
    if isinstance(value, _bridge.JsProxy):
        if isinstance(value, _bridge.JsDoubleProxy):
            return original_of(value.unwrap())
        return JSObject._wrap(value)
    if isinstance(value, _bridge.JsNull):
        return None
    if type(value) is _bridge.JsBigInt:
        return int(value)
    return value


def to_js_any(value: Any, where: str) -> Any:
    """A Python value sent without a declared type."""
    if value is None:
        return _bridge.jsnull
    kind = type(value)
    if kind is JSObject:
        proxy = value._proxy
        if proxy is None:
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
    return _wired.object_to_js(value)


def _call(function: Callable[..., Any], *args: Any) -> Any:
    try:
        return function(*args)
    except _bridge.JsException as error:
        raise translate_error(error) from None


def _get_property(proxy: Any, name: str) -> Any:
    """``obj[name]``; ``KeyError`` when the object has no such property."""
    value = _call(_bridge.get_property, proxy, name)
    if value is None and not _call(_bridge.has_property, proxy, name):
        raise KeyError(name)
    return from_js_any(value)


def _call_method(proxy: Any, name: str, args: tuple[Any, ...]) -> Any:
    converted = [to_js_any(a, f"{name}(): argument {i}") for i, a in enumerate(args)]
    return from_js_any(_call(_bridge.call_method, proxy, name, converted))


# -- what the layers above provide ------------------------------------------------------------

TypedReader = Callable[[Any], tuple[str, Callable[[Any], Any]]]


def _not_wired(*args: Any) -> Any:
    raise RuntimeError("jsinterop._object is used before jsinterop's layers were wired")


class _Wired:
    """The upward needs of this layer, filled in by :func:`wire`."""

    def __init__(self) -> None:
        self.object_to_js: Callable[[Any], Any] = _not_wired
        self.typed_reader: TypedReader = _not_wired


_wired = _Wired()


def wire(*, object_to_js: Callable[[Any], Any], typed_reader: TypedReader) -> None:
    """Called once by the composition root.

    ``object_to_js(value)`` is the JS function or opaque handle for a Python object that is not
    a primitive; ``typed_reader(annotation)`` gives ``(spec_json, convert)`` reading a property
    as ``annotation`` (compiled once per annotation).
    """
    _wired.object_to_js = object_to_js
    _wired.typed_reader = typed_reader
