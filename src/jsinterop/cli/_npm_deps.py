"""An app's npm packages: the files its JS modules import from ``node_modules``, for the site.

The app's JS modules (its own ``.js``/``.mjs`` files and those inside its package, such as a
component's collocated module) and its literal ``JSHost.import_async(name, url)`` calls may
name an npm package by bare specifier (``import uPlot from "uplot"``), or a file inside
``node_modules`` by relative URL. The build resolves each one in the app's ``node_modules``
the way a browser bundler does (the package's ``exports`` with the ``browser``, ``import``,
``module`` and ``default`` conditions, else its ``module``, ``browser`` or ``main`` field),
follows the imports of what it found (relative ones, and bare ones into other packages), and
copies those files to the same paths in the site: ``node_modules/<package>/<file>``. So a
relative URL names the same file in the app folder (``jsinterop check``, Node) and in the
site. Each package's CSS files are copied too, at stable URLs
(``node_modules/uplot/dist/uPlot.min.css``), and its ``package.json``, for Node's own
resolution.

The site's import map sends each bare specifier to its file (versioned by content, as every
module of the site is, by ``_page``). Node resolves bare specifiers itself, from the app
folder's or the site's ``node_modules``.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from jsinterop._tools.check import find_module_imports
from jsinterop.cli._app import App
from jsinterop.cli._messages import CliError
from jsinterop.cli._sources import app_files, package_files

__all__ = [
    "NpmFiles",
    "bare_specifier",
    "find_specifiers",
    "npm_files",
    "npm_stamp",
    "resolve_package_entry",
]

_NODE_MODULES = "node_modules"
_MODULE_SUFFIXES = (".js", ".mjs")
# The conditions a browser build takes from a package's "exports", in this order of
# preference; "require" and "node" are for Node's CommonJS.
_BROWSER_CONDITIONS = ("browser", "import", "module", "default")
_STRINGS_AND_COMMENTS = re.compile(
    r"""("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)|//[^\n]*|/\*.*?\*/""",
    re.DOTALL,
)
_SPECIFIER = r"""["']([^"'\n]+)["']"""
_IMPORTS = [
    re.compile(rf"(?<![\w$.])import\s*{_SPECIFIER}"),  # import "x"
    re.compile(rf"(?<![\w$.])import\s*[\w$*{{}},\s]+?\s*from\s*{_SPECIFIER}"),  # import a from
    re.compile(rf"(?<![\w$.])export\s*[\w$*{{}},\s]+?\s*from\s*{_SPECIFIER}"),  # export a from
    re.compile(rf"(?<![\w$.])import\s*\(\s*{_SPECIFIER}\s*\)"),  # import("x")
]
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class NpmFiles:
    """What a build copies from ``node_modules``, and the import map entries it adds.

    Attributes
    ----------
    files : list[tuple[str, Path]]
        Output names (``node_modules/uplot/dist/uPlot.esm.js``) and the files to copy.
    imports : dict[str, str]
        Bare specifier -> output name of its module (``"uplot"`` ->
        ``"node_modules/uplot/dist/uPlot.esm.js"``).
    """

    files: list[tuple[str, Path]] = field(default_factory=list)
    imports: dict[str, str] = field(default_factory=dict)


def bare_specifier(specifier: str) -> bool:
    """Whether ``specifier`` names a package (``uplot``, ``@scope/name/sub``) rather than a
    URL (``./x.js``, ``/x.js``, ``https:...``, ``node:fs``).

    Examples
    --------
    >>> from jsinterop.cli._npm_deps import bare_specifier
    >>> [bare_specifier(s) for s in ("uplot", "@scope/a/b.js", "./a.js", "/a.js", "node:fs")]
    [True, True, False, False, False]
    """
    return not (specifier.startswith(("./", "../", "/")) or _SCHEME.match(specifier))


def find_specifiers(source: str) -> set[str]:
    """The specifiers a JS module imports or re-exports from (static and ``import("...")``).

    Examples
    --------
    >>> from jsinterop.cli._npm_deps import find_specifiers
    >>> sorted(find_specifiers('import uPlot from "uplot";\\nimport("./a.js"); // import "b"'))
    ['./a.js', 'uplot']
    """
    code = _STRINGS_AND_COMMENTS.sub(lambda found: found.group(1) or " ", source)
    return {found.group(1) for pattern in _IMPORTS for found in pattern.finditer(code)}


def npm_stamp(app: App) -> str:
    """A hash of what the app's npm packages are (its ``package.json`` and npm's record of
    what is installed), for the build's input stamp.

    Examples
    --------
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._npm_deps import npm_stamp
    >>> len(npm_stamp(read_app("hello")))  # doctest: +SKIP
    64
    """
    digest = hashlib.sha256()
    for path in (
        app.root / "package.json",
        app.root / "package-lock.json",
        app.root / _NODE_MODULES / ".package-lock.json",
    ):
        digest.update(path.read_bytes() if path.is_file() else b"\0")
    return digest.hexdigest()


def npm_files(app: App, out: Path) -> NpmFiles:
    """The files of ``node_modules`` the app's modules need, and the import map entries of
    its bare specifiers (``out`` is the output folder, whose files are not the app's).

    Raises
    ------
    CliError
        When a bare specifier names a package that is not installed, or a file it leads to
        is missing; the message names the module that imports it.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._npm_deps import npm_files
    >>> npm_files(read_app("chart"), Path("chart/dist")).imports  # doctest: +SKIP
    {'uplot': 'node_modules/uplot/dist/uPlot.esm.js'}
    """
    collector = _Collector(app.root.resolve())
    for name, path in [*app_files(app, out), *package_files(app)]:
        if name.endswith(_MODULE_SUFFIXES):
            collector.module_imports(path.resolve(), path.read_text(encoding="utf-8"), name)
    for found in find_module_imports(app.package_dir):
        where = f"{Path(found.file).resolve().relative_to(collector.root.parent)}:{found.line}"
        # import_async reads "js/app.mjs" as a URL (modules.mjs): only names are packages.
        if bare_specifier(found.url) and not found.url.endswith((".js", ".mjs", ".cjs")):
            collector.bare(collector.root / "_", found.url, where)
        else:
            collector.relative(collector.root / "_", found.url, where)
    return collector.result()


def resolve_package_entry(package_dir: Path, subpath: str, where: str) -> Path:
    """The file a browser loads for ``<package>/<subpath>`` (``"."`` for the package
    itself), from the package's ``exports`` or its ``module``/``browser``/``main`` fields.

    Raises
    ------
    CliError
        When the package does not export ``subpath``, or the file it names is missing.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._npm_deps import resolve_package_entry
    >>> resolve_package_entry(Path("node_modules/uplot"), ".", "main.js")  # doctest: +SKIP
    PosixPath('node_modules/uplot/dist/uPlot.esm.js')
    """
    manifest = _package_json(package_dir)
    exports = manifest.get("exports")
    if exports is not None:
        target = _exported(exports, subpath)
        if target is None:
            raise CliError(
                f"{where}: the package {package_dir.name!r} does not export "
                f'{subpath!r} for browsers (see its package.json "exports")'
            )
    elif subpath == ".":
        browser = manifest.get("browser")
        target = next(
            (
                value
                for value in (manifest.get("module"), browser, manifest.get("main"))
                if isinstance(value, str)
            ),
            "index.js",
        )
    else:
        target = subpath
    path = (package_dir / target).resolve()
    if path.is_dir():
        path = path / "index.js"
    if not path.is_file() and path.with_suffix(".js").is_file():
        path = path.with_suffix(".js")  # main: "dist/index" means dist/index.js
    if not path.is_file():
        raise CliError(f"{where}: {package_dir.name}/{subpath} leads to {path}, which is missing")
    return path


def _exported(exports: Any, subpath: str) -> str | None:
    """The target ``exports`` gives ``subpath`` under the browser conditions."""
    if isinstance(exports, str | list) or (
        isinstance(exports, dict) and not any(key.startswith(".") for key in exports)
    ):
        return _conditional(exports) if subpath == "." else None
    if not isinstance(exports, dict):
        return None
    if subpath in exports:
        return _conditional(exports[subpath])
    for key, value in exports.items():
        prefix, star, suffix = key.partition("*")
        if star and subpath.startswith(prefix) and subpath.endswith(suffix):
            middle = subpath[len(prefix) : len(subpath) - len(suffix)]
            target = _conditional(value)
            return target.replace("*", middle) if target else None
    return None


def _conditional(value: Any) -> str | None:
    """A target (a string, a list of targets, or conditions) under the browser conditions."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return next((t for t in map(_conditional, value) if t), None)
    if isinstance(value, dict):
        for condition in _BROWSER_CONDITIONS:
            if condition in value:
                found = _conditional(value[condition])
                if found:
                    return found
    return None


def _package_json(package_dir: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


class _Collector:
    """The files found so far, and the bare specifiers' entries; follows each new module."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.node_modules = root / _NODE_MODULES
        self.files: dict[str, Path] = {}
        self.imports: dict[str, str] = {}
        self.packages: set[Path] = set()

    def result(self) -> NpmFiles:
        for package_dir in sorted(self.packages):
            for extra in [package_dir / "package.json", *_css_files(package_dir)]:
                if extra.is_file():
                    self.files.setdefault(self._output_name(extra), extra)
        return NpmFiles(
            files=sorted(self.files.items()), imports=dict(sorted(self.imports.items()))
        )

    def module_imports(self, path: Path, source: str, where: str) -> None:
        """Follow the specifiers of the module at ``path`` (``where`` names it)."""
        for specifier in sorted(find_specifiers(source)):
            if bare_specifier(specifier):
                self.bare(path, specifier, where)
            else:
                self.relative(path, specifier, where)

    def bare(self, importer: Path, specifier: str, where: str) -> None:
        """A bare specifier, found as Node finds it from ``importer``: in the nearest
        ``node_modules`` folder above it that has the package."""
        name, subpath = _split(specifier)
        package_dir = self._find_package(name, importer)
        if package_dir is None:
            raise CliError(
                f"{where} imports {specifier!r}, but the package {name!r} is not installed "
                f"in {self.node_modules}: add it to the app's package.json dependencies and "
                "run npm install there"
            )
        entry = resolve_package_entry(package_dir, subpath, where)
        self.imports.setdefault(specifier, self._output_name(entry))
        self._add(entry, where)

    def relative(self, importer: Path, specifier: str, where: str) -> None:
        """A relative URL: followed when it leads into ``node_modules`` (the app's own
        files are in the site already)."""
        url = specifier.split("?")[0].split("#")[0]
        target = Path(posixpath.normpath((importer.parent / url).as_posix()))
        if self._inside_node_modules(target):
            if not target.is_file():
                raise CliError(f"{where} imports {specifier!r}, but {target} does not exist")
            self._add(target, where)

    def _add(self, path: Path, where: str) -> None:
        name = self._output_name(path)
        if name in self.files:
            return
        self.files[name] = path
        self.packages.add(self._package_of(path))
        if path.suffix in _MODULE_SUFFIXES:
            self.module_imports(path, path.read_text(encoding="utf-8"), name)

    def _find_package(self, name: str, importer: Path) -> Path | None:
        folder = importer.parent
        while folder.is_relative_to(self.root):
            candidate = folder / _NODE_MODULES / name
            if (candidate / "package.json").is_file():
                if not candidate.resolve().is_relative_to(self.root):
                    raise CliError(
                        f"{candidate} is a link that leads out of the app folder (to "
                        f"{candidate.resolve()}), and a build copies no file from outside it; "
                        "install the package instead of linking it"
                    )
                return candidate.resolve()
            folder = folder.parent
        return None

    def _inside_node_modules(self, path: Path) -> bool:
        return path.resolve().is_relative_to(self.node_modules.resolve())

    def _output_name(self, path: Path) -> str:
        relative = path.resolve().relative_to(self.node_modules.resolve())
        return f"{_NODE_MODULES}/{relative.as_posix()}"

    def _package_of(self, path: Path) -> Path:
        parts = PurePosixPath(self._output_name(path)).parts[1:]
        depth = 2 if parts[0].startswith("@") else 1
        return self.node_modules.resolve().joinpath(*parts[:depth])


def _split(specifier: str) -> tuple[str, str]:
    """``("@scope/name", "./sub/path")`` of a bare specifier; the subpath is ``"."`` for the
    package itself."""
    parts = specifier.split("/")
    depth = 2 if specifier.startswith("@") else 1
    name = "/".join(parts[:depth])
    rest = "/".join(parts[depth:])
    return name, f"./{rest}" if rest else "."


def _css_files(package_dir: Path) -> Iterator[Path]:
    for path in sorted(package_dir.rglob("*.css")):
        if _NODE_MODULES not in path.relative_to(package_dir).parts:
            yield path
