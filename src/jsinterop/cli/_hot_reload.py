"""What a change of the app's files means for the pages open on the dev server: a hot reload
(a patch the page applies without booting Python again) or a full reload, and why.

- a module of the app's package: its new source goes to the page, which imports it again
  (``jsinterop._reload``); the module that holds ``main`` cannot be applied that way, since
  ``main`` has already run;
- a style sheet (``.css``): the page replaces its ``<link>``;
- a JS module (``.js``, ``.mjs``) in a folder (``wwwroot/``, or collocated in the package):
  the page imports it again under a new URL, if it was imported with
  ``JSHost.import_async``;
- anything else (``pyproject.toml``, ``index.html``, the page's own scripts at the top of
  the app, images, data files, a deleted script or style sheet): a full reload.

Files no build reads are left out: hidden names (an editor's temporary files), Python caches
and ``node_modules``; so is a file that is gone and that the last build did not have (a
temporary file, ``sed -i``'s for one).

A patch carries the content of what it changes: Python sources inline, and web files for
the dev server to answer with until the rebuild that follows it is in place.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsinterop.cli._app import App

__all__ = ["ChangePlan", "changed_names", "plan_changes", "watch_filter"]

_PYTHON = ".py"
_SCRIPTS = frozenset({".js", ".mjs"})
_STYLES = frozenset({".css"})
# Files of the package that never reach the running app.
_IGNORED_IN_PACKAGE = frozenset({".pyi", ".pyc"})
# Folders whose files no build reads (as _sources and _files skip them).
_IGNORED_FOLDERS = frozenset({"__pycache__", "node_modules"})


@dataclass
class ChangePlan:
    """What to do about a batch of changed files.

    Attributes
    ----------
    python : dict[str, str or None]
        New sources by archive path (``"app/pages/counter.py"``); ``None`` when deleted.
    scripts : list of str
        JS modules to import again, by path in the site (``"wwwroot/js/interop.js"``).
    styles : list of str
        Style sheets to replace, by path in the site.
    web_files : dict[str, bytes]
        The new content of ``scripts`` and ``styles``, by path in the site.
    full_reload : str or None
        Why the page must load again, when it must.

    Examples
    --------
    >>> from jsinterop.cli._hot_reload import ChangePlan
    >>> ChangePlan(full_reload="pyproject.toml changed").is_hot
    False
    >>> ChangePlan(styles=["wwwroot/css/app.css"]).is_hot
    True
    """

    python: dict[str, str | None] = field(default_factory=dict)
    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    web_files: dict[str, bytes] = field(default_factory=dict)
    full_reload: str | None = None

    @property
    def is_empty(self) -> bool:
        """Whether the change touches nothing a build reads (a temporary file, say).

        Examples
        --------
        >>> from jsinterop.cli._hot_reload import ChangePlan
        >>> ChangePlan().is_empty, ChangePlan(python={"a/b.py": None}).is_empty
        (True, False)
        """
        return self.full_reload is None and not (self.python or self.scripts or self.styles)

    @property
    def is_hot(self) -> bool:
        """Whether the change is applied by a patch (there is something to patch and
        nothing that needs a full reload)."""
        return self.full_reload is None and bool(self.python or self.scripts or self.styles)

    def describe(self) -> str:
        """A short account of the patch, for the terminal.

        Examples
        --------
        >>> from jsinterop.cli._hot_reload import ChangePlan
        >>> ChangePlan(python={"a/b.py": ""}, styles=["x.css", "y.css"]).describe()
        '1 Python file, 2 style sheets'
        """
        parts = [
            _count(len(self.python), "Python file"),
            _count(len(self.scripts), "JS module"),
            _count(len(self.styles), "style sheet"),
        ]
        return ", ".join(part for part in parts if part)


def plan_changes(
    app: App,
    paths: Iterable[Path],
    *,
    built: Collection[str] = (),
    main_runs_again: bool = False,
) -> ChangePlan:
    """The plan for the changed files ``paths`` of ``app`` (as the watcher reports them; a
    path that no longer exists was deleted). The files are read now.

    ``built`` names the files of the last build (see
    :func:`jsinterop.cli._build.built_files`): a file that is gone matters only if it was
    one of them, or a module. With ``main_runs_again`` (``jsinterop run --watch``: main runs
    again after each change), the module that holds ``main`` is patched like any other.

    Examples
    --------
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._hot_reload import plan_changes
    >>> app = read_app("examples/sample")
    >>> plan_changes(app, [app.root / "pyproject.toml"]).full_reload
    'pyproject.toml changed: the app is set up again when the page loads'
    >>> plan_changes(app, [app.package_dir / "program.py"]).full_reload
    'sample/program.py holds main (sample.program:main), which has already run'
    >>> plan_changes(app, [app.package_dir / "pages" / "index.py"]).python.keys()
    dict_keys(['sample/pages/index.py'])
    >>> plan_changes(app, [app.root / "main.js"]).full_reload
    'main.js changed: it is loaded once, when the app starts'

    """
    plan = ChangePlan()
    reasons: list[str] = []
    root = app.root.resolve()
    package_dir = app.package_dir.resolve()
    for path in sorted({Path(path).resolve() for path in paths}):
        if not path.is_relative_to(root) or _never_built(path.relative_to(root).parts):
            continue
        inside_package = path.is_relative_to(package_dir)
        if inside_package:
            name = f"{app.package}/{path.relative_to(package_dir).as_posix()}"
        else:
            name = path.relative_to(root).as_posix()
        if not path.exists() and path.suffix != _PYTHON and name not in built:
            continue  # a temporary file, come and gone
        if inside_package:
            reason = _plan_package_file(plan, app, name, path, main_runs_again)
        else:
            reason = _plan_app_file(plan, name, path)
        if reason is not None:
            reasons.append(reason)
    if reasons:
        plan.full_reload = "; ".join(reasons)
    return plan


def changed_names(paths: Iterable[Path]) -> str:
    """The names of the changed files ``paths`` for the terminal, without temporary files
    already gone.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._hot_reload import changed_names
    >>> app = Path("examples/sample")
    >>> changed_names([app / "sample/gone.py", app / "sample/sedK0Opiv", app / "index.html"])
    'gone.py, index.html'
    """
    shown = {path.name for path in paths if path.suffix == _PYTHON or path.exists()}
    return ", ".join(sorted(shown))


def _never_built(parts: tuple[str, ...]) -> bool:
    return any(part.startswith(".") or part in _IGNORED_FOLDERS for part in parts)


def _plan_package_file(
    plan: ChangePlan, app: App, name: str, path: Path, main_runs_again: bool
) -> str | None:
    """Add a file of the package to ``plan``; the reason for a full reload, if it needs one."""
    if path.suffix in _IGNORED_IN_PACKAGE or path.is_dir():
        return None
    if path.suffix == _PYTHON:
        module = name.removesuffix(_PYTHON).removesuffix("/__init__").replace("/", ".")
        if module == app.main_module and not main_runs_again:
            return f"{name} holds main ({app.main}), which has already run"
        try:
            plan.python[name] = path.read_text(encoding="utf-8") if path.exists() else None
        except UnicodeDecodeError:
            return f"{name} is not UTF-8 text"
        return None
    return _plan_web_file(plan, name, path)


def _plan_app_file(plan: ChangePlan, name: str, path: Path) -> str | None:
    """Add a file of the app outside its package to ``plan``; the reason for a full reload,
    if it needs one."""
    if path.is_dir() or path.suffix in _IGNORED_IN_PACKAGE | {_PYTHON}:
        return None  # Python outside the package is not the app's (builds leave it out)
    if name == "pyproject.toml":
        return "pyproject.toml changed: the app is set up again when the page loads"
    if "/" not in name and path.suffix in _SCRIPTS | {".html"}:
        return f"{name} changed: it is loaded once, when the app starts"
    return _plan_web_file(plan, name, path)


def _plan_web_file(plan: ChangePlan, name: str, path: Path) -> str | None:
    if path.suffix not in _SCRIPTS | _STYLES:
        return f"{name} changed: only Python, JS modules and style sheets are patched in place"
    if not path.exists():
        return f"{name} was deleted"
    (plan.scripts if path.suffix in _SCRIPTS else plan.styles).append(name)
    plan.web_files[name] = path.read_bytes()
    return None


def _count(number: int, noun: str) -> str:
    if number == 0:
        return ""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def watch_filter(app: App, out: Path) -> Callable[[Any, str], bool]:
    """The filter for watchfiles: its default, without the output folder, ``<app>/dist``
    and the build's staging and replaced folders beside the output folder.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._hot_reload import watch_filter
    >>> app = read_app("examples/sample")
    >>> changes_of_app = watch_filter(app, app.root / "dist")
    >>> root = app.root.resolve()  # watchfiles reports absolute paths
    >>> changes_of_app(2, str(root / "sample" / "program.py"))
    True
    >>> changes_of_app(2, str(root / "dist" / "main.js"))
    False
    """
    from watchfiles import DefaultFilter

    target = out.resolve()
    ignored = DefaultFilter(ignore_paths=[str(target), str((app.root / "dist").resolve())])
    hidden_prefix = f".{target.name}."

    def changes_of_app(change: Any, path: str) -> bool:
        if not ignored(change, path):
            return False
        inside = Path(path).resolve()
        if not inside.is_relative_to(target.parent) or inside == target.parent:
            return True
        return not inside.relative_to(target.parent).parts[0].startswith(hidden_prefix)

    return changes_of_app
