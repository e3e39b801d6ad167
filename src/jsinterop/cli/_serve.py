"""``jsinterop serve``: build, serve for development, rebuild and reload on every change.

Serving is Starlette on uvicorn (the site itself is ``_dev_server``), watching is
watchfiles (the pair uvicorn's own ``--reload`` uses). It listens on 127.0.0.1 unless told
otherwise (IPv4 or IPv6 addresses, or ``""`` for every address). Each rebuild is written
into a new folder and swapped in on the server's event loop, so a request sees one whole
build. Ctrl-C ends the open reload channels first, so the server stops at once.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from jsinterop.cli._app import App, read_app
from jsinterop.cli._build import StagedBuild, build_if_needed, default_output, stage_build
from jsinterop.cli._dev_server import DevServer, allowed_host_names, create_server_app
from jsinterop.cli._messages import CliError, Progress, print_progress
from jsinterop.cli._output import discard

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "serve_app"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
_THIS_MACHINE = ("127.0.0.1", "localhost", "::1")
_EVERY_ADDRESS = ("", "::")


def serve_app(
    folder: Path | str,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    out: Path | None = None,
    watch: bool = True,
    allowed_hosts: Iterable[str] = (),
    progress: Progress = print_progress,
    on_ready: Callable[[str], None] | None = None,
) -> int:
    """Build the app in ``folder``, serve it on ``host:port`` and rebuild on changes.

    Runs until interrupted (Ctrl-C).

    Parameters
    ----------
    folder : Path or str
        The app folder.
    host : str, optional
        The address to bind: ``127.0.0.1`` (this machine only) unless told otherwise; an
        IPv6 address (``::1``) works, ``""`` or ``::`` is every address.
    port : int, optional
        The port; 0 picks a free one.
    out : Path, optional
        The output folder; ``<folder>/dist`` by default.
    watch : bool, optional
        Rebuild and reload the page when a file of the app changes.
    allowed_hosts : Iterable[str], optional
        ``Host`` names to answer besides this machine's and ``host``.
    progress : Progress, optional
        Receives the build lines and ``rebuilt ...`` lines.
    on_ready : callable, optional
        Called with the URL once the socket listens; by default it is printed.

    Returns
    -------
    int
        0 after a clean stop.

    Examples
    --------
    >>> from jsinterop.cli._serve import serve_app
    >>> serve_app("examples/sample")  # doctest: +SKIP
    Serving sample at http://127.0.0.1:8000/ (Ctrl-C to stop)
    """
    try:
        import uvicorn
    except ImportError:  # pragma: no cover - the extra is part of dev installs
        raise CliError("jsinterop serve needs its extra: pip install 'jsinterop[serve]'") from None
    app = _read_web_app(folder)
    out = default_output(app) if out is None else out
    build_if_needed(app, out, progress=progress)
    server = DevServer(out, allowed_hosts=allowed_host_names(host, allowed_hosts), log=progress)
    listener = _listen(host, port)
    if host not in _THIS_MACHINE:
        progress(
            f"warning: listening on {host or 'every address'}, so other machines can reach "
            "this dev server (it serves the app's files without authentication)"
        )
    starlette_app = create_server_app(server)
    if watch:
        starlette_app.router.lifespan_context = _watching(app, out, server, progress)
    config = uvicorn.Config(
        starlette_app,
        log_level="warning",
        lifespan="on",
        timeout_graceful_shutdown=1,
    )
    (on_ready or (lambda shown: _print_ready(app, shown)))(_url(host, listener))
    _run_until_interrupted(config, server, listener)
    return 0


def _read_web_app(folder: Path | str) -> App:
    """The app in ``folder``, which must have an ``index.html``."""
    app = read_app(folder)
    if not (app.root / "index.html").is_file():
        raise CliError(
            f"{app.root} has no index.html: serve is for web apps "
            "(jsinterop new browser/components NAME); run a console app with jsinterop run"
        )
    return app


def _listen(host: str, port: int) -> socket.socket:
    """A socket listening on ``host:port``: IPv6 for an IPv6 address, and for every
    address (``""``, ``::``) both IPv4 and IPv6 where the system can."""
    address = host.removeprefix("[").removesuffix("]")
    try:
        if address in _EVERY_ADDRESS and socket.has_dualstack_ipv6():
            return socket.create_server(("::", port), family=socket.AF_INET6, dualstack_ipv6=True)
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return socket.create_server((address, port), family=family)
    except OSError as error:
        raise CliError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def _url(host: str, listener: socket.socket) -> str:
    """The URL of the site ``listener`` serves; for every address, this machine's."""
    address, port = listener.getsockname()[:2]
    shown = host.removeprefix("[").removesuffix("]")
    if address in ("0.0.0.0", "::"):
        shown = "::1" if listener.family == socket.AF_INET6 else "127.0.0.1"
    return f"http://{f'[{shown}]' if ':' in shown else shown}:{port}/"


def _print_ready(app: App, url: str) -> None:
    print(f"Serving {app.name} at {url} (Ctrl-C to stop)", flush=True)


def _run_until_interrupted(config: Any, server: DevServer, listener: socket.socket) -> None:
    """Run uvicorn on ``listener``; on Ctrl-C, end the event streams before it waits for
    open connections (they would otherwise be cancelled, with a traceback each)."""
    import uvicorn

    class _Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            server.close_streams()
            super().handle_exit(sig, frame)

    _Server(config).run(sockets=[listener])


def _watching(
    app: App, out: Path, server: DevServer, progress: Progress
) -> Callable[[Any], AbstractAsyncContextManager[None]]:
    """The server's lifespan: watch the app and rebuild while it serves."""

    @asynccontextmanager
    async def lifespan(_: Any) -> AsyncIterator[None]:
        stop = threading.Event()
        task = asyncio.create_task(_watch(app, out, server, stop, progress))
        try:
            yield
        finally:
            stop.set()
            task.cancel()
            discard(server.previous)

    return lifespan


async def _watch(
    app: App, out: Path, server: DevServer, stop: threading.Event, progress: Progress
) -> None:
    from watchfiles import awatch

    changes_of_app = _changes_of_app(app, out)
    async for changes in awatch(app.root, watch_filter=changes_of_app, stop_event=stop):
        names = sorted({Path(path).name for _, path in changes})
        progress(f"changed: {', '.join(names)}; rebuilding ...")
        try:
            staged = await asyncio.to_thread(_stage_rebuild, app.root, out)
            older = server.swap_in(staged)  # on the loop: between two requests
        except CliError as error:
            progress(f"build failed: {error}")
            continue
        except Exception as error:  # keep serving the last good build
            progress(f"build failed: {type(error).__name__}: {error}")
            continue
        progress("rebuilt; reloading the page")
        server.reloaded()
        await asyncio.to_thread(discard, older)


def _stage_rebuild(app_root: Path, out: Path) -> StagedBuild:
    # Bytecode from the cache only: no Node start (~2 s) for the module just edited.
    return stage_build(read_app(app_root), out, progress=lambda _: None, bytecode="cached")


def _changes_of_app(app: App, out: Path) -> Callable[[Any, str], bool]:
    """The watch filter: watchfiles' default, without the output folder, ``<app>/dist``
    and the build's staging and replaced folders beside the output folder."""
    from watchfiles import DefaultFilter

    target = out.resolve()
    ignored = DefaultFilter(ignore_paths=[str(target), str((app.root / "dist").resolve())])
    hidden_prefix = f".{target.name}."

    def changes_of_app(change: Any, path: str) -> bool:
        if not ignored(change, path):
            return False
        inside = Path(path).resolve()
        if not inside.is_relative_to(target.parent) or inside == target.parent:
            return True
        return not inside.relative_to(target.parent).parts[0].startswith(hidden_prefix)

    return changes_of_app
