"""``jsinterop typings``: write (or check) the TypeScript declarations of an app's exports."""

from __future__ import annotations

from pathlib import Path

from jsinterop._tools.loading import app_exports
from jsinterop._tools.typescript import render_declarations
from jsinterop.cli._app import App
from jsinterop.cli._messages import CliError

__all__ = ["DECLARATIONS_NAME", "app_declarations", "default_declarations_path", "write_typings"]

DECLARATIONS_NAME = "jsinterop.d.mts"


def default_declarations_path(app: App) -> Path:
    """``<app>/types/jsinterop.d.mts``: where ``typings`` writes by default."""
    return app.root / "types" / DECLARATIONS_NAME


def app_declarations(app: App) -> str:
    """The declarations text for ``app``'s exports and the runtime API."""
    try:
        entries = app_exports(app.package_dir, app.package)
    except Exception as error:
        raise CliError(
            f"cannot import {app.package} to read its exports: {type(error).__name__}: {error}"
        ) from None
    return render_declarations(app.package, entries)


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
