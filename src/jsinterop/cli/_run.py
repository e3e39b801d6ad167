"""``jsinterop run``: build the app if its inputs changed, then run it with Node.

With ``--watch`` (:func:`watch_app`), Node keeps running after ``main`` returns: on a change
of the app's Python code, the new sources go to it (a pipe it reads, named by the
environment variable ``JSINTEROP_WATCH_FD``), its runtime imports them again
(``_framework/reload.mjs``, as a page does under ``jsinterop serve``) and runs ``main``
again, in the same process. A change it cannot take that way (``main.mjs``,
``pyproject.toml``, a JS module, a ``main`` still running) starts Node again, and the terminal
says why.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import IO, Any

from jsinterop.cli._app import App, read_app
from jsinterop.cli._build import build_app, build_if_needed, built_files, default_output
from jsinterop.cli._hot_reload import ChangePlan, changed_names, plan_changes, watch_filter
from jsinterop.cli._messages import CliError, Progress, print_progress
from jsinterop.cli._node import MINIMUM_NODE, jspi_arguments, node_version, unsupported_node

__all__ = [
    "RESTART_EXIT_CODE",
    "WATCH_CHANNEL",
    "find_node",
    "node_command",
    "run_app",
    "watch_app",
]

WATCH_CHANNEL = "JSINTEROP_WATCH_FD"
"""The environment variable naming the file descriptor Node reads patches from (as in
``_framework/reload.mjs``)."""

RESTART_EXIT_CODE = 75
"""Node's exit code when it asks to be started again (as in ``_framework/reload.mjs``)."""

_STOP_TIMEOUT_S = 5
# How often the watcher looks whether Node has exited, when nothing changes.
_POLL_MS = 500


def find_node() -> str:
    """The ``node`` executable on ``PATH``, when it is a Node jsinterop runs on.

    Raises
    ------
    CliError
        When there is none, or it is older than :data:`~jsinterop.cli._node.MINIMUM_NODE`.

    Examples
    --------
    >>> from jsinterop.cli._run import find_node
    >>> find_node()  # doctest: +SKIP
    '/usr/bin/node'
    """
    node = shutil.which("node")
    if node is None:
        raise CliError(
            f"node not found on PATH; jsinterop run needs Node.js {MINIMUM_NODE} or newer "
            "(22, 24 or 26; https://nodejs.org)"
        )
    unsupported = unsupported_node(node, node_version(node))
    if unsupported is not None:
        raise CliError(unsupported)
    return node


def node_command() -> list[str]:
    """``node`` (:func:`find_node`) and the flag that gives it JSPI where it needs one
    (Node 20, 22), so that plain ``def`` stubs can wait for Promises.

    Examples
    --------
    >>> from jsinterop.cli._run import node_command
    >>> node_command()  # doctest: +SKIP
    ['/usr/bin/node', '--experimental-wasm-stack-switching']
    """
    node = find_node()
    return [node, *(jspi_arguments(node) or [])]


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
    node = node_command()
    app = _read_node_app(folder)
    out = default_output(app) if out is None else out
    build_if_needed(app, out, progress=progress, snapshot=snapshot)
    completed = subprocess.run([*node, str((out / "main.mjs").resolve()), *arguments], check=False)
    return _exit_code(completed.returncode)


def watch_app(
    folder: Path | str,
    arguments: Sequence[str] = (),
    *,
    out: Path | None = None,
    progress: Progress = print_progress,
) -> int:
    """Run the app as :func:`run_app` does, then run ``main`` again after each change of its
    Python code, in the same Node process where it can (see the module's docstring).

    Runs until interrupted (Ctrl-C).

    Parameters
    ----------
    folder : Path or str
        The app folder.
    arguments : Sequence[str], optional
        The application arguments; ``main(args)`` receives them each time.
    out : Path, optional
        The output folder; ``<folder>/dist`` by default.
    progress : Progress, optional
        Receives the build lines and what each change did.

    Returns
    -------
    int
        130 after Ctrl-C.

    Raises
    ------
    CliError
        As :func:`run_app`; also when watchfiles is missing.

    Examples
    --------
    >>> from jsinterop.cli._run import watch_app
    >>> watch_app("hello")  # doctest: +SKIP
    Hello, World! Greetings from node version: v20.20.2
    <BLANKLINE>
    jsinterop: main returned 0; watching for changes (Ctrl-C to stop)
    jsinterop: changed: program.py; applying it in the same Node process
    jsinterop: applied in 7 ms (hello.program); running main again
    """
    try:
        from watchfiles import watch
    except ImportError:  # pragma: no cover - the extra is part of dev installs
        raise CliError(
            "jsinterop run --watch needs watchfiles: pip install 'jsinterop[serve]'"
        ) from None
    node = node_command()
    app = _read_node_app(folder)
    out = default_output(app) if out is None else out
    build_if_needed(app, out, progress=progress)
    running: _WatchedNode | None = _WatchedNode(node, out, arguments)
    try:
        for changes in watch(
            app.root,
            watch_filter=watch_filter(app, out),
            yield_on_timeout=True,
            rust_timeout=_POLL_MS,
        ):
            running = _after(app, out, running, changes, node, arguments, progress)
    except KeyboardInterrupt:
        return 130
    finally:
        if running is not None:
            running.stop()
    return 0  # pragma: no cover - watch() ends only with an interrupt


def _after(
    app: App,
    out: Path,
    running: _WatchedNode | None,
    changes: Collection[tuple[Any, str]],
    node: Sequence[str],
    arguments: Sequence[str],
    progress: Progress,
) -> _WatchedNode | None:
    """What the watcher does after ``changes`` (none: a look whether Node has exited): the
    Node process that runs now."""
    exited = None if running is None else running.exit_code()
    if not changes:
        if running is not None and exited is not None:
            running.stop()
            if exited != RESTART_EXIT_CODE:
                progress(f"Node exited with code {exited}; it starts again at the next change")
                return None
            return _start_again(app, out, node, arguments, progress)
        return running
    paths = sorted({Path(path) for _, path in changes})
    names = changed_names(paths)
    plan = plan_changes(app, paths, built=built_files(out), main_runs_again=True)
    plan.styles.clear()  # style sheets mean nothing to Node
    if plan.is_empty:
        return running
    reason = _restart_reason(plan)
    if running is None or exited is not None:
        progress(f"changed: {names}; starting Node again")
    elif reason is None:
        progress(f"changed: {names}; applying it in the same Node process")
        running.send(plan)
        _rebuild(app, out, progress)
        return running
    else:
        progress(f"changed: {names}; restarting Node: {reason}")
    if running is not None:
        running.stop()
    return _start_again(app, out, node, arguments, progress)


def _restart_reason(plan: ChangePlan) -> str | None:
    """Why Node must start again for ``plan``, if it must."""
    if plan.full_reload is not None:
        return plan.full_reload
    if plan.scripts:
        return f"{plan.scripts[0]} changed, and Node imports a JS module once"
    return None


def _start_again(
    app: App, out: Path, node: Sequence[str], arguments: Sequence[str], progress: Progress
) -> _WatchedNode | None:
    if not _rebuild(app, out, progress):
        return None
    return _WatchedNode(node, out, arguments)


def _rebuild(app: App, out: Path, progress: Progress) -> bool:
    """Build again (bytecode from the cache only: no Node start for the module just edited);
    whether it worked (a failure is said, and the last build stays)."""
    try:
        build_app(read_app(app.root), out, progress=lambda _: None, bytecode="cached")
    except CliError as error:
        progress(f"build failed: {error}")
        return False
    return True


class _WatchedNode:
    """``node <out>/main.mjs arguments...`` with a pipe to send it patches on."""

    def __init__(self, node: Sequence[str], out: Path, arguments: Sequence[str]) -> None:
        read_end, write_end = os.pipe()
        environment = {**os.environ, WATCH_CHANNEL: str(read_end)}
        try:
            self.process = subprocess.Popen(
                [*node, str((out / "main.mjs").resolve()), *arguments],
                pass_fds=[read_end],
                env=environment,
            )
        except BaseException:
            os.close(write_end)
            raise
        finally:
            os.close(read_end)
        self._channel: IO[bytes] | None = os.fdopen(write_end, "wb")

    def exit_code(self) -> int | None:
        code = self.process.poll()
        return None if code is None else _exit_code(code)

    def send(self, plan: ChangePlan) -> None:
        """Send the new Python sources of ``plan`` (Node has exited if it cannot read them:
        the watcher sees that next)."""
        if self._channel is None:
            return
        line = json.dumps({"python": plan.python}, separators=(",", ":")) + "\n"
        with contextlib.suppress(BrokenPipeError):
            self._channel.write(line.encode())
            self._channel.flush()

    def stop(self) -> None:
        """Close the pipe and end Node (it has usually exited already)."""
        if self._channel is not None:
            with contextlib.suppress(BrokenPipeError):  # Node exited before reading all
                self._channel.close()
            self._channel = None
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=_STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _read_node_app(folder: Path | str) -> App:
    app = read_app(folder)
    if not (app.root / "main.mjs").is_file():
        raise CliError(f"{app.root} has no main.mjs, the Node entry point that run starts")
    return app


def _exit_code(code: int) -> int:
    """A process's exit code as a shell gives it: ``128 + N`` when signal ``N`` ended it."""
    return 128 - code if code < 0 else code
