"""The components every app gets: :class:`NotFound` and :class:`NavLink` (Blazor's own)."""

from __future__ import annotations

from jsinterop.components._component import Component
from jsinterop.components._markup import Child, h
from jsinterop.components._navigation import url_path

__all__ = ["NavLink", "NotFound"]


class NotFound(Component):
    """The page for a URL no ``@page`` matches (Blazor's ``<NotFound>`` content).

    Examples
    --------
    >>> from jsinterop.components import NotFound, render_html
    >>> print(render_html(NotFound().render()))
    <h1>Not found</h1><p role="alert">Sorry, there's nothing at this address.</p>
    """

    title = "Not found"

    def render(self) -> Child:
        return [h.h1("Not found"), h.p("Sorry, there's nothing at this address.", role="alert")]


class NavLink(Component):
    """A link that gets the ``active`` class while its address is shown (Blazor's NavLink).

    Parameters (pass them with ``h.component``): ``href`` (relative to the base URI),
    ``content`` (the link's children), ``match`` (``"all"``: the whole path must be equal,
    the default; ``"prefix"``: the path starts with ``href``), ``class_`` (``"nav-link"``) and
    ``active_class`` (``"active"``).

    Examples
    --------
    >>> from jsinterop.components import NavLink, h
    >>> link = h.component(NavLink, href="counter", content="Counter")
    """

    href: str = ""
    content: Child = None
    match: str = "all"
    class_: str = "nav-link"
    active_class: str = "active"

    def is_active(self) -> bool:
        navigation = self.navigation
        current = navigation.to_base_relative_path(navigation.uri).strip("/").lower()
        target = url_path(self.href).strip("/").lstrip("./").lower()
        if self.match == "prefix":
            return current == target or current.startswith(target + "/") or not target
        return current == target

    def render(self) -> Child:
        classes = f"{self.class_} {self.active_class}" if self.is_active() else self.class_
        return h.a(self.content, href=self.href or "./", class_=classes.strip() or None)
