# mypy: disable-error-code="empty-body"
# (the @js_import stubs below have '...' as their body: the JS function is the body)
"""The browser side of the renderer: stubs into ``_framework/components.mjs`` and the
exports it calls back (events, navigation). Everything goes through ``@js_import`` and
``@js_export``, like an app's own interop."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from types import ModuleType

from jsinterop._exports import js_export
from jsinterop._host import JSHost
from jsinterop._imports import js_import
from jsinterop.components._builtin_components import NotFound
from jsinterop.components._component import Component, EventArgs, LayoutComponent, registered_pages
from jsinterop.components._hot_reload import follow
from jsinterop.components._markup import Child
from jsinterop.components._renderer import Renderer, page_error
from jsinterop.components._routing import RouteTable

__all__ = ["MODULE_NAME", "MODULE_URL", "current_renderer", "run_app"]

MODULE_NAME = "jsinterop.components"
MODULE_URL = "./_framework/components.mjs"
"""Where ``jsinterop build`` puts the JS half (beside ``morphdom.mjs``, which it uses)."""

_renderer: Renderer | None = None


@js_import("start", MODULE_NAME)
def _start(root_selector: str) -> str: ...


@js_import("patch", MODULE_NAME)
def _patch(html: str, title: str) -> None: ...


@js_import("navigateTo", MODULE_NAME)
def _navigate_to(url: str, replace: bool) -> None: ...


@js_import("showError", MODULE_NAME)
def _show_error(message: str) -> None: ...


@js_import("baseUri", MODULE_NAME)
def _base_uri() -> str: ...


class _BrowserDom:
    def patch(self, html: str, title: str) -> None:
        _patch(html, title)

    def navigate_to(self, url: str, replace: bool) -> None:
        _navigate_to(url, replace)

    def show_error(self, message: str) -> None:
        _show_error(message)


def current_renderer() -> Renderer:
    """The renderer :func:`run_app` started.

    Examples
    --------
    In Pyodide, in the browser, after ``await run_app(...)``::

        >>> current_renderer().page
        <sample.pages.index.Index object at ...>
    """
    if _renderer is None:
        raise RuntimeError("no components app is running; call await run_app(...) first")
    return _renderer


async def run_app(
    root_selector: str = "#app",
    *,
    pages: str | Iterable[str] = (),
    layout: type[LayoutComponent] | None = None,
    not_found: type[Component] = NotFound,
) -> Renderer:
    """Start the component app in the element ``root_selector`` and show the current URL.

    Parameters
    ----------
    root_selector : str, optional
        The CSS selector of the element the app renders into (``#app``).
    pages : str or Iterable[str], optional
        Packages or modules whose ``@page`` components to import (with their submodules)
        before routing; pages imported by other means count too.
    layout : type[LayoutComponent], optional
        The layout around every page.
    not_found : type[Component], optional
        The page for URLs no route matches.

    Returns
    -------
    Renderer
        The renderer; the app keeps running after this returns (links, back and forward,
        events).

    Examples
    --------
    In Pyodide, in ``main`` of a components app::

        >>> await run_app("#app", pages="sample.pages", layout=MainLayout)
    """
    global _renderer
    failures = _import_pages([pages] if isinstance(pages, str) else pages)
    # It patches the DOM: on the page, also when Python runs in a worker.
    await JSHost.import_async(MODULE_NAME, MODULE_URL, on_page=True)
    renderer = Renderer(
        _BrowserDom(),
        RouteTable(registered_pages()),
        base_uri=_base_uri(),
        layout=layout,
        not_found=_showing_failures(not_found, failures) if failures else not_found,
    )
    _renderer = renderer
    follow(renderer)  # a hot reload (jsinterop serve) renders it again
    start_url = _start(root_selector)
    for _, error in failures:
        renderer.report_error(error)
    await renderer.location_changed(start_url)
    return renderer


def _import_pages(names: Iterable[str]) -> list[tuple[str, BaseException]]:
    """Import the page modules ``names`` and their submodules, each on its own: a module
    that fails is returned with its exception, and the others are imported all the same."""
    import pkgutil

    failures: list[tuple[str, BaseException]] = []

    def attempt(name: str) -> ModuleType | None:
        try:
            return importlib.import_module(name)
        except Exception as error:
            failures.append((name, error))
            return None

    for name in names:
        module = attempt(name)
        path = getattr(module, "__path__", None)
        if path is None:
            continue
        for info in pkgutil.walk_packages(path, prefix=f"{name}.", onerror=lambda _: None):
            if info.name not in sys.modules and not any(n == info.name for n, _ in failures):
                attempt(info.name)
    return failures


def _showing_failures(
    not_found: type[Component], failures: list[tuple[str, BaseException]]
) -> type[Component]:
    """``not_found`` followed by the pages that failed to import: their routes are unknown,
    so any address no page matches, theirs included, shows why."""

    class PagesFailedToImport(not_found):  # type: ignore[valid-type,misc]
        def render(self) -> Child:
            errors = [
                page_error(error, f"{name} failed to import", package=name.partition(".")[0])
                for name, error in failures
            ]
            return [super().render(), *errors]

    return PagesFailedToImport


@js_export
async def dispatch_event(handler_id: str, event_json: str) -> None:
    """Called by ``components.mjs`` for an event on an element with a handler."""
    await current_renderer().dispatch_event(handler_id, EventArgs.from_json(event_json))


@js_export
async def location_changed(uri: str) -> None:
    """Called by ``components.mjs`` after a link click, ``navigateTo``, back or forward."""
    await current_renderer().location_changed(uri)
