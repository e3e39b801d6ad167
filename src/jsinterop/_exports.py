"""``@js_export``: a Python function JavaScript can call, found through ``getExports``."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection
from typing import Any, NamedTuple, TypeVar, overload

from jsinterop import _bridge, _diagnostics
from jsinterop._compile import compile_export
from jsinterop._spec_reader import signature_spec
from jsinterop._spec_types import SignatureSpec

__all__ = [
    "ExportEntry",
    "exports_under",
    "forget_exports_of",
    "forget_exports_under",
    "import_package_tree",
    "js_export",
]

F = TypeVar("F", bound=Callable[..., Any])


class ExportEntry(NamedTuple):
    """One export: where JS finds it, its spec, and the function JS calls."""

    module: str
    path: str
    spec: SignatureSpec
    spec_json: str
    target: Callable[..., Any]


_registry: dict[str, ExportEntry] = {}


def forget_exports_under(package_name: str) -> None:
    """Drop the exports of ``package_name`` and its submodules (before importing it afresh)."""
    for entry in exports_under(package_name):
        del _registry[entry.path]


def forget_exports_of(modules: Collection[str]) -> Callable[[], None]:
    """Drop the exports defined in ``modules`` (before a hot reload imports them again);
    return the function that puts every export back as it was (if that import fails)."""
    kept = dict(_registry)
    names = set(modules)
    for path in [path for path, entry in _registry.items() if entry.module in names]:
        del _registry[path]

    def put_back() -> None:
        _registry.clear()
        _registry.update(kept)

    return put_back


def import_package_tree(package_name: str) -> None:
    """Import ``package_name`` and all its submodules, so that their exports register."""
    import pkgutil  # here, not at start-up: ~5 ms to compile in the browser, needed only here

    package = importlib.import_module(package_name)
    path = getattr(package, "__path__", None)
    if path is None:
        return
    for info in pkgutil.walk_packages(path, prefix=f"{package_name}."):
        importlib.import_module(info.name)


def exports_under(package_name: str) -> list[ExportEntry]:
    """The exports of ``package_name`` and its submodules, in registration order."""
    prefix = f"{package_name}."
    return [
        entry
        for entry in _registry.values()
        if entry.module == package_name or entry.module.startswith(prefix)
    ]


def _register(func: Any, name: str | None) -> None:
    spec = signature_spec(func, role="js_export")
    qualname_parts = func.__qualname__.split(".")
    if "<locals>" in qualname_parts:
        raise TypeError(
            f"@js_export {spec.qualified_name}: only module-level functions and static "
            "methods can be exported"
        )
    if name is not None:
        if not name.isidentifier():
            raise TypeError(f"@js_export {spec.qualified_name}: name={name!r} is not a name")
        qualname_parts[-1] = name
    path = ".".join([func.__module__, *qualname_parts])
    spec = spec._replace(qualified_name=path)  # messages name what JS calls
    _registry[path] = ExportEntry(
        module=func.__module__,
        path=path,
        spec=spec,
        spec_json=_bridge.dumps(spec.to_json()),
        target=compile_export(func, spec),
    )


@overload
def js_export(func: F, /) -> F: ...
@overload
def js_export(*, name: str | None = None) -> Callable[[F], F]: ...
def js_export(func: Any = None, /, *, name: str | None = None) -> Any:
    """Export a module-level function or static method to JavaScript.

    JS reaches it as ``exports.<module path>.<qualified name>`` in the object that
    ``getExports("<package>")`` returns. Arguments from JS are validated against the
    annotations (a wrong type or count throws a JS ``TypeError`` naming the export and the
    parameter); a Python exception becomes a JS ``Error`` carrying the Python type,
    message and traceback. The function itself is returned unchanged.

    Parameters
    ----------
    name : str, optional
        The name JS sees instead of the function's own.

    Examples
    --------
    >>> from jsinterop import js_export
    >>> @js_export
    ... def get_message() -> str:
    ...     return "Olá do Python!"
    >>> class Interop:
    ...     @staticmethod
    ...     @js_export(name="add")
    ...     def add_numbers(a: int, b: int) -> int:
    ...         return a + b
    >>> get_message()
    'Olá do Python!'
    """

    def decorate(target: Any) -> Any:
        collector = _diagnostics.current()
        if collector is None:
            return _decorate(target)
        try:
            return _decorate(target)
        except TypeError as error:
            func = getattr(target, "__func__", target)
            collector.problems.append(
                _diagnostics.Problem(*_diagnostics.location(func), str(error))
            )
            return target

    def _decorate(target: Any) -> Any:
        if isinstance(target, staticmethod):
            _register(target.__func__, name)
            return target
        if isinstance(target, classmethod):
            raise TypeError(
                f"@js_export {target.__func__.__qualname__}: class methods cannot be exported; "
                "use a static method"
            )
        _register(target, name)
        return target

    if func is None:
        return decorate
    return decorate(func)
