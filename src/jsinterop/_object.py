"""JSObject: a Python handle on a JavaScript object."""

from __future__ import annotations

from types import TracebackType
from typing import Any, TypeVar, overload

from jsinterop import _bridge, _handles
from jsinterop._errors import ObjectDisposedError

__all__ = ["JSObject"]

T = TypeVar("T")
_MISSING: Any = object()


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
        return _bridge.get_property(self._live(), _name(name), self)

    def __setitem__(self, name: str, value: Any) -> None:
        """Set property ``name`` to ``value``, converted as ``Any``.

        Primitives and ``JSObject`` cross as themselves, a Python callable becomes a JS function
        (the same one each time), any other Python object an opaque JS handle.
        """
        _bridge.set_property(self._live(), _name(name), value)

    def __contains__(self, name: object) -> bool:
        """JS ``name in obj``."""
        return bool(_bridge.has_property(self._live(), _name(name)))

    def type_of(self, name: str) -> str:
        """JS ``typeof obj[name]``: ``"undefined"``, ``"number"``, ``"function"``, ..."""
        return _bridge.type_of(self._live(), _name(name))

    def call(self, method: str, *args: Any) -> Any:
        """Call ``obj[method](*args)`` with ``this`` bound to the object.

        Arguments and the result are converted as ``Any`` (see :meth:`__setitem__`), so
        ``button.call("addEventListener", "click", on_click)`` works and a later
        ``removeEventListener`` with the same ``on_click`` finds it.
        """
        return _bridge.call_method(self._live(), _name(method), args)

    @overload
    def get(self, name: str, type: type[T]) -> T: ...
    @overload
    def get(self, name: str, type: Any) -> Any: ...
    def get(self, name: str, type: Any) -> Any:
        """Read property ``name`` as ``type`` (``int``, ``str``, ``JSObject``, ``T | None``, ...).

        A value of another type raises ``TypeError`` naming the property, the expected and
        the received type.
        """
        return _bridge.get_typed_property(self._live(), _name(name), type)

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
