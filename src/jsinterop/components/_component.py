"""The component base class, ``@page``, and the event data handlers receive."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, TypeVar

from jsinterop.components._markup import Child
from jsinterop.components._navigation import NavigationManager
from jsinterop.components._routing import Route, parse_route

__all__ = [
    "Component",
    "ComponentHost",
    "EventArgs",
    "LayoutComponent",
    "bind",
    "page",
    "registered_pages",
]

C = TypeVar("C", bound="type[Component]")

_pages: list[Route] = []


class ComponentHost(Protocol):
    """What a component needs from whatever renders it (the :class:`Renderer` is one).

    Declared here, below the renderer, so that components never import it: the renderer
    sets ``component._renderer = self`` and components only call these two.
    """

    navigation: NavigationManager

    def request_render(self) -> None:
        """Render soon; requests made before then are one render."""


class Component:
    """A piece of UI with state: override :meth:`render` and the lifecycle methods you need.

    The lifecycle is Blazor's ``ComponentBase``: parameters are set (route parameters become
    attributes), then ``on_initialized`` / ``on_initialized_async`` (first time only),
    ``on_parameters_set`` / ``on_parameters_set_async``, a render, then
    ``on_after_render(first_render)`` / ``on_after_render_async(first_render)``. Event
    handlers re-render the component when they return (an ``async`` handler also at its
    first ``await``); call :meth:`state_has_changed` for changes made elsewhere.

    One difference from Blazor: while ``on_initialized_async`` awaits, the page is
    rendered (so it can show "Loading..."), but ``on_after_render`` first runs after
    initialization has finished, so it can rely on what initialization set up (the seed's
    ``CallDotNet1`` imports a module in ``OnInitializedAsync`` and uses it in
    ``OnAfterRender``).

    Examples
    --------
    >>> from jsinterop.components import Component, h, page
    >>> @page("/counter")
    ... class Counter(Component):
    ...     count = 0
    ...     def increment(self) -> None:
    ...         self.count += 1
    ...     def render(self):
    ...         return [h.h1("Counter"), h.p(f"Current count: {self.count}"),
    ...                 h.button("Click me", on_click=self.increment)]
    """

    title: ClassVar[str | None] = None
    """The document title while this page is shown (Blazor's ``<PageTitle>``)."""

    routes: ClassVar[tuple[Route, ...]] = ()
    """The routes ``@page`` gave this class."""

    def __init__(self) -> None:
        self._renderer: ComponentHost | None = None
        self._initialized = False
        self._has_rendered = False
        self._children: dict[tuple[type, Any], Component] = {}
        self._child_index = 0
        self._parameters: dict[str, Any] | None = None

    def _next_child_index(self) -> int:
        self._child_index += 1
        return self._child_index

    # Lifecycle: override what you need; the base versions do nothing.
    def on_initialized(self) -> None:
        """Runs once, after the first parameters are set."""

    async def on_initialized_async(self) -> None:
        """Runs once, after :meth:`on_initialized`; the page renders while it awaits."""

    def on_parameters_set(self) -> None:
        """Runs after every change of parameters (and after initialization)."""

    async def on_parameters_set_async(self) -> None:
        """The asynchronous :meth:`on_parameters_set`."""

    def on_after_render(self, first_render: bool) -> None:
        """Runs after each render reached the page; ``first_render`` the first time."""

    async def on_after_render_async(self, first_render: bool) -> None:
        """The asynchronous :meth:`on_after_render`."""

    def should_render(self) -> bool:
        """Whether a requested render happens (not consulted for the first one)."""
        return True

    def dispose(self) -> None:
        """Runs when the component leaves the page (navigation to another page)."""

    def render(self) -> Child:
        """The component's markup: nodes from ``h``/``html``, text, or a list of them."""
        return None

    def state_has_changed(self) -> None:
        """Ask for a render; several requests before it happens make one render."""
        if self._renderer is not None:
            self._renderer.request_render()

    @property
    def navigation(self) -> NavigationManager:
        """The :class:`NavigationManager` of the app this component is in."""
        if self._renderer is None:
            raise RuntimeError(f"{type(self).__name__} is not on a page yet")
        return self._renderer.navigation


class LayoutComponent(Component):
    """A component around every page: its :meth:`render` places :attr:`body` (the page).

    Examples
    --------
    >>> from jsinterop.components import LayoutComponent, h
    >>> class MainLayout(LayoutComponent):
    ...     def render(self):
    ...         return [h.nav(h.a("Home", href="")), h.main(self.body)]
    """

    body: Child = None


def page(template: str, *templates: str) -> Callable[[C], C]:
    """Make a component a page reached at ``template`` (and any further templates).

    Templates are paths relative to the app's base URL, with parameters such as
    ``/items/{id:int}``; a matched parameter is set as an attribute of the component
    before its lifecycle runs.

    Examples
    --------
    >>> from jsinterop.components import Component, page
    >>> @page("/items/{id:int}")
    ... class Item(Component):
    ...     id: int
    >>> [route.template for route in Item.routes]
    ['/items/{id:int}']
    """
    routes_of_class = [parse_route(item) for item in (template, *templates)]

    def decorate(cls: C) -> C:
        if not (isinstance(cls, type) and issubclass(cls, Component)):
            raise TypeError(f"@page({template!r}) goes on a Component subclass, got {cls!r}")
        bound = tuple(parse_route(route.template, cls) for route in routes_of_class)
        cls.routes = bound
        global _pages
        _pages = [
            route
            for route in _pages
            if route.target is not cls
            and not (
                route.target.__qualname__ == cls.__qualname__
                and route.target.__module__ == cls.__module__
            )
        ]
        _pages.extend(bound)
        return cls

    return decorate


def registered_pages() -> tuple[Route, ...]:
    """The routes of every ``@page`` class defined so far.

    Examples
    --------
    >>> from jsinterop.components import registered_pages
    >>> all(route.template.startswith("/") for route in registered_pages())
    True
    """
    return tuple(_pages)


@dataclass(frozen=True, slots=True)
class EventArgs:
    """What a handler learns about the event (one class for every event type).

    Attributes
    ----------
    type : str
        ``"click"``, ``"input"``, ``"change"``, ``"submit"``, ``"keydown"``...
    value : str or None
        The element's ``value`` (inputs, selects, text areas).
    checked : bool or None
        For checkboxes and radio buttons.
    key : str or None
        For keyboard events.
    form : dict[str, str]
        For ``submit``: the form's fields by name.

    Examples
    --------
    >>> from jsinterop.components import EventArgs
    >>> EventArgs.from_json('{"type": "input", "value": "abc"}').value
    'abc'
    """

    type: str
    value: str | None = None
    checked: bool | None = None
    key: str | None = None
    form: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_json(cls, text: str) -> EventArgs:
        data = json.loads(text)
        return cls(
            type=str(data.get("type", "")),
            value=data.get("value"),
            checked=data.get("checked"),
            key=data.get("key"),
            form={str(k): str(v) for k, v in (data.get("form") or {}).items()},
        )


def bind(component: Any, name: str, *, event: str = "change") -> dict[str, Any]:
    """Two-way binding of a form field to ``component.<name>`` (Blazor's ``@bind``).

    Returns the attributes to spread into ``h.input(...)``, ``h.select(...)`` or
    ``h.textarea(...)``: the current value (``checked`` for a ``bool``) and a handler for
    ``event`` (``"change"``, as ``@bind`` does, or ``"input"`` for every keystroke, as
    ``@bind:event="oninput"``) that stores the new value, converted to the type the
    attribute has now (``int``, ``float``, ``bool`` or ``str``). A value that does not
    convert is ignored, and the field shows the stored value again.

    Examples
    --------
    >>> from jsinterop.components import Component, EventArgs, bind
    >>> class Form(Component):
    ...     age = 30
    >>> form = Form()
    >>> attributes = bind(form, "age")
    >>> attributes["value"], sorted(attributes)
    (30, ['on_change', 'value'])
    >>> attributes["on_change"](EventArgs("change", value="31"))
    >>> form.age
    31
    """
    current = getattr(component, name)
    kind = type(current)

    def store(event_args: EventArgs) -> None:
        if kind is bool:
            setattr(component, name, bool(event_args.checked))
            return
        text = event_args.value if event_args.value is not None else ""
        try:
            value = kind(text) if kind in (int, float) else text
        except ValueError:
            return
        setattr(component, name, value)

    handler = f"on_{event}"
    if kind is bool:
        return {"checked": current, handler: store}
    return {"value": current, handler: store}
