"""JS packages from npm: morphdom, which builds copy into component apps, and TypeScript,
which ``bind`` and ``check`` read code with.

Like Pyodide, each is pinned to one version and found in a ``node_modules`` folder the
user names, beside the configured Pyodide, or in the user cache, where npm fetches it once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from jsinterop.cli._messages import CliError, Progress, print_progress
from jsinterop.cli._pyodide_dist import PYODIDE_DIR_VARIABLE, npm_install_into

__all__ = ["MORPHDOM", "NODE_MODULES_VARIABLE", "TYPESCRIPT", "NpmPackage", "find_npm_package"]

NODE_MODULES_VARIABLE = "JSINTEROP_NODE_MODULES"
"""The environment variable naming a ``node_modules`` folder to take JS packages from."""


class NpmPackage:
    """A pinned npm package and the file of it a build copies.

    Examples
    --------
    >>> from jsinterop.cli._npm import MORPHDOM
    >>> MORPHDOM.spec, MORPHDOM.file
    ('morphdom@2.7.8', 'dist/morphdom-esm.js')
    """

    def __init__(self, name: str, version: str, file: str) -> None:
        self.name = name
        self.version = version
        self.file = file

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"


MORPHDOM = NpmPackage("morphdom", "2.7.8", "dist/morphdom-esm.js")
"""The DOM differ ``jsinterop.components`` patches pages with (package.json pins the same)."""

TYPESCRIPT = NpmPackage("typescript", "5.9.3", "lib/typescript.js")
"""The compiler ``bind`` and ``check`` read TypeScript and JavaScript with (package.json pins
the same); 5.x, since TypeScript 7 has no JavaScript compiler API."""


def find_npm_package(
    package: NpmPackage,
    *,
    environ: Mapping[str, str] | None = None,
    progress: Progress = print_progress,
) -> Path:
    """The file ``package.file`` of the pinned ``package``, fetching the package if needed.

    Looks in ``$JSINTEROP_NODE_MODULES/<name>``, then in the ``node_modules`` folder that
    holds ``$JSINTEROP_PYODIDE_DIR``, then in the user cache
    (``~/.cache/jsinterop/<name>-<version>``), which ``npm`` fills on first use.

    Raises
    ------
    CliError
        When the package found is another version, or a fetch is needed and fails.

    Examples
    --------
    >>> from jsinterop.cli._npm import MORPHDOM, find_npm_package
    >>> find_npm_package(MORPHDOM, environ={"JSINTEROP_NODE_MODULES": "node_modules"})
    ... # doctest: +SKIP
    PosixPath('node_modules/morphdom/dist/morphdom-esm.js')
    """
    environ = os.environ if environ is None else environ
    candidates: list[Path] = []
    if environ.get(NODE_MODULES_VARIABLE):
        candidates.append(Path(environ[NODE_MODULES_VARIABLE]) / package.name)
    pyodide_dir = environ.get(PYODIDE_DIR_VARIABLE)
    if pyodide_dir and Path(pyodide_dir).resolve().parent.name == "node_modules":
        candidates.append(Path(pyodide_dir).resolve().parent / package.name)
    cache_home = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    cache = Path(cache_home) / "jsinterop" / f"{package.name}-{package.version}"
    cached = cache / "node_modules" / package.name
    candidates.append(cached)
    for folder in candidates:
        if (folder / package.file).is_file():
            return _checked(package, folder)
    _fetch(package, cache, progress)
    return _checked(package, cached)


def _checked(package: NpmPackage, folder: Path) -> Path:
    try:
        version = json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError, TypeError):
        version = None
    if version != package.version:
        raise CliError(
            f"{package.name} in {folder} is version {version}, but jsinterop needs "
            f"{package.version}"
        )
    return folder / package.file


def _fetch(package: NpmPackage, cache: Path, progress: Progress) -> None:
    npm_install_into(
        cache,
        package.spec,
        label=package.spec,
        installed=Path("node_modules") / package.name / package.file,
        without_npm=f"or set {NODE_MODULES_VARIABLE} to a node_modules folder that has it",
        progress=progress,
    )
