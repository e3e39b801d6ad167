"""jsinterop.components on CPython: markup escaping, routes, and the renderer's lifecycle,
events and errors against a fake DOM."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest

from jsinterop.components import (
    Child,
    Component,
    EventArgs,
    LayoutComponent,
    Markup,
    NavLink,
    RenderContext,
    Renderer,
    RouteTable,
    bind,
    escape,
    h,
    html,
    page,
    parse_route,
    render_html,
)
from jsinterop.components._builtin_components import NotFound
from jsinterop.components._host import _import_pages, _showing_failures
from jsinterop.components._routing import unquote

# -- markup --------------------------------------------------------------------------------


def test_text_is_escaped_everywhere() -> None:
    attack = "<script>alert('x')</script>"
    assert render_html(h.p(attack)) == "<p>&lt;script&gt;alert('x')&lt;/script&gt;</p>"
    assert render_html(h.a("x", title=attack)) == (
        '<a title="&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;">x</a>'
    )
    assert render_html(html("<b>{}</b>", attack)) == (
        "<b>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</b>"
    )
    assert render_html(html('<a title="{t}">', t='" onmouseover="x')) == (
        '<a title="&quot; onmouseover=&quot;x">'
    )


def test_markup_is_inserted_as_is() -> None:
    assert render_html(h.div(Markup("<b>ok</b>"))) == "<div><b>ok</b></div>"
    assert escape(Markup("<i>")) == "<i>"
    assert render_html(html("{x}", x=Markup("<hr>"))) == "<hr>"


def test_script_urls_are_blocked_unless_marked_as_markup() -> None:
    assert render_html(h.a("x", href="javascript:alert(1)")) == (
        '<a href="about:blank#blocked">x</a>'
    )
    assert render_html(h.a("x", href=" JavaScript:alert(1)")) == (
        '<a href="about:blank#blocked">x</a>'
    )
    assert render_html(h.img(src="data:image/png;base64,AA==")) == (
        '<img src="data:image/png;base64,AA==">'
    )
    assert render_html(h.a("x", href="items/1?a=b&c=d")) == '<a href="items/1?a=b&amp;c=d">x</a>'


def test_attribute_names() -> None:
    assert render_html(h.label("x", for_="a", class_="b", data_item_id=3, aria_hidden=True)) == (
        '<label for="a" class="b" data-item-id="3" aria-hidden>x</label>'
    )
    assert render_html(h.input(disabled=False, value=None)) == "<input>"
    with pytest.raises(ValueError) as caught:
        h.div(onclick="alert(1)")
    assert str(caught.value) == (
        "'onclick' is not an attribute jsinterop writes "
        "(inline on* handlers are refused; use on_<event>=callable)"
    )
    with pytest.raises(ValueError) as caught:
        h("scr ipt")
    assert str(caught.value) == "'scr ipt' is not an HTML tag name"
    with pytest.raises(ValueError) as caught:
        h.br("text")
    assert str(caught.value) == "<br> is a void element: it cannot have children"


def test_children_kinds() -> None:
    assert render_html(h.ul([h.li(i) for i in range(2)], None, False, 1.5)) == (
        "<ul><li>0</li><li>1</li>1.5</ul>"
    )
    with pytest.raises(TypeError) as caught:
        render_html(h.p(object()))
    assert str(caught.value) == ("cannot render a object as markup; pass str(value) or a node")


def test_handlers_are_numbered_in_render_order() -> None:
    context = RenderContext()
    first, second = (lambda: None), (lambda event: None)
    output = render_html([h.button(on_click=first), h.input(on_input=second)], context)
    assert output == '<button data-jsi-on-click="0"></button><input data-jsi-on-input="1">'
    assert context.handlers == {"0": first, "1": second}
    with pytest.raises(TypeError) as caught:
        render_html(h.button(on_click="alert(1)"))
    assert (
        str(caught.value) == "<button on_click=...> must be a callable (an event handler), got str"
    )


def test_prevent_default_lists_the_events_the_page_prevents() -> None:
    def handler() -> None:
        pass

    assert render_html(h.form(on_submit=handler, on_keydown=handler, prevent_default=True)) == (
        '<form data-jsi-on-submit="0" data-jsi-on-keydown="1" data-jsi-prevent="keydown submit">'
        "</form>"
    )
    assert render_html(h.input(prevent_default="KeyDown")) == '<input data-jsi-prevent="keydown">'
    assert render_html(h.a(on_click=handler, prevent_default=["click", "dblclick"])) == (
        '<a data-jsi-on-click="0" data-jsi-prevent="click dblclick"></a>'
    )
    assert render_html(h.a(on_click=handler, prevent_default=False)) == (
        '<a data-jsi-on-click="0"></a>'
    )


def test_prevent_default_refuses_what_names_no_handled_event() -> None:
    with pytest.raises(ValueError) as caught:
        h.div(prevent_default="scroll")
    assert str(caught.value) == (
        "h.div(): prevent_default names 'scroll', no event the component host handles "
        "(one of: change, click, dblclick, focusin, focusout, input, keydown, keyup, submit)"
    )
    with pytest.raises(TypeError) as type_error:
        h.div(prevent_default=1)
    assert str(type_error.value) == (
        "h.div(): prevent_default must be True, an event name or a list of them, got int"
    )
    with pytest.raises(ValueError) as no_handler:
        render_html(h.a("x", prevent_default=True))
    assert str(no_handler.value) == (
        "h.a(): prevent_default=True prevents the events the element has handlers for, and it "
        'has none: bind one (on_click=...) or name the events (prevent_default="keydown")'
    )


# -- routes --------------------------------------------------------------------------------


def test_route_parameters_and_constraints() -> None:
    route = parse_route("/items/{id:int}/{name}")
    assert route.match("/items/3/caf%C3%A9") == {"id": 3, "name": "café"}
    assert route.match("/items/x/y") is None
    assert route.match("/items/3") is None
    assert route.match("/ITEMS/3/y/") == {"id": 3, "name": "y"}
    assert parse_route("/a/{on:bool}").match("/a/TRUE") == {"on": True}
    assert parse_route("/p/{x:float}").match("/p/1.5") == {"x": 1.5}
    assert parse_route("/opt/{page?}").match("/opt") == {}
    assert str(parse_route("/g/{id:guid}").match("/g/12345678-1234-5678-1234-567812345678")["id"])
    assert unquote("%E2%9C%93%20ok") == "✓ ok"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("items", "route template 'items' must start with '/'"),
        (
            "/a/{x:decimal}",
            "route template '/a/{x:decimal}': unknown constraint 'decimal' "
            "(known: bool, float, guid, int, str)",
        ),
        ("/a/{*rest}/b", "route template '/a/{*rest}/b': '{*rest}' may only be the last segment"),
        ("/a/{x}/{x}", "route template '/a/{x}/{x}': parameter 'x' appears twice"),
        ("/a/b{x}", "route template '/a/b{x}': bad segment 'b{x}'"),
    ],
)
def test_bad_route_templates(template: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_route(template)
    assert str(caught.value) == message


def test_literal_segments_win_over_parameters() -> None:
    table = RouteTable(
        [
            parse_route("/items/{name}", "by name"),
            parse_route("/items/{id:int}", "by id"),
            parse_route("/items/new", "new"),
            parse_route("/items", "list"),
            parse_route("/{*rest}", "catch-all"),
        ]
    )
    targets = {
        path: (found.route.target if (found := table.match(path)) else None)
        for path in ("/items/new", "/items/7", "/items/seven", "/items", "/other/x")
    }
    assert targets == {
        "/items/new": "new",
        "/items/7": "by id",
        "/items/seven": "by name",
        "/items": "list",
        "/other/x": "catch-all",
    }
    with pytest.raises(ValueError) as caught:
        table.add(parse_route("/Items/New", "other"))
    assert str(caught.value) == "route '/Items/New' is claimed twice: by 'new' and by 'other'"


# -- renderer ------------------------------------------------------------------------------


class FakeDom:
    def __init__(self) -> None:
        self.patches: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.renderer: Renderer | None = None
        self.navigations: list[tuple[str, bool]] = []

    def patch(self, html: str, title: str) -> None:
        self.patches.append((html, title))

    def navigate_to(self, url: str, replace: bool) -> None:
        self.navigations.append((url, replace))

    def show_error(self, message: str) -> None:
        self.errors.append(message)

    @property
    def html(self) -> str:
        return self.patches[-1][0]


log: list[str] = []


@page("/life")
class Life(Component):
    title = "Life"
    text = "loading"

    def on_initialized(self) -> None:
        log.append("on_initialized")

    async def on_initialized_async(self) -> None:
        log.append("on_initialized_async")
        await asyncio.sleep(0.01)
        self.text = "ready"

    def on_parameters_set(self) -> None:
        log.append("on_parameters_set")

    def on_after_render(self, first_render: bool) -> None:
        log.append(f"on_after_render({first_render})")

    async def on_after_render_async(self, first_render: bool) -> None:
        log.append(f"on_after_render_async({first_render})")

    def dispose(self) -> None:
        log.append("dispose")

    def render(self) -> Child:
        log.append(f"render {self.text}")
        return h.p(self.text)


@page("/items/{id:int}")
class Item(Component):
    id: int
    initialized = 0

    def on_initialized(self) -> None:
        self.initialized += 1

    def render(self) -> Child:
        return h.p(f"item {self.id}, initialized {self.initialized}")


@page("/counter")
class Counter(Component):
    count = 0
    seen: ClassVar[list[EventArgs]] = []

    def increment(self) -> None:
        self.count += 1

    def typed(self, event: EventArgs) -> None:
        self.seen.append(event)

    async def slow(self) -> None:
        self.count += 10
        await asyncio.sleep(0.01)
        self.count += 100

    def fail(self) -> None:
        raise RuntimeError("boom in a handler")

    def render(self) -> Child:
        return [
            h.p(f"count {self.count}"),
            h.button("+1", on_click=self.increment),
            h.input(on_input=self.typed),
            h.button("slow", on_click=self.slow),
            h.button("fail", on_click=self.fail),
        ]


@page("/broken")
class Broken(Component):
    def on_initialized(self) -> None:
        raise ValueError("boom in on_initialized")


class Layout(LayoutComponent):
    title = "App"

    def render(self) -> Child:
        return h.div(h.nav("menu"), h.main(self.body))


def make_renderer(
    *pages: type[Component], layout: type[LayoutComponent] | None = None
) -> tuple[Renderer, FakeDom, list[BaseException]]:
    dom = FakeDom()
    reported: list[BaseException] = []
    routes = RouteTable(route for cls in pages for route in cls.routes)
    renderer = Renderer(
        dom, routes, base_uri="http://x/app/", layout=layout, report=reported.append
    )
    return renderer, dom, reported


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def test_the_lifecycle_runs_in_blazors_order() -> None:
    renderer, dom, reported = make_renderer(Life)
    log.clear()

    async def scenario() -> None:
        await renderer.location_changed("http://x/app/life")
        await asyncio.sleep(0)
        renderer.page.state_has_changed()  # type: ignore[union-attr]
        renderer.page.state_has_changed()  # type: ignore[union-attr]
        await asyncio.sleep(0.01)

    run(scenario())
    assert log == [
        "on_initialized",
        "on_initialized_async",
        "render loading",  # rendered while on_initialized_async awaited
        "on_parameters_set",
        "render ready",
        "on_after_render(True)",  # only once initialized (see Component's docstring)
        "on_after_render_async(True)",
        "render ready",  # two state_has_changed calls, one render
        "on_after_render(False)",
        "on_after_render_async(False)",
    ]
    assert dom.patches == [
        ("<p>loading</p>", "Life"),
        ("<p>ready</p>", "Life"),
        ("<p>ready</p>", "Life"),
    ]
    assert reported == []


def test_route_parameters_reuse_the_page_and_leaving_disposes_it() -> None:
    renderer, dom, _ = make_renderer(Item, Life)
    log.clear()

    async def scenario() -> None:
        await renderer.location_changed("http://x/app/items/1")
        first = renderer.page
        await renderer.location_changed("http://x/app/items/2?q=1#top")
        assert renderer.page is first
        await renderer.location_changed("http://x/app/life")
        await renderer.location_changed("http://x/app/items/3")

    run(scenario())
    assert [patch for patch, _ in dom.patches if "item" in patch] == [
        "<p>item 1, initialized 1</p>",
        "<p>item 2, initialized 1</p>",
        "<p>item 3, initialized 1</p>",
    ]
    assert "dispose" in log


def test_unknown_addresses_show_not_found_inside_the_layout() -> None:
    renderer, dom, _ = make_renderer(Item, layout=Layout)
    run(renderer.location_changed("http://x/app/items/x"))
    assert dom.patches[-1] == (
        "<div><nav>menu</nav><main><h1>Not found</h1>"
        '<p role="alert">Sorry, there\'s nothing at this address.</p></main></div>',
        "Not found",
    )
    run(renderer.location_changed("http://x/app"))
    assert "Not found" in dom.html


def test_events_call_the_handler_and_render() -> None:
    renderer, dom, reported = make_renderer(Counter)

    async def scenario() -> None:
        await renderer.location_changed("http://x/app/counter")
        assert dom.html.startswith("<p>count 0</p>")
        await renderer.dispatch_event("0", EventArgs("click"))
        assert dom.html.startswith("<p>count 1</p>")
        await renderer.dispatch_event("1", EventArgs.from_json('{"type":"input","value":"hi"}'))
        await renderer.dispatch_event("2", EventArgs("click"))
        await renderer.dispatch_event("99", EventArgs("click"))  # stale: ignored

    run(scenario())
    assert [html.split("</p>")[0] for html, _ in dom.patches] == [
        "<p>count 0",
        "<p>count 1",
        "<p>count 1",
        "<p>count 11",  # an async handler renders at its first await
        "<p>count 111",
    ]
    assert Counter.seen[-1] == EventArgs("input", value="hi")
    assert reported == []


def test_errors_show_the_error_bar_and_the_app_goes_on() -> None:
    renderer, dom, reported = make_renderer(Counter, Broken)

    async def scenario() -> None:
        await renderer.location_changed("http://x/app/counter")
        await renderer.dispatch_event("3", EventArgs("click"))
        await renderer.dispatch_event("0", EventArgs("click"))
        await renderer.location_changed("http://x/app/broken")
        await renderer.location_changed("http://x/app/counter")

    run(scenario())
    assert dom.errors == [
        "RuntimeError: boom in a handler",
        "ValueError: boom in on_initialized",
    ]
    assert [type(error) for error in reported] == [RuntimeError, ValueError]
    # After the failing handler the page still worked; after the broken page, a new one.
    assert "<p>count 1</p>" in [html.split("<button")[0] for html, _ in dom.patches]
    assert dom.html.startswith("<p>count 0</p>")


def test_navigation_manager() -> None:
    renderer, dom, _ = make_renderer(Counter)
    run(renderer.location_changed("http://x/app/counter?x=1"))
    navigation = renderer.page.navigation  # type: ignore[union-attr]
    assert navigation.uri == "http://x/app/counter?x=1"
    assert navigation.to_base_relative_path(navigation.uri) == "counter"
    navigation.navigate_to("items/1", replace=True)
    assert dom.navigations == [("items/1", True)]


def test_page_goes_on_components_only() -> None:
    with pytest.raises(TypeError) as caught:
        page("/x")(int)  # type: ignore[type-var]
    assert str(caught.value) == "@page('/x') goes on a Component subclass, got <class 'int'>"


# -- child components ------------------------------------------------------------------


class Step(Component):
    step: int
    on_total: Any
    count = 0

    def on_parameters_set(self) -> None:
        log.append(f"step {self.step} set")

    def add(self) -> None:
        self.count += self.step
        self.on_total(self.step)

    def dispose(self) -> None:
        log.append(f"step {self.step} disposed")

    def render(self) -> Child:
        return h.button(f"+{self.step} ({self.count})", on_click=self.add)


@page("/steps")
class Steps(Component):
    total = 0
    show_second = True
    big = 10

    def added(self, amount: int) -> None:
        self.total += amount

    def render(self) -> Child:
        return [
            h.p(f"total {self.total}"),
            h.component(Step, step=1, on_total=self.added),
            self.show_second and h.component(Step, step=self.big, on_total=self.added),
        ]


def test_child_components_keep_their_state_get_parameters_and_are_disposed() -> None:
    renderer, dom, reported = make_renderer(Steps)
    log.clear()

    async def scenario() -> None:
        await renderer.location_changed("http://x/app/steps")
        await renderer.dispatch_event("0", EventArgs("click"))
        await renderer.dispatch_event("1", EventArgs("click"))
        await renderer.dispatch_event("1", EventArgs("click"))
        steps = renderer.page
        assert isinstance(steps, Steps)
        steps.big = 100  # a new parameter value: the same child, on_parameters_set again
        renderer.render_now()
        steps.show_second = False
        renderer.render_now()

    run(scenario())
    assert [html for html, _ in dom.patches] == [
        '<p>total 0</p><button data-jsi-on-click="0">+1 (0)</button>'
        '<button data-jsi-on-click="1">+10 (0)</button>',
        '<p>total 1</p><button data-jsi-on-click="0">+1 (1)</button>'
        '<button data-jsi-on-click="1">+10 (0)</button>',
        '<p>total 11</p><button data-jsi-on-click="0">+1 (1)</button>'
        '<button data-jsi-on-click="1">+10 (10)</button>',
        '<p>total 21</p><button data-jsi-on-click="0">+1 (1)</button>'
        '<button data-jsi-on-click="1">+10 (20)</button>',
        '<p>total 21</p><button data-jsi-on-click="0">+1 (1)</button>'
        '<button data-jsi-on-click="1">+100 (20)</button>',
        '<p>total 21</p><button data-jsi-on-click="0">+1 (1)</button>',
    ]
    assert log == ["step 1 set", "step 10 set", "step 100 set", "step 100 disposed"]
    assert reported == []


def test_a_child_component_outside_an_app_is_an_error() -> None:
    with pytest.raises(TypeError) as caught:
        render_html(h.component(Step, step=1, on_total=print))
    assert str(caught.value) == "Step: a child component renders only inside a running app"


class NavLayout(LayoutComponent):
    def render(self) -> Child:
        return [
            h.component(NavLink, href="", content="Home"),
            h.component(NavLink, href="items/1", content="One"),
            h.component(NavLink, href="items", content="Items", match="prefix"),
            self.body,
        ]


def test_nav_links_are_active_on_their_page() -> None:
    renderer, dom, _ = make_renderer(Item, layout=NavLayout)
    run(renderer.location_changed("http://x/app/items/1"))
    assert dom.html.split("<p>")[0] == (
        '<a href="./" class="nav-link">Home</a>'
        '<a href="items/1" class="nav-link active">One</a>'
        '<a href="items" class="nav-link active">Items</a>'
    )
    run(renderer.location_changed("http://x/app/"))
    assert dom.html.split("<h1>")[0] == (
        '<a href="./" class="nav-link active">Home</a>'
        '<a href="items/1" class="nav-link">One</a>'
        '<a href="items" class="nav-link">Items</a>'
    )


def test_bind_reads_and_writes_the_attribute_in_its_type() -> None:
    class Form(Component):
        name = "Ann"
        age = 30
        ratio = 0.5
        subscribed = False

    form = Form()
    assert render_html(h.input(**bind(form, "name", event="input"))).startswith(
        '<input value="Ann" data-jsi-on-input="0">'
    )
    bind(form, "name")["on_change"](EventArgs("change", value="Bo"))
    bind(form, "age")["on_change"](EventArgs("change", value="31"))
    bind(form, "age")["on_change"](EventArgs("change", value="thirty"))  # ignored
    bind(form, "ratio")["on_change"](EventArgs("change", value="0.25"))
    checkbox = bind(form, "subscribed")
    assert checkbox["checked"] is False
    checkbox["on_change"](EventArgs("change", checked=True))
    assert (form.name, form.age, form.ratio, form.subscribed) == ("Bo", 31, 0.25, True)


def test_query_parameters() -> None:
    renderer, _, _ = make_renderer(Counter)
    run(renderer.location_changed("http://x/app/counter?q=caf%C3%A9+au+lait&n=1&n=2#top"))
    assert renderer.navigation.query == {"q": "café au lait", "n": "2"}


@page("/render-fails")
class RenderFails(Component):
    def render(self) -> Child:
        raise KeyError("no such row")


def test_a_page_whose_render_raises_shows_the_error_inside_the_layout() -> None:
    renderer, dom, reported = make_renderer(Counter, RenderFails, layout=Layout)
    run(renderer.location_changed("http://x/app/render-fails"))
    assert dom.errors == ["KeyError: 'no such row'"]
    assert [type(error) for error in reported] == [KeyError]
    shown = dom.html
    assert shown.startswith('<div><nav>menu</nav><main><div class="jsinterop-page-error" role')
    assert "<h2>This page failed</h2><p>KeyError: 'no such row'</p><pre>Traceback" in shown
    assert 'raise KeyError("no such row")' in shown
    run(renderer.location_changed("http://x/app/counter"))  # the layout's links still work
    assert dom.html.startswith("<div><nav>menu</nav><main><p>count 0</p>")


def test_a_page_module_that_fails_to_import_leaves_the_others(tmp_path: Path) -> None:
    pages = tmp_path / "failing_pages"
    pages.mkdir()
    (pages / "__init__.py").write_text("")
    (pages / "good.py").write_text("GOOD = True\n")
    (pages / "bad.py").write_text("raise ImportError('a missing dependency')\n")
    sys.path.insert(0, str(tmp_path))
    try:
        failures = _import_pages(["failing_pages"])
    finally:
        sys.path.remove(str(tmp_path))
    assert [(name, str(error)) for name, error in failures] == [
        ("failing_pages.bad", "a missing dependency")
    ]
    assert sys.modules["failing_pages.good"].GOOD is True
    shown = render_html(_showing_failures(NotFound, failures)().render())
    assert shown.startswith("<h1>Not found</h1>")
    assert (
        "<h2>failing_pages.bad failed to import</h2><p>ImportError: a missing dependency</p>"
        in (shown)
    )
