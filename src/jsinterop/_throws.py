"""How throws cross the boundary: a JS throw as a Python exception, a Python exception as a
JS Error, and the mark that makes a failed marshalling check a JS TypeError.

Errors that the JS half raises on behalf of Python (a wrong argument to a stub, a failed
lookup) carry the Python type they stand for; a JS Error made from a Python exception is that
exception again; any other JS throw becomes a :class:`jsinterop.JSException` (JSTypeError,
JSRangeError by name). Each exception keeps its identity both ways.
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
    "wait_or_translate",
]

_PYTHON_ERRORS: dict[str, type[Exception]] = {
    "TypeError": TypeError,
    "OverflowError": OverflowError,
    "ValueError": ValueError,
    "LookupError": LookupError,
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


def wait_or_translate(error: Any) -> Any:
    """The value a plain ``def`` stub's JS function promised, waited for with JSPI; for any
    other JS throw caught around a call into JS, the exception :func:`translate_error` gives,
    raised.

    The JS half throws its ``PendingResult`` instead of returning the Promise, so that the
    usual call pays nothing for this. Without JSPI, or in a call JS started synchronously
    (where Pyodide's ``run_sync`` cannot suspend), the call is refused with what to do.

    Raises
    ------
    RuntimeError
        When the Promise cannot be waited for here.
    """
    pending = _bridge.pending_result(error)
    if pending is None:
        raise translate_error(error) from None
    if not _bridge.can_wait_for_promises():
        raise RuntimeError(_cannot_wait(str(pending.where))) from None
    try:
        return _bridge.wait_for(pending.promise)
    except _bridge.JsException as failure:
        raise translate_error(failure) from None


def _cannot_wait(where: str) -> str:
    if not _bridge.engine_has_jspi():
        return (
            f"{where} is a Promise, and a plain 'def' stub can wait for one only with JSPI "
            f"(WebAssembly stack switching), which {_bridge.engine_name()} lacks; declare the "
            "stub 'async def' and await it, or run where JSPI is on: Chromium 137+, Node 25+, "
            "or Node 20 to 24 started with --experimental-wasm-stack-switching "
            "(jsinterop run adds it)"
        )
    return (
        f"{where} is a Promise, and a plain 'def' stub can wait for one only in a call JS "
        "started asynchronously (an async main or export, runPythonAsync), not in this one; "
        "declare the stub 'async def' and await it, or call it from async code"
    )


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
