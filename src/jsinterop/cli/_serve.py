"""``jsinterop serve``: build, serve for development, rebuild and reload on every change.

Serving is Starlette on uvicorn, watching is watchfiles (the pair uvicorn's own ``--reload``
uses). Every response carries ``Cache-Control: no-store`` (the seed's "cache busting during
development", without asking anyone to open the developer tools); an address that is not a
file and has no file extension gets ``index.html``, so deep links into a components app
work; paths that climb out of the output folder are refused. The page is reloaded through
a server-sent event after each rebuild.
"""

from __future__ import annotations

import asyncio
import functools
import mimetypes
import socket
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from jsinterop.cli._app import App, read_app
from jsinterop.cli._build import build_app, build_if_needed, default_output
from jsinterop.cli._messages import CliError, Progress, print_progress
from jsinterop.cli._snapshot import precompressed

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "EVENTS_PATH",
    "RELOAD_SCRIPT",
    "DevServer",
    "content_type",
    "create_server_app",
    "serve_app",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
EVENTS_PATH = "/_jsinterop/events"
RELOAD_SCRIPT = (
    '<script type="module">new EventSource("/_jsinterop/events")'
    '.addEventListener("reload", () => location.reload());</script>'
)
"""Put before ``</body>`` of HTML pages the dev server sends."""

_NO_STORE = {"Cache-Control": "no-store"}
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".svg": "image/svg+xml",
}
_KEEP_ALIVE_SECONDS = 15.0


def content_type(path: PurePosixPath | Path) -> str:
    """The ``Content-Type`` the dev server sends for ``path``.

    Examples
    --------
    >>> from pathlib import PurePosixPath
    >>> from jsinterop.cli._serve import content_type
    >>> content_type(PurePosixPath("_framework/jsinterop.mjs"))
    'text/javascript; charset=utf-8'
    >>> content_type(PurePosixPath("_framework/pyodide/pyodide.asm.wasm"))
    'application/wasm'
    """
    suffix = path.suffix.lower()
    if suffix in _TYPES:
        return _TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


@dataclass
class DevServer:
    """The state the dev server's routes share: the output folder and the reload signal.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._serve import DevServer
    >>> DevServer(Path("dist")).version
    0
    """

    root: Path
    version: int = 0
    _listeners: set[asyncio.Queue[int]] = field(default_factory=set)

    def reloaded(self) -> None:
        """Tell every open page to reload (call on the server's event loop)."""
        self.version += 1
        for queue in list(self._listeners):
            queue.put_nowait(self.version)

    def find(self, url_path: str) -> Path | None:
        """The file to send for ``url_path``; ``None`` for 404.

        Raises
        ------
        PermissionError
            When the path leaves the output folder (``..``, or a link pointing out).
        """
        parts = [part for part in url_path.split("/") if part not in ("", ".")]
        if any(part == ".." or "\\" in part or "\0" in part for part in parts):
            raise PermissionError(url_path)
        root = self.root.resolve()
        candidate = root.joinpath(*parts)
        resolved = candidate.resolve()
        if not resolved.is_relative_to(root):
            raise PermissionError(url_path)
        if resolved.is_dir():
            resolved = resolved / "index.html"
        if resolved.is_file():
            return resolved
        last = parts[-1] if parts else ""
        if "." not in last and (not parts or parts[0] != "_framework"):
            fallback = root / "index.html"  # a deep link into a client-side router
            return fallback if fallback.is_file() else None
        return None


def create_server_app(server: DevServer) -> Any:
    """The Starlette app that serves ``server.root``.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._serve import DevServer, create_server_app
    >>> app = create_server_app(DevServer(Path("dist")))  # doctest: +SKIP
    """
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import FileResponse, PlainTextResponse, Response, StreamingResponse
    from starlette.routing import Route

    async def events(request: Request) -> Response:
        queue: asyncio.Queue[int] = asyncio.Queue()
        server._listeners.add(queue)

        async def stream() -> AsyncIterator[str]:
            try:
                yield f"event: hello\ndata: {server.version}\n\n"
                while True:
                    try:
                        version = await asyncio.wait_for(queue.get(), _KEEP_ALIVE_SECONDS)
                    except TimeoutError:
                        yield ": keep-alive\n\n"
                        continue
                    yield f"event: reload\ndata: {version}\n\n"
            finally:
                server._listeners.discard(queue)

        return StreamingResponse(stream(), media_type="text/event-stream", headers=dict(_NO_STORE))

    async def files(request: Request) -> Response:
        try:
            path = server.find(request.scope["path"])
        except PermissionError:
            return PlainTextResponse("forbidden", status_code=403, headers=dict(_NO_STORE))
        if path is None:
            return PlainTextResponse("not found", status_code=404, headers=dict(_NO_STORE))
        if path.suffix == ".html":
            page = path.read_text(encoding="utf-8")
            at = page.lower().rfind("</body>")
            page = page[:at] + RELOAD_SCRIPT + page[at:] if at >= 0 else page + RELOAD_SCRIPT
            return Response(page, media_type=content_type(path), headers=dict(_NO_STORE))
        encoded = precompressed(path, request.headers.get("accept-encoding", ""))
        if encoded is not None:  # the snapshot's .br/.gz copy, which the build wrote
            copy, encoding = encoded
            headers = {**_NO_STORE, "Content-Encoding": encoding, "Vary": "Accept-Encoding"}
            return FileResponse(copy, media_type=content_type(path), headers=headers)
        return FileResponse(path, media_type=content_type(path), headers=dict(_NO_STORE))

    return Starlette(
        routes=[
            Route(EVENTS_PATH, events),
            Route("/{path:path}", files, methods=["GET", "HEAD"]),
        ]
    )


def serve_app(
    folder: Path | str,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    out: Path | None = None,
    watch: bool = True,
    progress: Progress = print_progress,
    on_ready: Callable[[str], None] | None = None,
    snapshot: bool = True,
) -> int:
    """Build the app in ``folder``, serve it on ``host:port`` and rebuild on changes.

    Runs until interrupted (Ctrl-C).

    Parameters
    ----------
    folder : Path or str
        The app folder.
    host : str, optional
        The address to bind: ``127.0.0.1`` (this machine only) unless told otherwise.
    port : int, optional
        The port; 0 picks a free one.
    out : Path, optional
        The output folder; ``<folder>/dist`` by default.
    watch : bool, optional
        Rebuild and reload the page when a file of the app changes.
    progress : Progress, optional
        Receives the build lines and ``rebuilt ...`` lines.
    on_ready : callable, optional
        Called with the URL once the socket listens; by default it is printed.
    snapshot : bool, optional
        Whether the first build makes the memory snapshot the page starts from; rebuilds
        after a change never do (see :func:`_watch`).

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
    build_if_needed(app, out, progress=progress, snapshot=snapshot)
    server = DevServer(out)
    listener = _listen(host, port)
    if host not in ("127.0.0.1", "localhost", "::1"):
        progress(
            f"warning: listening on {host}, so other machines can reach this dev server "
            "(it serves the app's files without authentication)"
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
    uvicorn.Server(config).run(sockets=[listener])
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
    """A socket listening on ``host:port``."""
    try:
        return socket.create_server((host, port))
    except OSError as error:
        raise CliError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def _url(host: str, listener: socket.socket) -> str:
    """The URL of the site ``listener`` serves."""
    shown_host = f"[{host}]" if ":" in host else host
    return f"http://{shown_host}:{listener.getsockname()[1]}/"


def _print_ready(app: App, url: str) -> None:
    print(f"Serving {app.name} at {url} (Ctrl-C to stop)", flush=True)


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

    return lifespan


async def _watch(
    app: App, out: Path, server: DevServer, stop: threading.Event, progress: Progress
) -> None:
    from watchfiles import DefaultFilter, awatch

    ignored = DefaultFilter(ignore_paths=[str(out.resolve()), str((app.root / "dist").resolve())])
    async for changes in awatch(app.root, watch_filter=ignored, stop_event=stop):
        names = sorted({Path(path).name for _, path in changes})
        progress(f"changed: {', '.join(names)}; rebuilding ...")
        try:
            # Bytecode from the cache only: no Node start (~2 s) for the module just edited;
            # no snapshot (~5 s): the page boots Python until the server is started again, and
            # never restores a snapshot of code older than its own.
            rebuild = functools.partial(
                build_app, progress=lambda _: None, bytecode="cached", snapshot=False
            )
            await asyncio.to_thread(rebuild, read_app(app.root), out)
        except CliError as error:
            progress(f"build failed: {error}")
            continue
        except Exception as error:  # keep serving the last good build
            progress(f"build failed: {type(error).__name__}: {error}")
            continue
        progress("rebuilt; reloading the page")
        server.reloaded()
