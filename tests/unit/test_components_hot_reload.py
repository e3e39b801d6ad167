"""Hot reload of a running components app on CPython: modules of a real package are
imported again by ``jsinterop._reload`` and the renderer (with a fake DOM) follows."""

from __future__ import annotations

import asyncio
import importlib
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jsinterop import _exports, _reload
from jsinterop.components import Component, EventArgs, RouteTable, _component, _hot_reload
from jsinterop.components._renderer import Renderer
from tests.unit.test_components import FakeDom

_numbers = itertools.count()

COUNTER = """\
from jsinterop.components import Component, h, page
from {package}.parts import Badge

@page("/{route}")
class Counter(Component):
    title = "Counter"
    count = 0
    {extra_field}

    def increment(self) -> None:
        self.count += 1

    def dispose(self) -> None:
        DISPOSED.append(self)

    def render(self):
        return [
            h.p({label}),
            h.button("+1", on_click=self.increment),
            h.component(Badge, key="badge"),
        ]

DISPOSED = []
"""
PARTS = """\
from jsinterop.components import Component, h

class Badge(Component):
    clicks = 0
    {extra_field}

    def click(self) -> None:
        self.clicks += 1

    def render(self):
        return h.span({label}, on_click=self.click)
"""
LAYOUT = """\
from jsinterop.components import LayoutComponent, h

class Layout(LayoutComponent):
    def render(self):
        return h.div(h.nav({menu}), h.main(self.body))
"""


class App:
    """A components package under ``root``: a counter page, a badge, a layout."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.package = f"hot_ui_{next(_numbers)}"
        self.route = f"{self.package}-counter"
        self.write("__init__.py", "")
        self.write("parts.py", self.parts())
        self.write("counter.py", self.counter())
        self.write("layout.py", LAYOUT.format(menu='"menu"'))

    def counter(self, label: str = 'f"count {self.count}"', extra_field: str = "") -> str:
        return COUNTER.format(
            package=self.package, route=self.route, label=label, extra_field=extra_field
        )

    def parts(self, label: str = 'f"badge {self.clicks}"', extra_field: str = "") -> str:
        return PARTS.format(label=label, extra_field=extra_field)

    def write(self, name: str, source: str) -> None:
        path = self.root / self.package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)

    def module(self, name: str) -> Any:
        return sys.modules[f"{self.package}.{name}"]

    def apply(self, files: dict[str, str | None]) -> _reload.ReloadResult:
        named = {f"{self.package}/{name}": source for name, source in files.items()}
        return _reload.apply_changes(str(self.root), named)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    made = App(tmp_path)
    pages, _component._pages = _component._pages, []  # only this app's pages, as in an app
    sys.path.insert(0, str(tmp_path))
    try:
        yield made
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name.split(".")[0] == made.package]:
            del sys.modules[name]
        _component._pages = pages
        _exports.forget_exports_under(made.package)
        for listener in _hot_reload._followed:
            _reload.remove_listener(listener)
        _reload.remove_state(_hot_reload._keep_pages)
        _reload._pending.clear()


async def started(app: App) -> tuple[Renderer, FakeDom]:
    counter = importlib.import_module(f"{app.package}.counter")
    layout = importlib.import_module(f"{app.package}.layout")
    dom = FakeDom()
    renderer = Renderer(
        dom,
        RouteTable(counter.Counter.routes),
        base_uri="http://x/",
        layout=layout.Layout,
        report=lambda error: None,
    )
    _hot_reload.follow(renderer)
    await renderer.location_changed(f"http://x/{app.route}")
    return renderer, dom


async def click(renderer: Renderer, method: str) -> None:
    found = next(
        handler_id
        for handler_id, handler in renderer.handlers.items()
        if getattr(handler, "__name__", "") == method
    )
    await renderer.dispatch_event(found, EventArgs("click"))


def test_fields_of_leave_out_methods_and_jsinteropss_own_attributes() -> None:
    class Page(Component):
        title = "x"
        count = 0
        name: str

        def render(self) -> None: ...

        @property
        def double(self) -> int:
            return self.count * 2

    assert _hot_reload.fields_of(Page) == {"title", "count", "name"}


def test_an_edit_of_render_keeps_the_state_of_the_page_and_its_children(app: App) -> None:
    async def scenario() -> None:
        renderer, dom = await started(app)
        page, badge = renderer.page, next(iter(renderer.page._children.values()))
        await click(renderer, "increment")
        await click(renderer, "increment")
        await click(renderer, "click")
        assert "count 2" in dom.html and "badge 1" in dom.html

        result = app.apply(
            {
                "counter.py": app.counter(label='f"Count: {self.count}"'),
                "parts.py": app.parts(label='f"Badge: {self.clicks}"'),
            }
        )

        assert result.error is None
        assert result.reloaded == (f"{app.package}.parts", f"{app.package}.counter")
        assert "Count: 2" in dom.html and "Badge: 1" in dom.html
        assert renderer.page is page and type(page) is app.module("counter").Counter
        assert list(page._children.values()) == [badge]
        assert type(badge) is app.module("parts").Badge
        assert app.module("counter").DISPOSED == []
        await click(renderer, "increment")  # the handlers of the new render work
        assert "Count: 3" in dom.html

    asyncio.run(scenario())


def test_a_class_with_other_fields_is_made_anew(app: App) -> None:
    async def scenario() -> None:
        renderer, dom = await started(app)
        old_page = renderer.page
        await click(renderer, "increment")
        await click(renderer, "click")

        app.apply({"parts.py": app.parts(extra_field="color = 'red'")})
        assert "count 1" in dom.html and "badge 0" in dom.html  # the badge only is new
        assert renderer.page is old_page

        old_disposed = app.module("counter").DISPOSED
        app.apply({"counter.py": app.counter(extra_field="step = 1")})
        await asyncio.sleep(0.01)  # the new page goes through its lifecycle
        assert renderer.page is not old_page
        assert old_disposed == [old_page]
        assert "count 0" in dom.html

    asyncio.run(scenario())


def test_the_layout_follows_its_module(app: App) -> None:
    async def scenario() -> None:
        renderer, dom = await started(app)
        layout = renderer.layout
        app.apply({"layout.py": LAYOUT.format(menu='"new menu"')})
        assert "new menu" in dom.html and renderer.layout is layout

    asyncio.run(scenario())


def test_a_page_whose_route_is_gone_gives_way_to_not_found(app: App) -> None:
    async def scenario() -> None:
        renderer, dom = await started(app)
        moved = app.counter().replace(f'@page("/{app.route}")', f'@page("/{app.route}-moved")')
        app.apply({"counter.py": moved})
        await asyncio.sleep(0.01)
        assert "Sorry, there" in dom.html
        routes = [route.template for route in renderer.routes.routes]
        assert f"/{app.route}-moved" in routes and f"/{app.route}" not in routes

    asyncio.run(scenario())


def test_a_failed_reload_keeps_the_routes_and_the_page(app: App) -> None:
    async def scenario() -> None:
        _, dom = await started(app)
        routes_before = list(_component._pages)
        patches = len(dom.patches)
        failing = app.counter() + "raise RuntimeError('at import')\n"
        result = app.apply({"counter.py": failing})
        assert result.error is not None and "RuntimeError: at import" in result.error
        assert _component._pages == routes_before
        assert len(dom.patches) == patches  # nothing rendered

    asyncio.run(scenario())


def test_callables_js_holds_for_replaced_components_are_released(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    released: list[Any] = []

    async def scenario() -> None:
        renderer, _ = await started(app)
        page = renderer.page
        badge = next(iter(page._children.values()))
        held = [
            _Held(page.increment),  # the page stays
            _Held(badge.click),  # the badge is made anew
            _Held(lambda: badge.clicks),  # a closure over it
        ]
        monkeypatch.setattr(_hot_reload._bridge, "IN_PYODIDE", True)
        monkeypatch.setattr(_hot_reload._handles, "held_by_js", lambda: held)
        monkeypatch.setattr(_hot_reload._handles, "release", released.append)
        app.apply({"parts.py": app.parts(extra_field="color = 'red'")})
        assert released == [held[1].value, held[2].value]

    asyncio.run(scenario())


class _Held:
    kind = "callable"

    def __init__(self, value: Any) -> None:
        self.value = value
