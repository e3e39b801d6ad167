"""An app folder: its ``pyproject.toml``, its Python package and its entry point."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from jsinterop.cli._messages import CliError

__all__ = ["App", "read_app"]

_KNOWN_KEYS = frozenset({"main", "package", "pyodide-packages-url", "static", "worker"})


@dataclass(frozen=True, slots=True)
class App:
    """An app as ``pyproject.toml`` describes it.

    Attributes
    ----------
    root : Path
        The app folder, as the user named it.
    name : str
        ``[project] name`` (the package name when there is none).
    package : str
        The import name of the app's Python package.
    package_dir : Path
        The package's folder: ``root/<package>`` or ``root/src/<package>``.
    main : str
        The entry point, ``"module:function"``.
    static : tuple of str
        ``[tool.jsinterop] static``: globs of files the build ships although it leaves files
        like them out (``package.json``, ``types/``, hidden files; see ``_sources``).
    worker : bool
        ``[tool.jsinterop] worker``: in a browser, Python runs in a Web Worker (the page's
        ``python.create()`` starts the worker host; docs/worker.md).

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._app import App
    >>> app = App(Path("hello"), "hello", "hello", Path("hello/hello"), "hello.program:main")
    >>> app.main_module
    'hello.program'
    """

    root: Path
    name: str
    package: str
    package_dir: Path
    main: str
    static: tuple[str, ...] = ()
    worker: bool = False

    @property
    def main_module(self) -> str:
        """The module part of :attr:`main`."""
        return self.main.partition(":")[0]


def read_app(folder: Path | str) -> App:
    """Read and check the app in ``folder``.

    Parameters
    ----------
    folder : Path or str
        The app folder: it holds ``pyproject.toml`` with ``[tool.jsinterop] main``, and the
        app's package as ``<package>/`` or ``src/<package>/``.

    Returns
    -------
    App
        The app; its main module is known to exist.

    Raises
    ------
    CliError
        When the folder, ``pyproject.toml``, the entry point or its module is missing or
        malformed; the message says which and where.

    Examples
    --------
    >>> from jsinterop.cli._app import read_app
    >>> app = read_app("hello")  # doctest: +SKIP
    >>> app.package, app.main  # doctest: +SKIP
    ('hello', 'hello.program:main')
    """
    root = Path(folder)
    pyproject_path = root / "pyproject.toml"
    pyproject = _read_pyproject(root, pyproject_path)
    settings = _jsinterop_settings(pyproject, pyproject_path)
    main = _main_entry(settings, pyproject_path)
    project = pyproject.get("project", {})
    project_name = project.get("name") if isinstance(project, dict) else None
    package = _package_name(settings, project_name, pyproject_path)
    package_dir = _find_package(root, package, pyproject_path)
    module = main.partition(":")[0]
    if module.split(".")[0] != package:
        raise CliError(
            f"{pyproject_path}: [tool.jsinterop] main {main!r} is not in the app's package "
            f"{package!r}"
        )
    _check_module_exists(package_dir, module, pyproject_path)
    name = project_name if isinstance(project_name, str) and project_name else package
    static = _static_globs(settings, pyproject_path)
    worker = settings.get("worker", False)
    if not isinstance(worker, bool):
        raise CliError(
            f"{pyproject_path}: [tool.jsinterop] worker must be true or false (Python in a Web "
            f"Worker in the browser), got {worker!r}"
        )
    return App(
        root=root,
        name=name,
        package=package,
        package_dir=package_dir,
        main=main,
        static=static,
        worker=worker,
    )


def _read_pyproject(root: Path, pyproject_path: Path) -> dict[str, Any]:
    """The parsed ``pyproject.toml`` of the app folder ``root``."""
    if not root.is_dir():
        raise CliError(f"app folder not found: {root}")
    if not pyproject_path.is_file():
        raise CliError(
            f"{root} is not a jsinterop app: it has no pyproject.toml "
            "(create an app with: jsinterop new console NAME)"
        )
    try:
        return tomllib.loads(pyproject_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CliError(f"{pyproject_path}: not valid TOML: {error}") from None


def _jsinterop_settings(pyproject: dict[str, Any], pyproject_path: Path) -> dict[str, Any]:
    """The ``[tool.jsinterop]`` table, checked for unknown keys."""
    tool = pyproject.get("tool", {})
    settings = tool.get("jsinterop", {}) if isinstance(tool, dict) else None
    if not isinstance(settings, dict):
        raise CliError(f"{pyproject_path}: [tool.jsinterop] must be a table")
    unknown = sorted(set(settings) - _KNOWN_KEYS)
    if unknown:
        raise CliError(
            f"{pyproject_path}: unknown key {unknown[0]!r} in [tool.jsinterop] "
            f"(known keys: {', '.join(sorted(_KNOWN_KEYS))})"
        )
    return settings


def _main_entry(settings: dict[str, Any], pyproject_path: Path) -> str:
    """``[tool.jsinterop] main``, checked to look like ``"module:function"``."""
    main = settings.get("main")
    if main is None:
        raise CliError(
            f'{pyproject_path}: [tool.jsinterop] main is missing; add main = "module:function"'
        )
    module, colon, function = main.partition(":") if isinstance(main, str) else ("", "", "")
    if not (colon and _is_dotted_name(module) and function.isidentifier()):
        raise CliError(
            f'{pyproject_path}: [tool.jsinterop] main must look like "module:function", '
            f"got {main!r}"
        )
    return str(main)


def _package_name(settings: dict[str, Any], project_name: object, pyproject_path: Path) -> str:
    """The app's package: ``[tool.jsinterop] package``, or ``[project] name`` with ``-`` as
    ``_``."""
    package = settings.get("package")
    if package is None:
        if not isinstance(project_name, str) or not project_name:
            raise CliError(
                f"{pyproject_path}: [project] name is missing; add it, or name the package "
                'with [tool.jsinterop] package = "..."'
            )
        package = project_name.replace("-", "_")
    if not isinstance(package, str) or not package.isidentifier():
        source = "[tool.jsinterop] package" if "package" in settings else "[project] name"
        raise CliError(
            f"{pyproject_path}: the package name {package!r} (from {source}) "
            "is not a Python identifier"
        )
    return package


def _static_globs(settings: dict[str, Any], pyproject_path: Path) -> tuple[str, ...]:
    """``[tool.jsinterop] static``, checked to be globs relative to the app folder that stay
    inside it."""
    globs = settings.get("static", [])
    if not isinstance(globs, list) or not all(isinstance(glob, str) and glob for glob in globs):
        raise CliError(
            f"{pyproject_path}: [tool.jsinterop] static must be a list of globs of files to "
            f'ship, relative to the app folder (static = ["package.json", "data/*.csv"]), '
            f"got {globs!r}"
        )
    for glob in globs:
        parts = PurePosixPath(glob).parts
        if not parts or glob.startswith("/") or ".." in parts or "\\" in glob:
            raise CliError(
                f"{pyproject_path}: [tool.jsinterop] static {glob!r} must name files inside "
                "the app folder, relative to it (no leading /, no .., / between folders)"
            )
        if any("**" in part and part != "**" for part in parts):
            raise CliError(
                f"{pyproject_path}: [tool.jsinterop] static {glob!r}: ** must be a whole "
                'part of the path ("data/**/*.csv")'
            )
    return tuple(globs)


def _is_dotted_name(text: str) -> bool:
    return bool(text) and all(part.isidentifier() for part in text.split("."))


def _find_package(root: Path, package: str, pyproject_path: Path) -> Path:
    for candidate in (root / package, root / "src" / package):
        if (candidate / "__init__.py").is_file():
            return candidate
    raise CliError(
        f"{pyproject_path}: the app's package {package!r} was not found "
        f"(looked for {root / package / '__init__.py'} and "
        f"{root / 'src' / package / '__init__.py'})"
    )


def _check_module_exists(package_dir: Path, module: str, pyproject_path: Path) -> None:
    parts = module.split(".")[1:]
    candidates = [package_dir.joinpath(*parts, "__init__.py")]
    if parts:
        candidates.insert(0, package_dir.joinpath(*parts[:-1], f"{parts[-1]}.py"))
    if not any(candidate.is_file() for candidate in candidates):
        raise CliError(
            f"{pyproject_path}: the main module {module!r} was not found (no {candidates[0]})"
        )
