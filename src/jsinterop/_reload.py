"""Hot reload: new sources of an app's modules, applied to the running interpreter.

``jsinterop serve`` sends the files of the app's package that changed; the runtime
(``_framework/reload.mjs``, through ``_entry.hot_reload``) hands them to
:func:`apply_changes`, which:

1. writes them under the folder the app archive was unpacked into (a deleted file is
   deleted), and removes their bytecode: the archive's is *unchecked-hash* bytecode, which
   the import system would otherwise use whatever the source says;
2. finds the modules to import again: each loaded module that changed, and every loaded
   module of the app that imports one of them, read from its ``import`` statements (a
   ``from x import name`` holds on to the old ``name`` until its module runs again), and the
   new files of a loaded package (a module that was there and never imported stays so);
3. imports them afresh, dependencies first (a new module object each, so names deleted from
   a module are gone), after forgetting their ``@js_export`` functions, which their
   decorators register again;
4. tells the listeners (:func:`add_listener`): the component host swaps classes and
   renders again.

It is all or nothing. When a module fails to import (a syntax error, an exception at import
time), every module goes back into ``sys.modules`` as it was, and so do the exports and every
registry that asked to be kept (:func:`add_state`); the traceback is returned, the last
working version keeps running, and the failed files are tried again with the next change.
A module that sets ``__hot_reload__ = False`` (its import does something that cannot be done
twice) is never imported again: a change that would need it asks for a full reload instead.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import os
import sys
import traceback
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from jsinterop import _compile
from jsinterop._exports import forget_exports_of

__all__ = [
    "DECLINE_ATTRIBUTE",
    "ReloadListener",
    "ReloadResult",
    "add_listener",
    "add_state",
    "apply_changes",
    "import_order",
    "imported_names",
    "module_name_of",
    "remove_listener",
    "remove_state",
]

DECLINE_ATTRIBUTE = "__hot_reload__"
"""A module that sets this to ``False`` is never imported twice: changes that need it are
applied by a full reload."""

_PYTHON_SUFFIX = ".py"
# jsinterop is unpacked beside the app's package; it never changes while the app runs.
_NEVER_RELOADED = "jsinterop"

ReloadListener = Callable[[Mapping[str, ModuleType | None]], None]
"""Called after a reload with the modules imported again (by name; ``None`` for a module
whose file was deleted); an empty mapping when only JS modules were replaced."""

_listeners: list[ReloadListener] = []
_states: list[Callable[[], Callable[[], None]]] = []
# Changed files whose new source did not import yet: tried again with the next change.
_pending: set[str] = set()
# Module file -> (its stat, the modules its import statements name), read once per version.
_imports_cache: dict[str, tuple[tuple[int, int], frozenset[str]]] = {}


@dataclass(frozen=True, slots=True)
class ReloadResult:
    """What a reload did.

    Attributes
    ----------
    reloaded : tuple of str
        The modules imported again (or for the first time), in the order they were imported.
    error : str or None
        The traceback of the failure that undid the reload; the last version keeps running.
    full_reload : str or None
        Why the change cannot be applied in place, when it cannot.

    Examples
    --------
    >>> from jsinterop._reload import ReloadResult
    >>> ReloadResult(reloaded=("app.pages",)).to_json()
    {'reloaded': ['app.pages'], 'error': None, 'fullReload': None}
    """

    reloaded: tuple[str, ...] = ()
    error: str | None = None
    full_reload: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The result as the JS half reads it."""
        return {
            "reloaded": list(self.reloaded),
            "error": self.error,
            "fullReload": self.full_reload,
        }


def add_listener(listener: ReloadListener) -> None:
    """Call ``listener`` after each reload that applied (see :data:`ReloadListener`).

    A layer above registers itself (the component host re-renders the page); an exception
    it raises is returned as the reload's error.

    Examples
    --------
    >>> from jsinterop import _reload
    >>> seen = []
    >>> _reload.add_listener(seen.append)
    >>> _reload.remove_listener(seen.append)
    """
    _listeners.append(listener)


def remove_listener(listener: ReloadListener) -> None:
    """Stop calling ``listener`` (nothing happens if it was not added)."""
    if listener in _listeners:
        _listeners.remove(listener)


def add_state(snapshot: Callable[[], Callable[[], None]]) -> None:
    """Keep a registry that imports fill (routes of ``@page`` classes...) whole across a
    failed reload: ``snapshot()`` is called before the imports and returns the function
    that puts the registry back as it was, called if an import fails.

    Examples
    --------
    >>> from jsinterop import _reload
    >>> routes = ["/"]
    >>> def snapshot():
    ...     kept = list(routes)
    ...     return lambda: routes.__setitem__(slice(None), kept)
    >>> _reload.add_state(snapshot)
    >>> _reload.remove_state(snapshot)
    """
    _states.append(snapshot)


def remove_state(snapshot: Callable[[], Callable[[], None]]) -> None:
    """Stop keeping the registry ``snapshot`` takes (nothing happens if it was not added)."""
    if snapshot in _states:
        _states.remove(snapshot)


def module_name_of(path: str) -> str | None:
    """The module a file of the app archive holds (``None`` for a file that is no module).

    Examples
    --------
    >>> from jsinterop._reload import module_name_of
    >>> module_name_of("app/pages/counter.py"), module_name_of("app/pages/__init__.py")
    ('app.pages.counter', 'app.pages')
    >>> module_name_of("app/pages/counter.js") is None
    True
    """
    if not path.endswith(_PYTHON_SUFFIX):
        return None
    parts = path[: -len(_PYTHON_SUFFIX)].split("/")
    if parts[-1] == "__init__":
        parts.pop()
    if not parts or not all(part.isidentifier() for part in parts):
        return None
    return ".".join(parts)


def apply_changes(
    root: str, files: Mapping[str, str | None], scripts: Collection[str] = ()
) -> ReloadResult:
    """Write ``files`` under ``root`` and import again what they change; see the module's
    docstring.

    Parameters
    ----------
    root : str
        The folder the app archive was unpacked into (``/app``), on ``sys.path``.
    files : Mapping[str, str or None]
        New sources by path under ``root`` (``"app/pages/counter.py"``); ``None`` for a
        file that was deleted.
    scripts : Collection[str], optional
        JS modules (by the names stubs import from) that were just imported again under a
        new URL: stubs bound to their functions bind again at their next call, and the
        listeners hear of it even when no Python file changed.

    Returns
    -------
    ReloadResult
        The modules imported, or the traceback of the failure that undid them all, or why
        a full reload is needed.

    Examples
    --------
    In Pyodide::

        >>> from jsinterop._reload import apply_changes
        >>> apply_changes("/app", {"app/pages/counter.py": new_source})
        ReloadResult(reloaded=('app.pages.counter',), error=None, full_reload=None)
    """
    _compile.unbind_imports(scripts)
    base = Path(root)
    created: set[str] = set()
    for relative, source in files.items():
        existed = _write(base, relative, source)
        name = module_name_of(relative)
        if name is not None and not existed:
            created.add(name)
    importlib.invalidate_caches()
    changed = {name for name in map(module_name_of, files) if name is not None}
    targets = changed | _pending
    app_modules = _app_modules(base)
    reloaded = {name for name in targets if name in app_modules}
    if not reloaded and not targets and scripts:
        return ReloadResult(error=_tell_listeners({}))
    removed = {name for name in reloaded if _module_file(app_modules[name]) is None}
    reloaded |= _importers(reloaded, app_modules)
    declined = sorted(name for name in reloaded if _declines(app_modules[name]))
    if declined:
        return ReloadResult(
            full_reload=f"{declined[0]} sets {DECLINE_ATTRIBUTE} = False, and this change needs "
            "it imported again"
        )
    # A module never imported stays so (it may not be meant for Pyodide); a new file of a
    # loaded package is imported, as the package's other modules were.
    created |= _pending
    new = sorted(name for name in created - reloaded if _is_new_in_loaded_package(name, created))
    order = import_order(reloaded - removed, _dependencies(reloaded - removed, app_modules))
    imported = _import_all(order + new, removed)
    if isinstance(imported, str):
        _pending.update(changed)
        return ReloadResult(error=imported)
    _pending.clear()
    replaced: dict[str, ModuleType | None] = {name: sys.modules.get(name) for name in imported}
    replaced.update((name, None) for name in removed)
    return ReloadResult(reloaded=tuple(imported), error=_tell_listeners(replaced))


def import_order(names: Iterable[str], dependencies: Mapping[str, Collection[str]]) -> list[str]:
    """``names`` with every module after the modules it imports; a cycle in name order.

    Examples
    --------
    >>> from jsinterop._reload import import_order
    >>> import_order(["app.b", "app.a", "app.c"], {"app.b": ["app.a"], "app.c": ["app.b"]})
    ['app.a', 'app.b', 'app.c']
    """
    remaining = set(names)
    order: list[str] = []
    while remaining:
        ready = sorted(
            name
            for name in remaining
            if not any(dependency in remaining for dependency in dependencies.get(name, ()))
        )
        chosen = ready or [min(remaining)]  # a cycle: imports inside it resolve themselves
        order.extend(chosen)
        remaining.difference_update(chosen)
    return order


def imported_names(source: str, module: str, *, is_package: bool) -> frozenset[str]:
    """The modules the import statements of ``source`` (module ``module``) name: for
    ``from x import y`` both ``x`` and ``x.y`` (``y`` may be a module); relative imports
    resolved.

    Examples
    --------
    >>> from jsinterop._reload import imported_names
    >>> source = "import app.a\\nfrom .b import c\\nfrom . import d\\n"
    >>> sorted(imported_names(source, "app.pages.x", is_package=False))
    ['app.a', 'app.pages', 'app.pages.b', 'app.pages.b.c', 'app.pages.d']
    """
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node.module, node.level, package)
            if base is None:
                continue
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return frozenset(found)


# -- files ----------------------------------------------------------------------------------


def _write(base: Path, relative: str, source: str | None) -> bool:
    """Write (or delete) one file under ``base``, and its bytecode with it; whether it was
    there before."""
    parts = relative.split("/")
    if relative.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"hot reload: {relative!r} is not a path inside the app")
    path = base.joinpath(*parts)
    if path.suffix == _PYTHON_SUFFIX:
        Path(importlib.util.cache_from_source(str(path))).unlink(missing_ok=True)
    _imports_cache.pop(str(path), None)
    existed = path.exists()
    if source is None:
        path.unlink(missing_ok=True)
        return existed
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    return existed


def _module_file(module: ModuleType) -> Path | None:
    """The source file of ``module`` if it still exists."""
    file = getattr(module, "__file__", None)
    return Path(file) if file and os.path.isfile(file) else None


def _app_modules(base: Path) -> dict[str, ModuleType]:
    """The loaded modules whose files lie under ``base``, jsinterop's own left out."""
    prefix = str(base).rstrip("/") + "/"
    found = {}
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if not isinstance(file, str) or not file.startswith(prefix) or module is None:
            continue
        if name == _NEVER_RELOADED or name.startswith(_NEVER_RELOADED + "."):
            continue
        found[name] = module
    return found


def _declines(module: ModuleType) -> bool:
    return getattr(module, DECLINE_ATTRIBUTE, True) is False


def _is_new_in_loaded_package(name: str, targets: Collection[str]) -> bool:
    """Whether ``name`` is not loaded and belongs to a loaded package, directly or through
    new packages among ``targets``: its file is new (or its import failed before)."""
    parent = name.rpartition(".")[0]
    if name in sys.modules or not parent:
        return False
    return parent in sys.modules or (
        parent in targets and _is_new_in_loaded_package(parent, targets)
    )


# -- who imports whom -----------------------------------------------------------------------


def _resolve(module: str | None, level: int, package: str) -> str | None:
    if level == 0:
        return module
    parts = package.split(".") if package else []
    if level > len(parts):
        return None  # beyond the top-level package: the import fails and says so
    base = ".".join(parts[: len(parts) - (level - 1)])
    return f"{base}.{module}" if module else base


def _imports_of(name: str, module: ModuleType) -> frozenset[str]:
    """The modules ``module``'s current source imports (empty if it cannot be read)."""
    file = _module_file(module)
    if file is None:
        return frozenset()
    key = str(file)
    stat = file.stat()
    version = (stat.st_mtime_ns, stat.st_size)
    cached = _imports_cache.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    try:
        names = imported_names(
            file.read_text(encoding="utf-8"), name, is_package=file.name == "__init__.py"
        )
    except (SyntaxError, UnicodeDecodeError, ValueError):
        names = frozenset()  # its import reports the problem, if it is imported
    _imports_cache[key] = (version, names)
    return names


def _importers(names: set[str], app_modules: Mapping[str, ModuleType]) -> set[str]:
    """Every app module that imports one of ``names``, directly or through others."""
    imports = {name: _imports_of(name, module) for name, module in app_modules.items()}
    found: set[str] = set()
    frontier = set(names)
    while frontier:
        step = {
            importer
            for importer, imported in imports.items()
            if importer not in found and importer not in names and imported & frontier
        }
        found |= step
        frontier = step
    return found


def _dependencies(
    names: set[str], app_modules: Mapping[str, ModuleType]
) -> dict[str, frozenset[str]]:
    return {name: _imports_of(name, app_modules[name]) & names for name in names}


# -- importing, all or nothing --------------------------------------------------------------


def _import_all(order: list[str], removed: set[str]) -> list[str] | str:
    """Import ``order`` afresh and drop ``removed``: the modules imported, or the traceback
    of the failure after which everything was put back."""
    touched = [*order, *sorted(removed)]
    old = {name: sys.modules.get(name) for name in touched}
    undo_exports = forget_exports_of(touched)
    undo_states = [snapshot() for snapshot in list(_states)]
    for name in touched:
        sys.modules.pop(name, None)
    imported: list[str] = []
    try:
        for name in order:
            if name not in sys.modules:  # an earlier import may have imported it
                importlib.import_module(name)
            imported.append(name)
    except BaseException as error:
        for name, module in old.items():
            _put_back(name, module)
        undo_exports()
        for undo in reversed(undo_states):
            undo()
        if not isinstance(error, Exception):
            raise  # KeyboardInterrupt, or sys.exit() at import: not the reload's to keep
        return _traceback_of(error)
    for name in removed:
        _detach(name)
    for name in imported:
        _reattach_submodules(name)
    return imported


def _put_back(name: str, module: ModuleType | None) -> None:
    """``sys.modules[name]`` and the package's attribute as they were before the reload."""
    parent_name, _, child = name.rpartition(".")
    parent = sys.modules.get(parent_name) if parent_name else None
    if module is None:
        sys.modules.pop(name, None)
        if parent is not None and hasattr(parent, child):
            delattr(parent, child)
        return
    sys.modules[name] = module
    if parent is not None:
        setattr(parent, child, module)


def _detach(name: str) -> None:
    parent_name, _, child = name.rpartition(".")
    parent = sys.modules.get(parent_name)
    if parent is not None and hasattr(parent, child):
        delattr(parent, child)


def _reattach_submodules(name: str) -> None:
    """A package imported afresh has none of its loaded submodules as attributes yet."""
    package = sys.modules.get(name)
    if package is None or not hasattr(package, "__path__"):
        return
    prefix = f"{name}."
    for full_name, module in list(sys.modules.items()):
        child = full_name[len(prefix) :]
        if full_name.startswith(prefix) and "." not in child and module is not None:
            setattr(package, child, module)


def _tell_listeners(replaced: Mapping[str, ModuleType | None]) -> str | None:
    """Call every listener; the tracebacks of those that failed, or ``None``."""
    errors = []
    for listener in list(_listeners):
        try:
            listener(replaced)
        except Exception as error:
            errors.append(_traceback_of(error))
    return "\n".join(errors) or None


def _traceback_of(error: BaseException) -> str:
    # The frames of this module and of importlib say nothing about the app's code.
    frames = traceback.extract_tb(error.__traceback__)
    own = [frame for frame in frames if not _is_machinery(frame.filename)]
    lines = ["Traceback (most recent call last):\n", *traceback.format_list(own)] if own else []
    return "".join(lines + traceback.format_exception_only(error))


def _is_machinery(filename: str) -> bool:
    return (
        filename == __file__
        or filename.startswith("<frozen importlib")
        or filename.replace("\\", "/").endswith("/importlib/__init__.py")
    )
