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

import contextlib
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
    "traceback_text",
    "translate_error",
    "wait_or_translate",
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


_MIRROR = "__jsinterop_mirror__"


def error_to_js(error: BaseException) -> Any:
    """The JS Error for ``error``: the original one for a JSException, else one standing for it.

    That Error keeps ``error`` (``pythonException``), so that it comes back to Python as the
    same object; JS releases that reference when the Error is collected. While JS holds it,
    ``error`` crossing again is that same Error (``error`` holds it weakly): an exception
    re-raised through many nested calls is described once, not once per call.
    """
    js_error = getattr(error, "_js_error", None)
    if js_error is not None:
        return js_error
    held = getattr(error, _MIRROR, None)
    mirror = _bridge.deref(held) if held is not None else None
    if mirror is not None:
        return mirror
    text = traceback_text(error) if error.__traceback__ is not None else ""
    mirror = _bridge.error_for_python_exception(error, type(error).__name__, text)
    # An exception class with __slots__ and no __dict__ gets a new Error each time.
    with contextlib.suppress(AttributeError):
        setattr(error, _MIRROR, _bridge.weak_ref(mirror))
    return mirror


def thrown_to_js(error: BaseException) -> Any:
    """What a callback returns instead of raising ``error``: its caller in JS throws it.

    Raising into JS costs Pyodide ~0.5 KB of JS heap per exception, never given back.
    """
    return _bridge.thrown(error_to_js(error))


# The innermost frames of a traceback that a JS Error shows; the outer ones are counted only.
# A deep recursion's traceback holds thousands of frames, each slow to format in Pyodide
# (~0.1 ms: it reads the source line and parses it for the carets).
TRACEBACK_FRAMES = 40

_TRACEBACK_HEADER = "Traceback (most recent call last):\n"


def traceback_text(error: BaseException) -> str:
    """``error`` formatted as Python prints it, with at most :data:`TRACEBACK_FRAMES` frames.

    Beyond that many, the outer frames are left out, and a line says how many.
    """
    shown = error.__traceback__
    left_out = _frame_count(shown) - TRACEBACK_FRAMES
    for _ in range(max(left_out, 0)):
        shown = shown.tb_next  # type: ignore[union-attr]  # the count says it is there
    lines = traceback.format_exception(type(error), error, shown)
    if left_out <= 0:
        return "".join(lines)
    note = f"  [{left_out} outer frames left out]\n"
    # After the header of the exception itself, which comes after any chained ones.
    at = len(lines) - lines[::-1].index(_TRACEBACK_HEADER) if _TRACEBACK_HEADER in lines else 0
    return "".join([*lines[:at], note, *lines[at:]])


def _frame_count(frames: Any) -> int:
    count = 0
    while frames is not None:
        count += 1
        frames = frames.tb_next
    return count


_CHECK_FAILURE = "__jsinterop_check_failure__"


def mark_check_failure(error: BaseException) -> BaseException:
    """``error``, marked as a failed marshalling check: JS gets it as a TypeError or RangeError."""
    setattr(error, _CHECK_FAILURE, True)
    return error


def is_check_failure(error: BaseException) -> bool:
    """Whether ``error`` was marked by :func:`mark_check_failure`."""
    return bool(getattr(error, _CHECK_FAILURE, False))
