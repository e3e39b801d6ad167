"""The attribute-and-URL policy on CPython: each class of hole, through ``h`` and ``html()``,
with the exact messages of what is refused."""

from __future__ import annotations

import asyncio
import re
from html.entities import html5
from pathlib import Path
from typing import Any

import pytest

import jsinterop.components
from jsinterop.components import (
    Child,
    Component,
    Element,
    Markup,
    Renderer,
    RouteTable,
    h,
    html,
    page,
    render_html,
)
from jsinterop.components._policy import (
    _ASCII_REFERENCES,
    EVENTS,
    decode_attribute,
    srcset_urls,
    url_is_safe,
    url_scheme,
)

BLOCKED = "about:blank#blocked"


def link(url: str) -> str:
    """The href ``h`` writes for ``url``, unescaped."""
    found = re.fullmatch(r'<a href="([^"]*)">x</a>', render_html(h.a("x", href=url)))
    assert found, url
    return found.group(1)


def template_link(url: str) -> str:
    found = re.fullmatch(
        r'<a href="([^"]*)">x</a>', render_html(html('<a href="{u}">x</a>', u=url))
    )
    assert found, url
    return found.group(1)


# -- URLs ----------------------------------------------------------------------------------

SCRIPT_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "\njavascript:alert(1)",
    "\rjavascript:alert(1)",
    "\x01javascript:alert(1)",
    "\x0ejavascript:alert(1)",
    "\x00javascript:alert(1)",
    " \x1f\x0b\x0c javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "j\ta\nv\ra\tscript:alert(1)",
    "javascript\t:alert(1)",
    "javascript:alert(1)  \x00",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "DATA:image/png;base64,AA==",  # fine as an image, not as a link
    "feed:javascript:alert(1)",
    "livescript:alert(1)",
    "blob:http://localhost/1",
    "file:///etc/passwd",
    "c:/windows",
]

SAFE_URLS = [
    "https://example.com/a?b=c#d",
    "http://example.com",
    "HTTPS://EXAMPLE.COM",
    "mailto:ann@example.com",
    "tel:+1-555-0100",
    "//example.com/path",
    "items/1?a=b:c",
    "./counter",
    "#top",
    "?page=2",
    "",
    "java script:alert(1)",  # a space is no scheme character: a relative URL
    "\u00a0javascript:alert(1)",  # the URL parser strips C0 and space only: relative
    "&#106;avascript:alert(1)",  # data is escaped: the browser reads the text as written
    "javascript&colon;alert(1)",
]


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_script_urls_are_blocked_in_h_and_in_templates(url: str) -> None:
    assert link(url) == BLOCKED
    assert template_link(url) == BLOCKED


@pytest.mark.parametrize("url", SAFE_URLS)
def test_safe_urls_are_written_as_they_are(url: str) -> None:
    escaped = url.replace("&", "&amp;").replace("\u00a0", "\u00a0")
    assert link(url) == escaped
    assert template_link(url) == escaped


def test_the_scheme_is_read_as_the_url_parser_reads_it() -> None:
    assert url_scheme(" \x01\x02Java\tScr\nipt:x") == "javascript"
    assert url_scheme("javascript :x") is None
    assert url_scheme("1http:x") is None
    assert url_scheme("web+app:x") == "web+app"


@pytest.mark.parametrize(
    "key",
    ["HREF", "Href", "hReF"],
)
def test_attribute_names_are_compared_in_lower_case(key: str) -> None:
    assert render_html(h.a("x", **{key: "javascript:alert(1)"})) == (
        f'<a {key}="about:blank#blocked">x</a>'
    )


@pytest.mark.parametrize(
    ("tag", "key"),
    [
        ("iframe", "Src"),
        ("iframe", "SRC"),
        ("button", "FORMACTION"),
        ("a", "XLINK:HREF"),
        ("a", "xlink:href"),
        ("form", "Action"),
        ("object", "DATA"),
        ("embed", "src"),
        ("video", "poster"),
        ("blockquote", "cite"),
        ("object", "codebase"),
        ("img", "longdesc"),
        ("img", "lowsrc"),
        ("img", "dynsrc"),
        ("table", "background"),
        ("html", "manifest"),
        ("menuitem", "icon"),
        ("svg", "xml:base"),
        ("object", "classid"),
        ("img", "usemap"),
    ],
)
def test_every_url_attribute_is_checked(tag: str, key: str) -> None:
    assert f'{key}="about:blank#blocked"' in render_html(h(tag, **{key: "javascript:alert(1)"}))
    assert f'{key}="about:blank#blocked"' in render_html(
        html(f'<{tag} {key}="{{v}}"></{tag}>', v="java\tscript:alert(1)")
    )


def test_url_lists_and_srcset_candidates_are_checked_one_by_one() -> None:
    assert list(srcset_urls(" a.png 1x, b.png,  c.png (1, 2) 2x , d.png")) == [
        "a.png",
        "b.png",
        "c.png",
        "d.png",
    ]
    # A URL is whatever runs to the next whitespace, commas inside included (HTML's rule).
    assert list(srcset_urls("a.png 1x,b.png,,c.png")) == ["a.png", "b.png,,c.png"]
    assert render_html(h.img(srcset="a.png 1x, b.png 2x")) == '<img srcset="a.png 1x, b.png 2x">'
    assert render_html(h.img(srcset="a.png 1x, javascript:alert(1) 2x")) == (
        '<img srcset="about:blank#blocked">'
    )
    assert render_html(h.a(ping="/p https://x/ javascript:alert(1)")) == (
        '<a ping="about:blank#blocked"></a>'
    )
    assert render_html(h.a(ping="/p https://x/")) == '<a ping="/p https://x/"></a>'


def test_data_urls_only_for_raster_images_where_the_browser_loads_an_image() -> None:
    png = "data:image/png;base64,AA=="
    assert render_html(h.img(src=png)) == f'<img src="{png}">'
    assert render_html(h.img(srcset=f"{png} 1x")) == f'<img srcset="{png} 1x">'
    assert render_html(h.video(poster="data:image/webp,x")) == (
        '<video poster="data:image/webp,x"></video>'
    )
    assert render_html(h.img(src="data:image/svg+xml,<svg onload=alert(1)>")) == (
        '<img src="about:blank#blocked">'
    )
    for tag, key in [("a", "href"), ("iframe", "src"), ("object", "data"), ("embed", "src")]:
        assert f'{key}="about:blank#blocked"' in render_html(h(tag, **{key: png}))
    assert url_is_safe("\tdata:image/gif;base64,R0", image=True)
    assert not url_is_safe("data: image/png,x", image=True)


def test_markup_is_trusted_as_a_url() -> None:
    assert render_html(h.a("x", href=Markup("javascript:void(0)"))) == (
        '<a href="javascript:void(0)">x</a>'
    )
    assert render_html(html('<a href="{u}">x</a>', u=Markup("javascript:void(0)"))) == (
        '<a href="javascript:void(0)">x</a>'
    )


# -- templates: the whole attribute, as the browser decodes it ----------------------------


@pytest.mark.parametrize(
    ("template", "values"),
    [
        ('<a href="&#106;avascript:{x}">x</a>', {"x": "alert(1)"}),
        ('<a href="java&#x09;script:{x}">x</a>', {"x": "alert(1)"}),
        ('<a href="java&#x0A;script:{x}">x</a>', {"x": "alert(1)"}),
        ('<a href="javascript&colon;{x}">x</a>', {"x": "alert(1)"}),
        ('<a href="jav&Tab;ascript:{x}">x</a>', {"x": "alert(1)"}),
        ('<a href="jav&NewLine;ascript:{x}">x</a>', {"x": "alert(1)"}),
        ('<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;{x}">x</a>', {"x": "1"}),
        ('<a href="&#0000106avascript:{x}">x</a>', {"x": "alert(1)"}),
        ('<a href=" &#14; javascript:{x}">x</a>', {"x": "alert(1)"}),
        ('<a href="{x}:alert(1)">x</a>', {"x": "javascript"}),
        ('<a href="java{x}">x</a>', {"x": "script:alert(1)"}),
        ('<a href="{x}{y}">x</a>', {"x": "javascript:", "y": "alert(1)"}),
        ('<a href="&#10{x}avascript:alert(1)">x</a>', {"x": "6"}),
        ("<a href='{x}'>x</a>", {"x": "javascript:alert(1)"}),
        ('<A HREF = "{x}">x</A>', {"x": "javascript:alert(1)"}),
    ],
)
def test_template_urls_are_checked_whole_and_decoded(template: str, values: Any) -> None:
    assert "about:blank#blocked" in render_html(html(template, **values))


def test_decode_attribute_follows_the_attribute_rules() -> None:
    assert decode_attribute("&#106;&#x61;&#X76;a&Tab;s&NewLine;c&colon;") == "java\ts\nc:"
    assert decode_attribute("&amp;&amp &ampx &amp= &lt;&gt &quot") == '&& &ampx &amp= <> "'
    assert decode_attribute("&#0;&#x110000;&#xD800;") == "\ufffd\ufffd\ufffd"
    assert decode_attribute("&notin; &fjlig; &unknown;") == "&notin; fj &unknown;"


def test_the_ascii_references_table_is_the_standards() -> None:
    # Every named reference whose value has an ASCII character, and no other.
    expected = {name: value for name, value in html5.items() if any(c.isascii() for c in value)}
    assert expected == _ASCII_REFERENCES


def test_every_template_value_in_a_quoted_attribute_is_escaped() -> None:
    breakout = '" onerror="alert(1)'
    escaped = "&quot; onerror=&quot;alert(1)"
    for value in ([breakout], (breakout,), [["x", [breakout]]]):
        rendered = render_html(html('<img src="x" alt="{a}">', a=value))
        assert rendered.endswith(f'alt="{"x" if isinstance(value[0], list) else ""}{escaped}">')
    node = h.b("y", title="x onerror=alert(1) y")
    assert render_html(html('<img alt="{a}">', a=node)) == (
        '<img alt="&lt;b title=&quot;x onerror=alert(1) y&quot;&gt;y&lt;/b&gt;">'
    )
    fragment = html('<b title="{t}">y</b>', t="x")
    assert render_html(html("<img alt='{a}'>", a=fragment)) == (
        "<img alt='&lt;b title=&quot;x&quot;&gt;y&lt;/b&gt;'>"
    )
    assert render_html(html('<p title="{a}{b}{c}{d}">', a=None, b=True, c=3, d=1.5)) == (
        '<p title="31.5">'
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            '<img src="x" alt={a}>',
            "html(), <img>: {a} stands in the unquoted value of alt=; quote it in the template: "
            'alt="{a}" (only numbers may stand unquoted)',
        ),
        (
            '<img src="x" alt= {a}>',
            "html(), <img>: {a} stands in the unquoted value of alt=; quote it in the template: "
            'alt="{a}" (only numbers may stand unquoted)',
        ),
        (
            '<img src="x" {a}>',
            "html(): {a} stands where a tag or attribute name goes; put values in quoted "
            "attribute values or between tags: '<img src=\"x\" '",
        ),
        (
            "<{a}>",
            "html(): {a} stands where a tag or attribute name goes; put values in quoted "
            "attribute values or between tags: '<'",
        ),
        (
            "<b>x</{a}>",
            "html(): {a} stands where a tag or attribute name goes; put values in quoted "
            "attribute values or between tags: '<b>x</'",
        ),
        (
            '<b>x</b title="{a}">',
            "html(): {a} stands in an end tag; values go between tags: '<b>x</b title=\"'",
        ),
        (
            "<style>{a}</style>",
            "html(): {a} stands inside <style>, where the browser decodes no escapes; values "
            "go between tags or in quoted attribute values: '<style>'",
        ),
        (
            "<script>var x = '{a}'</script>",
            "html(): {a} stands inside <script>, where the browser decodes no escapes; values "
            'go between tags or in quoted attribute values: "<script>var x = \'"',
        ),
        ("<!-- {a} -->", "html(): {a} stands inside a comment; values go between tags: '<!-- '"),
        (
            '<img src="{a}"',
            "html(): the template ends inside a tag: '<img src=\"{a}\"'; close it in the same "
            "template",
        ),
        (
            "<style>a < b</style>{a}",
            "html(): '<' inside <style> is text in HTML but markup inside <svg> or <math>, so "
            "the template reads two ways; keep markup and '<' out of <style>: "
            "'<style>a < b</style>'",
        ),
        (
            '<b title="</textarea>">{a}</b>',
            "html(): '</textarea' inside a comment, tag or attribute value would end a "
            "<textarea> the template is placed in; write '&lt;/textarea' instead: "
            "'<b title=\"</textarea>\">'",
        ),
        (
            "<svg><![CDATA[ a > b ]]></svg>",
            "html(): a CDATA section ends at ']]>' inside <svg> or <math>, and at the first '>' "
            "elsewhere; write it without '>': '<svg><![CDATA[ a > b ]]></svg>'",
        ),
    ],
)
def test_template_fields_where_escaping_cannot_help_are_refused(
    template: str, message: str
) -> None:
    with pytest.raises(ValueError) as caught:
        html(template, a="x onerror=alert(1)")
    assert str(caught.value) == message


def test_numbers_may_stand_unquoted_and_markup_anywhere() -> None:
    assert render_html(html("<img width={w} height={h}>", w=5, h=2.5)) == (
        "<img width=5 height=2.5>"
    )
    assert render_html(html("<input {a}>", a=Markup("checked"))) == "<input checked>"
    assert render_html(html("<textarea>{a}</textarea>", a="</textarea><b>")) == (
        "<textarea>&lt;/textarea&gt;&lt;b&gt;</textarea>"
    )
    assert render_html(html("<!-- note --><p>{a}</p>", a="<x>")) == (
        "<!-- note --><p>&lt;x&gt;</p>"
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            '<img src="x" onerror="{v}">',
            "html(), <img>: a value from data cannot go in onerror=: it would run as script; "
            "bind a handler with h.<tag>(..., on_<event>=callable)",
        ),
        (
            "<button ONCLICK=\"void('{v}')\">x</button>",
            "html(), <button>: a value from data cannot go in onclick=: it would run as script; "
            "bind a handler with h.<tag>(..., on_<event>=callable)",
        ),
        (
            '<iframe srcdoc="{v}"></iframe>',
            "html(), <iframe>: srcdoc takes no value from data: its HTML would run as this "
            "page's own; render the content with components instead",
        ),
        (
            '<b data-jsi-on-click="{v}">x</b>',
            "html(), <b>: a value from data cannot go in data-jsi-on-click=: the component "
            "host reads it; bind a handler with on_<event>=callable",
        ),
    ],
)
def test_template_values_in_handlers_and_srcdoc_are_refused(template: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        html(template, v="alert(1)")
    assert str(caught.value) == message


# -- names and events from data ------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "x onerror",
        "x/onerror",
        "x\tonerror",
        "x\nonerror",
        "x\x0conerror",
        'x"onerror',
        "x'y",
        "x>",
        "x=y",
        "on\x00error",
        "\x7f",
        "a\ufdd0",
        "",
    ],
)
def test_attribute_names_from_data_must_be_valid(key: str) -> None:
    with pytest.raises(ValueError) as caught:
        h.img(**{key: "1"})
    assert str(caught.value) == (
        f"h.img(): {key!r} is not a valid attribute name (an attribute name has no spaces, "
        "quotes, '>', '/', '=' or control characters)"
    )


@pytest.mark.parametrize("key", ["onerror", "ONERROR", "OnMouseOver", "onload!#$%"])
def test_handler_names_from_data_are_refused(key: str) -> None:
    with pytest.raises(ValueError) as caught:
        h.img(**{key: "alert(1)"})
    assert str(caught.value) == (
        f"{key!r} is not an attribute jsinterop writes "
        "(inline on* handlers are refused; use on_<event>=callable)"
    )


def test_the_hosts_own_attributes_are_reserved() -> None:
    with pytest.raises(ValueError) as caught:
        h.button(**{"data-jsi-on-click": "0"})
    assert str(caught.value) == (
        "h.button(): 'data-jsi-on-click' is reserved for the component host's event "
        "handlers; use on_<event>=callable"
    )


@pytest.mark.parametrize(
    "key",
    ["on_x onerror=alert(43) y", 'on_click"><img src=x onerror=alert(1)>', "on_mouseover", "on_"],
)
def test_event_names_must_be_events_the_host_handles(key: str) -> None:
    message = (
        f"h.img(): {key!r} names no event the component host handles (on_<event> with one "
        "of: change, click, dblclick, focusin, focusout, input, keydown, keyup, submit)"
    )
    with pytest.raises(ValueError) as caught:
        h.img(**{key: print})
    assert str(caught.value) == message
    with pytest.raises(ValueError) as caught:  # an Element built without h is checked too
        render_html(Element("img", ((key, print),), ()))
    assert str(caught.value) == message


def test_event_names_fold_underscores_and_case() -> None:
    assert render_html(h.div(on_focus_in=print, on_KeyDown=print)) == (
        '<div data-jsi-on-focusin="0" data-jsi-on-keydown="1"></div>'
    )


def test_the_js_side_listens_for_the_same_events() -> None:
    source = (
        Path(jsinterop.components.__file__).parent / "_framework" / "components.mjs"
    ).read_text()
    found = re.search(r"const EVENTS = \[([^\]]*)\]", source)
    assert found
    assert sorted(re.findall(r'"([a-z]+)"', found.group(1))) == sorted(EVENTS)


def test_elements_built_without_h_are_checked_when_written() -> None:
    with pytest.raises(ValueError) as caught:
        render_html(Element("img src=x onerror=alert(1)", (), ()))
    assert str(caught.value) == "'img src=x onerror=alert(1)' is not an HTML tag name"
    with pytest.raises(ValueError) as caught:
        render_html(Element("img", (("x onerror", "1"),), ()))
    assert str(caught.value).startswith("h.img(): 'x onerror' is not a valid attribute name")
    assert render_html(Element("a", (("HREF", "javascript:x"),), ())) == (
        '<a HREF="about:blank#blocked"></a>'
    )


# -- srcdoc, style, SVG animation, meta, script ------------------------------------------


def test_srcdoc_takes_no_data() -> None:
    for key in ("srcdoc", "SrcDoc"):
        with pytest.raises(ValueError) as caught:
            render_html(h.iframe(**{key: '<img src=x onerror="alert(1)">'}))
        assert str(caught.value) == (
            "h.iframe(): srcdoc takes no value from data: its HTML would run as this page's "
            "own; render the content with components instead"
        )
    assert render_html(h.iframe(srcdoc=Markup("<p>mine</p>"))) == (
        '<iframe srcdoc="&lt;p&gt;mine&lt;/p&gt;"></iframe>'
    )


@pytest.mark.parametrize(
    ("css", "construct"),
    [
        ("width: expression(alert(1))", "expression("),
        ("xss:expr/*XSS*/ession(alert(1))", "expression("),
        ("x:\\65\\78\\70\\72\\65\\73\\73\\69\\6f\\6e(alert(1))", "expression("),
        ("background:url(javascript:alert(1))", "javascript:"),
        ("background:url( JAVA\tSCRIPT :alert(1))", "javascript:"),
        ("background:url(\\6a avascript:alert(1))", "javascript:"),
        ("background:url(vbscript:x)", "vbscript:"),
        ("-moz-binding:url(x.xml#x)", "-moz-binding"),
        ("behavior: url(x.htc)", "behavior:"),
    ],
)
def test_style_that_can_run_script_is_refused(css: str, construct: str) -> None:
    with pytest.raises(ValueError) as caught:
        render_html(h.div(style=css))
    assert str(caught.value) == (
        f"h.div(): style={css!r} is refused: it contains {construct!r}, CSS that runs "
        "script in some browsers"
    )
    with pytest.raises(ValueError):
        html('<div style="{s}"></div>', s=css)


def test_plain_style_is_written() -> None:
    assert render_html(h.div(style="color: red; background: url(a.png)")) == (
        '<div style="color: red; background: url(a.png)"></div>'
    )
    assert render_html(html('<div style="width: {w}px"></div>', w=3)) == (
        '<div style="width: 3px"></div>'
    )


@pytest.mark.parametrize(
    ("tag", "target"),
    [
        ("animate", "href"),
        ("set", "xlink:href"),
        ("animateTransform", "href"),
        ("set", " HREF "),
        ("set", "onmouseover"),
        ("animate", "style"),
    ],
)
def test_svg_animation_of_a_url_or_handler_takes_no_data(tag: str, target: str) -> None:
    with pytest.raises(ValueError) as caught:
        render_html(h(tag, attributeName=target, to="javascript:alert(1)"))
    shown = target.strip().lower()
    assert str(caught.value) == (
        f"h.{tag.lower()}(): an SVG animation of {shown} takes no values from data (it would "
        "set the attribute after every check)"
    )
    with pytest.raises(ValueError):
        html(f'<svg><a><{tag} attributeName="{target}" values="{{v}}"/></a></svg>', v="#x")
    with pytest.raises(ValueError):  # the target itself from data
        html(f'<svg><{tag} attributeName="{{t}}" to="javascript:alert(1)"/></svg>', t=target)


def test_other_svg_animations_are_written() -> None:
    assert render_html(h.animate(attributeName="r", values="1;5", dur="1s")) == (
        '<animate attributeName="r" values="1;5" dur="1s"></animate>'
    )
    assert render_html(html('<svg><set attributeName="href" to="#a"/></svg>')) == (
        '<svg><set attributeName="href" to="#a"/></svg>'
    )


def test_meta_http_equiv_takes_no_data() -> None:
    message = (
        "h.meta(): a <meta http-equiv> takes no values from data (it can reload or redirect "
        "the page)"
    )
    with pytest.raises(ValueError) as caught:
        render_html(h.meta(http_equiv="refresh", content="0;url=javascript:alert(1)"))
    assert str(caught.value) == message
    with pytest.raises(ValueError):
        html('<meta http-equiv="refresh" content="0;url={u}">', u="/x")
    assert render_html(h.meta(charset="utf-8")) == '<meta charset="utf-8">'


def test_script_elements_are_not_rendered() -> None:
    with pytest.raises(ValueError) as caught:
        h.script("alert(1)")
    assert str(caught.value) == (
        "h.script(): jsinterop renders no <script> elements (a script in rendered HTML "
        "never runs); load JS with JSHost.import_async"
    )
    with pytest.raises(ValueError):
        h("SCRIPT")


# -- bytes -----------------------------------------------------------------------------------


def test_bytes_are_refused_everywhere() -> None:
    message = "cannot render bytes as markup; decode it to str first (value.decode())"
    attempts = [
        lambda: render_html(h.p(b"<b>")),
        lambda: render_html(h.p([b"x"])),
        lambda: render_html(h.a("x", title=b"t")),
        lambda: html("<p>{v}</p>", v=b"<b>"),
        lambda: html('<p title="{v}">', v=[b"x"]),
    ]
    for attempt in attempts:
        with pytest.raises(TypeError) as caught:
            attempt()
        assert str(caught.value) == message
    with pytest.raises(TypeError) as caught:
        render_html(h.p(bytearray(b"x")))
    assert str(caught.value) == (
        "cannot render bytearray as markup; decode it to str first (value.decode())"
    )


# -- a refusal in a running app --------------------------------------------------------------


class RecordingDom:
    def __init__(self) -> None:
        self.patches: list[str] = []
        self.errors: list[str] = []

    def patch(self, html: str, title: str) -> None:
        self.patches.append(html)

    def navigate_to(self, url: str, replace: bool) -> None:
        pass

    def show_error(self, message: str) -> None:
        self.errors.append(message)


@page("/policy-refused")
class Refused(Component):
    hostile = False

    def render(self) -> Child:
        if self.hostile:
            return h.a("x", **{"x onclick": "alert(1)"})
        return h.a("profile", href=" javascript:alert(1)")


def test_a_refusal_shows_the_error_bar_and_the_app_goes_on() -> None:
    dom = RecordingDom()
    renderer = Renderer(
        dom, RouteTable(Refused.routes), base_uri="http://x/", report=lambda e: None
    )
    asyncio.run(renderer.location_changed("http://x/policy-refused"))
    assert dom.patches == ['<a href="about:blank#blocked">profile</a>']  # a URL: replaced
    assert isinstance(renderer.page, Refused)
    renderer.page.hostile = True
    renderer.render_now()
    assert dom.errors == [
        "ValueError: h.a(): 'x onclick' is not a valid attribute name (an attribute name has "
        "no spaces, quotes, '>', '/', '=' or control characters)"
    ]
    # The page shows the error in its place (the layout stays usable), its markup escaped.
    assert dom.patches[1].startswith('<div class="jsinterop-page-error" role="alert">')
    assert "<a" not in dom.patches[1]
    renderer.page.hostile = False
    renderer.render_now()
    assert dom.patches[2:] == ['<a href="about:blank#blocked">profile</a>']
