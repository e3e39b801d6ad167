"""``jsinterop build``: an app folder becomes a folder Node (or a web server) can run.

Layout of the output::

    main.mjs, ...                  the app's files that are not Python code
    package.json                   {"type": "module"}, unless the app brings its own
    _framework/*.mjs               jsinterop's JS runtime
    _framework/pyodide/            the Pyodide distribution (PYODIDE_FILES)
    _framework/app.<hash>.zip      the app's package and jsinterop's Python files, each
                                   ``.py`` with its bytecode for Pyodide's Python beside it
                                   (``__pycache__/*.cpython-314.pyc``, see ``_bytecode``)
    _framework/app.json            what the runtime reads: archives, main, mainPackage
    _framework/build.json          the stamp of the inputs, and the files the build wrote
    _framework/jsinterop.d.mts     TypeScript declarations of the runtime API and the app's
                                   exports (``jsinterop typings``), when the app imports on
                                   CPython
    <package>/**/*.js, .mjs, .css  web files inside the app's package (a component's
                                   collocated module), served beside the archive
    _framework/components.mjs,     for apps that use jsinterop.components: its JS half and
    _framework/morphdom.mjs        the DOM differ it patches with (from npm)

A top-level ``index.html`` gets an import map that sends every JS module URL of the app to
``<url>?v=<content hash>``, and its own ``<script src>``/``<link href>`` URLs get the same
suffix, so a browser never runs a stale module after a rebuild (``app.json`` is fetched with
revalidation, and the archive's name is its hash).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal

from jsinterop import __version__ as jsinterop_version
from jsinterop.cli._app import App
from jsinterop.cli._bytecode import archive_bytecode
from jsinterop.cli._files import walk_files
from jsinterop.cli._messages import CliError, Progress, print_progress
from jsinterop.cli._npm import MORPHDOM, find_npm_package
from jsinterop.cli._pyodide_dist import PYODIDE_FILES, PYODIDE_VERSION, find_pyodide
from jsinterop.cli._typings import app_declarations

__all__ = [
    "BUILD_FORMAT",
    "BuildResult",
    "app_archive",
    "build_app",
    "build_if_needed",
    "default_output",
    "input_stamp",
    "is_up_to_date",
    "jsinterop_python_files",
    "python_archive",
    "set_base_href",
    "version_page",
    "zip_archive",
]

BUILD_FORMAT = 1
"""Bumped when the output layout changes, so that older builds are redone."""

_FRAMEWORK = "_framework"
_STAMP_FILE = f"{_FRAMEWORK}/build.json"
_APP_JSON = f"{_FRAMEWORK}/app.json"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Folders of an app that hold no files for the output: anywhere, and at the top.
_SKIPPED_DIRS = frozenset({"__pycache__", "node_modules"})
_SKIPPED_TOP_DIRS = frozenset({"dist", _FRAMEWORK})
_PYTHON_SUFFIXES = frozenset({".py", ".pyc", ".pyi"})
# Files inside the app's package that the browser loads by URL, so they are served too.
_PACKAGE_WEB_SUFFIXES = frozenset({".js", ".mjs", ".css"})
_JS_SUFFIXES = (".js", ".mjs")
_PAGE = "index.html"
_COMPONENTS_MARKER = re.compile(r"\bjsinterop\.components\b|from jsinterop import components")
# Fetched while Python boots, rather than one after the other when run_app starts.
_COMPONENTS_PRELOAD = (f"{_FRAMEWORK}/components.mjs", f"{_FRAMEWORK}/morphdom.mjs")
_PAGE_URL = re.compile(r"(<(?:script|link)\b[^>]*?\b(?:src|href)=\")([^\"]+)(\")", re.IGNORECASE)
_BASE_HREF = re.compile(r'(<base\b[^>]*?\bhref=")([^"]*)(")', re.IGNORECASE)
_FIRST_LOAD = re.compile(r"<script\b|<link\b[^>]*rel=\"modulepreload\"", re.IGNORECASE)


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
    digest.update(json.dumps(header).encode())
    groups: dict[str, Sequence[tuple[str, Traversable]]] = {
        "app": _app_files(app, out),
        "package": _package_files(app),
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


def is_up_to_date(app: App, out: Path, *, bytecode: Bytecode = True) -> bool:
    """Whether ``out`` holds a complete build of the current inputs of ``app``, made with
    ``bytecode`` as :func:`build_app` takes it.

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
    if record.get("bytecode", True) != bytecode:
        return False
    return all((out / name).is_file() for name in record.get("files", []))


def build_if_needed(
    app: App,
    out: Path | None = None,
    *,
    pyodide_dir: Path | None = None,
    progress: Progress = print_progress,
    bytecode: Bytecode = True,
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
    if is_up_to_date(app, out, bytecode=bytecode):
        return False
    build_app(app, out, pyodide_dir=pyodide_dir, progress=progress, bytecode=bytecode)
    return True


def build_app(
    app: App,
    out: Path | None = None,
    *,
    pyodide_dir: Path | None = None,
    progress: Progress = print_progress,
    base_href: str | None = None,
    bytecode: Bytecode = True,
) -> BuildResult:
    """Build ``app`` into ``out``; files an earlier build wrote and this one did not go away.

    Parameters
    ----------
    app : App
        The app, from :func:`jsinterop.cli._app.read_app`.
    out : Path, optional
        The output folder; ``<app>/dist`` by default.
    pyodide_dir : Path, optional
        The Pyodide distribution; found (or fetched) with :func:`find_pyodide` by default.
    progress : Progress, optional
        Receives the ``building ...`` line and the fetch line, if any.
    base_href : str, optional
        The path the site will be served under (``"/myapp/"``): replaces the ``href`` of
        ``<base>`` in ``index.html``, which a components app routes relative to.
    bytecode : bool or "cached", optional
        Whether the archive carries bytecode beside the sources (see :func:`app_archive`).
        Compiling starts Node for new or changed ``.py`` files (~2 s); a dev server's
        rebuilds take ``"cached"``: the bytecode the cache holds, nothing compiled, so an
        edited module is compiled by Pyodide when it is imported.

    Returns
    -------
    BuildResult
        The output folder, the archive's name and the input stamp.

    Examples
    --------
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._build import build_app
    >>> build_app(read_app("hello")).archive  # doctest: +SKIP
    'app.3f2a9c0b1d4e.zip'
    """
    out = default_output(app) if out is None else out
    if _resolved(out) == _resolved(app.root):
        raise CliError(f"the output folder {out} is the app folder; choose another with -o")
    progress(f"building {app.name} -> {out}{os.sep} ...")
    if pyodide_dir is None:
        pyodide_dir = find_pyodide(progress=progress)
    previous = _read_record(out)
    (out / _STAMP_FILE).unlink(missing_ok=True)  # an interrupted build is never up to date
    stamp = input_stamp(app, out)
    written: list[str] = []
    hashes: dict[str, str] = {}

    def write(name: str, content: bytes) -> None:
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not (target.is_file() and target.read_bytes() == content):
            target.write_bytes(content)  # unchanged files keep their time (dev server)
        written.append(name)
        hashes[name] = hashlib.sha256(content).hexdigest()[:12]

    app_files = _app_files(app, out)
    for name, app_file in app_files:
        write(name, app_file.read_bytes())
    if "package.json" not in dict(app_files):
        write("package.json", _json_bytes({"type": "module"}))
    for name, source in walk_files(resources.files("jsinterop") / _FRAMEWORK, f"{_FRAMEWORK}/"):
        write(name, source.read_bytes())
    for name, package_file in _package_files(app):
        if Path(name).suffix in _PACKAGE_WEB_SUFFIXES:
            write(name, package_file.read_bytes())
    if uses_components(app):
        components = resources.files("jsinterop.components") / _FRAMEWORK
        for name, source in walk_files(components, f"{_FRAMEWORK}/"):
            write(name, source.read_bytes())
        morphdom = find_npm_package(MORPHDOM, progress=progress)
        write(f"{_FRAMEWORK}/morphdom.mjs", morphdom.read_bytes())
    for file_name in PYODIDE_FILES:
        name = f"{_FRAMEWORK}/pyodide/{file_name}"
        _copy_if_changed(pyodide_dir / file_name, out / name)
        written.append(name)

    archive = app_archive(
        app,
        pyodide_dir=pyodide_dir if bytecode else None,
        progress=progress,
        cached_only=bytecode == "cached",
    )
    archive_name = f"app.{hashlib.sha256(archive).hexdigest()[:12]}.zip"
    for stale in (out / _FRAMEWORK).glob("app.*.zip"):
        if stale.name != archive_name:
            stale.unlink()
    write(f"{_FRAMEWORK}/{archive_name}", archive)
    config = {
        "mainPackage": app.package,
        "main": app.main,
        "archives": [archive_name],
        "pyodideVersion": PYODIDE_VERSION,
        "jsinteropVersion": jsinterop_version,
    }
    write(_APP_JSON, _json_bytes(config))
    declarations = _declarations(app, progress)
    if declarations is not None:
        write(f"{_FRAMEWORK}/jsinterop.d.mts", declarations.encode())
    if _PAGE in dict(app_files):
        page = (out / _PAGE).read_text(encoding="utf-8")
        preload = _COMPONENTS_PRELOAD if uses_components(app) else ()
        page = version_page(page, hashes, preload=preload)
        if base_href is not None:
            page = set_base_href(page, base_href)
        write(_PAGE, page.encode())

    for name in set(previous.get("files", [])) - {*written, _STAMP_FILE}:
        stale_file = out / name
        if _is_inside(stale_file, out):
            stale_file.unlink(missing_ok=True)
    record: dict[str, Any] = {"stamp": stamp, "files": sorted(written)}
    if base_href is not None:
        record["baseHref"] = base_href  # not what `run`/`serve` build: they build again
    if bytecode is not True:
        record["bytecode"] = bytecode
    (out / _STAMP_FILE).write_bytes(_json_bytes(record))
    return BuildResult(out=out, archive=archive_name, stamp=stamp)


def uses_components(app: App) -> bool:
    """Whether the app's Python code imports ``jsinterop.components``.

    Examples
    --------
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._build import uses_components
    >>> uses_components(read_app("hello"))  # doctest: +SKIP
    False
    """
    for name, source in _package_files(app):
        if name.endswith(".py") and _COMPONENTS_MARKER.search(source.read_text(encoding="utf-8")):
            return True
    return False


def version_page(page: str, hashes: dict[str, str], *, preload: Iterable[str] = ()) -> str:
    """``page`` with an import map of versioned JS URLs and versioned script/link URLs.

    Parameters
    ----------
    page : str
        The HTML of the app's ``index.html``.
    hashes : dict[str, str]
        Content hashes by output file name (``"_framework/runtime.mjs"``).
    preload : Iterable[str], optional
        Output files to add ``<link rel="modulepreload">`` for, so that the browser
        fetches them while Python boots.

    Examples
    --------
    >>> from jsinterop.cli._build import version_page
    >>> page = '<head><script type="module" src="./main.js"></script></head>'
    >>> print(version_page(page, {"main.js": "abc"}))
    <head><script type="importmap">{"imports": {"./main.js": "./main.js?v=abc"}}</script>
    <script type="module" src="./main.js?v=abc"></script></head>
    """

    def versioned(found: re.Match[str]) -> str:
        url = found.group(2)
        name = url.removeprefix("./")
        if name in hashes and not re.match(r"^[a-z]+:|^/", url):
            url = f"{url}?v={hashes[name]}"
        return f"{found.group(1)}{url}{found.group(3)}"

    first = _FIRST_LOAD.search(page)
    at = first.start() if first else len(page)
    links = "".join(f'<link rel="modulepreload" href="./{name}">\n' for name in preload)
    page = _PAGE_URL.sub(versioned, page[:at] + links + page[at:])
    modules = {
        f"./{name}": f"./{name}?v={digest}"
        for name, digest in sorted(hashes.items())
        if name.endswith(_JS_SUFFIXES) and not name.startswith(f"{_FRAMEWORK}/pyodide/")
    }
    import_map = f'<script type="importmap">{json.dumps({"imports": modules})}</script>\n'
    first = _FIRST_LOAD.search(page)
    at = first.start() if first else len(page)
    return page[:at] + import_map + page[at:]


def set_base_href(page: str, base_href: str) -> str:
    """``page`` with ``<base href>`` set to ``base_href`` (a ``/``-ended path is enforced).

    Raises
    ------
    CliError
        When the page has no ``<base href="...">`` to change.

    Examples
    --------
    >>> from jsinterop.cli._build import set_base_href
    >>> set_base_href('<head><base href="/"></head>', "/myapp")
    '<head><base href="/myapp/"></head>'
    """
    if not base_href.endswith("/"):
        base_href += "/"
    found = _BASE_HREF.search(page)
    if found is None:
        raise CliError('--base-href: index.html has no <base href="..."> to change')
    escaped = base_href.replace("&", "&amp;").replace('"', "&quot;")
    return page[: found.start(2)] + escaped + page[found.end(2) :]


def app_archive(
    app: App,
    *,
    pyodide_dir: Path | None = None,
    progress: Progress = print_progress,
    cached_only: bool = False,
) -> bytes:
    """The zip of the app's package and jsinterop's Python files, the same bytes every time.

    Each file sits under its top-level package folder (``hello/program.py``,
    ``jsinterop/_bridge.py``); the runtime unpacks the archive into ``/app`` and puts that on
    ``sys.path``. With ``pyodide_dir``, every ``.py`` also gets its bytecode, compiled by
    that Pyodide's Python (see :func:`jsinterop.cli._bytecode.archive_bytecode`; without
    Node there is none, and ``progress`` says so); with ``cached_only``, only the bytecode
    already in the cache (nothing is compiled).

    Examples
    --------
    >>> import io, zipfile
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._build import app_archive
    >>> archive = zipfile.ZipFile(io.BytesIO(app_archive(read_app("hello"))))  # doctest: +SKIP
    >>> names = archive.namelist()  # doctest: +SKIP
    >>> "hello/program.py" in names and "jsinterop/_bridge.py" in names  # doctest: +SKIP
    True
    """
    package = {name: source.read_bytes() for name, source in _package_files(app)}
    return python_archive(
        package, pyodide_dir=pyodide_dir, progress=progress, cached_only=cached_only
    )


def python_archive(
    package: Mapping[str, bytes],
    *,
    pyodide_dir: Path | None = None,
    progress: Progress = print_progress,
    cached_only: bool = False,
) -> bytes:
    """The zip of ``package`` (files by archive name) and jsinterop's Python files, with each
    module's bytecode when ``pyodide_dir`` is given: what :func:`app_archive` makes of an
    app's package (bench/ makes its own with it).

    Examples
    --------
    >>> import io, zipfile
    >>> from jsinterop.cli._build import python_archive
    >>> archive = zipfile.ZipFile(io.BytesIO(python_archive({"demo/__init__.py": b""})))
    >>> "demo/__init__.py" in archive.namelist() and "jsinterop/_bridge.py" in archive.namelist()
    True
    """
    entries = dict(package)
    entries.update((name, source.read_bytes()) for name, source in jsinterop_python_files())
    if pyodide_dir is not None:
        entries.update(
            archive_bytecode(entries, pyodide_dir, progress=progress, cached_only=cached_only)
        )
    return zip_archive(entries)


def zip_archive(entries: Mapping[str, bytes]) -> bytes:
    """A zip of ``entries`` (name -> content) whose bytes depend on nothing else.

    Entries are sorted and carry a fixed timestamp and mode, so the archive (and the hash in
    its name) changes only when code does.

    Examples
    --------
    >>> from jsinterop.cli._build import zip_archive
    >>> zip_archive({"b.py": b"", "a.py": b"x = 1"}) == zip_archive({"a.py": b"x = 1", "b.py": b""})
    True
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in sorted(entries.items()):
            info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix on every host, so the bytes match across systems
            info.external_attr = 0o100644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def _package_files(app: App) -> list[tuple[str, Traversable]]:
    return list(walk_files(app.package_dir, f"{app.package}/"))


def jsinterop_python_files() -> Iterable[tuple[str, Traversable]]:
    """jsinterop's files an app needs at run time, as (archive name, file): its Python
    modules and ``py.typed``, without the CLI and the developer tools."""
    for name, source in walk_files(resources.files("jsinterop"), "jsinterop/"):
        # The CLI (and `python -m jsinterop`, its entry) and the developer tools it uses run
        # on the host, never in the app.
        if name.split("/")[1] in (_FRAMEWORK, "cli", "_tools", "__main__.py"):
            continue
        if name.endswith(".py") or name.endswith("/py.typed"):
            yield name, source


def _app_files(app: App, out: Path) -> list[tuple[str, Path]]:
    """The app's files that are not Python code, as (posix name relative to root, path)."""
    root = app.root
    skipped_dirs = {_resolved(out), _resolved(app.package_dir)}
    found: list[tuple[str, Path]] = []
    for folder, dir_names, file_names in os.walk(root):
        here = Path(folder)
        dir_names[:] = sorted(
            name
            for name in dir_names
            if not name.startswith(".")
            and name not in _SKIPPED_DIRS
            and not (here == root and name in _SKIPPED_TOP_DIRS)
            and not name.endswith(".egg-info")
            and _resolved(here / name) not in skipped_dirs
        )
        for file_name in sorted(file_names):
            path = here / file_name
            if file_name.startswith(".") or path.suffix in _PYTHON_SUFFIXES:
                continue
            name = path.relative_to(root).as_posix()
            if name != "pyproject.toml":
                found.append((name, path))
    return sorted(found)


def _resolved(path: Path) -> Path:
    return path.resolve()


def _is_inside(path: Path, folder: Path) -> bool:
    return _resolved(path).is_relative_to(_resolved(folder))


def _copy_if_changed(source: Path, target: Path) -> None:
    # The Pyodide files are large and pinned by version: copy them only when they differ.
    if target.is_file():
        source_stat, target_stat = source.stat(), target.stat()
        if (source_stat.st_size, source_stat.st_mtime_ns) == (
            target_stat.st_size,
            target_stat.st_mtime_ns,
        ):
            return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def _read_record(out: Path) -> dict[str, Any]:
    try:
        record = json.loads((out / _STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _json_bytes(value: object) -> bytes:
    return (json.dumps(value, indent=2) + "\n").encode()


def _declarations(app: App, progress: Progress) -> str | None:
    """The app's ``jsinterop.d.mts``, or ``None`` (said on progress) if it cannot be imported
    on CPython, where the declarations are generated."""
    try:
        return app_declarations(app)
    except CliError as error:
        progress(f"TypeScript declarations not written: {error}")
        return None
