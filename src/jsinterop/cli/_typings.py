"""``jsinterop typings``: write (or check) the TypeScript declarations of an app's exports."""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from pathlib import Path

from jsinterop._tools.loading import app_exports
from jsinterop._tools.typescript import render_declarations
from jsinterop.cli._app import App
from jsinterop.cli._messages import CliError

__all__ = [
    "DECLARATIONS_NAME",
    "AppImportError",
    "app_declarations",
    "default_declarations_path",
    "write_typings",
]


class AppImportError(CliError):
    """The app's package failed to import on CPython.

    Attributes
    ----------
    missing_module : str or None
        The top-level module a ``ModuleNotFoundError`` named, if that was the failure.
    """

    def __init__(self, message: str, missing_module: str | None) -> None:
        super().__init__(message)
        self.missing_module = missing_module


DECLARATIONS_NAME = "jsinterop.d.mts"


def default_declarations_path(app: App) -> Path:
    """``<app>/types/jsinterop.d.mts``: where ``typings`` writes by default."""
    return app.root / "types" / DECLARATIONS_NAME


def app_declarations(app: App, python_path: Sequence[Path] = ()) -> str:
    """The declarations text for ``app``'s exports and the runtime API; ``python_path`` is
    put on ``sys.path`` while the app is imported (its dependencies' pure-Python wheels).

    Raises
    ------
    AppImportError
        When the app's package cannot be imported; the message names the exception and
        the app's line that raised it.
    """
    try:
        entries = app_exports(app.package_dir, app.package, python_path)
    except Exception as error:
        missing = error.name if isinstance(error, ModuleNotFoundError) else None
        raise AppImportError(
            f"cannot import {app.package} to read its exports: {type(error).__name__}: "
            f"{error}{_where(app, error)}{_hint(app, missing)}",
            missing.partition(".")[0] if missing else None,
        ) from None
    return render_declarations(app.package, entries)


def _hint(app: App, missing: str | None) -> str:
    """What to do about a missing module that is not the app's own."""
    if missing is None or missing.partition(".")[0] == app.package:
        return ""
    return (
        f"; if {missing.partition('.')[0]!r} comes from a package, add that package to "
        "[project] dependencies in pyproject.toml"
    )


def _where(app: App, error: BaseException) -> str:
    """`` (at FILE, line N)`` for the last frame of the traceback inside the app, or ``""``."""
    root = app.root.resolve()
    place = ""
    for frame in traceback.extract_tb(error.__traceback__):
        path = Path(frame.filename)
        if path.is_absolute() and path.resolve().is_relative_to(root):
            place = f" (at {path.resolve().relative_to(root.parent)}, line {frame.lineno})"
    return place


def write_typings(app: App, out: Path | None = None, *, check: bool = False) -> Path:
    """Write the declarations to ``out``; with ``check``, fail if the file there differs.

    Examples
    --------
    >>> from jsinterop.cli._app import read_app
    >>> write_typings(read_app("hello"))  # doctest: +SKIP
    PosixPath('hello/types/jsinterop.d.mts')
    """
    target = default_declarations_path(app) if out is None else out
    text = app_declarations(app)
    if check:
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != text:
            state = "is missing" if current is None else "no longer matches the Python exports"
            raise CliError(f"{target} {state}; run `jsinterop typings {app.root}` to update it")
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
