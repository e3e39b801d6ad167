"""The files a build reads from an app: its package's files, and its other files (the page,
scripts, ``wwwroot/``), each as (output name, path), in a fixed order.

A build copies only files that are inside the app folder: a link that leads out of it (to
``/etc/passwd``, to a home folder) would publish that file with the site, so
:func:`refuse_links_out_of_app` stops the build and names the links. Links inside the app
are followed like any file."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from jsinterop.cli._app import App
from jsinterop.cli._files import walk_files
from jsinterop.cli._messages import CliError

__all__ = ["FRAMEWORK", "app_files", "package_files", "refuse_links_out_of_app"]

FRAMEWORK = "_framework"
"""The output folder's part that jsinterop writes (the runtime, Pyodide, the archive)."""

# Folders of an app that hold no files for the output: anywhere, and at the top.
_SKIPPED_DIRS = frozenset({"__pycache__", "node_modules"})
_SKIPPED_TOP_DIRS = frozenset({"dist", FRAMEWORK})
_PYTHON_SUFFIXES = frozenset({".py", ".pyc", ".pyi"})
# The project's description and its lock: read by the build, never served.
_PROJECT_FILES = frozenset({"pyproject.toml", "pylock.toml"})


def package_files(app: App) -> list[tuple[str, Path]]:
    """The files of the app's package, named ``<package>/<path inside it>``.

    Examples
    --------
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._sources import package_files
    >>> [name for name, _ in package_files(read_app("hello"))]  # doctest: +SKIP
    ['hello/__init__.py', 'hello/program.py']
    """
    # walk_files of a Path yields Paths.
    return [
        (name, cast(Path, source))
        for name, source in walk_files(app.package_dir, f"{app.package}/")
    ]


def app_files(app: App, out: Path) -> list[tuple[str, Path]]:
    """The app's files that are not Python code, named by their posix path in the app folder.

    Hidden names, Python caches, ``node_modules``, ``*.egg-info``, ``pyproject.toml`` and
    ``pylock.toml``, the
    package and the output folder ``out`` (when it is inside the app) are left out.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._sources import app_files
    >>> [name for name, _ in app_files(read_app("hello"), Path("hello/dist"))]  # doctest: +SKIP
    ['main.mjs']
    """
    root = app.root
    skipped = {out.resolve(), app.package_dir.resolve()}
    found: list[tuple[str, Path]] = []
    for folder, dir_names, file_names in os.walk(root):
        here = Path(folder)
        dir_names[:] = sorted(
            name for name in dir_names if _keeps_folder(here, name, root, skipped)
        )
        for file_name in sorted(file_names):
            path = here / file_name
            if file_name.startswith(".") or path.suffix in _PYTHON_SUFFIXES:
                continue
            name = path.relative_to(root).as_posix()
            if name not in _PROJECT_FILES:
                found.append((name, path))
    return sorted(found)


def _keeps_folder(here: Path, name: str, root: Path, skipped: set[Path]) -> bool:
    """Whether :func:`app_files` walks into ``here/name``."""
    return (
        not name.startswith(".")
        and name not in _SKIPPED_DIRS
        and not (here == root and name in _SKIPPED_TOP_DIRS)
        and not name.endswith(".egg-info")
        and (here / name).resolve() not in skipped
    )


def refuse_links_out_of_app(app: App, paths: Iterable[Path]) -> None:
    """Stop the build if any of ``paths`` (files of the app) is, or lies behind, a link that
    leads out of the app folder.

    Raises
    ------
    CliError
        Naming each such link and where it leads.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._sources import app_files, refuse_links_out_of_app
    >>> app = read_app("hello")  # doctest: +SKIP
    >>> files = [path for _, path in app_files(app, Path("hello/dist"))]  # doctest: +SKIP
    >>> refuse_links_out_of_app(app, files)  # doctest: +SKIP
    """
    root = app.root.resolve()
    links: dict[Path, Path] = {}
    for path in paths:
        if not path.resolve().is_relative_to(root):
            link = _outermost_link_out(app.root, path, root)
            links.setdefault(link, link.resolve())
    if links:
        listing = ", ".join(f"{link} -> {target}" for link, target in links.items())
        raise CliError(
            f"{app.root} has links that lead out of the app folder, and a build copies no "
            f"file from outside it: {listing}; copy the files into the app instead, or "
            "remove the links"
        )


def _outermost_link_out(app_root: Path, path: Path, resolved_root: Path) -> Path:
    """The first of ``path`` and its folders below ``app_root`` that is a link leading out of
    the app; ``path`` itself if no single one is to blame."""
    candidate = app_root
    for part in path.relative_to(app_root).parts:
        candidate = candidate / part
        if candidate.is_symlink() and not candidate.resolve().is_relative_to(resolved_root):
            return candidate
    return path
