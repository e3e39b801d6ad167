"""The archive of an app's Python code: its package and jsinterop's Python files in one zip
whose bytes depend on the code only, each ``.py`` with its bytecode for Pyodide's Python
beside it (see ``_bytecode``). The runtime unpacks it into ``/app``."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from jsinterop.cli._app import App
from jsinterop.cli._bytecode import archive_bytecode
from jsinterop.cli._files import walk_files
from jsinterop.cli._messages import Progress, print_progress
from jsinterop.cli._sources import FRAMEWORK, package_files

__all__ = ["app_archive", "jsinterop_python_files", "python_archive", "zip_archive"]

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# jsinterop's parts that run on the host, never in the app: the CLI (and `python -m
# jsinterop`, its entry), the developer tools it uses, and the JS runtime.
_HOST_ONLY = frozenset({FRAMEWORK, "cli", "_tools", "__main__.py"})


def app_archive(
    app: App,
    *,
    pyodide_dir: Path | None = None,
    progress: Progress = print_progress,
    cached_only: bool = False,
    libraries: Iterable[tuple[str, Path]] = (),
) -> bytes:
    """The zip of the app's package and jsinterop's Python files, the same bytes every time.

    Each file sits under its top-level package folder (``hello/program.py``,
    ``jsinterop/_bridge.py``); the runtime unpacks the archive into ``/app`` and puts that on
    ``sys.path``. With ``pyodide_dir``, every ``.py`` also gets its bytecode, compiled by
    that Pyodide's Python (see :func:`jsinterop.cli._bytecode.archive_bytecode`; without
    Node there is none, and ``progress`` says so); with ``cached_only``, only the bytecode
    already in the cache (nothing is compiled). ``libraries`` are more packages' files by
    archive name (the app's folder libraries, see ``_libraries``).

    Examples
    --------
    >>> import io, zipfile
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._archive import app_archive
    >>> archive = zipfile.ZipFile(io.BytesIO(app_archive(read_app("hello"))))  # doctest: +SKIP
    >>> names = archive.namelist()  # doctest: +SKIP
    >>> "hello/program.py" in names and "jsinterop/_bridge.py" in names  # doctest: +SKIP
    True
    """
    package = {name: source.read_bytes() for name, source in [*libraries, *package_files(app)]}
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
    >>> from jsinterop.cli._archive import python_archive
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
    >>> from jsinterop.cli._archive import zip_archive
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


def jsinterop_python_files() -> Iterable[tuple[str, Traversable]]:
    """jsinterop's files an app needs at run time, as (archive name, file): its Python
    modules and ``py.typed``, without the CLI and the developer tools.

    Examples
    --------
    >>> from jsinterop.cli._archive import jsinterop_python_files
    >>> names = [name for name, _ in jsinterop_python_files()]
    >>> "jsinterop/_bridge.py" in names and "jsinterop/cli/_build.py" not in names
    True
    """
    for name, source in walk_files(resources.files("jsinterop"), "jsinterop/"):
        if name.split("/")[1] in _HOST_ONLY:
            continue
        if name.endswith(".py") or name.endswith("/py.typed"):
            yield name, source
