"""The memory snapshot of a built app: Pyodide's memory after it imported jsinterop and the app.

A start that restores it skips Python's boot and the app's imports (see docs/snapshots.md).
The build makes it with the app's own runtime under Node (``_snapshot.mjs`` calls
``makeSnapshot`` of the ``_framework/runtime.mjs`` just written), the same way the runtime
boots, and names it by content: ``_framework/snapshot.<hash>.bin``. ``app.json`` describes
it (``"snapshot"``): what it was made from, so that the runtime restores it only when the
Pyodide version, the archives and the runtime's files are the same.

For web apps the build writes it precompressed beside it for static hosts and the dev
server: ``.gz`` with Python's gzip, ``.br`` with Node's zlib (Python has no brotli of its own,
and the build runs Node for the snapshot anyway). Pyodide decides at boot whether
``run_sync`` can work (JSPI, WebAssembly stack switching) and the snapshot keeps it, so a web
app's snapshot is made with JSPI, as browsers run it (Node 20 and 22 need
``--experimental-wasm-stack-switching`` for it), and a console app's as ``jsinterop run``
starts Node: with JSPI too, with that flag where the Node needs it.

This is the one Python module that drives the snapshot build; the one JS module that
touches Pyodide's private snapshot API is ``_framework/snapshot.mjs``.
"""

from __future__ import annotations

import gzip
import json
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsinterop.cli._messages import CliError, Progress, print_progress
from jsinterop.cli._node import (
    NodeScriptError,
    find_node,
    jspi_arguments,
    run_node_script,
    stderr_tail,
)
from jsinterop.cli._sources import FRAMEWORK

__all__ = [
    "SNAPSHOT_KEY",
    "Snapshot",
    "add_snapshot",
    "format_size",
    "make_snapshot",
    "packages_not_kept",
    "page_fetches",
    "precompressed",
]

SNAPSHOT_KEY = "snapshot"
"""The key of ``app.json`` that describes the snapshot."""

_MAKER = Path(__file__).with_name("_snapshot.mjs")
_APP_JSON = "app.json"
_PURE_WHEEL = "-none-any.whl"
# How _startup.py's refusals read: the import-time rule broken, or a module that failed.
_USES_JS = " uses JS at import"
_FIX_IT = " Fix it, or build with --no-snapshot."
# The module and line, not the error: the start shows that, with its traceback.
_FAILED_MODULE = re.compile(
    r"(\S+ cannot be imported for the snapshot(?: \(line \d+ of [^)]*\))?): "
)
_WASM_MAGIC = b"\0asm"
# Level 6: within 1 % of level 9 on a snapshot, in a third of the time.
_GZIP_LEVEL = 6
# Content codings the build writes beside a file, the most compact first.
_ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A snapshot written into a ``_framework`` folder.

    Attributes
    ----------
    descriptor : dict
        What ``app.json`` says of it: ``file``, ``size``, ``pyodideVersion``, ``archives``
        (content hashes), ``extractDir``, ``runtime`` (hashes of the runtime's files).
    files : tuple[str, ...]
        The files written, relative to the ``_framework`` folder: the snapshot and its
        compressed copies.
    gzip_size, brotli_size : int or None
        The compressed copies' sizes, when written.

    Examples
    --------
    >>> from jsinterop.cli._snapshot import Snapshot
    >>> snapshot = Snapshot({"file": "snapshot.ab12.bin", "size": 31457424}, ("snapshot.ab12.bin",))
    >>> snapshot.summary()
    'snapshot.ab12.bin: 31.5 MB'
    """

    descriptor: dict[str, Any]
    files: tuple[str, ...]
    gzip_size: int | None = None
    brotli_size: int | None = None

    def summary(self) -> str:
        """Its name and sizes, raw and compressed, for the build's progress line."""
        text = f"{self.descriptor['file']}: {format_size(int(self.descriptor['size']))}"
        compressed = [
            f"{name} {format_size(size)}"
            for name, size in (("gzip", self.gzip_size), ("brotli", self.brotli_size))
            if size is not None
        ]
        return f"{text} ({', '.join(compressed)})" if compressed else text


def format_size(size: int) -> str:
    """``size`` bytes in MB (10^6), one decimal.

    Examples
    --------
    >>> from jsinterop.cli._snapshot import format_size
    >>> format_size(31457424)
    '31.5 MB'
    """
    return f"{size / 1e6:.1f} MB"


def add_snapshot(
    out: Path,
    modules: Sequence[str],
    packages: Sequence[str],
    *,
    web_app: bool,
    progress: Progress = print_progress,
    node: str | None = None,
) -> list[str]:
    """Make the snapshot of the app built in ``out`` and name it in its ``app.json``.

    Parameters
    ----------
    out : Path
        A build's output folder: ``_framework/`` holds the runtime, the Pyodide
        distribution, the archive and ``app.json``.
    modules, packages : Sequence[str]
        What the snapshot imports, as the app's start would: the main module, then the app's
        package with all its submodules.
    web_app : bool
        Whether browsers run the app: the snapshot is made with JSPI, and its ``.gz`` and
        ``.br`` copies are written.
    progress : Progress, optional
        Receives the snapshot's sizes, or why there is none.
    node : str, optional
        The ``node`` executable; found on ``PATH`` by default.

    Returns
    -------
    list[str]
        The files written, relative to ``out`` (``app.json`` is rewritten too); empty when
        no snapshot was made: no Node (said on ``progress``), or a stand-in Pyodide.

    Raises
    ------
    CliError
        When a module of the app uses JS at import: the message names it and says what to
        do. (A module that fails to import for another reason leaves the app without a
        snapshot, said on ``progress``: its start shows the error.)

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._snapshot import add_snapshot
    >>> out = Path("hello/dist")
    >>> add_snapshot(out, ["hello.program"], ["hello"], web_app=False)  # doctest: +SKIP
    ['_framework/snapshot.3669d4508181.bin']
    """
    framework = out / FRAMEWORK
    if not _is_webassembly(framework / "pyodide" / "pyodide.asm.wasm"):
        return []
    config_path = framework / _APP_JSON
    unkept = packages_not_kept(json.loads(config_path.read_text(encoding="utf-8")))
    if unkept is not None:
        progress(f"no snapshot ({unkept}): the app boots Python at each start")
        return []
    snapshot = make_snapshot(
        framework,
        {},
        modules,
        packages,
        compressed=web_app,
        jspi=web_app,
        progress=progress,
        node=node,
    )
    if snapshot is None:
        return []
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config[SNAPSHOT_KEY] = snapshot.descriptor
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    progress(f"snapshot {snapshot.summary()}")
    return [f"{FRAMEWORK}/{name}" for name in snapshot.files]


def packages_not_kept(config: dict[str, Any]) -> str | None:
    """Why the Python packages of the app ``config`` (its ``app.json``) describes cannot be
    in its snapshot, or None when they can (it has none, or only pure-Python wheels in the site).

    A snapshot holds Python's memory, not the WebAssembly modules a compiled package loads
    beside it; and the build makes it offline, so it cannot fetch from the Pyodide package URL.

    Examples
    --------
    >>> from jsinterop.cli._snapshot import packages_not_kept
    >>> print(packages_not_kept({"packages": {"wheels": ["p/x-1.0-py3-none-any.whl"]}}))
    None
    >>> packages_not_kept({"packages": {"wheels": ["p/np-2.0-cp314-cp314-wasm32.whl"]}})
    'np-2.0-cp314-cp314-wasm32.whl has compiled code, which a snapshot cannot hold'
    """
    packages = config.get("packages") or {}
    for wheel in packages.get("wheels", []):
        name = str(wheel).rpartition("/")[2]
        if not name.endswith(_PURE_WHEEL):
            return f"{name} has compiled code, which a snapshot cannot hold"
    url = packages.get("pyodideURL")
    for package in packages.get("pyodide", []):
        if url is not None:
            return (
                f"Pyodide's package {package['name']} is fetched from {url} when the app starts"
                " (build with --copy-pyodide-packages to keep it)"
            )
        if not str(package["file"]).endswith(_PURE_WHEEL):
            return (
                f"Pyodide's package {package['name']} has compiled code,"
                " which a snapshot cannot hold"
            )
    return None


def make_snapshot(
    framework: Path,
    config: dict[str, Any],
    modules: Sequence[str],
    packages: Sequence[str],
    *,
    output: Path | None = None,
    compressed: bool = False,
    jspi: bool = False,
    progress: Progress = print_progress,
    node: str | None = None,
) -> Snapshot | None:
    """Make a snapshot with the runtime in ``framework`` and write it into ``output``.

    Parameters
    ----------
    framework : Path
        The folder of the ``runtime.mjs`` that makes it (and will restore it).
    config : dict
        The runtime's config, as ``python.withConfig()`` takes it; ``{}`` reads the
        ``app.json`` beside the runtime. The interop tests pass their own.
    output : Path, optional
        The folder the files are written to; ``framework`` by default.
    compressed : bool, optional
        Also write the ``.gz`` and ``.br`` copies.
    jspi : bool, optional
        Make it with JSPI or not at all (browsers have JSPI); else with JSPI where ``node``
        can have it (as ``jsinterop run`` starts Node), without where it cannot.
    modules, packages, progress, node
        As :func:`add_snapshot` takes them.

    Returns
    -------
    Snapshot or None
        None when Node is missing, or has no JSPI when ``jspi`` asks for it (said on
        ``progress``).

    Raises
    ------
    CliError
        When a module of the app uses JS at import, or making the snapshot failed. A
        module that fails to import for another reason is said on ``progress``, and there
        is no snapshot.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._snapshot import make_snapshot
    >>> framework = Path("hello/dist/_framework")
    >>> make_snapshot(framework, {}, ["hello.program"], ["hello"])  # doctest: +SKIP
    Snapshot(descriptor={'file': 'snapshot.3669d4508181.bin', ...}, ...)
    """
    output = framework if output is None else output
    node = find_node(node)
    if node is None:
        progress("no snapshot (node not found on PATH): the app boots Python at each start")
        return None
    # With JSPI where this Node can have it, as `jsinterop run` starts Node (_run.py): the
    # snapshot keeps whether run_sync works, and restores only where that is the same.
    node_arguments = jspi_arguments(node)
    if node_arguments is None and not jspi:
        node_arguments = []
    if node_arguments is None:
        progress(
            f"no snapshot ({node} has no JSPI, which a browser's snapshot is made with): "
            "the app boots Python at each start"
        )
        return None
    with tempfile.TemporaryDirectory(prefix="jsinterop-snapshot-") as staging:
        result_path = Path(staging) / "result.json"
        request = {
            "runtime": str((framework / "runtime.mjs").resolve()),
            "config": config,
            "imports": {"modules": list(modules), "packages": list(packages)},
            "output": str(output.resolve()),
            "brotli": compressed,
            "result": str(result_path),
        }
        request_path = Path(staging) / "request.json"
        request_path.write_text(json.dumps(request), encoding="utf-8")
        answer = _run_maker([node, *node_arguments], request_path, result_path)
    if "refused" in answer:
        refused = str(answer["refused"])
        if _USES_JS not in refused:
            # A module that fails in Pyodide for another reason fails every start: the start
            # shows that error with its traceback, so the build goes on without a snapshot.
            failed = _FAILED_MODULE.match(refused)
            what = failed.group(1) if failed else refused.removesuffix(_FIX_IT)
            progress(f"no snapshot ({what}): the app boots Python at each start")
            return None
        raise CliError(f"no snapshot can be made: {refused}")
    descriptor: dict[str, Any] = answer["descriptor"]
    name = str(descriptor["file"])
    files = [name]
    gzip_size = None
    if compressed:
        raw = (output / name).read_bytes()
        packed = gzip.compress(raw, compresslevel=_GZIP_LEVEL, mtime=0)
        (output / f"{name}.gz").write_bytes(packed)
        gzip_size = len(packed)
        files += [f"{name}.gz", f"{name}.br"]
    return Snapshot(descriptor, tuple(files), gzip_size, answer.get("brotliSize"))


def page_fetches(out: Path) -> list[str]:
    """The files a built page should start fetching at once, before its modules load: the
    snapshot ``app.json`` names, if any, and Pyodide's wasm, which the runtime fetches side by
    side. None for an app whose Python runs in a worker (``worker`` in ``app.json``).

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._snapshot import page_fetches
    >>> page_fetches(Path("no/such/site"))
    ['_framework/pyodide/pyodide.asm.wasm']
    """
    try:
        config = json.loads((out / FRAMEWORK / _APP_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        config = {}
    if isinstance(config, dict) and config.get("worker") is True:
        # Python's worker fetches them: a worker cannot use the page's preloads, so they
        # would be fetched twice.
        return []
    snapshot = config.get(SNAPSHOT_KEY) if isinstance(config, dict) else None
    files = [f"{FRAMEWORK}/{snapshot['file']}"] if isinstance(snapshot, dict) else []
    return [*files, f"{FRAMEWORK}/pyodide/pyodide.asm.wasm"]


def precompressed(path: Path, accept_encoding: str) -> tuple[Path, str] | None:
    """The precompressed copy of ``path`` to send for a request's ``Accept-Encoding``, with
    its ``Content-Encoding``; None when there is none (send ``path`` itself).

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._snapshot import precompressed
    >>> precompressed(Path("dist/_framework/snapshot.ab12.bin"), "gzip, br")  # doctest: +SKIP
    (PosixPath('dist/_framework/snapshot.ab12.bin.br'), 'br')
    >>> precompressed(Path("no/such.bin"), "gzip, br") is None
    True
    """
    accepted = set()
    for part in accept_encoding.split(","):
        coding, _, parameters = part.partition(";")
        if parameters.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            accepted.add(coding.strip().lower())
    for encoding, suffix in _ENCODINGS:
        copy = path.with_name(path.name + suffix)
        if encoding in accepted and copy.is_file():
            return copy, encoding
    return None


def _run_maker(node: list[str], request_path: Path, result_path: Path) -> dict[str, Any]:
    """Run ``_snapshot.mjs`` with the ``node`` command; its answer (see there)."""
    try:
        completed = run_node_script(node, _MAKER, str(request_path))
    except NodeScriptError as error:
        raise CliError(f"making the snapshot failed ({error}); build with --no-snapshot") from None
    if completed.returncode != 0 or not result_path.is_file():
        raise CliError(
            "making the snapshot failed (build with --no-snapshot to go on without one):\n"
            + "\n".join(stderr_tail(completed, 12))
        )
    answer: dict[str, Any] = json.loads(result_path.read_text(encoding="utf-8"))
    return answer


def _is_webassembly(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(len(_WASM_MAGIC)) == _WASM_MAGIC
    except OSError:
        return False
