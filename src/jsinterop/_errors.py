"""Exceptions raised by jsinterop."""

from __future__ import annotations

from typing import Any

__all__ = ["JSException", "JSRangeError", "JSTypeError", "ObjectDisposedError", "js_exception"]


class JSException(Exception):
    """A JavaScript error thrown (or a Promise rejected) by JS code called from Python.

    Attributes
    ----------
    name : str
        The JS error's ``name`` (``"Error"``, ``"TypeError"``, ...).
    message : str
        The JS error's ``message``.
    js_stack : str
        The JS error's ``stack``, as JS printed it.

    A JS ``TypeError`` arrives as :class:`JSTypeError` (also a ``TypeError``), a
    ``RangeError`` as :class:`JSRangeError` (also a ``ValueError``). Passed back to JS (as a
    value typed ``BaseException`` or by raising it out of an export), a JSException is the
    original JS error again.

    Examples
    --------
    >>> from jsinterop import JSException
    >>> error = JSException("RangeError", "index out of range", "RangeError: ...")
    >>> (error.name, error.message)
    ('RangeError', 'index out of range')
    >>> str(error)
    'RangeError: index out of range'
    """

    name: str
    message: str
    js_stack: str

    def __init__(self, name: str, message: str, js_stack: str = "", js_error: Any = None) -> None:
        super().__init__(f"{name}: {message}" if message else name)
        self.name = name
        self.message = message
        self.js_stack = js_stack
        self._js_error = js_error

    @property
    def stack(self) -> str:
        """The JS stack; the same as :attr:`js_stack`."""
        return self.js_stack


class JSTypeError(JSException, TypeError):
    """A JS ``TypeError`` thrown by JS code: both a :class:`JSException` and a ``TypeError``.

    Examples
    --------
    >>> from jsinterop import JSException, JSTypeError
    >>> error = JSTypeError("TypeError", "x is not a function")
    >>> isinstance(error, JSException), isinstance(error, TypeError)
    (True, True)
    """


class JSRangeError(JSException, ValueError):
    """A JS ``RangeError`` thrown by JS code: both a :class:`JSException` and a ``ValueError``.

    Examples
    --------
    >>> from jsinterop import JSException, JSRangeError
    >>> error = JSRangeError("RangeError", "Invalid array length")
    >>> isinstance(error, JSException), isinstance(error, ValueError)
    (True, True)
    """


_BY_NAME: dict[str, type[JSException]] = {"TypeError": JSTypeError, "RangeError": JSRangeError}


def js_exception(name: str, message: str, js_stack: str, js_error: Any) -> JSException:
    """The :class:`JSException` for a JS error: JSTypeError or JSRangeError by its name."""
    return _BY_NAME.get(name, JSException)(name, message, js_stack, js_error)


class ObjectDisposedError(ValueError):
    """A :class:`jsinterop.JSObject` was used after :meth:`~jsinterop.JSObject.dispose`.

    Examples
    --------
    >>> from jsinterop import ObjectDisposedError
    >>> issubclass(ObjectDisposedError, ValueError)
    True
    """
