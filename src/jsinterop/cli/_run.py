"""``jsinterop run``: build the app if its inputs changed, then run it with Node."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from jsinterop.cli._app import read_app
from jsinterop.cli._build import build_if_needed, default_output
from jsinterop.cli._messages import CliError, Progress, print_progress

__all__ = ["find_node", "run_app"]


def find_node() -> str:
    """The ``node`` executable on ``PATH``.

    Raises
    ------
    CliError
        When there is none.

    Examples
    --------
    >>> from jsinterop.cli._run import find_node
    >>> find_node()  # doctest: +SKIP
    '/usr/bin/node'
    """
    node = shutil.which("node")
    if node is None:
        raise CliError(
            "node not found on PATH; jsinterop run needs Node.js 18 or newer (https://nodejs.org)"
        )
    return node


def run_app(
    folder: Path | str,
    arguments: Sequence[str] = (),
    *,
    out: Path | None = None,
    progress: Progress = print_progress,
    snapshot: bool = True,
) -> int:
    """Build the app in ``folder`` if needed, then run ``node <out>/main.mjs arguments...``.

    Node inherits the current folder, stdin, stdout and stderr.

    Parameters
    ----------
    folder : Path or str
        The app folder.
    arguments : Sequence[str], optional
        The application arguments; ``main(args)`` receives them.
    out : Path, optional
        The output folder; ``<folder>/dist`` by default.
    progress : Progress, optional
        Receives the build's progress lines.
    snapshot : bool, optional
        Whether the build makes the memory snapshot the app starts from.

    Returns
    -------
    int
        Node's exit code (``128 + N`` when signal ``N`` ended it): ``main``'s return
        value, or 1 when it raised.

    Raises
    ------
    CliError
        When the app is malformed, Node is missing or the build cannot get Pyodide.

    Examples
    --------
    >>> from jsinterop.cli._run import run_app
    >>> run_app("hello", ["python", "is", "great!"])  # doctest: +SKIP
    Hello, World! Greetings from node version: v20.20.2
    python is great!
    0
    """
    node = find_node()
    app = read_app(folder)
    if not (app.root / "main.mjs").is_file():
        raise CliError(f"{app.root} has no main.mjs, the Node entry point that run starts")
    out = default_output(app) if out is None else out
    build_if_needed(app, out, progress=progress, snapshot=snapshot)
    completed = subprocess.run([node, str((out / "main.mjs").resolve()), *arguments], check=False)
    if completed.returncode < 0:
        return 128 - completed.returncode
    return completed.returncode
