"""How throws cross the boundary: a JS throw as a Python exception, a Python exception as a
JS Error, and the mark that makes a failed marshalling check a JS TypeError.

Errors that the JS half raises on behalf of Python (a wrong argument to a stub, a failed
lookup) carry the Python type they stand for, and a JS stack overflow is a RecursionError; a JS
Error made from a Python exception is that exception again; any other JS throw becomes a
:class:`jsinterop.JSException` (JSTypeError, JSRangeError by name). Each exception keeps its
identity both ways. Whatever JS threw, it is read once by the JS half, whose reads never throw
(a value that cannot be read is described as ``<unprintable object>``).
"""

from __future__ import annotations

import traceback
from typing import Any

from jsinterop import _bridge
from jsinterop._errors import js_exception

__all__ = [
    "error_from_js",
    "error_to_js",
    "is_check_failure",
    "mark_check_failure",
    "thrown_to_js",
    "translate_error",
]

# The Python types the JS half may name for a throw (``pythonType``): its checks and lookups,
# and RecursionError for JS's stack overflow (V8's "Maximum call stack size exceeded", or the
# JS half refusing a call into Python when too little stack is left for it).
_PYTHON_ERRORS: dict[str, type[Exception]] = {
    "TypeError": TypeError,
    "OverflowError": OverflowError,
    "ValueError": ValueError,
    "LookupError": LookupError,
    "RecursionError": RecursionError,
}


def translate_error(error: Any) -> BaseException:
    """The Python exception for a JS throw caught around a call into JS.

    A marshalling or lookup error raised by the JS half is the Python type it stands for; a
    JS Error made from a Python exception is that exception; anything else a JSException.
    """
    details = _bridge.describe_error(error)
    original = details.pythonException
    if isinstance(original, BaseException):
        return original
    python_type = _PYTHON_ERRORS.get(str(details.pythonType))
    if python_type is not None:
        return python_type(str(details.message))
    return js_exception(str(details.name), str(details.message), str(details.stack), error)


def error_from_js(value: Any) -> BaseException:
    """The Python exception for a JS Error passed as a value: the original Python one, or a
    JSException."""
    details = _bridge.describe_error(value)
    original = details.pythonException
    if isinstance(original, BaseException):
        return original
    return js_exception(str(details.name), str(details.message), str(details.stack), value)


def error_to_js(error: BaseException) -> Any:
    """The JS Error for ``error``: the original one for a JSException, else a new Error.

    The new Error keeps ``error`` (``pythonException``), so that it comes back to Python as
    the same object; JS releases that reference when the Error is collected.
    """
    js_error = getattr(error, "_js_error", None)
    if js_error is not None:
        return js_error
    text = "".join(traceback.format_exception(error)) if error.__traceback__ is not None else ""
    return _bridge.error_for_python_exception(error, type(error).__name__, text)


def thrown_to_js(error: BaseException) -> Any:
    """What a callback returns instead of raising ``error``: its caller in JS throws it.

    Raising into JS costs Pyodide ~0.5 KB of JS heap per exception, never given back.
    """
    return _bridge.thrown(error_to_js(error))


_CHECK_FAILURE = "__jsinterop_check_failure__"


def mark_check_failure(error: BaseException) -> BaseException:
    """``error``, marked as a failed marshalling check: JS gets it as a TypeError or RangeError."""
    setattr(error, _CHECK_FAILURE, True)
    return error


def is_check_failure(error: BaseException) -> bool:
    """Whether ``error`` was marked by :func:`mark_check_failure`."""
    return bool(getattr(error, _CHECK_FAILURE, False))
