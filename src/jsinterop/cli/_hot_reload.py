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
and ``node_modules``.

A patch carries the content of what it changes: Python sources inline, and web files for
the dev server to answer with until the rebuild that follows it is in place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jsinterop.cli._app import App

__all__ = ["ChangePlan", "plan_changes"]

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


def plan_changes(app: App, paths: Iterable[Path]) -> ChangePlan:
    """The plan for the changed files ``paths`` of ``app`` (as the watcher reports them; a
    path that no longer exists was deleted). The files are read now.

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
    """
    plan = ChangePlan()
    reasons: list[str] = []
    root = app.root.resolve()
    package_dir = app.package_dir.resolve()
    for path in sorted({Path(path).resolve() for path in paths}):
        if not path.is_relative_to(root) or _never_built(path.relative_to(root).parts):
            continue
        if path.is_relative_to(package_dir):
            name = f"{app.package}/{path.relative_to(package_dir).as_posix()}"
            reason = _plan_package_file(plan, app, name, path)
        else:
            reason = _plan_app_file(plan, path.relative_to(root).as_posix(), path)
        if reason is not None:
            reasons.append(reason)
    if reasons:
        plan.full_reload = "; ".join(reasons)
    return plan


def _never_built(parts: tuple[str, ...]) -> bool:
    return any(part.startswith(".") or part in _IGNORED_FOLDERS for part in parts)


def _plan_package_file(plan: ChangePlan, app: App, name: str, path: Path) -> str | None:
    """Add a file of the package to ``plan``; the reason for a full reload, if it needs one."""
    if path.suffix in _IGNORED_IN_PACKAGE or path.is_dir():
        return None
    if path.suffix == _PYTHON:
        module = name.removesuffix(_PYTHON).removesuffix("/__init__").replace("/", ".")
        if module == app.main_module:
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
        return f"{name} changed: the page itself loads it"
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
