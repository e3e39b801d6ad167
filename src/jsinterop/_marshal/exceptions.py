"""``BaseException`` subclasses <-> JS Error, each keeping its identity on the way back.

A :class:`~jsinterop.JSException` goes to JS as the JS Error it came from. Any other Python
exception becomes a new JS Error named after its type, with its message, its traceback in
``stack`` and ``pythonType``; the Error keeps the exception (``pythonException``), so it comes
back to Python as the same object. A JS Error arrives as that original Python exception, or
as a JSException (JSTypeError, JSRangeError by name); either must be an instance of the
annotated class.
"""

from __future__ import annotations

from typing import Any

from jsinterop import _throws
from jsinterop._errors import JSException
from jsinterop._marshal.registry import Env
from jsinterop._spec_types import ExceptionSpec, TypeSpec

__all__ = ["KINDS", "exception_from_js", "exception_to_js", "from_js", "to_js"]

KINDS = ("exception",)


def _describe(error: BaseException) -> str:
    if isinstance(error, JSException):
        return f"JS {error.name}"
    return type(error).__name__


def exception_to_js(value: Any, cls: type[BaseException], where: str) -> Any:
    """The JS Error for an instance of ``cls``."""
    if not isinstance(value, cls):
        raise TypeError(f"{where} must be {cls.__qualname__}, got {type(value).__name__}")
    return _throws.error_to_js(value)


def exception_from_js(value: Any, cls: type[BaseException], where: str) -> BaseException:
    """The Python exception for the JS Error ``value``, which must be an instance of ``cls``."""
    error = _throws.error_from_js(value)
    if not isinstance(error, cls):
        raise TypeError(f"{where} must be {cls.__qualname__}, got {_describe(error)}")
    return error


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``exception_to_js(value, cls, where)``."""
    assert isinstance(spec, ExceptionSpec)
    helper = env.add("exception_to_js", exception_to_js)
    return f"{helper}({value}, {env.add('exception', spec.cls)}, {env.add('where', where)})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``exception_from_js(value, cls, where)``."""
    assert isinstance(spec, ExceptionSpec)
    helper = env.add("exception_from_js", exception_from_js)
    return f"{helper}({value}, {env.add('exception', spec.cls)}, {env.add('where', where)})"
