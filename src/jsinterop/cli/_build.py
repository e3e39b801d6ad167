"""``jsinterop build``: an app folder becomes a folder Node (or a web server) can run.

Layout of the output::

    .jsinterop-build               the marker: this folder is the build's (see ``_output``)
    main.mjs, ...                  the app's files that are not Python code, nor the
                                   tools' (``package.json``, locks, ``types/``...) unless
                                   ``[tool.jsinterop] static`` names them (``_sources``)
    package.json                   {"type": "module"}, for Node apps (no ``index.html``):
                                   Node then loads the site's ``.js`` files as ES modules,
                                   whatever package.json lies above the output folder
    _headers                       for web apps: the cross-origin isolation headers a
                                   static host must send (Netlify / Cloudflare Pages format)
    _framework/*.mjs               jsinterop's JS runtime
    _framework/pyodide/            the Pyodide distribution (PYODIDE_FILES)
    _framework/app.<hash>.zip      the app's package and jsinterop's Python files, each
                                   ``.py`` with its bytecode for Pyodide's Python beside it
                                   (``_archive``, ``_bytecode``)
    _framework/app.json            what the runtime reads: archives, main, mainPackage,
                                   snapshot, packages, worker
    _framework/snapshot.<hash>.bin Pyodide's memory after importing the app (``_snapshot``),
                                   with .gz and .br copies for web apps
    _framework/build.json          the stamp of the inputs, and the files the build wrote
    _framework/jsinterop.d.mts     TypeScript declarations of the runtime API and the app's
                                   exports (``jsinterop typings``), when the app imports on
                                   CPython
    <package>/**/*.js, .mjs, .css  web files inside the app's package (a component's
                                   collocated module), served beside the archive
    _framework/components.mjs,     for apps that use jsinterop.components: its JS half and
    _framework/morphdom.mjs        the DOM differ it patches with (from npm)

Each build is written into a new folder and swapped in whole (``_output``). A top-level
``index.html`` gets an import map of versioned module URLs (``_page``), so a
browser never runs a stale module after a rebuild (``app.json`` is fetched with
revalidation, and the archive's name is its hash).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal

from jsinterop import __version__ as jsinterop_version
from jsinterop.cli._app import App
from jsinterop.cli._archive import app_archive
from jsinterop.cli._files import walk_files
from jsinterop.cli._messages import Progress, print_progress
from jsinterop.cli._npm import MORPHDOM, find_npm_package
from jsinterop.cli._npm_deps import NpmFiles, npm_files, npm_stamp
from jsinterop.cli._output import claim_output, discard, new_staging, swap_in
from jsinterop.cli._page import (
    HEADERS_FILE,
    ISOLATION_HEADERS,
    headers_file,
    set_base_href,
    version_page,
)
from jsinterop.cli._pyodide_dist import PYODIDE_FILES, PYODIDE_VERSION, find_pyodide
from jsinterop.cli._python_deps import PythonPackages, dependencies_stamp, python_packages
from jsinterop.cli._snapshot import add_snapshot, page_fetches
from jsinterop.cli._sources import (
    FRAMEWORK,
    app_files,
    package_files,
    refuse_links_out_of_app,
    refuse_unmatched_static,
)
from jsinterop.cli._typings import AppImportError, app_declarations

__all__ = [
    "BUILD_FORMAT",
    "BuildResult",
    "StagedBuild",
    "build_app",
    "build_if_needed",
    "built_files",
    "default_output",
    "input_stamp",
    "is_up_to_date",
    "stage_build",
    "uses_components",
]

BUILD_FORMAT = 1
"""Bumped when the output layout changes, so that older builds are redone."""

_STAMP_FILE = f"{FRAMEWORK}/build.json"
_APP_JSON = f"{FRAMEWORK}/app.json"
# Files inside the app's package that the browser loads by URL, so they are served too.
_PACKAGE_WEB_SUFFIXES = frozenset({".js", ".mjs", ".css"})
_PAGE = "index.html"
_COMPONENTS_MARKER = re.compile(r"\bjsinterop\.components\b|from jsinterop import components")
# Fetched while Python boots, rather than one after the other when run_app starts.
_COMPONENTS_PRELOAD = (f"{FRAMEWORK}/components.mjs", f"{FRAMEWORK}/morphdom.mjs")
# Modules only Pyodide has: an app importing one cannot be imported on CPython.
_PYODIDE_ONLY_MODULES = frozenset({"js", "pyodide", "pyodide_js", "_pyodide", "micropip"})


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What :func:`build_app` wrote.

    Attributes
    ----------
    out : Path
        The output folder.
    archive : str
        The archive's file name in ``out/_framework``, e.g. ``"app.3f2a9c0b1d4e.zip"``.
    stamp : str
        The stamp of the inputs (see :func:`input_stamp`).
    """

    out: Path
    archive: str
    stamp: str


def default_output(app: App) -> Path:
    """The output folder when none is given: ``<app>/dist``.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._app import App
    >>> from jsinterop.cli._build import default_output
    >>> app = App(Path("hello"), "hello", "hello", Path("hello/hello"), "hello.program:main")
    >>> default_output(app).as_posix()
    'hello/dist'
    """
    return app.root / "dist"


def input_stamp(app: App, out: Path) -> str:
    """A hash of everything a build of ``app`` into ``out`` reads.

    It covers the app's files, its package, jsinterop's whole installed package (Python,
    JS runtime and this builder) and the Pyodide version; the Pyodide files themselves
    are pinned by that version.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._build import input_stamp
    >>> input_stamp(read_app("hello"), Path("hello/dist"))  # doctest: +SKIP
    'b0c3...'
    """
    digest = hashlib.sha256()
    header = [BUILD_FORMAT, PYODIDE_VERSION, jsinterop_version, app.package, app.main]
    header += [dependencies_stamp(app), npm_stamp(app)]
    digest.update(json.dumps(header).encode())
    groups: dict[str, Sequence[tuple[str, Traversable]]] = {
        "app": app_files(app, out),
        "package": package_files(app),
        "jsinterop": list(walk_files(resources.files("jsinterop"), "")),
    }
    for group, files in groups.items():
        for name, source in files:
            content = source.read_bytes()
            digest.update(f"\0{group}\0{name}\0{len(content)}\0".encode())
            digest.update(content)
    return digest.hexdigest()


# True: every .py gets bytecode; "cached": those the cache holds (nothing compiled); False: none.
Bytecode = bool | Literal["cached"]


def is_up_to_date(app: App, out: Path, *, bytecode: Bytecode = True, snapshot: bool = True) -> bool:
    """Whether ``out`` holds a complete build of the current inputs of ``app``, made with
    ``bytecode`` and ``snapshot`` as :func:`build_app` takes them.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._build import is_up_to_date
    >>> is_up_to_date(read_app("hello"), Path("hello/dist"))  # doctest: +SKIP
    True
    """
    record = _read_record(out)
    if record.get("stamp") != input_stamp(app, out) or "baseHref" in record:
        return False
    if record.get("copyPyodidePackages", False):
        return False
    if record.get("bytecode", True) != bytecode or record.get("snapshot", True) != snapshot:
        return False
    return all((out / name).is_file() for name in record.get("files", []))


def build_if_needed(
    app: App,
    out: Path | None = None,
    *,
    pyodide_dir: Path | None = None,
    progress: Progress = print_progress,
    bytecode: Bytecode = True,
    snapshot: bool = True,
) -> bool:
    """Build ``app`` unless ``out`` already holds a build of the same inputs.

    Parameters are those of :func:`build_app`.

    Returns
    -------
    bool
        Whether it built.

    Examples
    --------
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._build import build_if_needed
    >>> build_if_needed(read_app("hello"))  # doctest: +SKIP
    False
    """
    out = default_output(app) if out is None else out
    if is_up_to_date(app, out, bytecode=bytecode, snapshot=snapshot):
        return False
    build_app(
        app, out, pyodide_dir=pyodide_dir, progress=progress, bytecode=bytecode, snapshot=snapshot
    )
    return True


def build_app(
    app: App,
    out: Path | None = None,
    *,
    pyodide_dir: Path | None = None,
    progress: Progress = print_progress,
    base_href: str | None = None,
    bytecode: Bytecode = True,
    snapshot: bool = True,
    upgrade: bool = False,
    copy_pyodide_packages: bool = False,
) -> BuildResult:
    """Build ``app`` into ``out``, replacing what an earlier build left there.

    The build is written into a fresh folder beside ``out`` and then swapped in whole (see
    ``_output``), so ``out`` holds the old build or the new one, never a mix.

    Parameters
    ----------
    app : App
        The app, from :func:`jsinterop.cli._app.read_app`.
    out : Path, optional
        The output folder; ``<app>/dist`` by default. It must be new, empty, or the output
        of an earlier build.
    pyodide_dir : Path, optional
        The Pyodide distribution; found (or fetched) with :func:`find_pyodide` by default.
    progress : Progress, optional
        Receives the ``building ...`` line and the fetch line, if any.
    base_href : str, optional
        The path the site will be served under (``"/myapp/"``): replaces the ``href`` of
        ``<base>`` in ``index.html``, which a components app routes relative to.
    bytecode : bool or "cached", optional
        Whether the archive carries bytecode beside the sources (see ``_archive``).
        Compiling starts Node for new or changed ``.py`` files (~2 s); a dev server's
        rebuilds take ``"cached"``: the bytecode the cache holds, nothing compiled, so an
        edited module is compiled by Pyodide when it is imported.
    snapshot : bool, optional
        Whether to make the memory snapshot the runtime restores instead of booting Python
        (see :mod:`jsinterop.cli._snapshot`); it starts Node (~5 s).
    upgrade : bool, optional
        Resolve the app's ``[project] dependencies`` again, even if ``pylock.toml`` is
        current (see ``_python_deps``).
    copy_pyodide_packages : bool, optional
        Copy the Pyodide-distribution packages the app needs into the site, rather than
        having the runtime fetch them from the Pyodide package URL.

    Returns
    -------
    BuildResult
        The output folder, the archive's name and the input stamp.

    Raises
    ------
    CliError
        When ``out`` is not a folder the build may replace, a file of the app is a link
        that leads out of the app folder, a glob of ``[tool.jsinterop] static`` names no
        file, or a dependency cannot be resolved or fetched.

    Examples
    --------
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._build import build_app
    >>> build_app(read_app("hello")).archive  # doctest: +SKIP
    'app.3f2a9c0b1d4e.zip'
    """
    staged = stage_build(
        app,
        out,
        pyodide_dir=pyodide_dir,
        progress=progress,
        base_href=base_href,
        bytecode=bytecode,
        snapshot=snapshot,
        upgrade=upgrade,
        copy_pyodide_packages=copy_pyodide_packages,
    )
    discard(staged.swap_in())
    return staged.result


@dataclass(frozen=True, slots=True)
class StagedBuild:
    """A complete build in its staging folder, not yet in its output folder.

    Attributes
    ----------
    staging : Path
        The folder it was written into, beside the output folder.
    result : BuildResult
        What the build will be once swapped in.
    """

    staging: Path
    result: BuildResult

    def swap_in(self) -> Path | None:
        """Make this build the output folder; return where the replaced build now is (for
        :func:`jsinterop.cli._output.discard`), or ``None``. The staging folder is gone
        either way."""
        try:
            return swap_in(self.staging, self.result.out)
        except BaseException:
            discard(self.staging)
            raise


def stage_build(
    app: App,
    out: Path | None = None,
    *,
    pyodide_dir: Path | None = None,
    progress: Progress = print_progress,
    base_href: str | None = None,
    bytecode: Bytecode = True,
    snapshot: bool = True,
    upgrade: bool = False,
    copy_pyodide_packages: bool = False,
) -> StagedBuild:
    """Build ``app`` into a new folder beside ``out``; :meth:`StagedBuild.swap_in` makes it
    the output. Parameters are those of :func:`build_app`.

    A dev server swaps a rebuild in between two requests (on its event loop), so that each
    request sees one whole build.

    Examples
    --------
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._build import stage_build
    >>> staged = stage_build(read_app("hello"))  # doctest: +SKIP
    >>> staged.swap_in()  # doctest: +SKIP
    PosixPath('/home/me/hello/.dist.old-3b9x1k')
    """
    out = default_output(app) if out is None else out
    claim_output(app.root, out)
    refuse_unmatched_static(app, out)
    refuse_links_out_of_app(app, [path for _, path in (*app_files(app, out), *package_files(app))])
    progress(f"building {app.name} -> {out}{os.sep} ...")
    if pyodide_dir is None:
        pyodide_dir = find_pyodide(progress=progress)
    staging = new_staging(out)
    try:
        packages = python_packages(
            app,
            pyodide_dir,
            upgrade=upgrade,
            copy_pyodide_packages=copy_pyodide_packages,
            progress=progress,
        )
        site = _Site(staging)
        for name, path in packages.files:
            site.copy(name, path)
        for name, content in packages.content:
            site.write(name, content)
        result = _write_build(
            app, out, site, pyodide_dir, progress, base_href, bytecode, snapshot, packages
        )
    except BaseException:
        discard(staging)
        raise
    return StagedBuild(staging=staging, result=result)


def _write_build(
    app: App,
    out: Path,
    site: _Site,
    pyodide_dir: Path,
    progress: Progress,
    base_href: str | None,
    bytecode: Bytecode,
    snapshot: bool,
    packages: PythonPackages,
) -> BuildResult:
    """Write every file of the build of ``app`` for ``out`` into ``site``, the record last;
    ``packages`` is what the runtime installs before ``main`` (``_python_deps``)."""
    stamp = input_stamp(app, out)
    _write_app_files(site, app, out)
    _write_runtime(site, app, pyodide_dir, progress)
    archive = _write_archive(
        site, app, pyodide_dir if bytecode else None, bytecode, progress, packages
    )
    if snapshot:
        # First: a module that uses JS at import is refused with the rule; one that fails for
        # another reason leaves no snapshot, and the declarations below name what it missed.
        web_app = (app.root / _PAGE).is_file()
        site.written += add_snapshot(
            site.out, [app.main_module], [app.package], web_app=web_app, progress=progress
        )
    _write_declarations(site, app, progress, packages)
    npm = npm_files(app, out)
    for name, path in npm.files:
        site.write(name, path.read_bytes())
    _write_page(site, app, base_href, npm, progress)
    record: dict[str, Any] = {"stamp": stamp, "files": sorted(site.written)}
    if base_href is not None:
        record["baseHref"] = base_href  # not what `run`/`serve` build: they build again
    if bytecode is not True:
        record["bytecode"] = bytecode
    if not snapshot:
        record["snapshot"] = False
    if packages.config.get("pyodide") and packages.config.get("pyodideURL") is None:
        record["copyPyodidePackages"] = True  # not what `run`/`serve` build either
    (site.out / _STAMP_FILE).write_bytes(_json_bytes(record))
    return BuildResult(out=out, archive=archive, stamp=stamp)


def uses_components(app: App) -> bool:
    """Whether the app's Python code imports ``jsinterop.components``.

    Examples
    --------
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._build import uses_components
    >>> uses_components(read_app("hello"))  # doctest: +SKIP
    False
    """
    for name, source in package_files(app):
        if name.endswith(".py") and _COMPONENTS_MARKER.search(source.read_text(encoding="utf-8")):
            return True
    return False


@dataclass
class _Site:
    """A new folder being written: the files written so far and their content hashes."""

    out: Path
    written: list[str] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)

    def write(self, name: str, content: bytes) -> None:
        """Write ``content`` to ``out/name``, or replace what is there."""
        target = self.out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        if name not in self.hashes:
            self.written.append(name)
        self.hashes[name] = hashlib.sha256(content).hexdigest()[:12]

    def copy(self, name: str, source: Path) -> None:
        """Copy ``source`` to ``out/name``; its time is kept."""
        target = self.out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        self.written.append(name)


def _write_app_files(site: _Site, app: App, out: Path) -> None:
    """The app's own files, a ``package.json`` that makes a Node app's ``.js`` files ES
    modules (unless the app ships its own), its package's web files (``out`` is the output
    folder, left out when it is inside the app)."""
    own = dict(app_files(app, out))
    for name, path in own.items():
        site.write(name, path.read_bytes())
    if _PAGE not in own and "package.json" not in own:
        site.write("package.json", _json_bytes({"type": "module"}))
    for name, path in package_files(app):
        if path.suffix in _PACKAGE_WEB_SUFFIXES:
            site.write(name, path.read_bytes())


def _write_runtime(site: _Site, app: App, pyodide_dir: Path, progress: Progress) -> None:
    """jsinterop's JS runtime, the components runtime and morphdom if the app uses them,
    and the Pyodide distribution."""
    for name, source in walk_files(resources.files("jsinterop") / FRAMEWORK, f"{FRAMEWORK}/"):
        site.write(name, source.read_bytes())
    if uses_components(app):
        components = resources.files("jsinterop.components") / FRAMEWORK
        for name, source in walk_files(components, f"{FRAMEWORK}/"):
            site.write(name, source.read_bytes())
        morphdom = find_npm_package(MORPHDOM, progress=progress)
        site.write(f"{FRAMEWORK}/morphdom.mjs", morphdom.read_bytes())
    for file_name in PYODIDE_FILES:
        site.copy(f"{FRAMEWORK}/pyodide/{file_name}", pyodide_dir / file_name)


def _write_archive(
    site: _Site,
    app: App,
    pyodide_dir: Path | None,
    bytecode: Bytecode,
    progress: Progress,
    packages: PythonPackages,
) -> str:
    """The archive and ``app.json`` naming it; the archive's name."""
    archive = app_archive(
        app,
        pyodide_dir=pyodide_dir,
        progress=progress,
        cached_only=bytecode == "cached",
        libraries=packages.archive_files,
    )
    archive_name = f"app.{hashlib.sha256(archive).hexdigest()[:12]}.zip"
    site.write(f"{FRAMEWORK}/{archive_name}", archive)
    config: dict[str, Any] = {
        "mainPackage": app.package,
        "main": app.main,
        "archives": [archive_name],
        "pyodideVersion": PYODIDE_VERSION,
        "jsinteropVersion": jsinterop_version,
    }
    if packages.config:
        config["packages"] = packages.config
    if app.worker:
        config["worker"] = True  # python.create() starts the worker host (jsinterop.mjs)
    site.write(_APP_JSON, _json_bytes(config))
    return archive_name


def _write_declarations(
    site: _Site, app: App, progress: Progress, packages: PythonPackages
) -> None:
    """The app's ``jsinterop.d.mts``, generated by importing the app on CPython with its
    pure-Python dependencies.

    An app that cannot be imported fails the build (it would fail in Pyodide too), unless
    what is missing is a module only Pyodide has (``js``, numpy from Pyodide's
    distribution): then the declarations are left out, and progress says so.
    """
    try:
        declarations = app_declarations(app, packages.host_path)
    except AppImportError as error:
        if error.missing_module not in _PYODIDE_ONLY_MODULES | packages.pyodide_modules:
            raise
        progress(f"TypeScript declarations not written: {error}")
        return
    site.write(f"{FRAMEWORK}/jsinterop.d.mts", declarations.encode())


def _write_page(
    site: _Site, app: App, base_href: str | None, npm: NpmFiles, progress: Progress
) -> None:
    """The app's ``index.html`` (written with the app's files) again, with its module URLs
    versioned by the hashes of everything written before it, the bare specifiers of its npm
    packages in the import map, and ``<base href>`` set; beside it ``_headers``, whose two
    isolation headers ``progress`` names."""
    if _PAGE not in site.written:
        return
    page = (site.out / _PAGE).read_text(encoding="utf-8")
    preload = _COMPONENTS_PRELOAD if uses_components(app) else ()
    page = version_page(
        page,
        site.hashes,
        preload=preload,
        fetches=page_fetches(site.out),
        bare_imports=npm.imports,
    )
    if base_href is not None:
        page = set_base_href(page, base_href)
    site.write(_PAGE, page.encode())
    site.write(HEADERS_FILE, headers_file().encode())
    isolation = " and ".join(f"{name}: {value}" for name, value in ISOLATION_HEADERS.items())
    progress(
        f"a static host must send {isolation} with the page for Python to run in a worker "
        f"(written to {HEADERS_FILE} for Netlify and Cloudflare Pages)"
    )


def built_files(out: Path) -> frozenset[str]:
    """The files the build in ``out`` wrote (posix names inside it); none if there is none.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._build import built_files
    >>> "index.html" in built_files(Path("examples/sample/dist"))  # doctest: +SKIP
    True
    """
    files = _read_record(out).get("files", [])
    return frozenset(name for name in files if isinstance(name, str))


def _read_record(out: Path) -> dict[str, Any]:
    try:
        record = json.loads((out / _STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _json_bytes(value: object) -> bytes:
    return (json.dumps(value, indent=2) + "\n").encode()
