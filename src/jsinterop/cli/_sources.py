"""The files a build reads from an app: its package's files, and its other files (the page,
scripts, ``wwwroot/``), each as (output name, path), in a fixed order.

A build copies only files that are inside the app folder: a link that leads out of it (to
``/etc/passwd``, to a home folder) would publish that file with the site, so
:func:`refuse_links_out_of_app` stops the build and names the links. Links inside the app
are followed like any file."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from jsinterop.cli._app import App
from jsinterop.cli._files import walk_files
from jsinterop.cli._messages import CliError

__all__ = [
    "FRAMEWORK",
    "app_files",
    "package_files",
    "refuse_links_out_of_app",
    "refuse_unmatched_static",
    "static_files",
]

FRAMEWORK = "_framework"
"""The output folder's part that jsinterop writes (the runtime, Pyodide, the archive)."""

# Folders of an app that hold no files for the output: anywhere, and at the top. Not even
# `static` ships them: npm packages are copied as far as the app's imports reach (``_npm_deps``)
# and the build writes `_framework/` itself.
_SKIPPED_DIRS = frozenset({"__pycache__", "node_modules"})
_SKIPPED_TOP_DIRS = frozenset({"dist", FRAMEWORK})
_PYTHON_SUFFIXES = frozenset({".py", ".pyc", ".pyi"})
# Files of the project's tools, anywhere in the app: read on the developer's machine (by the
# build, npm, TypeScript), of no use to the site, and telling its visitors about the project.
# Left out unless `static` names them.
_TOOL_FILES = (
    "pyproject.toml",
    "pylock.toml",
    "package.json",
    "package-lock.json",
    "npm-shrinkwrap.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "bun.lock",
    "bun.lockb",
    "tsconfig*.json",
    "jsconfig*.json",
)
# Top folders of the tools' output: `jsinterop typings` writes types/jsinterop.d.mts.
_TOOL_TOP_DIRS = frozenset({"types"})


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
    """The app's files that the site serves, named by their posix path in the app folder.

    Left out: hidden names, Python code and caches, the package (the archive carries it),
    the tools' files (``pyproject.toml``, ``pylock.toml``, ``package.json``, npm's, yarn's
    and pnpm's locks, ``tsconfig*.json``, ``jsconfig*.json``, the ``types/`` folder
    ``jsinterop typings`` writes), ``*.egg-info``, ``node_modules``, and the output folder
    ``out`` when it is inside the app. The globs of ``[tool.jsinterop] static``
    (:attr:`App.static`) bring any of those files back, but never ``node_modules``,
    ``__pycache__``, the output folder, or a top ``dist/`` or ``_framework/``.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._sources import app_files
    >>> [name for name, _ in app_files(read_app("hello"), Path("hello/dist"))]  # doctest: +SKIP
    ['main.mjs']
    """
    found = dict(_default_files(app, out))
    for files in static_files(app, out).values():
        found.update(files)
    return sorted(found.items())


def static_files(app: App, out: Path) -> dict[str, list[tuple[str, Path]]]:
    """The files each glob of ``[tool.jsinterop] static`` names, as :func:`app_files` names
    them (a glob that names a folder names the files under it).

    Globs are relative to the app folder: ``*`` stays inside a folder, ``**`` spans any
    number of them (``data/**/*.csv``), as :meth:`pathlib.Path.glob` reads them.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._sources import static_files
    >>> static_files(read_app("hello"), Path("hello/dist"))  # doctest: +SKIP
    {'package.json': [('package.json', PosixPath('hello/package.json'))]}
    """
    root = app.root
    skipped = out.resolve()
    named: dict[str, list[tuple[str, Path]]] = {}
    for glob in app.static:
        files: dict[str, Path] = {}
        for match in root.glob(glob):
            under = [match] if match.is_file() else [p for p in match.rglob("*") if p.is_file()]
            for path in under:
                name = path.relative_to(root).as_posix()
                if _may_ship(name, path, skipped):
                    files[name] = path
        named[glob] = sorted(files.items())
    return named


def refuse_unmatched_static(app: App, out: Path) -> None:
    """Stop the build if a glob of ``[tool.jsinterop] static`` names no file it may ship (a
    misspelt name would otherwise leave the file out without a word).

    Raises
    ------
    CliError
        Naming the glob.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._sources import refuse_unmatched_static
    >>> refuse_unmatched_static(read_app("hello"), Path("hello/dist"))  # doctest: +SKIP
    """
    for glob, files in static_files(app, out).items():
        if not files:
            raise CliError(
                f"{app.root / 'pyproject.toml'}: [tool.jsinterop] static {glob!r} names no "
                f"file in {app.root} (node_modules, __pycache__, the output folder and a top "
                f"dist/ or {FRAMEWORK}/ are never shipped); fix the glob or remove it"
            )


def _default_files(app: App, out: Path) -> list[tuple[str, Path]]:
    """The files :func:`app_files` ships without ``static``."""
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
            if not any(fnmatch.fnmatchcase(file_name, tool) for tool in _TOOL_FILES):
                found.append((path.relative_to(root).as_posix(), path))
    return found


def _keeps_folder(here: Path, name: str, root: Path, skipped: set[Path]) -> bool:
    """Whether :func:`app_files` walks into ``here/name`` when ``static`` does not lead it."""
    return (
        not name.startswith(".")
        and name not in _SKIPPED_DIRS
        and not (here == root and name in _SKIPPED_TOP_DIRS | _TOOL_TOP_DIRS)
        and not name.endswith(".egg-info")
        and (here / name).resolve() not in skipped
    )


def _may_ship(name: str, path: Path, output: Path) -> bool:
    """Whether the app's file ``path`` (``name`` in the app folder) may be shipped at all."""
    parts = name.split("/")
    return (
        not _SKIPPED_DIRS.intersection(parts[:-1])
        and not (len(parts) > 1 and parts[0] in _SKIPPED_TOP_DIRS)
        and not path.resolve().is_relative_to(output)
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
