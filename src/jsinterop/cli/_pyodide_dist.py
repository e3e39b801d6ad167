"""The Pyodide distribution an app is built with: found locally, or fetched once with npm."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from jsinterop.cli._messages import CliError, Progress, print_progress

__all__ = [
    "PYODIDE_DIR_VARIABLE",
    "PYODIDE_FILES",
    "PYODIDE_VERSION",
    "cache_dir",
    "fetch_pyodide",
    "find_pyodide",
    "npm_install_into",
]

PYODIDE_VERSION = "314.0.7"
"""The Pyodide release jsinterop runs on; package.json and package-lock.json pin the same."""

PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
"""The files of the distribution an app needs at run time."""

PYODIDE_DIR_VARIABLE = "JSINTEROP_PYODIDE_DIR"
"""The environment variable naming a folder that holds ``pyodide.mjs``; it wins over the cache."""


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The folder ``npm install`` fetches Pyodide into, in the user's cache.

    Parameters
    ----------
    environ : Mapping[str, str], optional
        The environment to read ``XDG_CACHE_HOME`` from; ``os.environ`` by default.

    Returns
    -------
    Path
        ``${XDG_CACHE_HOME:-~/.cache}/jsinterop/pyodide-<version>``; the distribution
        itself is in its ``node_modules/pyodide``.

    Examples
    --------
    >>> from jsinterop.cli._pyodide_dist import cache_dir
    >>> cache_dir({"XDG_CACHE_HOME": "/tmp/cache"}).as_posix()
    '/tmp/cache/jsinterop/pyodide-314.0.7'
    """
    environ = os.environ if environ is None else environ
    cache_home = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home) / "jsinterop" / f"pyodide-{PYODIDE_VERSION}"


def find_pyodide(
    *, environ: Mapping[str, str] | None = None, progress: Progress = print_progress
) -> Path:
    """The folder holding the pinned Pyodide distribution, fetching it first if needed.

    Looks in ``$JSINTEROP_PYODIDE_DIR``, then in the user cache (see :func:`cache_dir`);
    when neither has it, fetches it into the cache with ``npm``. Whatever is found must be
    :data:`PYODIDE_VERSION` and hold all of :data:`PYODIDE_FILES`.

    Parameters
    ----------
    environ : Mapping[str, str], optional
        The environment; ``os.environ`` by default.
    progress : Progress, optional
        Receives a line before the (slow) fetch.

    Returns
    -------
    Path
        A folder containing ``pyodide.mjs`` and the rest of :data:`PYODIDE_FILES`.

    Raises
    ------
    CliError
        When the folder named by the variable is not a Pyodide distribution, the version
        differs, or a fetch is needed but ``npm`` is missing or fails.

    Examples
    --------
    >>> from jsinterop.cli._pyodide_dist import find_pyodide
    >>> find_pyodide(environ={"JSINTEROP_PYODIDE_DIR": "node_modules/pyodide"})  # doctest: +SKIP
    PosixPath('node_modules/pyodide')
    """
    environ = os.environ if environ is None else environ
    configured = environ.get(PYODIDE_DIR_VARIABLE)
    if configured:
        folder = Path(configured)
        if not (folder / "pyodide.mjs").is_file():
            raise CliError(f"{PYODIDE_DIR_VARIABLE}={configured} does not contain pyodide.mjs")
        return _checked(folder)
    cache = cache_dir(environ)
    folder = cache / "node_modules" / "pyodide"
    if not (folder / "pyodide.mjs").is_file():
        fetch_pyodide(cache, progress=progress)
    return _checked(folder)


def fetch_pyodide(cache: Path, *, progress: Progress = print_progress) -> None:
    """Install ``pyodide@<version>`` from npm into ``cache``, streaming npm's output to stderr.

    npm installs into a fresh sibling folder that is then renamed to ``cache``, so an
    interrupted or concurrent fetch never leaves a half-installed cache behind.

    Parameters
    ----------
    cache : Path
        The npm prefix; the distribution lands in ``cache/node_modules/pyodide``.
    progress : Progress, optional
        Receives the ``fetching Pyodide ...`` line.

    Raises
    ------
    CliError
        When ``npm`` is not on ``PATH`` or the install fails.

    Examples
    --------
    >>> from jsinterop.cli._pyodide_dist import cache_dir, fetch_pyodide
    >>> fetch_pyodide(cache_dir())  # doctest: +SKIP
    """
    npm_install_into(
        cache,
        f"pyodide@{PYODIDE_VERSION}",
        label=f"Pyodide {PYODIDE_VERSION}",
        installed=Path("node_modules/pyodide/pyodide.mjs"),
        without_npm=(
            f"install Node.js with npm, or set {PYODIDE_DIR_VARIABLE} to a folder holding "
            f"Pyodide {PYODIDE_VERSION}"
        ),
        progress=progress,
    )


def npm_install_into(
    cache: Path,
    spec: str,
    *,
    label: str,
    installed: Path,
    without_npm: str,
    progress: Progress,
) -> None:
    """``npm install spec`` with ``cache`` as the prefix, atomically.

    npm installs into a staging folder that is then renamed, so an interrupted or concurrent
    fetch never leaves a broken cache. ``installed`` (relative to ``cache``) is the file that
    proves a complete install; ``without_npm`` is the advice when npm is missing.
    """
    npm = shutil.which("npm")
    if npm is None:
        raise CliError(f"npm not found on PATH; it is needed once to fetch {label} ({without_npm})")
    progress(f"fetching {label} into {cache} (once) ...")
    cache.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{cache.name}-", dir=cache.parent))
    try:
        command = [npm, "install", "--no-save", "--no-audit", "--no-fund"]
        exit_code = _stream_to_stderr([*command, "--prefix", str(staging), spec])
        if exit_code != 0:
            raise CliError(
                f"npm could not fetch {spec} (exit code {exit_code}); see npm's output above"
            )
        if cache.exists():  # an earlier, broken copy (a complete one is never refetched)
            shutil.rmtree(cache)
        try:
            staging.rename(cache)
        except OSError:
            # Another jsinterop fetched it at the same time; theirs is as good as ours.
            if not (cache / installed).is_file():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _stream_to_stderr(command: list[str]) -> int:
    # Line by line through Python rather than inheriting fd 2, so that output reaches
    # whatever sys.stderr is (a test's capture, an IDE console).
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        errors="replace",
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            sys.stderr.write(line)
            sys.stderr.flush()
    return process.returncode


def _checked(folder: Path) -> Path:
    package_json = folder / "package.json"
    try:
        version = json.loads(package_json.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        raise CliError(
            f"cannot tell the Pyodide version in {folder}: no readable package.json"
        ) from None
    if version != PYODIDE_VERSION:
        raise CliError(
            f"Pyodide in {folder} is version {version}, but jsinterop needs {PYODIDE_VERSION}"
        )
    missing = [name for name in PYODIDE_FILES if not (folder / name).is_file()]
    if missing:
        raise CliError(f"Pyodide in {folder} is incomplete: missing {', '.join(missing)}")
    return folder
