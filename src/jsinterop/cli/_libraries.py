"""jsinterop libraries (Razor class libraries' analog): Python packages that bring JS
modules, CSS and other static files for the site, components with collocated modules and
``@js_export`` functions.

A library is a dependency of the app: a folder (``"mylib @ ../mylib"``, a path relative to
the app folder, or a ``file://`` URL) or a wheel (from a package index, or ``name @
file:///path/to/mylib-1.0-py3-none-any.whl``). A folder's package goes into the app's
archive beside the app's own, and its ``[project] dependencies`` are resolved with the
app's; a wheel is installed like any dependency.

Its static files are served at ``_content/<package>/...``: the files under the package's
``wwwroot/`` folder at that folder's paths, and the ``.js``, ``.mjs`` and ``.css`` files
elsewhere in the package (a component's collocated module) at their paths in the package.
So ``mylib/wwwroot/mylib.css`` is ``_content/mylib/mylib.css``, and the module beside
``mylib/chart.py`` is ``_content/mylib/chart.js``.
"""

from __future__ import annotations

import re
import tomllib
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import cast
from urllib.parse import unquote, urlparse

from jsinterop.cli._files import walk_files
from jsinterop.cli._messages import CliError

__all__ = [
    "CONTENT",
    "Library",
    "content_files",
    "path_libraries",
    "wheel_content",
]

CONTENT = "_content"
"""The output folder libraries' static files are served from."""

_STATIC_FOLDER = "wwwroot"
_WEB_SUFFIXES = frozenset({".js", ".mjs", ".css"})
_DIRECT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*@\s*(\S+)\s*$")


@dataclass(frozen=True, slots=True)
class Library:
    """A library that is a folder of the developer's.

    Attributes
    ----------
    requirement : str
        The dependency as the app names it (``"mylib @ ../mylib"``).
    root : Path
        The library's folder (holding its ``pyproject.toml``).
    package : str
        Its import name.
    package_dir : Path
        Its package's folder: ``root/<package>`` or ``root/src/<package>``.
    dependencies : tuple[str, ...]
        Its own ``[project] dependencies``.
    """

    requirement: str
    root: Path
    package: str
    package_dir: Path
    dependencies: tuple[str, ...]

    def package_files(self) -> list[tuple[str, Path]]:
        """Its package's files, named ``<package>/<path inside it>`` (as in the archive)."""
        return [
            (name, cast(Path, source))
            for name, source in walk_files(self.package_dir, f"{self.package}/")
        ]


def path_libraries(requirements: Sequence[str], app_root: Path) -> tuple[list[str], list[Library]]:
    """Split ``requirements`` into those pip resolves and the libraries that are folders.

    A requirement ``name @ location`` is a folder library when the location is a folder: a
    path relative to ``app_root``, or a ``file:`` URL.

    Raises
    ------
    CliError
        When such a folder has no ``pyproject.toml`` or no package.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._libraries import path_libraries
    >>> path_libraries(["humanize==4.15.0"], Path("."))
    (['humanize==4.15.0'], [])
    """
    for_pip: list[str] = []
    libraries: list[Library] = []
    for requirement in requirements:
        found = _DIRECT.match(requirement)
        folder = _local_folder(found.group(2), app_root) if found else None
        if folder is None:
            for_pip.append(_absolute_file_url(requirement, app_root))
            continue
        libraries.append(_read_library(requirement, folder))
    return for_pip, libraries


def content_files(libraries: Iterable[Library]) -> list[tuple[str, Path]]:
    """The static files of folder libraries, named by their URL in the site.

    Examples
    --------
    >>> from jsinterop.cli._libraries import content_files
    >>> content_files([])
    []
    """
    files: list[tuple[str, Path]] = []
    for library in libraries:
        for name, path in library.package_files():
            content_name = _content_name(name)
            if content_name is not None:
                files.append((content_name, path))
    return files


def wheel_content(wheel: Path) -> list[tuple[str, bytes]]:
    """The static files inside a wheel (a library published as one), named by their URL in
    the site; none for a wheel that is not a library.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._libraries import wheel_content
    >>> wheel_content(Path("humanize-4.15.0-py3-none-any.whl"))  # doctest: +SKIP
    []
    """
    with zipfile.ZipFile(wheel) as archive:
        return [
            (content_name, archive.read(name))
            for name in sorted(archive.namelist())
            if not name.endswith("/")
            and ".dist-info/" not in name
            and (content_name := _content_name(name)) is not None
        ]


def _content_name(name: str) -> str | None:
    """``_content/<package>/...`` for a package file that is served, else None."""
    path = PurePosixPath(name)
    if len(path.parts) < 2:
        return None
    package, rest = path.parts[0], path.parts[1:]
    if rest[0] == _STATIC_FOLDER and len(rest) > 1:
        return "/".join((CONTENT, package, *rest[1:]))
    if path.suffix in _WEB_SUFFIXES and _STATIC_FOLDER not in rest:
        return "/".join((CONTENT, package, *rest))
    return None


def _local_folder(location: str, app_root: Path) -> Path | None:
    """The folder ``location`` (a ``file:`` URL or a relative path) names, if it is one."""
    if location.startswith("file:"):
        path = Path(unquote(urlparse(location).path))
    elif "://" in location:
        return None
    else:
        path = app_root / location
    return path.resolve() if path.is_dir() else None


def _absolute_file_url(requirement: str, app_root: Path) -> str:
    """``name @ relative/file.whl`` as ``name @ file:///abs/file.whl`` (pip needs URLs)."""
    found = _DIRECT.match(requirement)
    if found is None or ":" in found.group(2):
        return requirement
    path = (app_root / found.group(2)).resolve()
    return f"{found.group(1)} @ {path.as_uri()}" if path.is_file() else requirement


def _read_library(requirement: str, root: Path) -> Library:
    pyproject_path = root / "pyproject.toml"
    try:
        pyproject = tomllib.loads(pyproject_path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CliError(
            f"the dependency {requirement!r} is a folder without a readable pyproject.toml "
            f"({pyproject_path}: {error}); a library is a Python project (jsinterop new "
            "library NAME makes one)"
        ) from None
    project = pyproject.get("project", {})
    settings = pyproject.get("tool", {}).get("jsinterop", {})
    name = settings.get("package") or str(project.get("name", "")).replace("-", "_")
    for candidate in (root / name, root / "src" / name):
        if name.isidentifier() and (candidate / "__init__.py").is_file():
            dependencies = tuple(
                dependency
                for dependency in project.get("dependencies", [])
                if _DIRECT.match(dependency) is None
                and re.split(r"[\s\[<>=!~;]", dependency, maxsplit=1)[0].lower() != "jsinterop"
            )
            return Library(requirement, root, name, candidate, dependencies)
    raise CliError(
        f"the library {requirement!r} has no package {name!r} (looked for "
        f"{root / name / '__init__.py'} and {root / 'src' / name / '__init__.py'})"
    )
