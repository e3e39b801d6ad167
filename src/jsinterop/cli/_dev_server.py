"""The dev server's site: the files of one build, to this machine's browser only.

Every response carries ``Cache-Control: no-store`` (the seed's "cache busting during
development", without asking anyone to open the developer tools); an address that is not a
file and has no file extension gets ``index.html``, so deep links into a components app
work. The page is reloaded through a server-sent event after each rebuild.

What it refuses, and why:

- a request whose ``Host`` is not this machine's (``localhost``, ``127.0.0.1``, ``[::1]``),
  the ``--host`` address or an ``--allowed-host`` name: 403. A web page elsewhere can point
  a name it controls at 127.0.0.1 (DNS rebinding) and read the answers; its ``Host`` gives
  it away.
- a path that climbs out of the output folder (``..``, a link pointing out): 403; a hidden
  name (the build's marker) or one the file system cannot look up (too long): 404.

A rebuild is swapped in on the server's event loop, between two requests, and each request
opens its file before it yields to the loop: so a response comes whole from one build. The
build before stays readable until the next swap, for the archive an open page still names.
"""

from __future__ import annotations

import asyncio
import mimetypes
import os
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, BinaryIO

from jsinterop.cli._build import StagedBuild

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = [
    "ERRORS_PATH",
    "EVENTS_PATH",
    "LOOPBACK_NAMES",
    "RELOAD_SCRIPT",
    "DevServer",
    "allowed_host_names",
    "content_type",
    "create_server_app",
    "host_name",
]

EVENTS_PATH = "/_jsinterop/events"
ERRORS_PATH = "/_jsinterop/errors"
RELOAD_SCRIPT = (
    '<script type="module">new EventSource("/_jsinterop/events")'
    '.addEventListener("reload", () => location.reload());'
    'addEventListener("jsinterop:error", (event) => fetch("/_jsinterop/errors", '
    '{ method: "POST", headers: { "X-Jsinterop": "error" }, body: event.detail.traceback }));'
    "</script>"
)
"""Put before ``</body>`` of HTML pages the dev server sends: reload after a rebuild, and
send an error the app fails to load with (``jsinterop:error``) to the terminal."""

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
"""The ``Host`` names the dev server always answers: this machine's."""

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
_CHUNK_BYTES = 256 * 1024
# The archive of a build is named by its hash: the one an open page names may be the
# previous build's.
_ARCHIVE_PATH = re.compile(r"_framework/app\.[0-9a-f]{12}\.zip")
_SHOWN_HOST_CHARACTERS = 100
# An error report longer than this is cut: a traceback is a few KB.
_ERROR_REPORT_BYTES = 64 * 1024


def content_type(path: PurePosixPath | Path) -> str:
    """The ``Content-Type`` the dev server sends for ``path``.

    Examples
    --------
    >>> from pathlib import PurePosixPath
    >>> from jsinterop.cli._dev_server import content_type
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


def allowed_host_names(host: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The ``Host`` names (without port) a dev server listening on ``host`` answers: this
    machine's (:data:`LOOPBACK_NAMES`), ``host`` itself and the ``extra`` names.

    IPv6 addresses are written in brackets, as a ``Host`` header has them; names are
    compared in lower case.

    Examples
    --------
    >>> from jsinterop.cli._dev_server import allowed_host_names
    >>> sorted(allowed_host_names("::", ["Dev.Example"]))
    ['127.0.0.1', '[::1]', '[::]', 'dev.example', 'localhost']
    """
    names = set(LOOPBACK_NAMES)
    for name in (host, *extra):
        bare = name.strip().lower().removeprefix("[").removesuffix("]")
        if bare:
            names.add(f"[{bare}]" if ":" in bare else bare)
    return frozenset(names)


def host_name(header: str) -> str:
    """The name part of a ``Host`` header, in lower case: without the port.

    Examples
    --------
    >>> from jsinterop.cli._dev_server import host_name
    >>> host_name("LocalHost:8000"), host_name("[::1]:8000"), host_name("example.com")
    ('localhost', '[::1]', 'example.com')
    """
    header = header.strip().lower()
    if header.startswith("["):
        end = header.find("]")
        return header[: end + 1] if end > 0 else header
    return header.partition(":")[0]


@dataclass
class DevServer:
    """The state the dev server's routes share: the output folder, the build before it, the
    names it answers and the reload signal.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._dev_server import DevServer
    >>> DevServer(Path("dist")).version
    0
    """

    root: Path
    previous: Path | None = None
    allowed_hosts: frozenset[str] = LOOPBACK_NAMES
    version: int = 0
    log: Callable[[str], None] | None = None
    """Receives a line for each 404 and each error a page reports."""
    _listeners: set[asyncio.Queue[int | None]] = field(default_factory=set)
    _loop: asyncio.AbstractEventLoop | None = None
    _closing: bool = False

    def reloaded(self) -> None:
        """Tell every open page to reload (call on the server's event loop)."""
        self.version += 1
        for queue in list(self._listeners):
            queue.put_nowait(self.version)

    def swap_in(self, staged: StagedBuild) -> Path | None:
        """Make ``staged`` the site (call on the server's event loop, so no request is
        between two files); return the build before the previous one, to discard."""
        replaced = staged.swap_in()
        older, self.previous = self.previous, replaced
        return older

    def close_streams(self) -> None:
        """End every event stream, so that the server can stop at once (safe to call from
        a signal handler)."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._end_streams)

    def find(self, url_path: str) -> Path | None:
        """The file to send for ``url_path``; ``None`` for 404.

        A file of the site, ``index.html`` for a folder or an address without a file
        extension (a deep link), or the previous build's archive. ``None`` for a hidden
        name, or one the file system cannot look up (too long): never an error.

        Raises
        ------
        PermissionError
            When the path leaves the output folder (``..``, or a link pointing out).
        """
        parts = [part for part in url_path.split("/") if part not in ("", ".")]
        if any(part == ".." or "\\" in part or "\0" in part for part in parts):
            raise PermissionError(url_path)
        if any(part.startswith(".") for part in parts):
            return None  # the build's marker; a site has no other hidden file
        try:
            return self._find_file(parts) or self._page_for_deep_link(parts)
        except PermissionError:
            raise
        except OSError:  # a name the file system cannot look up, e.g. too long
            return None

    def open(self, url_path: str) -> tuple[Path, BinaryIO] | None:
        """The file to send for ``url_path``, opened; ``None`` for 404. An open file reads
        the same bytes after a rebuild is swapped in.

        Raises
        ------
        PermissionError
            As :meth:`find`.
        """
        path = self.find(url_path)
        if path is None:
            return None
        try:
            return path, path.open("rb")
        except OSError:
            return None

    def _find_file(self, parts: list[str]) -> Path | None:
        found = _file_in(self.root, parts)
        if found is None and self.previous is not None and _ARCHIVE_PATH.fullmatch("/".join(parts)):
            found = _file_in(self.previous, parts)
        return found

    def _page_for_deep_link(self, parts: list[str]) -> Path | None:
        last = parts[-1] if parts else ""
        if "." in last or (parts and parts[0] == "_framework"):
            return None
        fallback = self.root.resolve() / "index.html"  # a route of a client-side router
        return fallback if fallback.is_file() else None

    def _listen(self) -> asyncio.Queue[int | None]:
        self._loop = asyncio.get_running_loop()
        queue: asyncio.Queue[int | None] = asyncio.Queue()
        if self._closing:
            queue.put_nowait(None)
        self._listeners.add(queue)
        return queue

    def _end_streams(self) -> None:
        self._closing = True
        for queue in list(self._listeners):
            queue.put_nowait(None)


def _file_in(folder: Path, parts: list[str]) -> Path | None:
    """``folder/parts`` (its ``index.html`` for a folder) if it is a file inside ``folder``.

    Raises
    ------
    PermissionError
        When the path resolves outside ``folder``.
    """
    root = folder.resolve()
    resolved = root.joinpath(*parts).resolve()
    if not resolved.is_relative_to(root):
        raise PermissionError("/".join(parts))
    if resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved if resolved.is_file() else None


def create_server_app(server: DevServer) -> Any:
    """The Starlette app that serves ``server.root`` to the hosts ``server`` allows.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._dev_server import DevServer, create_server_app
    >>> app = create_server_app(DevServer(Path("dist")))  # doctest: +SKIP
    """
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Route

    return Starlette(
        routes=[
            Route(EVENTS_PATH, _events_route(server)),
            Route(ERRORS_PATH, _errors_route(server), methods=["POST"]),
            Route("/{path:path}", _files_route(server), methods=["GET", "HEAD"]),
        ],
        middleware=[Middleware(_host_check, allowed=server.allowed_hosts)],
    )


def _host_check(app: ASGIApp, allowed: frozenset[str]) -> ASGIApp:
    """``app`` behind a check of the ``Host`` header: 403 with the option that allows it."""
    from starlette.datastructures import Headers
    from starlette.responses import PlainTextResponse

    async def checked(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            name = host_name(Headers(scope=scope).get("host", ""))
            if name not in allowed:
                response = PlainTextResponse(
                    _refusal(name, allowed), status_code=403, headers=dict(_NO_STORE)
                )
                await response(scope, receive, send)
                return
        await app(scope, receive, send)

    return checked


def _refusal(name: str, allowed: frozenset[str]) -> str:
    shown = name if len(name) <= _SHOWN_HOST_CHARACTERS else name[:_SHOWN_HOST_CHARACTERS] + "..."
    return (
        f"jsinterop serve answers only for {', '.join(sorted(allowed))}, not for the Host "
        f"{shown!r}; to allow a name, start it with --allowed-host NAME\n"
    )


def _events_route(server: DevServer) -> Callable[[Request], Awaitable[Response]]:
    """The reload channel: a ``hello`` event, then ``reload`` after each rebuild."""
    from starlette.responses import StreamingResponse

    async def events(request: Request) -> Response:
        queue = server._listen()

        async def stream() -> AsyncIterator[str]:
            try:
                yield f"event: hello\ndata: {server.version}\n\n"
                while True:
                    try:
                        version = await asyncio.wait_for(queue.get(), _KEEP_ALIVE_SECONDS)
                    except TimeoutError:
                        yield ": keep-alive\n\n"
                        continue
                    if version is None:  # the server stops
                        return
                    yield f"event: reload\ndata: {version}\n\n"
            finally:
                server._listeners.discard(queue)

        return StreamingResponse(stream(), media_type="text/event-stream", headers=dict(_NO_STORE))

    return events


def _errors_route(server: DevServer) -> Callable[[Request], Awaitable[Response]]:
    """Where a page reports the error it failed to load with: printed on the terminal. The
    ``X-Jsinterop`` header it must carry cannot be sent by another site's page (it would need
    a CORS preflight, which this server never grants)."""
    from starlette.responses import Response

    async def errors(request: Request) -> Response:
        if request.headers.get("x-jsinterop") != "error":
            return Response(status_code=400, headers=dict(_NO_STORE))
        body = b""
        async for chunk in request.stream():
            body += chunk[: _ERROR_REPORT_BYTES - len(body)]
        if server.log is not None:
            text = body.decode("utf-8", errors="replace").rstrip()
            server.log(f"the app failed in the browser:\n{text}")
        return Response(status_code=204, headers=dict(_NO_STORE))

    return errors


def _files_route(server: DevServer) -> Callable[[Request], Awaitable[Response]]:
    """The site's files; HTML pages with :data:`RELOAD_SCRIPT`."""
    from starlette.responses import PlainTextResponse

    async def files(request: Request) -> Response:
        # No await before the file is open: a rebuild swapped in on this loop cannot come
        # between finding the file and opening it.
        try:
            opened = server.open(request.scope["path"])
        except PermissionError:
            return PlainTextResponse("forbidden", status_code=403, headers=dict(_NO_STORE))
        if opened is None:
            if server.log is not None:
                server.log(f"404 not found: {request.scope['path']}")
            return PlainTextResponse("not found", status_code=404, headers=dict(_NO_STORE))
        path, file = opened
        if path.suffix == ".html":
            return _page_response(path, file)
        return _file_response(path, file, head=request.method == "HEAD")

    return files


def _page_response(path: Path, file: BinaryIO) -> Response:
    from starlette.responses import Response

    with file:
        page = file.read().decode("utf-8")
    at = page.lower().rfind("</body>")
    page = page[:at] + RELOAD_SCRIPT + page[at:] if at >= 0 else page + RELOAD_SCRIPT
    return Response(page, media_type=content_type(path), headers=dict(_NO_STORE))


def _file_response(path: Path, file: BinaryIO, *, head: bool) -> Response:
    """The open ``file``, streamed in chunks read off the event loop (just its headers for
    ``HEAD``)."""
    from starlette.responses import Response, StreamingResponse

    size = str(os.fstat(file.fileno()).st_size)
    headers = {**_NO_STORE, "Content-Length": size}
    if head:
        file.close()
        return Response(media_type=content_type(path), headers=headers)

    async def chunks() -> AsyncIterator[bytes]:
        try:
            while chunk := await asyncio.to_thread(file.read, _CHUNK_BYTES):
                yield chunk
        finally:
            file.close()

    return StreamingResponse(chunks(), media_type=content_type(path), headers=headers)
