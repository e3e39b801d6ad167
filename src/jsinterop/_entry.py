"""The entry points the JS runtime calls (``runtime.mjs`` imports this module by name).

Exports are collected here, ``main`` is run here, the exception that last crossed into JS
is described here for the JS Error that stands for it, the imports a memory snapshot keeps
are made here (``_startup``), and hot reloads are applied here.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import os
import sys
import traceback
from typing import Any

from jsinterop import _bridge, _startup, _throws
from jsinterop._exports import exports_under, import_package_tree

__all__ = [
    "after_restore",
    "as_in_app_folder",
    "call_catching",
    "collect_exports",
    "hot_reload",
    "last_exception_details",
    "last_exception_value",
    "last_main_failure",
    "negative_zero",
    "prepare_snapshot",
    "run_main",
]

_main_failure: str | None = None


def collect_exports(package_name: str, define: Any) -> int:
    """Import ``package_name`` and its submodules; hand each export under it to ``define``.

    ``define(path, spec_json, function)`` is the JS half's; it builds the exports object.
    Returns how many exports were defined.
    """
    import_package_tree(package_name)
    count = 0
    for entry in exports_under(package_name):
        define(entry.path, entry.spec_json, _bridge.create_proxy(entry.target))
        count += 1
    return count


def hot_reload(root: str, files_json: str, scripts_json: str) -> str:
    """Apply new sources of the app's files (JSON: path under ``root`` -> source, or null
    for a deleted file) after the JS modules named in ``scripts_json`` were imported again;
    the :class:`jsinterop._reload.ReloadResult` as JSON."""
    from jsinterop import _reload  # here, not at start-up: only a dev tool's patches need it

    result = _reload.apply_changes(root, json.loads(files_json), json.loads(scripts_json))
    return _bridge.dumps(result.to_json())


def last_exception_details() -> str | None:
    """The exception that last crossed into JS, as JSON: type, message and traceback.

    ``check`` is the JS error class for a failed marshalling check (see
    :func:`jsinterop._throws.mark_check_failure`), else None.
    """
    error = getattr(sys, "last_exc", None)
    if error is None:
        return None
    check = None
    if _throws.is_check_failure(error):
        check = "RangeError" if isinstance(error, OverflowError) else "TypeError"
    details = {
        "type": type(error).__name__,
        "message": str(error),
        "traceback": _throws.traceback_text(error),
        "check": check,
    }
    return json.dumps(details, separators=(",", ":"))


def last_exception_value() -> Any:
    """The exception that last crossed into JS, for the JS Error that stands for it.

    A JSException gives its original JS Error (rethrown as it was); any other exception
    gives a new proxy of itself, which the JS Error keeps.
    """
    error = getattr(sys, "last_exc", None)
    if error is None:
        return None
    js_error = getattr(error, "_js_error", None)
    return js_error if js_error is not None else _bridge.create_proxy(error, roundtrip=False)


def call_catching(target: Any, *args: Any) -> Any:
    """``target(*args)``, an exception returned for the JS caller to throw, not raised.

    The JS half calls an export this way when it is nested deep in calls between JS and
    Python: an exception raised through Pyodide costs time growing with the depth (Pyodide
    formats its whole traceback and records the whole JS stack), which a deep recursion's
    error pays at every level on its way out. A failed check of the return value is raised
    as usual: the JS caller gets it as a TypeError or RangeError.
    """
    if isinstance(target, _bridge.JsDoubleProxy):
        target = target.unwrap()  # the export's own function, called without crossing to JS
    try:
        return target(*args)
    except Exception as error:
        if _throws.is_check_failure(error):
            raise
        return _throws.thrown_to_js(error)


def negative_zero() -> Any:
    """Python's ``-0.0`` as a JS value that Python reads back as this float.

    The JS half sends it for a JS ``-0`` typed ``float``: Pyodide reads a whole JS number as an
    ``int``, so a plain ``-0`` would arrive as ``0`` and lose its sign.
    """
    return _bridge.create_proxy(-0.0, roundtrip=False)


async def run_main(entry: str, args: Any) -> int:
    """Run ``module:function`` with the application arguments; return its exit code."""
    module_name, _, function_name = entry.partition(":")
    try:
        main = getattr(importlib.import_module(module_name), function_name)
        arguments = [str(a) for a in args]
        takes_args = bool(inspect.signature(main).parameters)
        result = main(arguments) if takes_args else main()
        if inspect.isawaitable(result):
            result = await result
    except SystemExit as exit_:
        return _exit_code(exit_.code)
    except BaseException as error:
        global _main_failure
        # Start the traceback at the app's own frames, not at this function; files named
        # as in the app folder (``hello/program.py``), not where the runtime unpacked them.
        frames = error.__traceback__.tb_next if error.__traceback__ else None
        text = "".join(traceback.format_exception(type(error), error, frames))
        _main_failure = as_in_app_folder(text, module_name.partition(".")[0])
        print(_main_failure, end="", file=sys.stderr)
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return 0 if result is None else int(result)


def prepare_snapshot(modules_json: str, packages_json: str) -> str | None:
    """Import what a snapshot keeps; None, or why the app cannot be kept in one.

    See :func:`jsinterop._startup.import_for_snapshot`.
    """
    return _startup.import_for_snapshot(modules_json, packages_json)


def after_restore(environment_json: str) -> None:
    """Set what a restored snapshot kept from the build to this start's values.

    See :func:`jsinterop._startup.after_restore`.
    """
    _startup.after_restore(environment_json)


def last_main_failure() -> str | None:
    """The traceback of the exception that ended the last :func:`run_main`, if one did (the
    browser shows it in the error bar)."""
    return _main_failure


def as_in_app_folder(text: str, package: str) -> str:
    """``text`` (a traceback) with the folder that holds ``package`` taken off file names,
    so they read as in the app folder (``hello/program.py``, not ``/app/hello/program.py``).

    Examples
    --------
    >>> from jsinterop._entry import as_in_app_folder
    >>> as_in_app_folder('File "/nowhere/x.py"', "no_such_package")
    'File "/nowhere/x.py"'
    """
    spec = importlib.util.find_spec(package) if package.isidentifier() else None
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        return text
    root = os.path.dirname(locations[0].rstrip("/")) + "/"
    return text.replace(f'File "{root}', 'File "')


def _exit_code(code: object) -> int:
    """``sys.exit(code)``'s exit code: None is 0, an int itself, anything else printed, 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
