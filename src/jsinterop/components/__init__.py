"""Components for browser apps: pages, layouts, events and a router, in the style of Blazor.

A component renders markup built with :data:`h` or :func:`html` (text is always escaped
unless it is :class:`Markup`); ``@page("/route")`` puts it on a URL; :func:`run_app` starts
the app in the page. Renders reach the DOM as patches (morphdom), and elements whose
rendered output did not change are left as they are, JS changes included.

Examples
--------
>>> from jsinterop.components import Component, h, page
>>> @page("/counter")
... class Counter(Component):
...     count = 0
...     def increment(self) -> None:
...         self.count += 1
...     def render(self):
...         return [h.p(f"Current count: {self.count}"), h.button("+1", on_click=self.increment)]
"""

from jsinterop.components._builtin_components import NavLink, NotFound
from jsinterop.components._component import (
    Component,
    EventArgs,
    LayoutComponent,
    bind,
    page,
    registered_pages,
)
from jsinterop.components._host import current_renderer, run_app
from jsinterop.components._markup import (
    Child,
    ComponentNode,
    Element,
    Fragment,
    Markup,
    Node,
    RenderContext,
    escape,
    h,
    html,
    render_html,
)
from jsinterop.components._navigation import NavigationManager
from jsinterop.components._renderer import Dom, Renderer
from jsinterop.components._routing import Route, RouteMatch, RouteTable, parse_route

__all__ = [
    "Child",
    "Component",
    "ComponentNode",
    "Dom",
    "Element",
    "EventArgs",
    "Fragment",
    "LayoutComponent",
    "Markup",
    "NavLink",
    "NavigationManager",
    "Node",
    "NotFound",
    "RenderContext",
    "Renderer",
    "Route",
    "RouteMatch",
    "RouteTable",
    "bind",
    "current_renderer",
    "escape",
    "h",
    "html",
    "page",
    "parse_route",
    "registered_pages",
    "render_html",
    "run_app",
]
