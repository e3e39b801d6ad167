"""The Node scripts a build runs (Pyodide's compiler, ``_bytecode.mjs``, and the snapshot
maker, ``_snapshot.mjs``): each in a fresh ``node`` process, with no input, its output
captured, and a time limit, so that a build never hangs on one."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "JSPI_FLAG",
    "MINIMUM_NODE",
    "NODE_TIMEOUT_S",
    "NodeScriptError",
    "find_node",
    "jspi_arguments",
    "node_version",
    "run_node_script",
    "stderr_tail",
    "unsupported_node",
]

NODE_TIMEOUT_S = 300
"""How long a build waits for one script: each boots Pyodide, seconds on a quiet machine."""

MINIMUM_NODE = 20
"""The oldest Node major version jsinterop runs on. Node 20 is past its end of life (April
2026); 22, 24 and 26 are tested too (see docs/jspi.md)."""

JSPI_FLAG = "--experimental-wasm-stack-switching"
"""The flag that gives Node 20 and 22 JSPI (and the first Node 24 releases); Node 24.21 and
25+ have JSPI without it, and Node 26 refuses it as a bad option."""

_HAS_JSPI = (
    'process.exit(typeof WebAssembly.Suspending === "function" || '
    'typeof WebAssembly.Suspender === "function" ? 0 : 1)'
)
_PROBE_TIMEOUT_S = 60


class NodeScriptError(Exception):
    """A script that could not be started or did not finish in time; the text says which."""


def find_node(node: str | None = None) -> str | None:
    """``node`` when given, else the ``node`` on ``PATH``, else None.

    Examples
    --------
    >>> from jsinterop.cli._node import find_node
    >>> find_node("/opt/node/bin/node")
    '/opt/node/bin/node'
    """
    return node or shutil.which("node")


def run_node_script(
    node: Sequence[str], script: Path, *arguments: str
) -> subprocess.CompletedProcess[str]:
    """Run ``script`` with ``node`` (the executable and its flags) and ``arguments``.

    Returns
    -------
    subprocess.CompletedProcess
        Whatever its exit code; stdout and stderr as text.

    Raises
    ------
    NodeScriptError
        When ``node`` cannot be started or the script runs longer than
        :data:`NODE_TIMEOUT_S`.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._node import run_node_script
    >>> run_node_script(["node"], Path("hello.mjs"), "a").returncode  # doctest: +SKIP
    0
    """
    try:
        return subprocess.run(
            [*node, str(script), *arguments],
            capture_output=True,
            text=True,
            timeout=NODE_TIMEOUT_S,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise NodeScriptError(str(error)) from None


def stderr_tail(completed: subprocess.CompletedProcess[str], count: int) -> list[str]:
    """The last ``count`` lines a script wrote to stderr, or ``["no output"]``.

    Examples
    --------
    >>> import subprocess
    >>> from jsinterop.cli._node import stderr_tail
    >>> failed = subprocess.CompletedProcess(["node"], 1, "", "at x\\nError: boom\\n")
    >>> stderr_tail(failed, 1), stderr_tail(subprocess.CompletedProcess(["node"], 1, "", ""), 1)
    (['Error: boom'], ['no output'])
    """
    return completed.stderr.strip().splitlines()[-count:] or ["no output"]


def node_version(node: str) -> tuple[int, ...] | None:
    """The version of ``node`` (``(24, 21, 0)``), or None when it cannot be run or read.

    Examples
    --------
    >>> from jsinterop.cli._node import node_version
    >>> node_version("node")  # doctest: +SKIP
    (20, 20, 2)
    """
    try:
        completed = subprocess.run(
            [node, "--version"],
            capture_output=True,
            text=True,
            timeout=_PROBE_TIMEOUT_S,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.fullmatch(r"v(\d+)\.(\d+)\.(\d+)\S*", completed.stdout.strip())
    return tuple(int(part) for part in found.groups()) if found else None


def unsupported_node(node: str, version: tuple[int, ...] | None) -> str | None:
    """Why ``node`` (of ``version``, see :func:`node_version`) cannot run jsinterop apps, or
    None when it can.

    Examples
    --------
    >>> from jsinterop.cli._node import unsupported_node
    >>> for part in unsupported_node("/usr/bin/node", (18, 19, 0)).split("; "):
    ...     print(part)
    /usr/bin/node is Node v18.19.0
    jsinterop needs Node 20 or newer (22, 24 or 26: Node 20 is past its end of life)
    install a current Node from https://nodejs.org or with `npm install node@24`
    >>> unsupported_node("/usr/bin/node", (24, 21, 0)) is None
    True
    """
    if version is None:
        return f"{node} --version did not answer with a Node version; is it Node.js?"
    if version[0] >= MINIMUM_NODE:
        return None
    return (
        f"{node} is Node v{'.'.join(map(str, version))}; jsinterop needs Node {MINIMUM_NODE} "
        "or newer (22, 24 or 26: Node 20 is past its end of life); install a current Node "
        "from https://nodejs.org or with `npm install node@24`"
    )


def jspi_arguments(node: str) -> list[str] | None:
    """The arguments that give ``node`` JSPI: none where it has it already (Node 24.21+),
    :data:`JSPI_FLAG` where that gives it (Node 20, 22), or None when it cannot have it.

    Asked of ``node`` itself rather than read from its version: when JSPI arrived without
    the flag differs between releases of one major version.

    Examples
    --------
    >>> from jsinterop.cli._node import jspi_arguments
    >>> jspi_arguments("node")  # doctest: +SKIP
    ['--experimental-wasm-stack-switching']
    """
    for arguments in ([], [JSPI_FLAG]):
        try:
            completed = subprocess.run(
                [node, *arguments, "-e", _HAS_JSPI],
                capture_output=True,
                timeout=_PROBE_TIMEOUT_S,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        if completed.returncode == 0:
            return arguments
    return None
