"""The dev server's site: the files of one build, to this machine's browser only.

Every response carries ``Cache-Control: no-store`` (the seed's "cache busting during
development", without asking anyone to open the developer tools) and the cross-origin
isolation headers (COOP, COEP and CORP: ``_page.ISOLATION_HEADERS``), so that Python can run
in a worker (``python.inWorker()``); an address that is not a
file and has no file extension gets ``index.html``, so deep links into a components app
work.

Each HTML page gets the dev client (``_dev_client.mjs``), which listens on the event channel
(server-sent events): a ``patch`` event carries a hot reload (new Python sources, JS modules
and style sheets to load again, see ``_hot_reload``), which the page applies without booting
Python again; a ``reload`` event, sent after a rebuild the page cannot take as a patch, says
why and reloads the page. The page reports back what it did (``POST`` of JSON to the report
path), for the terminal. Until the rebuild that follows a patch is in place, the patched web
files are answered from memory, so the page loads their new content at once.

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
import io
import json
import mimetypes
import os
import re
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, BinaryIO

from jsinterop.cli._build import StagedBuild
from jsinterop.cli._hot_reload import ChangePlan
from jsinterop.cli._page import ISOLATION_HEADERS, RESOURCE_HEADERS
from jsinterop.cli._snapshot import precompressed

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = [
    "CLIENT_PATH",
    "EVENTS_PATH",
    "LOOPBACK_NAMES",
    "RELOAD_SCRIPT",
    "REPORT_PATH",
    "DevServer",
    "allowed_host_names",
    "content_type",
    "create_server_app",
    "host_name",
]

EVENTS_PATH = "/_jsinterop/events"
CLIENT_PATH = "/_jsinterop/client.mjs"
REPORT_PATH = "/_jsinterop/report"
RELOAD_SCRIPT = (
    f'<script type="module">import {{ connect }} from "{CLIENT_PATH}";\n'
    f'connect(new EventSource("{EVENTS_PATH}"), "{REPORT_PATH}");</script>'
)
"""Put before ``</body>`` of HTML pages the dev server sends: the dev client applies the
server's patches or reloads, and reports to the terminal what it did and the error an app fails
to load with (``jsinterop:error``)."""

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
"""The ``Host`` names the dev server always answers: this machine's."""

# On every response: never cached, and cross-origin isolated (the worker host needs it).
_HEADERS = {"Cache-Control": "no-store", **ISOLATION_HEADERS, **RESOURCE_HEADERS}
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
_CLIENT = Path(__file__).with_name("_dev_client.mjs")
# A page's report is one short line of JSON; the terminal shows at most this much of it.
_REPORT_BYTES = 16 * 1024
_SHOWN_REPORT_CHARACTERS = 2000
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# The archive of a build is named by its hash: the one an open page names may be the
# previous build's.
_ARCHIVE_PATH = re.compile(r"_framework/app\.[0-9a-f]{12}\.zip")
_SHOWN_HOST_CHARACTERS = 100


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


# An event for the open pages: its name and its data (one line of JSON); None ends the stream.
Event = tuple[str, str] | None


@dataclass
class DevServer:
    """The state the dev server's routes share: the output folder, the build before it, the
    names it answers, the open event streams, and the web files patched since the last build.

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
    on_report: Callable[[str], None] | None = None
    """Receives a line for each 404 and each report a page sends (a patch applied, a
    reload, the traceback of an app that failed to load)."""
    _listeners: set[asyncio.Queue[Event]] = field(default_factory=set)
    _loop: asyncio.AbstractEventLoop | None = None
    _closing: bool = False
    # Since the last build was swapped in: the patched web files (site path -> (patch number,
    # content)), and every patch sent, merged (a page that connects gets it).
    _patched_files: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    _unbuilt: ChangePlan = field(default_factory=ChangePlan)
    _patches: int = 0

    def reloaded(self, reason: str = "the app was rebuilt") -> None:
        """Tell every open page to reload, and why (call on the server's event loop)."""
        self.version += 1
        self._send(("reload", json.dumps({"version": self.version, "reason": reason})))

    def patched(self, plan: ChangePlan) -> int:
        """Send the hot reload ``plan`` to every open page, and answer its web files from
        memory until a build made after it is swapped in (call on the server's event loop).
        Returns the patch's number, for :meth:`swap_in`."""
        self._patches += 1
        for name, content in plan.web_files.items():
            self._patched_files[name] = (self._patches, content)
        self._unbuilt.python.update(plan.python)
        self._unbuilt.scripts = _merged(self._unbuilt.scripts, plan.scripts)
        self._unbuilt.styles = _merged(self._unbuilt.styles, plan.styles)
        self._send(("patch", _patch_json(plan, secrets.token_hex(6))))
        return self._patches

    @property
    def open_pages(self) -> int:
        """How many pages listen on the event channel."""
        return len(self._listeners)

    def swap_in(self, staged: StagedBuild, patches: int | None = None) -> Path | None:
        """Make ``staged`` the site (call on the server's event loop, so no request is
        between two files); return the build before the previous one, to discard.

        ``patches``: the number of the last patch the build has (it read the app's files
        after it), whose web files it now answers; by default every patch sent."""
        replaced = staged.swap_in()
        older, self.previous = self.previous, replaced
        built = self._patches if patches is None else patches
        self._patched_files = {
            name: entry for name, entry in self._patched_files.items() if entry[0] > built
        }
        if built == self._patches:
            self._unbuilt = ChangePlan()
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

    def open(self, url_path: str) -> tuple[PurePosixPath | Path, BinaryIO] | None:
        """The file to send for ``url_path``, opened; ``None`` for 404. An open file reads
        the same bytes after a rebuild is swapped in. A web file patched since the last
        build comes from memory.

        Raises
        ------
        PermissionError
            As :meth:`find`.
        """
        path = self.find(url_path)
        patched = self._patched_files.get("/".join(part for part in url_path.split("/") if part))
        if patched is not None:
            return PurePosixPath(url_path), io.BytesIO(patched[1])
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

    def _send(self, event: Event) -> None:
        for queue in list(self._listeners):
            queue.put_nowait(event)

    def _listen(self) -> asyncio.Queue[Event]:
        self._loop = asyncio.get_running_loop()
        queue: asyncio.Queue[Event] = asyncio.Queue()
        if self._closing:
            queue.put_nowait(None)
        elif self._unbuilt.is_hot:
            # The page may have loaded the build from before the patches: they come first.
            queue.put_nowait(("patch", _patch_json(self._unbuilt, secrets.token_hex(6))))
        self._listeners.add(queue)
        return queue

    def _end_streams(self) -> None:
        self._closing = True
        self._send(None)


def _merged(first: list[str], second: list[str]) -> list[str]:
    return [*first, *(name for name in second if name not in first)]


def _patch_json(plan: ChangePlan, version: str) -> str:
    """A patch as the page reads it: ``version`` makes the URLs of its web files new."""
    patch = {
        "python": plan.python,
        "scripts": plan.scripts,
        "styles": plan.styles,
        "version": version,
    }
    return json.dumps(patch, separators=(",", ":"))


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
            Route(CLIENT_PATH, _client_route(), methods=["GET", "HEAD"]),
            Route(REPORT_PATH, _report_route(server), methods=["POST"]),
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
                    _refusal(name, allowed), status_code=403, headers=dict(_HEADERS)
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
    """The event channel: ``hello``, then ``patch`` and ``reload`` events as they come."""
    from starlette.responses import StreamingResponse

    async def events(request: Request) -> Response:
        queue = server._listen()

        async def stream() -> AsyncIterator[str]:
            try:
                yield f"event: hello\ndata: {server.version}\n\n"
                while True:
                    try:
                        event = await asyncio.wait_for(queue.get(), _KEEP_ALIVE_SECONDS)
                    except TimeoutError:
                        yield ": keep-alive\n\n"
                        continue
                    if event is None:  # the server stops
                        return
                    name, data = event
                    yield f"event: {name}\ndata: {data}\n\n"
            finally:
                server._listeners.discard(queue)

        return StreamingResponse(stream(), media_type="text/event-stream", headers=dict(_HEADERS))

    return events


def _client_route() -> Callable[[Request], Awaitable[Response]]:
    """The dev client, the script each page of the dev server imports."""
    from starlette.responses import Response

    async def client(request: Request) -> Response:
        content = b"" if request.method == "HEAD" else _CLIENT.read_bytes()
        return Response(content, media_type=_TYPES[".mjs"], headers=dict(_HEADERS))

    return client


def _report_route(server: DevServer) -> Callable[[Request], Awaitable[Response]]:
    """What a page did with a patch or reload, for the terminal: a JSON object with a
    ``text``. Only JSON from this server's own pages: a page of another site sending JSON
    must ask first (CORS preflight), which this route does not answer; its ``Origin`` would
    not be an allowed host either."""
    from starlette.datastructures import Headers
    from starlette.responses import PlainTextResponse

    async def report(request: Request) -> Response:
        headers = Headers(scope=request.scope)
        origin = headers.get("origin")
        if origin is not None and host_name(origin.partition("://")[2]) not in server.allowed_hosts:
            return PlainTextResponse("forbidden", status_code=403, headers=dict(_HEADERS))
        if headers.get("content-type", "").partition(";")[0].strip() != "application/json":
            return PlainTextResponse("expected JSON", status_code=415, headers=dict(_HEADERS))
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > _REPORT_BYTES:
                return PlainTextResponse("too long", status_code=413, headers=dict(_HEADERS))
        try:
            text = json.loads(body)["text"]
        except (ValueError, KeyError, TypeError):
            return PlainTextResponse("expected {text}", status_code=400, headers=dict(_HEADERS))
        if server.on_report is not None and isinstance(text, str):
            server.on_report(_shown_report(text))
        return PlainTextResponse("", status_code=204, headers=dict(_HEADERS))

    return report


def _shown_report(text: str) -> str:
    """``text`` safe for a terminal: no control characters (escape sequences), not too long."""
    lines = [_CONTROL_CHARACTERS.sub("?", line) for line in text.splitlines()]
    shown = "\n".join(lines)
    if len(shown) > _SHOWN_REPORT_CHARACTERS:
        # The end of a traceback says what failed: keep the first line and the end.
        head = lines[0][: _SHOWN_REPORT_CHARACTERS // 4]
        shown = f"{head}\n...\n{shown[len(shown) - _SHOWN_REPORT_CHARACTERS + len(head) :]}"
    return shown


def _files_route(server: DevServer) -> Callable[[Request], Awaitable[Response]]:
    """The site's files; HTML pages with :data:`RELOAD_SCRIPT`; patched web files from
    memory."""
    from starlette.responses import PlainTextResponse

    async def files(request: Request) -> Response:
        # No await before the file is open: a rebuild swapped in on this loop cannot come
        # between finding the file and opening it.
        try:
            opened = server.open(request.scope["path"])
        except PermissionError:
            return PlainTextResponse("forbidden", status_code=403, headers=dict(_HEADERS))
        if opened is None:
            if server.on_report is not None:
                server.on_report(_shown_report(f"404 not found: {request.scope['path']}"))
            return PlainTextResponse("not found", status_code=404, headers=dict(_HEADERS))
        path, file = opened
        if path.suffix == ".html":
            return _page_response(path, file)
        accepted = request.headers.get("accept-encoding", "")
        encoded = precompressed(path, accepted) if isinstance(path, Path) else None
        if encoded is not None:  # the snapshot's .br/.gz copy, which the build wrote
            copy, encoding = encoded
            file.close()
            file = copy.open("rb")  # no await since the open above: the same build
            return _file_response(path, file, head=request.method == "HEAD", encoding=encoding)
        return _file_response(path, file, head=request.method == "HEAD")

    return files


def _page_response(path: PurePosixPath | Path, file: BinaryIO) -> Response:
    from starlette.responses import Response

    with file:
        page = file.read().decode("utf-8")
    at = page.lower().rfind("</body>")
    page = page[:at] + RELOAD_SCRIPT + page[at:] if at >= 0 else page + RELOAD_SCRIPT
    return Response(page, media_type=content_type(path), headers=dict(_HEADERS))


def _file_response(
    path: PurePosixPath | Path, file: BinaryIO, *, head: bool, encoding: str | None = None
) -> Response:
    """The open ``file``, streamed in chunks read off the event loop (just its headers for
    ``HEAD``); ``encoding`` names the compression of a precompressed copy of ``path``."""
    from starlette.responses import Response, StreamingResponse

    size = str(file.seek(0, os.SEEK_END))
    file.seek(0)
    headers = {**_HEADERS, "Content-Length": size}
    if encoding is not None:
        headers |= {"Content-Encoding": encoding, "Vary": "Accept-Encoding"}
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
