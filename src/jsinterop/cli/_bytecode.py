"""Bytecode for the app archive, compiled by the Python inside the pinned Pyodide.

Pyodide unpacks the archive into its in-memory file system on every start; without bytecode
beside the sources it compiles every module it imports, every time. So the build compiles
each ``.py`` of the archive to ``<folder>/__pycache__/<name>.<cache tag>.pyc``, the file
CPython's import system looks for, with *unchecked-hash* invalidation: the import uses it
without looking at the source's time (the unpacked files' times mean nothing) or hashing the
source. The sources stay in the archive, for tracebacks.

The host's CPython is another version (bytecode is version-specific), so the compiler is the
Pyodide distribution's own Python, run with Node (``_bytecode.mjs``). Each compiled file is
cached by content in the user cache, so a build starts Node only for new or changed files.
Without Node the build goes on without bytecode and says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path, PurePosixPath

from jsinterop.cli._messages import Progress, print_progress
from jsinterop.cli._node import NodeScriptError, find_node, run_node_script, stderr_tail
from jsinterop.cli._pyodide_dist import cache_dir

__all__ = ["EXTRACT_DIR", "archive_bytecode", "bytecode_cache_dir"]

EXTRACT_DIR = "/app"
"""Where the runtime unpacks the archive (``extractDir``): the file names tracebacks show."""

_COMPILER = Path(__file__).with_name("_bytecode.mjs")
_CACHE_FORMAT = 1
"""Bumped when what a cached file holds changes (how it is compiled)."""
_WASM = "pyodide.asm.wasm"
_WASM_MAGIC = b"\0asm"
_TAG_FILE = "cache-tag"


def bytecode_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The folder compiled files are cached in: inside the user's Pyodide cache.

    Files are kept per distribution (by the hash of its WebAssembly), so a
    ``JSINTEROP_PYODIDE_DIR`` of the same version but another build does not share them.

    Examples
    --------
    >>> from jsinterop.cli._bytecode import bytecode_cache_dir
    >>> bytecode_cache_dir({"XDG_CACHE_HOME": "/tmp/cache"}).as_posix()
    '/tmp/cache/jsinterop/pyodide-314.0.7/bytecode'
    """
    return cache_dir(environ) / "bytecode"


def archive_bytecode(
    entries: Mapping[str, bytes],
    pyodide_dir: Path,
    *,
    progress: Progress = print_progress,
    cache: Path | None = None,
    node: str | None = None,
    cached_only: bool = False,
) -> dict[str, bytes]:
    """The bytecode files for the ``.py`` entries of an archive, by archive name.

    Parameters
    ----------
    entries : Mapping[str, bytes]
        The archive's files by name (``"hello/program.py"``); only ``.py`` ones are compiled.
    pyodide_dir : Path
        The Pyodide distribution whose Python compiles them.
    progress : Progress, optional
        Receives a note when there is no bytecode for some or all files (no Node, a file
        that does not compile).
    cache : Path, optional
        The cache folder; :func:`bytecode_cache_dir` by default.
    node : str, optional
        The ``node`` executable; found on ``PATH`` by default.
    cached_only : bool, optional
        Take only what the cache holds and compile nothing (no Node start): the files not
        in the cache go without bytecode. A dev server's rebuilds use it.

    Returns
    -------
    dict[str, bytes]
        ``{"hello/__pycache__/program.cpython-314.pyc": b"...", ...}``; empty when nothing
        could be compiled. A distribution whose ``pyodide.asm.wasm`` is not WebAssembly (a
        stand-in) compiles nothing, silently: no app runs on it either.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._bytecode import archive_bytecode
    >>> sources = {"hello/program.py": b"x = 1\\n"}
    >>> pycs = archive_bytecode(sources, Path("node_modules/pyodide"))  # doctest: +SKIP
    >>> list(pycs)  # doctest: +SKIP
    ['hello/__pycache__/program.cpython-314.pyc']
    """
    sources = {name: content for name, content in entries.items() if name.endswith(".py")}
    if not sources:
        return {}
    runtime = _runtime_id(pyodide_dir.resolve() / _WASM)
    if runtime is None:
        return {}
    folder = (bytecode_cache_dir() if cache is None else cache) / runtime[:16]
    keys = {name: _key(name, content) for name, content in sources.items()}
    found = {name: _read(folder / f"{keys[name]}.pyc") for name in sources}
    tag = _read(folder / _TAG_FILE)
    missing = sorted(name for name, pyc in found.items() if pyc is None or tag is None)
    if missing and cached_only:
        if tag is None:
            return {}
    elif missing:
        compiled = _compile(missing, sources, pyodide_dir, progress, node)
        if compiled is None:
            return {}
        tag_text, pycs = compiled
        tag = tag_text.encode()
        _write(folder / _TAG_FILE, tag)
        for name, pyc in pycs.items():
            found[name] = pyc
            _write(folder / f"{keys[name]}.pyc", pyc)
    assert tag is not None
    return {
        _pyc_name(name, tag.decode()): pyc for name, pyc in sorted(found.items()) if pyc is not None
    }


def _compile(
    names: list[str],
    sources: Mapping[str, bytes],
    pyodide_dir: Path,
    progress: Progress,
    node: str | None,
) -> tuple[str, dict[str, bytes]] | None:
    """Compile ``names`` with Pyodide; their bytecode and the cache tag, or None (noted)."""
    node = find_node(node)
    if node is None:
        progress(
            "bytecode not precompiled (node not found on PATH): Pyodide compiles the app's "
            "Python code each time it starts"
        )
        return None
    with tempfile.TemporaryDirectory(prefix="jsinterop-bytecode-") as staging:
        root = Path(staging)
        for name in names:
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(sources[name])
        arguments = [str(pyodide_dir / "pyodide.mjs"), staging, EXTRACT_DIR, *names]
        try:
            completed = run_node_script([node], _COMPILER, *arguments)
        except NodeScriptError as error:
            progress(f"bytecode not precompiled ({error})")
            return None
        if completed.returncode != 0:
            (last_line,) = stderr_tail(completed, 1)
            progress(f"bytecode not precompiled (compiling with Pyodide failed: {last_line})")
            return None
        try:
            result = json.loads(completed.stdout)
            tag: str = result["cacheTag"]
            pycs = {name: (root / pyc).read_bytes() for name, pyc in result["compiled"].items()}
            failed: dict[str, str] = result["failed"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            progress(f"bytecode not precompiled (unexpected answer from Pyodide: {error!r})")
            return None
    for name, message in sorted(failed.items()):
        progress(f"bytecode not precompiled for {name}: {message}")
    return tag, pycs


def _pyc_name(name: str, tag: str) -> str:
    """``hello/program.py`` -> ``hello/__pycache__/program.<tag>.pyc``."""
    path = PurePosixPath(name)
    return str(path.parent / "__pycache__" / f"{path.stem}.{tag}.pyc")


def _key(name: str, content: bytes) -> str:
    digest = hashlib.sha256(f"{_CACHE_FORMAT}\0{EXTRACT_DIR}/{name}\0".encode())
    digest.update(content)
    return digest.hexdigest()


@cache
def _wasm_digest(path: Path, size: int, mtime_ns: int) -> str | None:
    with path.open("rb") as wasm:
        if wasm.read(len(_WASM_MAGIC)) != _WASM_MAGIC:
            return None
        wasm.seek(0)
        return hashlib.file_digest(wasm, "sha256").hexdigest()


def _runtime_id(wasm: Path) -> str | None:
    """The hash of the distribution's WebAssembly (its Python), or None if it is not wasm."""
    try:
        stat = wasm.stat()
        return _wasm_digest(wasm, stat.st_size, stat.st_mtime_ns)
    except OSError:
        return None


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _write(path: Path, content: bytes) -> None:
    """Write ``path`` atomically (builds may run at the same time); a cache that cannot be
    written is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except OSError:
        pass
