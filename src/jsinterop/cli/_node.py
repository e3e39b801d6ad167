"""The Node scripts a build runs (Pyodide's compiler, ``_bytecode.mjs``, and the snapshot
maker, ``_snapshot.mjs``): each in a fresh ``node`` process, with no input, its output
captured, and a time limit, so that a build never hangs on one."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

__all__ = ["NODE_TIMEOUT_S", "NodeScriptError", "find_node", "run_node_script", "stderr_tail"]

NODE_TIMEOUT_S = 300
"""How long a build waits for one script: each boots Pyodide, seconds on a quiet machine."""


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
