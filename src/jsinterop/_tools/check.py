"""Check an app without running it: every stub and export, and the JS functions stubs name.

Step 1 imports the app's modules on CPython with the decorators collecting their errors, so
every bad stub or export is reported at once with its file and line, and checks that ``main``
names a function taking ``args`` or nothing. Step 2 (``check_probe.mjs``, in Node) finds the
JS functions the stubs name: in the ES modules the app imports (``JSHost.import_async("Name",
"url")`` calls with literal arguments), which it loads, and in the object literals that
``main.mjs``/``main.js`` register with ``setModuleImports("Name", {...})``, which it reads with
the TypeScript parser without running them. A stub whose function is missing, is not a
function, or cannot take the arguments the stub passes is reported; parameters with defaults
and rest parameters are read from the function's source, not from ``Function.length``.
jsinterop's own stubs (``jsinterop.components``) are not the app's and are not reported.
"""

from __future__ import annotations

import ast
import difflib
import importlib
import inspect
import json
import pkgutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsinterop import _diagnostics
from jsinterop._diagnostics import Problem, StubRecord
from jsinterop._exports import exports_under
from jsinterop._tools.loading import forget_package, node_json, on_sys_path

__all__ = ["CheckReport", "ModuleImport", "check_app", "find_module_imports"]


@dataclass(frozen=True, slots=True)
class ModuleImport:
    """A literal ``JSHost.import_async(name, url)`` call found in the app's code."""

    name: str
    url: str
    file: str
    line: int


@dataclass
class CheckReport:
    """What ``check_app`` found: problems (the app is wrong) and notes (not checked)."""

    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stubs: int = 0
    exports: int = 0

    @property
    def ok(self) -> bool:
        """Whether no problem was found."""
        return not self.problems


def find_module_imports(package_dir: Path) -> list[ModuleImport]:
    """The ``import_async`` calls with literal name and URL in the package's sources.

    Examples
    --------
    >>> from pathlib import Path
    >>> find_module_imports(Path("hello/hello"))  # doctest: +SKIP
    [ModuleImport(name='Interop', url='./js/interop.js', file='hello/hello/app.py', line=7)]
    """
    found: list[ModuleImport] = []
    for source in sorted(package_dir.rglob("*.py")):
        try:
            tree = ast.parse(source.read_text(encoding="utf-8"), str(source))
        except SyntaxError:
            continue  # reported by the import step
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "import_async"
                and len(node.args) >= 2
            ):
                continue
            name, url = node.args[0], node.args[1]
            if (
                isinstance(name, ast.Constant)
                and isinstance(name.value, str)
                and isinstance(url, ast.Constant)
                and isinstance(url.value, str)
            ):
                found.append(ModuleImport(name.value, url.value, str(source), node.lineno))
    return found


def _import_all(package: str, report: CheckReport) -> None:
    """Import the package and each submodule, each failure reported on its own."""
    forget_package(package)  # import afresh, so the decorators run inside the collector
    try:
        root = importlib.import_module(package)
    except Exception as error:
        report.problems.append(_import_problem(package, error))
        return
    for info in pkgutil.walk_packages(getattr(root, "__path__", []), prefix=f"{package}."):
        try:
            importlib.import_module(info.name)
        except Exception as error:
            report.problems.append(_import_problem(info.name, error))


def _import_problem(module: str, error: Exception) -> Problem:
    frames = error.__traceback__
    file, line = "<unknown>", 0
    while frames is not None:
        file, line = frames.tb_frame.f_code.co_filename, frames.tb_lineno
        frames = frames.tb_next
    if isinstance(error, SyntaxError) and error.filename:
        file, line = error.filename, error.lineno or 0
    return Problem(file, line, f"importing {module} failed: {type(error).__name__}: {error}")


_PROBE = Path(__file__).with_name("check_probe.mjs")
_SCRIPTS = ("main.mjs", "main.js")  # where the templates call setModuleImports


def _probe_js(
    app_root: Path,
    imports: list[ModuleImport],
    stubs: list[StubRecord],
    node: str,
    typescript: Path,
) -> dict[str, Any]:
    request = {
        "appRoot": str(app_root.resolve()),
        "typescript": str(typescript),
        "scripts": [
            str((app_root / name).resolve()) for name in _SCRIPTS if (app_root / name).is_file()
        ],
        "modules": {module.name: module.url for module in imports},
        "lookups": [{"module": stub.module_name, "path": stub.function_name} for stub in stubs],
    }
    result: dict[str, Any] = node_json(
        [node, str(_PROBE), json.dumps(request)],
        "node could not check the JS modules",
        cwd=app_root,
    )
    return result


def check_app(
    package_dir: Path,
    package: str,
    app_root: Path,
    node: str = "node",
    *,
    typescript: Path,
    main: str | None = None,
) -> CheckReport:
    """Check every stub and export of ``package``, the JS functions the stubs name, and
    ``main`` (``"module:function"``).

    Parameters
    ----------
    package_dir, package : Path, str
        The app's package folder and import name.
    app_root : Path
        The app folder: module URLs resolve against it, and its ``main.mjs``/``main.js``
        are read for ``setModuleImports`` calls.
    node : str
        The Node.js executable.
    typescript : Path
        TypeScript's ``lib/typescript.js``, which parses the scripts and functions.
    main : str, optional
        The entry point from ``pyproject.toml``.

    Examples
    --------
    >>> from pathlib import Path
    >>> report = check_app(Path("hello/hello"), "hello", Path("hello"),
    ...                    typescript=Path("typescript.js"))  # doctest: +SKIP
    >>> report.ok  # doctest: +SKIP
    True
    """
    report = CheckReport()
    with _diagnostics.collecting() as seen, on_sys_path(package_dir.parent):
        _import_all(package, report)
        if main is not None:
            _check_main(main, app_root / "pyproject.toml", report)
    report.problems.extend(seen.problems)
    # jsinterop's own stubs (jsinterop.components' module) are its business, not the app's.
    stubs = [stub for stub in seen.stubs if not stub.qualified_name.startswith("jsinterop.")]
    report.stubs = len(stubs)
    report.exports = len(exports_under(package))
    if stubs:
        imports = find_module_imports(package_dir)
        _check_js(report, _probe_js(app_root, imports, stubs, node, typescript), imports, stubs)
    return report


def _check_main(main: str, pyproject: Path, report: CheckReport) -> None:
    """``main`` names a function of an importable module that takes ``args`` or nothing."""
    module_name, _, function_name = main.partition(":")
    where = _line_of(pyproject, "main")
    prefix = f"[tool.jsinterop] main {main!r}"
    module = sys.modules.get(module_name)
    if module is None:
        return  # it failed to import: the import step reported why
    function = getattr(module, function_name, None)
    if function is None:
        names = [name for name in vars(module) if callable(getattr(module, name))]
        close = difflib.get_close_matches(function_name, names, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        message = f"{prefix}: {module_name} has no function {function_name!r}{hint}"
        report.problems.append(Problem(str(pyproject), where, message))
        return
    if not callable(function):
        kind = type(function).__name__
        message = f"{prefix}: {module_name}.{function_name} is a {kind}, not a function"
        report.problems.append(Problem(str(pyproject), where, message))
        return
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return  # a builtin: nothing to read
    # run_main calls main(args) when main has parameters, main() when it has none.
    if signature.parameters:
        try:
            signature.bind(["args"])
        except TypeError:
            message = (
                f"{prefix}: {function_name}{signature} must take one argument (args, the "
                "command-line arguments as a list[str]) or none"
            )
            report.problems.append(Problem(str(pyproject), where, message))


def _line_of(pyproject: Path, key: str) -> int:
    try:
        lines = pyproject.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    for number, line in enumerate(lines, 1):
        if line.split("=")[0].strip() == key:
            return number
    return 0


def _check_js(
    report: CheckReport,
    probe: dict[str, Any],
    imports: list[ModuleImport],
    stubs: list[StubRecord],
) -> None:
    urls = {module.name: module for module in imports}
    for name, message in probe["errors"].items():
        module = urls[name]
        report.problems.append(
            Problem(
                module.file,
                module.line,
                f"module '{name}' ({module.url}) failed to load: {message}",
            )
        )
    registered: dict[str, list[str]] = probe["registered"]
    unchecked: set[str] = set()
    for stub, result in zip(stubs, probe["results"], strict=True):
        where = f"@js_import {stub.qualified_name}"
        place = f"module '{stub.module_name}'" if stub.module_name else "globalThis"
        if stub.module_name in registered and stub.module_name not in urls:
            place += f" (registered at {result.get('where', registered[stub.module_name][0])})"
        status = result["status"]
        message = None
        if status == "missing":
            message = f"{result['part']} not found while looking up {stub.function_name} in {place}"
        elif status == "not-function":
            message = f"{stub.function_name} in {place} is a {result['kind']}, not a function"
        elif status == "class":
            message = (
                f"{stub.function_name} in {place} is a class: a stub calls it without new, "
                "which JS refuses"
            )
        elif status == "function":
            message = _arity_problem(stub, place, result["required"], result["max"])
        elif status == "global-missing":
            report.notes.append(
                f"{stub.file}:{stub.line}: {where}: globalThis.{stub.function_name} is not "
                "defined in Node (a browser global?); not checked"
            )
        elif status == "unknown":
            report.notes.append(
                f"{stub.file}:{stub.line}: {where}: {stub.function_name} in {place} is made "
                "while the script runs (a spread, a computed name or a call); not checked"
            )
        elif status == "not-checked" and stub.module_name is not None:
            unchecked.add(stub.module_name)
        if message is not None:
            report.problems.append(Problem(stub.file, stub.line, f"{where}: {message}"))
    for name in sorted(unchecked):
        report.notes.append(
            f"module '{name}' is neither imported with a literal JSHost.import_async(name, url) "
            "nor registered with a literal setModuleImports(name, {...}) in main.mjs or "
            "main.js; its stubs were not checked against JS"
        )


def _arity_problem(stub: StubRecord, place: str, required: int, most: int | None) -> str | None:
    """Whether the stub's arguments fit: it must pass every required parameter, and no more
    than the function takes (``most`` is ``None`` with a rest parameter or when unknown)."""
    count = stub.parameter_count
    if count >= required and (most is None or count <= most):
        return None
    if most == required:
        takes = f"declares {required} parameter(s)"
    elif most is None:
        takes = f"takes at least {required} argument(s)"
    else:
        takes = f"takes {required} to {most} argument(s)"
    return f"the JS function {stub.function_name} in {place} {takes}; the stub passes {count}"
