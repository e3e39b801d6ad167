"""Rewriting an app's ``index.html`` for a build: module URLs versioned by content, and the
``<base href>`` the site is served under.

The import map sends every JS module URL of the app to ``<url>?v=<content hash>``, and the
page's own ``<script src>``/``<link href>`` URLs get the same suffix, so a browser never runs
a stale module after a rebuild.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from jsinterop.cli._messages import CliError

__all__ = ["set_base_href", "version_page"]

_JS_SUFFIXES = (".js", ".mjs")
# Pyodide loads its own files by plain URL, so they stay out of the import map.
_PYODIDE_PREFIX = "_framework/pyodide/"
_PAGE_URL = re.compile(r"(<(?:script|link)\b[^>]*?\b(?:src|href)=\")([^\"]+)(\")", re.IGNORECASE)
_BASE_HREF = re.compile(r'(<base\b[^>]*?\bhref=")([^"]*)(")', re.IGNORECASE)
_FIRST_LOAD = re.compile(r"<script\b|<link\b[^>]*rel=\"modulepreload\"", re.IGNORECASE)
_EXTERNAL_URL = re.compile(r"^[a-z]+:|^/")


def version_page(page: str, hashes: dict[str, str], *, preload: Iterable[str] = ()) -> str:
    """``page`` with an import map of versioned JS URLs and versioned script/link URLs.

    Parameters
    ----------
    page : str
        The HTML of the app's ``index.html``.
    hashes : dict[str, str]
        Content hashes by output file name (``"_framework/runtime.mjs"``).
    preload : Iterable[str], optional
        Output files to add ``<link rel="modulepreload">`` for, so that the browser
        fetches them while Python boots.

    Examples
    --------
    >>> from jsinterop.cli._page import version_page
    >>> page = '<head><script type="module" src="./main.js"></script></head>'
    >>> print(version_page(page, {"main.js": "abc"}))
    <head><script type="importmap">{"imports": {"./main.js": "./main.js?v=abc"}}</script>
    <script type="module" src="./main.js?v=abc"></script></head>
    """
    links = "".join(f'<link rel="modulepreload" href="./{name}">\n' for name in preload)
    page = _before_first_load(page, links)
    page = _PAGE_URL.sub(lambda found: _versioned_url(found, hashes), page)
    modules = {
        f"./{name}": f"./{name}?v={digest}"
        for name, digest in sorted(hashes.items())
        if name.endswith(_JS_SUFFIXES) and not name.startswith(_PYODIDE_PREFIX)
    }
    import_map = f'<script type="importmap">{json.dumps({"imports": modules})}</script>\n'
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
