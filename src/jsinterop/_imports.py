"""``@js_import``: a typed stub becomes a call into JavaScript."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from jsinterop import _diagnostics
from jsinterop._compile import ImportBinding, compile_import
from jsinterop._spec_reader import signature_spec

__all__ = ["js_import"]

F = TypeVar("F", bound=Callable[..., Any])


def js_import(function_name: str, module_name: str | None = None) -> Callable[[F], F]:
    """Bind a typed stub to a JavaScript function; its signature drives the marshalling.

    Parameters
    ----------
    function_name : str
        The function's name in the module; a dotted path (``"node.process.version"``)
        walks into nested objects, and the function is called with ``this`` set to the
        object that holds it.
    module_name : str, optional
        A module imported with :meth:`JSHost.import_async` or registered from JS with
        ``setModuleImports``. Without it, ``function_name`` is a path from ``globalThis``
        (a leading ``globalThis.`` is allowed).

    The stub is a ``def`` or ``async def`` whose parameters and return value are all
    annotated and whose body is ``...``. An unsupported signature raises ``TypeError`` here,
    at decoration time. The JS function is looked up on the first call and cached.

    Examples
    --------
    >>> from jsinterop import js_import
    >>> @js_import("Math.max")
    ... def larger(a: float, b: float) -> float: ...
    >>> @js_import("getMessage", "Interop")
    ... def get_welcome_message() -> str: ...
    >>> @js_import("fetchText", "Interop")
    ... async def fetch_text(url: str) -> str: ...
    """
    if not isinstance(function_name, str) or not function_name.strip("."):
        raise TypeError(f"js_import() needs a JS function name, got {function_name!r}")
    if module_name is not None and (not isinstance(module_name, str) or not module_name):
        raise TypeError(f"js_import() module_name must be a non-empty str, got {module_name!r}")

    def decorate(stub: F) -> F:
        collector = _diagnostics.current()
        try:
            spec = signature_spec(stub, role="js_import")
        except TypeError as error:
            if collector is None:
                raise
            collector.problems.append(
                _diagnostics.Problem(*_diagnostics.location(stub), str(error))
            )
            return stub
        binding = ImportBinding(spec, function_name, module_name)
        if collector is not None:
            file, line = _diagnostics.location(stub)
            collector.stubs.append(
                _diagnostics.StubRecord(
                    spec.qualified_name, function_name, module_name, len(spec.params), file, line
                )
            )
        return compile_import(stub, spec, binding)  # type: ignore[return-value]

    return decorate
