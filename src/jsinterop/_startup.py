"""The imports a memory snapshot keeps, and what is set again when one is restored.

``jsinterop build`` boots Pyodide, unpacks the app's archive and calls
:func:`import_for_snapshot` (through ``_entry``) before it takes the snapshot; the runtime
that restores it calls :func:`after_restore`. See docs/snapshots.md.

The import-time rule: the app's modules are imported once, at build time, and what they did
is what every start finds. So while they import they may not use JS (no value read from
``js``, no call into JS, no ``@js_import`` stub call, no ``JSHost``): such a module is refused
at build, by name. Importing a global JS object or function (``from js import console``) is
allowed: the snapshot records its path from ``globalThis`` and the restore looks it up again.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from jsinterop import _bridge
from jsinterop._exports import import_package_tree

__all__ = ["RUNTIME_REFUSED", "after_restore", "import_for_snapshot"]

RUNTIME_REFUSED = (
    "the JS runtime is not there while the app's modules import for a snapshot; "
    "use it in main() or later"
)
"""What a use of the JS runtime raises while :func:`import_for_snapshot` runs."""

_RULE = (
    "A snapshot keeps what the app's modules did when the build imported them, so they may "
    "not use JS while they import (no js.* value or call, no @js_import stub call, no "
    "JSHost): move that code into main() or a function it calls, or build with "
    "--no-snapshot (see docs/snapshots.md)."
)
_MISSING_GLOBAL = (
    "(the build imports the app in Node, where a browser's globals such as document do not exist)"
)
# jsinterop's packages whose exports the JS side collects at start when the app uses them
# (the components host calls getExports("jsinterop.components")): their trees are imported
# too once the app has imported them.
_RUNTIME_PACKAGES = ("jsinterop.components",)
# The text of the JS guard's errors (snapshot.mjs importGuard) and the bridge's refusal.
_JS_USE_MARKERS = ("while the app's modules imported for a snapshot", RUNTIME_REFUSED)


def import_for_snapshot(modules_json: str, packages_json: str) -> str | None:
    """Import the modules, then the packages with all their submodules, as a start would,
    with the JS runtime refused; None, or why the app cannot be kept in a snapshot.

    The trees of jsinterop's packages a start collects exports from (``jsinterop.components``)
    are imported too when the app imported them.

    Parameters
    ----------
    modules_json, packages_json : str
        JSON lists of module names (the app's main module) and package names (the app's
        package).

    Returns
    -------
    str or None
        None when everything imported; else a message naming the module that failed, the
        line and the error, and the rule when the module used JS.

    Examples
    --------
    >>> from jsinterop._startup import import_for_snapshot
    >>> import_for_snapshot('["json"]', '[]') is None
    True
    >>> import textwrap
    >>> print(textwrap.fill(import_for_snapshot('["no_such_module"]', '[]'), 80))
    no_such_module cannot be imported for the snapshot: ModuleNotFoundError: No
    module named 'no_such_module'. Fix it, or build with --no-snapshot.
    """
    modules: list[str] = json.loads(modules_json)
    packages: list[str] = json.loads(packages_json)
    with _bridge.refusing_runtime(RUNTIME_REFUSED):
        problem = _import_each(modules, importlib.import_module) or _import_each(
            packages, import_package_tree
        )
        if problem is None:
            used = [name for name in _RUNTIME_PACKAGES if name in sys.modules]
            problem = _import_each(used, import_package_tree)
    gc.collect()  # what the imports left behind is not worth keeping in the snapshot
    return problem


def after_restore(environment_json: str) -> None:
    """Set what a restored snapshot kept from the build to this start's values.

    ``os.environ`` gets the runtime's ``config.env``; ``random``, when imported, a fresh
    seed (every start would draw the same numbers otherwise); ``sys.path`` loses the
    ``""`` Pyodide put in front of it again.

    Examples
    --------
    >>> import os
    >>> from jsinterop._startup import after_restore
    >>> after_restore('{"JSINTEROP_EXAMPLE": "1"}')
    >>> os.environ.pop("JSINTEROP_EXAMPLE")
    '1'
    """
    os.environ.update(json.loads(environment_json))
    random = sys.modules.get("random")
    if random is not None:
        random.seed()
    if sys.path[:1] == [""] and "" in sys.path[1:]:
        del sys.path[0]


def _import_each(names: list[str], import_: Callable[[str], object]) -> str | None:
    """``import_`` each of ``names``; None, or the refusal for the first that fails."""
    for name in names:
        try:
            import_(name)
        except BaseException as error:  # any failure refuses the snapshot, by name
            return _refusal(name, error)
    return None


def _refusal(name: str, error: BaseException) -> str:
    """The message refusing the snapshot because importing ``name`` raised ``error``."""
    where = _innermost_module_frame(error.__traceback__)
    module, location = name, ""
    if where is not None:
        module, filename, line = where
        location = f" (line {line} of {filename})"
    problem = "".join(traceback.format_exception_only(error)).strip().replace("\n", " ")
    if isinstance(error, ImportError) and error.name == "js":
        return f"{module} uses JS at import{location}: {problem} {_MISSING_GLOBAL}. {_RULE}"
    if _used_js(error):
        return f"{module} uses JS at import{location}: {problem}. {_RULE}"
    return (
        f"{module} cannot be imported for the snapshot{location}: {problem}. "
        "Fix it, or build with --no-snapshot."
    )


def _innermost_module_frame(trace: TracebackType | None) -> tuple[str, str, int] | None:
    """The module, file and line of the innermost module body in ``trace``, if any."""
    found = None
    while trace is not None:
        frame = trace.tb_frame
        if frame.f_code.co_name == "<module>":
            module = frame.f_globals.get("__name__", "?")
            found = (str(module), frame.f_code.co_filename, trace.tb_lineno)
        trace = trace.tb_next
    return found


def _used_js(error: BaseException) -> bool:
    """Whether ``error`` (or one it came from) is the guard's or the bridge's refusal."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if any(marker in str(current) for marker in _JS_USE_MARKERS):
            return True
        current = current.__cause__ or current.__context__
    return False
