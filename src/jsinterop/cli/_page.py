"""Rewriting an app's ``index.html`` for a build: module URLs versioned by content, and the
``<base href>`` the site is served under.

The import map sends every JS module URL of the app to ``<url>?v=<content hash>``, and the
page's own ``<script src>``/``<link href>`` URLs get the same suffix, so a browser never runs
a stale module after a rebuild.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from jsinterop.cli._messages import CliError

__all__ = [
    "HEADERS_FILE",
    "ISOLATION_HEADERS",
    "RESOURCE_HEADERS",
    "headers_file",
    "set_base_href",
    "version_page",
]

ISOLATION_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
}
"""What a page must be served with to be cross-origin isolated: SharedArrayBuffer and
Atomics, which the worker host (``python.inWorker()``) calls the page synchronously with."""

RESOURCE_HEADERS = {"Cross-Origin-Resource-Policy": "same-origin"}
"""Sent with every file too: an isolated page loads only resources that allow it."""

HEADERS_FILE = "_headers"
"""The static host's header rules a build writes (Netlify and Cloudflare Pages read it)."""

_JS_SUFFIXES = (".js", ".mjs")
# Pyodide loads its own files by plain URL, so they stay out of the import map.
_PYODIDE_PREFIX = "_framework/pyodide/"
_PAGE_URL = re.compile(r"(<(?:script|link)\b[^>]*?\b(?:src|href)=\")([^\"]+)(\")", re.IGNORECASE)
_BASE_HREF = re.compile(r'(<base\b[^>]*?\bhref=")([^"]*)(")', re.IGNORECASE)
_FIRST_LOAD = re.compile(r"<script\b|<link\b[^>]*rel=\"modulepreload\"", re.IGNORECASE)
_EXTERNAL_URL = re.compile(r"^[a-z]+:|^/")
_IMPORT_MAP = re.compile(
    r"<script\b[^>]*\btype=[\"']?importmap[\"']?[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL
)


def version_page(
    page: str,
    hashes: dict[str, str],
    *,
    preload: Iterable[str] = (),
    fetches: Iterable[str] = (),
    bare_imports: Mapping[str, str] | None = None,
) -> str:
    """``page`` with an import map of versioned JS URLs and versioned script/link URLs.

    A page has one import map: an import map the page already has is merged into the
    build's (the page's own entries win).

    Parameters
    ----------
    page : str
        The HTML of the app's ``index.html``.
    hashes : dict[str, str]
        Content hashes by output file name (``"_framework/runtime.mjs"``).
    preload : Iterable[str], optional
        Output files to add ``<link rel="modulepreload">`` for, so that the browser
        fetches them while Python boots.
    fetches : Iterable[str], optional
        Output files the runtime fetches (the snapshot, Pyodide's wasm): a ``<link
        rel="preload" as="fetch">`` each, so that they download while the modules load.
    bare_imports : Mapping[str, str], optional
        Bare specifiers (npm packages) and the output files they import (``_npm_deps``).

    Examples
    --------
    >>> from jsinterop.cli._page import version_page
    >>> page = '<head><script type="module" src="./main.js"></script></head>'
    >>> print(version_page(page, {"main.js": "abc"}))
    <head><script type="importmap">{"imports": {"./main.js": "./main.js?v=abc"}}</script>
    <script type="module" src="./main.js?v=abc"></script></head>
    """
    links = "".join(
        f'<link rel="preload" href="./{name}" as="fetch" crossorigin>\n' for name in fetches
    )
    links += "".join(f'<link rel="modulepreload" href="./{name}">\n' for name in preload)
    page = _before_first_load(page, links)
    page = _PAGE_URL.sub(lambda found: _versioned_url(found, hashes), page)
    modules = {
        f"./{name}": f"./{name}?v={digest}"
        for name, digest in sorted(hashes.items())
        if name.endswith(_JS_SUFFIXES) and not name.startswith(_PYODIDE_PREFIX)
    }
    for specifier, name in (bare_imports or {}).items():
        modules[specifier] = f"./{name}?v={hashes[name]}" if name in hashes else f"./{name}"
    page, own = _take_import_map(page)
    import_map_json: dict[str, object] = {"imports": {**modules, **own.pop("imports", {})}}
    import_map_json.update(own)  # scopes, integrity
    import_map = f'<script type="importmap">{json.dumps(import_map_json)}</script>\n'
    return _before_first_load(page, import_map)


def set_base_href(page: str, base_href: str) -> str:
    """``page`` with ``<base href>`` set to ``base_href`` (a ``/``-ended path is enforced).

    Raises
    ------
    CliError
        When the page has no ``<base href="...">`` to change.

    Examples
    --------
    >>> from jsinterop.cli._page import set_base_href
    >>> set_base_href('<head><base href="/"></head>', "/myapp")
    '<head><base href="/myapp/"></head>'
    """
    if not base_href.endswith("/"):
        base_href += "/"
    found = _BASE_HREF.search(page)
    if found is None:
        raise CliError('--base-href: index.html has no <base href="..."> to change')
    escaped = base_href.replace("&", "&amp;").replace('"', "&quot;")
    return page[: found.start(2)] + escaped + page[found.end(2) :]


def _take_import_map(page: str) -> tuple[str, dict[str, Any]]:
    """``page`` without its own ``<script type="importmap">``, and that map's JSON.

    Raises
    ------
    CliError
        When the page's import map is not a JSON object.
    """
    found = _IMPORT_MAP.search(page)
    if found is None:
        return page, {}
    try:
        own = json.loads(found.group(1))
    except ValueError as error:
        raise CliError(f"index.html: its import map is not valid JSON: {error}") from None
    if not isinstance(own, dict) or not isinstance(own.get("imports", {}), dict):
        raise CliError('index.html: its import map must be a JSON object {"imports": {...}}')
    before = page[: found.start()]
    line_start = before.rstrip(" \t")  # the map's own line goes whole
    after = page[found.end() :]
    if line_start.endswith("\n") and after.startswith("\n"):
        before, after = line_start, after[1:]
    return before + after, own


def _before_first_load(page: str, html: str) -> str:
    """``page`` with ``html`` put before its first script or module preload (or at the end):
    an import map must come before the first module load to apply to it."""
    first = _FIRST_LOAD.search(page)
    at = first.start() if first else len(page)
    return page[:at] + html + page[at:]


def _versioned_url(found: re.Match[str], hashes: dict[str, str]) -> str:
    """A ``src``/``href`` attribute matched by ``_PAGE_URL``, its URL versioned when it names
    a file of the site (not another host's, nor an absolute path)."""
    url = found.group(2)
    name = url.removeprefix("./")
    if name in hashes and not _EXTERNAL_URL.match(url):
        url = f"{url}?v={hashes[name]}"
    return f"{found.group(1)}{url}{found.group(3)}"


def headers_file() -> str:
    """The ``_headers`` file of a web app's build: every path with :data:`ISOLATION_HEADERS`
    and :data:`RESOURCE_HEADERS`, in the format of Netlify and Cloudflare Pages.

    Examples
    --------
    >>> from jsinterop.cli._page import headers_file
    >>> print(headers_file(), end="")
    /*
      Cross-Origin-Opener-Policy: same-origin
      Cross-Origin-Embedder-Policy: require-corp
      Cross-Origin-Resource-Policy: same-origin
    """
    headers = {**ISOLATION_HEADERS, **RESOURCE_HEADERS}
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())
