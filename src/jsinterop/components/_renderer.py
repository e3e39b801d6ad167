"""The renderer: which page is shown, its lifecycle, renders, events and errors.

It talks to the page through a :class:`Dom` (the browser one is in ``_host``), so it runs
and is tested on plain CPython with a fake.
"""

from __future__ import annotations

import asyncio
import inspect
import sys
import traceback
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from jsinterop._entry import as_in_app_folder
from jsinterop.components import _markup
from jsinterop.components._builtin_components import NotFound
from jsinterop.components._component import Component, EventArgs, LayoutComponent
from jsinterop.components._markup import (
    Child,
    ComponentNode,
    RenderContext,
    h,
    render_html,
    write_content,
)
from jsinterop.components._navigation import NavigationManager
from jsinterop.components._routing import RouteTable

__all__ = ["Dom", "Renderer", "page_error"]


class Dom(Protocol):
    """What the renderer needs from the page."""

    def patch(self, html: str, title: str) -> None:
        """Make the app's root element show ``html`` (a patch, not a rewrite)."""

    def navigate_to(self, url: str, replace: bool) -> None:
        """Push (or replace) a history entry; the renderer then hears of the new URL."""

    def show_error(self, message: str) -> None:
        """Show the error bar."""


class Renderer:
    """Shows the page for the current URL inside an optional layout, and keeps it current.

    Examples
    --------
    See ``tests/unit/test_components.py``: a fake :class:`Dom` records each patch.
    """

    def __init__(
        self,
        dom: Dom,
        routes: RouteTable,
        *,
        base_uri: str,
        layout: type[LayoutComponent] | None = None,
        not_found: type[Component] = NotFound,
        report: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.dom = dom
        self.routes = routes
        self.layout_class = layout
        self.not_found = not_found
        self.navigation = NavigationManager(base_uri, dom.navigate_to)
        self.layout: LayoutComponent | None = None
        self.page: Component | None = None
        self.handlers: dict[str, Callable[..., Any]] = {}
        self.render_count = 0
        self._render_pending = False
        self._navigation_count = 0
        self._report = report or _print_traceback
        self._background: set[asyncio.Task[Any]] = set()
        self._rendered: list[Component] = []  # this render's components, parents first

    # Navigation ----------------------------------------------------------------------
    async def location_changed(self, uri: str) -> None:
        """Show the page for ``uri``: reuse the current one when only parameters changed."""
        self.navigation.uri = uri
        self._navigation_count += 1
        navigation = self._navigation_count
        path = self.navigation.to_base_relative_path(uri)
        found = self.routes.match("/" + path)
        page_class = found.route.target if found else self.not_found
        parameters = found.parameters if found else {}
        try:
            if self.layout_class is not None and self.layout is None:
                self.layout = self.layout_class()
                await self._set_parameters(self.layout, {}, navigation)
            current = self.page
            if current is not None and type(current) is page_class:
                await self._set_parameters(current, parameters, navigation)
            else:
                if current is not None:
                    self._dispose_tree(current)
                component = page_class()
                self.page = component
                await self._set_parameters(component, parameters, navigation)
        except Exception as error:
            self.report_error(error)
        if navigation == self._navigation_count:
            self.render_now()

    async def _set_parameters(
        self, component: Component, parameters: dict[str, Any], navigation: int
    ) -> None:
        # Blazor's ComponentBase.SetParametersAsync + RunInitAndSetParametersAsync.
        component._renderer = self
        for name, value in parameters.items():
            setattr(component, name, value)
        if not component._initialized:
            component.on_initialized()
            if _overrides(component, "on_initialized_async"):
                task = asyncio.ensure_future(component.on_initialized_async())
                await asyncio.sleep(0)
                if not task.done() and navigation == self._navigation_count:
                    self.render_now()  # "Loading...": Blazor renders while init awaits
                await task
        component.on_parameters_set()
        if _overrides(component, "on_parameters_set_async"):
            await component.on_parameters_set_async()
        component._initialized = True

    # Rendering -----------------------------------------------------------------------
    def request_render(self) -> None:
        """Render soon; requests made before then are one render."""
        if self._render_pending:
            return
        self._render_pending = True
        asyncio.get_event_loop().call_soon(self._render_requested)

    def _render_requested(self) -> None:
        if not self._render_pending:
            return
        components = [item for item in (self.layout, self.page) if item is not None]
        if all(item._has_rendered and not item.should_render() for item in components):
            self._render_pending = False
            return
        self.render_now()

    def render_now(self) -> None:
        """Render the layout and page now and patch the page with the result."""
        self._render_pending = False
        context = RenderContext(self._mount)
        self._rendered = [item for item in (self.layout, self.page) if item is not None]
        try:
            content = self._render_page()
            if self.layout is not None:
                self.layout.body = content
                content = self._render(self.layout)
            html = render_html(content, context)
        except Exception as error:
            self.report_error(error)
            return
        finally:
            _markup.rendering.clear()
        self.handlers = context.handlers
        self._dispose_unrendered()
        title = (self.page.title if self.page is not None else None) or (
            self.layout.title if self.layout is not None else None
        )
        self.dom.patch(html, title or "")
        self.render_count += 1
        for component in list(self._rendered):
            if not component._initialized:
                continue
            first_render = not component._has_rendered
            component._has_rendered = True
            try:
                component.on_after_render(first_render)
            except Exception as error:
                self.report_error(error)
            if _overrides(component, "on_after_render_async"):
                self._run_in_background(component.on_after_render_async(first_render))

    def _render_page(self) -> Child:
        """The page's content; when its render raises, the error in its place, so that the
        layout and its navigation stay usable."""
        if self.page is None:
            return None
        try:
            return self._render(self.page)
        except Exception as error:
            self.report_error(error)
            return page_error(error, package=type(self.page).__module__.partition(".")[0])

    def _render(self, component: Component) -> Child:
        component._child_index = 0
        _markup.rendering.append(component)
        try:
            return component.render()
        finally:
            _markup.rendering.pop()

    def _mount(self, node: ComponentNode, out: list[str], context: RenderContext) -> None:
        # A child component at its place in the markup: reuse or create it, pass the
        # parameters (Blazor's SetParametersAsync), render it in place.
        owner = node.parent if node.parent is not None else self.page
        if owner is None:
            raise RuntimeError("a child component needs a page to live in")
        slot = (node.component, node.key)
        child = owner._children.get(slot)
        if child is None:
            child = node.component()
            child._renderer = self
            owner._children[slot] = child
            for name, value in node.parameters.items():
                setattr(child, name, value)
            child._parameters = dict(node.parameters)
            child.on_initialized()
            if _overrides(child, "on_initialized_async"):
                self._run_in_background(self._finish_initializing(child))
            else:
                child.on_parameters_set()
                child._initialized = True
        elif child._parameters != node.parameters:
            for name, value in node.parameters.items():
                setattr(child, name, value)
            child._parameters = dict(node.parameters)
            if child._initialized:
                child.on_parameters_set()
                if _overrides(child, "on_parameters_set_async"):
                    self._run_in_background(self._after_async(child.on_parameters_set_async()))
        self._rendered.append(child)
        write_content(self._render(child), out, context)

    async def _finish_initializing(self, child: Component) -> None:
        await child.on_initialized_async()
        child.on_parameters_set()
        if _overrides(child, "on_parameters_set_async"):
            await child.on_parameters_set_async()
        child._initialized = True
        self.request_render()

    async def _after_async(self, awaitable: Awaitable[Any]) -> None:
        await awaitable
        self.request_render()

    def _dispose_unrendered(self) -> None:
        rendered = {id(component) for component in self._rendered}
        for component in list(self._rendered):
            for slot, child in list(component._children.items()):
                if id(child) not in rendered:
                    del component._children[slot]
                    self._dispose_tree(child)

    def _dispose_tree(self, component: Component) -> None:
        for child in component._children.values():
            self._dispose_tree(child)
        component._children.clear()
        component._renderer = None
        try:
            component.dispose()
        except Exception as error:
            self.report_error(error)

    # Events --------------------------------------------------------------------------
    async def dispatch_event(self, handler_id: str, event: EventArgs) -> None:
        """Call the handler rendered as ``handler_id``, then render."""
        handler = self.handlers.get(handler_id)
        if handler is None:
            return  # rendered before the last render; its element is gone or renumbered
        try:
            result = handler(event) if _takes_an_argument(handler) else handler()
            if inspect.isawaitable(result):
                task = asyncio.ensure_future(result)
                await asyncio.sleep(0)  # run it up to its first await, as Blazor does
                if not task.done():
                    self.render_now()  # and render what it changed so far
                await task
        except Exception as error:
            self.report_error(error)
        self.render_now()

    # Errors --------------------------------------------------------------------------
    def report_error(self, error: BaseException) -> None:
        """Log ``error`` with its traceback and show the error bar; the app goes on."""
        self._report(error)
        try:
            self.dom.show_error(f"{type(error).__name__}: {error}")
        except Exception as failure:  # the page itself is broken; the log has the cause
            self._report(failure)

    def _run_in_background(self, awaitable: Awaitable[Any]) -> None:
        async def run() -> None:
            try:
                await awaitable
            except Exception as error:
                self.report_error(error)

        task = asyncio.ensure_future(run())
        self._background.add(task)
        task.add_done_callback(self._background.discard)


def page_error(
    error: BaseException, heading: str = "This page failed", *, package: str = ""
) -> Child:
    """What a page that failed shows in its place: the error and its traceback, from the
    app's frames on, its files named as in the app folder (``package`` is the app's).

    Examples
    --------
    >>> from jsinterop.components import render_html
    >>> from jsinterop.components._renderer import page_error
    >>> render_html(page_error(ValueError("no data"))).startswith(
    ...     '<div class="jsinterop-page-error" role="alert"><h2>This page failed</h2>')
    True
    """
    frames = error.__traceback__
    while frames is not None and frames.tb_frame.f_globals.get("__name__") == __name__:
        frames = frames.tb_next  # the renderer's own
    text = "".join(traceback.format_exception(type(error), error, frames))
    return h.div(
        h.h2(heading),
        h.p(f"{type(error).__name__}: {error}"),
        h.pre(as_in_app_folder(text, package) if package else text),
        class_="jsinterop-page-error",
        role="alert",
    )


def _overrides(component: Component, name: str) -> bool:
    return getattr(type(component), name) is not getattr(Component, name)


def _takes_an_argument(handler: Callable[..., Any]) -> bool:
    try:
        parameters = inspect.signature(handler).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(
        parameter.kind
        in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD, parameter.VAR_POSITIONAL)
        for parameter in parameters
    )


def _print_traceback(error: BaseException) -> None:
    traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    sys.stderr.flush()
