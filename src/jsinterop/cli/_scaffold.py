"""``jsinterop new``: a new app folder from one of the templates in ``templates/``."""

from __future__ import annotations

import keyword
import sys
from importlib import resources
from pathlib import Path

from jsinterop.cli._files import walk_files
from jsinterop.cli._messages import CliError

__all__ = ["TEMPLATES", "WEB_TEMPLATES", "check_app_name", "new_app", "next_steps"]

TEMPLATES = ("console", "browser", "components", "library")
"""The kinds of project ``jsinterop new`` creates: a Node.js console app, a web page, a
component app (pages, a layout and a router, like a Blazor WebAssembly app), and a library
of components, JS modules and static files for apps (like a Razor class library)."""

WEB_TEMPLATES = ("browser", "components")
"""The templates whose app runs in a browser, where ``--worker`` puts Python in a worker."""

_PACKAGE_FOLDER = "__package__"
# What {{worker}} in a template's pyproject.toml becomes with --worker.
_WORKER_SETTING = """\
# Python runs in a Web Worker: the page keeps painting while Python computes. The
# page must be cross-origin isolated (jsinterop serve is; see _headers after a build).
worker = true
"""
# Python templates end in .tmpl so that tools (mypy, ruff, the wheel) never take them for
# modules of jsinterop; the suffix goes away when they are rendered.
_TEMPLATE_SUFFIX = ".tmpl"
# Modules an app's package must not hide: it comes first on sys.path in the runtime.
_RESERVED_MODULES = frozenset({"jsinterop", "js", "pyodide", "pyodide_js", "_jsinterop_runtime"})


def check_app_name(name: str) -> str:
    """The import name of an app called ``name``, after checking that it can be one.

    Parameters
    ----------
    name : str
        The app's name; ``-`` becomes ``_`` in the package name.

    Returns
    -------
    str
        The package name.

    Raises
    ------
    CliError
        When the package name is not a Python identifier, is a keyword, or would hide a
        standard library module or one jsinterop needs.

    Examples
    --------
    >>> from jsinterop.cli._scaffold import check_app_name
    >>> check_app_name("my-app")
    'my_app'
    """
    package = name.replace("-", "_")
    if not package.isidentifier():
        raise CliError(
            f"{name!r} is not a valid app name: with '-' read as '_' it must be a Python "
            "identifier (letters, digits and '_', not starting with a digit)"
        )
    if keyword.iskeyword(package):
        raise CliError(f"{name!r} is not a valid app name: {package!r} is a Python keyword")
    if package in sys.stdlib_module_names or package in _RESERVED_MODULES:
        raise CliError(
            f"{name!r} is not a valid app name: the package {package!r} would hide "
            f"the module {package!r} that Python needs"
        )
    return package


def new_app(
    template: str, name: str, folder: Path | str | None = None, *, worker: bool = False
) -> Path:
    """Create the app ``name`` from ``template`` in ``folder`` (``./<name>`` by default).

    Template files are copied with ``{{name}}`` replaced by the app's name and
    ``{{package}}`` by its package name; the ``__package__`` folder is renamed to the
    package name, and a ``.tmpl`` suffix is dropped.

    Parameters
    ----------
    template : str
        One of :data:`TEMPLATES`.
    name : str
        The app's name, e.g. ``"hello"`` or ``"my-app"`` (package ``my_app``).
    folder : Path or str, optional
        Where to create it; it must not exist or be empty.
    worker : bool, optional
        For a web app (:data:`WEB_TEMPLATES`): Python runs in a Web Worker
        (``[tool.jsinterop] worker = true``).

    Returns
    -------
    Path
        The app folder.

    Raises
    ------
    CliError
        For an unknown template, an invalid name, a folder that is not empty, or
        ``worker`` for an app that does not run in a browser.

    Examples
    --------
    >>> from jsinterop.cli._scaffold import new_app
    >>> new_app("console", "hello")  # doctest: +SKIP
    PosixPath('hello')
    """
    if template not in TEMPLATES:
        raise CliError(f"unknown template {template!r} (choose from: {', '.join(TEMPLATES)})")
    if worker and template not in WEB_TEMPLATES:
        raise CliError(
            f"--worker runs Python in a Web Worker of a page; a {template} app has no page "
            f"(use it with: {', '.join(WEB_TEMPLATES)})"
        )
    package = check_app_name(name)
    target = Path(name if folder is None else folder)
    if target.exists() and not (target.is_dir() and not any(target.iterdir())):
        raise CliError(f"the folder {target} already exists and is not empty")
    source = resources.files("jsinterop.cli") / "templates" / template
    for relative_name, template_file in walk_files(source):
        parts = [package if part == _PACKAGE_FOLDER else part for part in relative_name.split("/")]
        parts[-1] = parts[-1].removesuffix(_TEMPLATE_SUFFIX)
        text = template_file.read_text(encoding="utf-8")
        text = text.replace("{{name}}", name).replace("{{package}}", package)
        text = text.replace("{{worker}}", _WORKER_SETTING if worker else "")
        path = target.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target


def next_steps(template: str, folder: Path) -> str:
    """What to type after ``jsinterop new template`` created ``folder``.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._scaffold import next_steps
    >>> print(next_steps("console", Path("hello")))
    Run it with: jsinterop run hello
    """
    if template == "library":
        return (
            f'Use it from an app: add "{folder.name} @ <path to {folder}>" to the app\'s '
            "[project] dependencies (see its README.md)"
        )
    if template == "components":
        return (
            f"Serve it with: jsinterop serve {folder}\n"
            "(a saved change shows in the open page, hot reloaded where it can be)"
        )
    if template == "browser":
        out = folder / "dist"
        return (
            f"Build it with: jsinterop build {folder}\n"
            f"then serve {out} with any static file server, e.g. "
            f"python3 -m http.server -d {out}"
        )
    return f"Run it with: jsinterop run {folder}"
