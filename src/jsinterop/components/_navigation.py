"""The app's URL and navigation from code (Blazor's ``NavigationManager``).

Components reach it as ``self.navigation``; the renderer creates it and keeps ``uri``
current. It knows nothing of components or of the renderer.
"""

from __future__ import annotations

from collections.abc import Callable

from jsinterop.components._routing import unquote

__all__ = ["NavigationManager", "url_path"]


class NavigationManager:
    """The app's URL, and navigation from code (Blazor's ``NavigationManager``).

    Examples
    --------
    >>> from jsinterop.components import NavigationManager
    >>> navigation = NavigationManager("http://localhost/app/", lambda url, replace: None)
    >>> navigation.to_base_relative_path("http://localhost/app/items/3?x=1")
    'items/3'
    """

    def __init__(self, base_uri: str, navigate: Callable[[str, bool], None]) -> None:
        self.base_uri = base_uri
        self.uri = base_uri
        self._navigate = navigate

    def to_base_relative_path(self, uri: str) -> str:
        """The path of ``uri`` after the base URI, without query or fragment."""
        path = url_path(uri)
        base_path = url_path(self.base_uri)
        if path.startswith(base_path):
            return path[len(base_path) :]
        if path + "/" == base_path:
            return ""
        return path.lstrip("/")

    @property
    def query(self) -> dict[str, str]:
        """The current URI's query parameters (the last value of a repeated one).

        Blazor's ``[SupplyParameterFromQuery]`` reads the same.
        """
        query = self.uri.split("#", 1)[0].partition("?")[2]
        parameters: dict[str, str] = {}
        for pair in query.split("&"):
            if pair:
                key, _, value = pair.partition("=")
                parameters[unquote(key.replace("+", " "))] = unquote(value.replace("+", " "))
        return parameters

    def navigate_to(self, uri: str, *, replace: bool = False) -> None:
        """Go to ``uri`` (relative to the base URI) as if a link had been followed."""
        self._navigate(uri, replace)


def url_path(uri: str) -> str:
    """The path of ``uri``: no scheme, host, query or fragment.

    Examples
    --------
    >>> from jsinterop.components._navigation import url_path
    >>> url_path("http://localhost/app/items?x=1#top"), url_path("items/3")
    ('/app/items', 'items/3')
    """
    # urllib.parse.urlsplit without its import cost (~60 ms in Pyodide).
    rest = uri.split("#", 1)[0].split("?", 1)[0]
    if "://" in rest:
        rest = rest.split("://", 1)[1]
        slash = rest.find("/")
        rest = rest[slash:] if slash >= 0 else "/"
    return rest
