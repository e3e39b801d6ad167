"""Check an app without running it: every stub and export, and the JS functions stubs name.

Step 1 imports the app's modules on CPython with the decorators collecting their errors, so
every bad stub or export is reported at once with its file and line. Step 2 finds the ES
modules the app imports (``JSHost.import_async("Name", "url")`` calls with literal
arguments), loads them in Node, and reports stubs whose JS function is missing, is not a
function, or takes another number of parameters than the stub passes.
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path

from jsinterop import _diagnostics
from jsinterop._diagnostics import Problem, StubRecord
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


_PROBE = r"""
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
const request = JSON.parse(process.argv[1]);
// import() here would resolve from this eval'd module, not from the app folder.
async function resolveFromApp(specifier) {
  try {
    return import.meta.resolve(specifier, pathToFileURL(request.appRoot + "/package.json").href);
  } catch {
    return pathToFileURL(createRequire(request.appRoot + "/").resolve(specifier)).href;
  }
}
const base = pathToFileURL(request.appRoot + "/").href;
const modules = {};
const errors = {};
for (const [name, url] of Object.entries(request.modules)) {
  try {
    // A bare specifier ("uplot") is Node's to resolve, from the app folder's node_modules.
    // As modules.mjs reads it: a package name, not a URL and not a module file's path.
    const bare = !/^(\.{1,2}\/|\/|[A-Za-z][A-Za-z0-9+.-]*:)/.test(url) && !/\.[cm]?js$/.test(url);
    modules[name] = await import(bare ? await resolveFromApp(url) : new URL(url, base).href);
  } catch (error) {
    errors[name] = String(error?.message ?? error);
  }
}
const results = request.lookups.map(({ module, path }) => {
  if (module !== null && errors[module] !== undefined) return { status: "module-failed" };
  if (module !== null && modules[module] === undefined) return { status: "not-checked" };
  let value = module === null ? globalThis : modules[module];
  const parts = path.replace(/^globalThis\./, "").split(".").filter(Boolean);
  for (const part of parts) {
    value = value?.[part];
    if (value === undefined || value === null) {
      return { status: module === null ? "global-missing" : "missing", part };
    }
  }
  if (typeof value !== "function") return { status: "not-function", kind: typeof value };
  return { status: "function", length: value.length };
});
process.stdout.write(JSON.stringify({ errors, results }));
"""


def _probe_js(
    app_root: Path, imports: list[ModuleImport], stubs: list[StubRecord], node: str
) -> dict[str, object]:
    request = {
        "appRoot": str(app_root.resolve()),
        "modules": {module.name: module.url for module in imports},
        "lookups": [{"module": stub.module_name, "path": stub.function_name} for stub in stubs],
    }
    result: dict[str, object] = node_json(
        [node, "--input-type=module", "-e", _PROBE, json.dumps(request)],
        "node could not check the JS modules",
        cwd=app_root,
    )
    return result


def check_app(package_dir: Path, package: str, app_root: Path, node: str = "node") -> CheckReport:
    """Check every stub and export of ``package``, and the JS functions the stubs name.

    Examples
    --------
    >>> from pathlib import Path
    >>> report = check_app(Path("hello/hello"), "hello", Path("hello"))  # doctest: +SKIP
    >>> report.ok  # doctest: +SKIP
    True
    """
    report = CheckReport()
    from jsinterop._exports import exports_under

    with _diagnostics.collecting() as seen, on_sys_path(package_dir.parent):
        _import_all(package, report)
    report.problems.extend(seen.problems)
    report.stubs = len(seen.stubs)
    report.exports = len(exports_under(package))
    imports = find_module_imports(package_dir)
    if not seen.stubs:
        return report
    probe = _probe_js(app_root, imports, seen.stubs, node)
    errors = probe["errors"]
    assert isinstance(errors, dict)
    urls = {module.name: module for module in imports}
    for name, message in errors.items():
        module = urls[name]
        report.problems.append(
            Problem(
                module.file,
                module.line,
                f"module '{name}' ({module.url}) failed to load: {message}",
            )
        )
    results = probe["results"]
    assert isinstance(results, list)
    unchecked: set[str] = set()
    for stub, result in zip(seen.stubs, results, strict=True):
        where = f"@js_import {stub.qualified_name}"
        place = f"module '{stub.module_name}'" if stub.module_name else "globalThis"
        status = result["status"]
        if status == "missing":
            message = f"{result['part']} not found while looking up {stub.function_name} in {place}"
        elif status == "not-function":
            message = f"{stub.function_name} in {place} is a {result['kind']}, not a function"
        elif status == "function" and result["length"] != stub.parameter_count:
            message = (
                f"the JS function {stub.function_name} in {place} declares "
                f"{result['length']} parameter(s); the stub passes {stub.parameter_count}"
            )
        elif status == "global-missing":
            report.notes.append(
                f"{stub.file}:{stub.line}: {where}: globalThis.{stub.function_name} is not "
                "defined in Node (a browser global?); not checked"
            )
            continue
        elif status == "not-checked" and stub.module_name is not None:
            unchecked.add(stub.module_name)
            continue
        else:
            continue
        report.problems.append(Problem(stub.file, stub.line, f"{where}: {message}"))
    for name in sorted(unchecked):
        report.notes.append(
            f"module '{name}' is not imported with a literal JSHost.import_async(name, url) "
            "(registered with setModuleImports?); its stubs were not checked against JS"
        )
    return report
