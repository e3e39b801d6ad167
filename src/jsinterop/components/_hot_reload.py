"""Hot reload of a running components app: after ``jsinterop._reload`` imported modules
again, the renderer takes their new classes and renders the page again.

A component whose class was imported again keeps its state when the new class has the same
fields (the names of its data attributes and annotations): the instance stays and its class
is swapped, as Blazor keeps state across a hot reload. Otherwise (fields added or removed,
the class gone) the component is disposed and a new one is made, with its lifecycle. The
JS functions that JS still holds for a replaced component's methods are released once it is
disposed (its ``dispose`` may still pass them to ``removeEventListener``).

Routes follow the new ``@page`` classes; a route whose class was removed goes with it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import ModuleType
from typing import Any

from jsinterop import _bridge, _handles, _reload
from jsinterop.components import _component
from jsinterop.components._component import Component
from jsinterop.components._renderer import Renderer
from jsinterop.components._routing import RouteTable

__all__ = ["fields_of", "follow", "reload_renderer"]

_followed: list[Callable[[Mapping[str, ModuleType | None]], None]] = []


def follow(renderer: Renderer) -> None:
    """Apply every hot reload from now on to ``renderer`` (the one :func:`run_app` started;
    a later call follows another renderer instead).

    Examples
    --------
    >>> from jsinterop.components._hot_reload import follow
    >>> follow(renderer)  # doctest: +SKIP
    """
    for listener in _followed:
        _reload.remove_listener(listener)
    _followed[:] = [lambda replaced: reload_renderer(renderer, replaced)]
    _reload.add_listener(_followed[0])
    _reload.remove_state(_keep_pages)
    _reload.add_state(_keep_pages)


def fields_of(cls: type) -> frozenset[str] | None:
    """The names of the fields of a component class: its data attributes and annotated names,
    its own and those of its bases below :class:`Component`; ``None`` when its annotations
    cannot be read.

    Examples
    --------
    >>> from jsinterop.components import Component
    >>> from jsinterop.components._hot_reload import fields_of
    >>> class Counter(Component):
    ...     title = "Counter"
    ...     count = 0
    ...     label: str
    ...     def increment(self) -> None: ...
    >>> sorted(fields_of(Counter))
    ['count', 'label', 'title']
    """
    names: set[str] = set()
    for klass in cls.__mro__:
        if klass.__module__ == Component.__module__ or klass is object:
            continue
        try:
            annotations = dict(getattr(klass, "__annotations__", {}))
        except Exception:  # an annotation that does not evaluate (3.14 evaluates lazily)
            return None
        names.update(annotations)
        names.update(
            name
            for name, value in vars(klass).items()
            if not name.startswith("__") and _is_data(value)
        )
    return frozenset(names)


def reload_renderer(renderer: Renderer, replaced: Mapping[str, ModuleType | None]) -> None:
    """Bring ``renderer`` up to the modules ``replaced`` (name -> new module, ``None`` when
    deleted) and render again: see the module's docstring.

    Examples
    --------
    See ``tests/unit/test_components_hot_reload.py``: a fake :class:`Dom` records each patch.
    """
    _forget_removed_pages(replaced)
    renderer.routes = RouteTable(_component.registered_pages())
    if renderer.layout_class is not None:
        renderer.layout_class = _new_class(renderer.layout_class, replaced) or renderer.layout_class
    renderer.not_found = _new_class(renderer.not_found, replaced) or renderer.not_found
    gone: list[Component] = []
    for component in (renderer.layout, renderer.page):
        if component is not None:
            gone += _update_children(component, replaced)
    layout_kept = renderer.layout is None or _keep(renderer.layout, replaced)
    page_kept = renderer.page is None or _keep(renderer.page, replaced)
    if not layout_kept and renderer.layout is not None:
        gone += _subtree(renderer.layout)
        renderer._dispose_tree(renderer.layout)
        renderer.layout = None
    if not page_kept and renderer.page is not None:
        gone += _subtree(renderer.page)
        renderer._dispose_tree(renderer.page)
        renderer.page = None
    if renderer.page is not None and layout_kept and _route_still_leads_to(renderer):
        renderer.render_now()
        _release_callables_of(gone)
        return
    task = asyncio.ensure_future(renderer.location_changed(renderer.navigation.uri))
    task.add_done_callback(lambda _: _release_callables_of(gone))


def _is_data(value: object) -> bool:
    return not (
        callable(value) or isinstance(value, staticmethod | classmethod | property | ModuleType)
    )


def _new_class(cls: type[Any], replaced: Mapping[str, ModuleType | None]) -> type[Any] | None:
    """The class that stands for ``cls`` after the reload: itself when its module was not
    imported again, the class of the same name in the new module, or ``None`` if gone."""
    if cls.__module__ not in replaced:
        return cls
    module = replaced[cls.__module__]
    if module is None or "<locals>" in cls.__qualname__.split("."):
        return None
    found: Any = module
    for part in cls.__qualname__.split("."):
        found = getattr(found, part, None)
    return found if isinstance(found, type) and issubclass(found, Component) else None


def _keep(component: Component, replaced: Mapping[str, ModuleType | None]) -> bool:
    """Give ``component`` its new class if it keeps its state; whether it does."""
    old = type(component)
    new = _new_class(old, replaced)
    if new is old:
        return True
    if new is None or fields_of(old) is None or fields_of(old) != fields_of(new):
        return False
    try:
        component.__class__ = new
    except TypeError:  # a layout the instance cannot take (__slots__ changed)
        return False
    return True


def _update_children(
    component: Component, replaced: Mapping[str, ModuleType | None]
) -> list[Component]:
    """Swap the classes of the child components that keep their state, under their new
    slots; the others stay under their old slots, so the next render disposes them.
    Returns the components that will go."""
    gone: list[Component] = []
    children = dict(component._children)
    component._children.clear()
    for (cls, key), child in children.items():
        if _keep(child, replaced):
            gone += _update_children(child, replaced)
            component._children[(type(child), key)] = child
        else:
            gone += _subtree(child)
            component._children[(cls, key)] = child
    return gone


def _subtree(component: Component) -> list[Component]:
    return [
        component,
        *(item for child in component._children.values() for item in _subtree(child)),
    ]


def _route_still_leads_to(renderer: Renderer) -> bool:
    path = renderer.navigation.to_base_relative_path(renderer.navigation.uri)
    found = renderer.routes.match("/" + path)
    target = found.route.target if found else renderer.not_found
    return type(renderer.page) is target


def _forget_removed_pages(replaced: Mapping[str, ModuleType | None]) -> None:
    """Drop the routes of classes that the reload replaced or removed: a class imported
    again has registered its routes anew."""
    _component._pages = [
        route
        for route in _component._pages
        if route.target.__module__ not in replaced
        or _new_class(route.target, replaced) is route.target
    ]


def _keep_pages() -> Callable[[], None]:
    """The routes as they are, to put back if a reload fails (``_reload.add_state``)."""
    kept = list(_component._pages)

    def put_back() -> None:
        _component._pages = kept

    return put_back


def _release_callables_of(components: Iterable[Component]) -> None:
    """Release the JS functions JS holds for methods of ``components`` (or closures over
    them): those components are gone."""
    owners = {id(component) for component in components}
    if not owners or not _bridge.IN_PYODIDE:  # outside Pyodide, JS holds nothing
        return
    for held in _handles.held_by_js():
        if held.kind == "callable" and any(id(owner) in owners for owner in _owners_of(held.value)):
            _handles.release(held.value)


def _owners_of(value: Any) -> Iterator[Any]:
    """What a callable is bound to: the ``self`` of a method, the cells of a closure."""
    bound_to = getattr(value, "__self__", None)
    if bound_to is not None:
        yield bound_to
    for cell in getattr(value, "__closure__", None) or ():
        try:
            yield cell.cell_contents
        except ValueError:  # an empty cell
            continue
