"""Attribute and URL injection vectors for the component host, as data.

``test_components_xss.py`` copies this module into a components app, which renders every
vector through ``h`` (an :class:`El` description) and through ``html()`` (a template and its
values) where the vector applies to it. Every value comes from "data": nothing here is
wrapped in ``Markup``. ``XSS`` in any string (keys included) is replaced by the vector's
number, so an execution names its vector: ``alert(XSS)`` becomes ``alert(17)`` in the ``h``
form and ``alert(1017)`` in the template form.

Sources: the classes of holes found by probing the host, the OWASP XSS filter evasion cheat
sheet's attribute and URL vectors, and the html5sec.org vectors that apply to attributes and
URLs (rewritten here; the payload is always ``alert``, ``confirm`` or ``prompt``).
"""

from __future__ import annotations

from typing import Any, NamedTuple


class El(NamedTuple):
    """``h(tag, *children, **attributes)``: keys are passed as they are (``**{"HREF": ...}``)."""

    tag: str
    attributes: dict[str, Any]
    children: tuple[Any, ...] = ()


class T(NamedTuple):
    """A value that is itself an ``html()`` template (a Fragment) with its values."""

    template: str
    values: dict[str, Any]


class B64(NamedTuple):
    """``prefix`` followed by the base64 of ``text`` (after ``XSS`` is replaced)."""

    prefix: str
    text: str


class Vector(NamedTuple):
    name: str
    h: El | None
    template: T | None


HANDLER = "<a Python event handler>"
"""Stands for a callable (``lambda: None``) where a vector passes an event handler."""

PAYLOAD = "alert(XSS)"
VOID = {"img", "input", "embed", "source", "track", "area", "link", "meta", "base", "frame"}
VOID |= {"isindex", "bgsound", "col", "br", "hr", "wbr", "keygen", "param"}
BROKEN_IMAGE = "data:,"  # fails to decode at once: onerror fires without a request
GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="
SVG_SCRIPT = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(XSS)"/>'
HTML_SCRIPT = "<script>alert(XSS)</script>"
HTML_ONERROR = f'<img src="{BROKEN_IMAGE}" onerror="alert(XSS)">'


def _name(key: str) -> str:
    return key.rstrip("_").replace("_", "-")


def _open_tag(tag: str, literal: str, attribute: str, quote: str = '"') -> str:
    slot = f"{quote}{{v}}{quote}" if quote else "{v}"
    return f"<{tag}{literal} {attribute}={slot}"


def _close(tag: str, text: str) -> str:
    return ">" if tag in VOID else f">{text}</{tag}>"


def attribute(
    name: str,
    tag: str,
    key: str,
    value: Any,
    *,
    extra: dict[str, Any] | None = None,
    text: str = "x",
    template: bool = True,
) -> Vector:
    """``<tag extra... key="{v}">text</tag>`` in both forms (the key is the h keyword)."""
    extra = extra or {}
    literal = "".join(
        f" {_name(k)}" if v is True else f' {_name(k)}="{v}"' for k, v in extra.items()
    )
    children = () if tag in VOID else (text,)
    markup = _open_tag(tag, literal, key) + _close(tag, text)
    return Vector(
        name,
        El(tag, {**extra, key: value}, children),
        T(markup, {"v": value}) if template else None,
    )


def link(name: str, url: Any, **extra: Any) -> Vector:
    return attribute(name, "a", "href", url, extra=extra, text="link")


def template_only(name: str, template: str, **values: Any) -> Vector:
    return Vector(name, None, T(template, values))


def h_only(name: str, element: El) -> Vector:
    return Vector(name, element, None)


def name_from_data(name: str, tag: str, key: str, value: Any = PAYLOAD, **extra: Any) -> Vector:
    """An attribute whose name comes from data: ``**{key: value}`` and a template slot where
    an attribute name goes (``<img src=... {a}>`` with ``a = 'key="value"'``)."""
    literal = "".join(f' {k}="{v}"' for k, v in extra.items())
    children = () if tag in VOID else ("x",)
    return Vector(
        name,
        El(tag, {**extra, key: value}, children),
        T(f"<{tag}{literal} {{a}}" + _close(tag, "x"), {"a": f'{key}="{value}"'}),
    )


def frame_svg(*children: El, **attributes: Any) -> El:
    return El("svg", {"width": 120, "height": 24, **attributes}, children)


def svg_text(text: str = "click") -> El:
    return El("text", {"x": 2, "y": 16}, (text,))


def svg_link_with(animation: El) -> El:
    """An SVG link (no href of its own) whose href an animation element sets."""
    return frame_svg(El("a", {}, (animation, svg_text())))


def svg_animation_template(animation: str, **values: Any) -> T:
    return T(
        f'<svg width="120" height="24"><a>{animation}<text x="2" y="16">click</text></a></svg>',
        values,
    )


SCRIPT_URLS = [
    ("javascript: URL", "javascript:alert(XSS)"),
    ("mixed case scheme", "JaVaScRiPt:alert(XSS)"),
    ("upper case scheme", "JAVASCRIPT:alert(XSS)"),
    ("leading space", " javascript:alert(XSS)"),
    ("leading tab", "\tjavascript:alert(XSS)"),
    ("leading newline", "\njavascript:alert(XSS)"),
    ("leading carriage return", "\rjavascript:alert(XSS)"),
    ("leading \\x01", "\x01javascript:alert(XSS)"),
    ("leading \\x0e", "\x0ejavascript:alert(XSS)"),
    ("leading vertical tab", "\x0bjavascript:alert(XSS)"),
    ("leading form feed", "\x0cjavascript:alert(XSS)"),
    ("leading \\x1f", "\x1fjavascript:alert(XSS)"),
    ("leading NUL", "\x00javascript:alert(XSS)"),
    ("leading C0 run", " \x01\x02\x03 \x1f javascript:alert(XSS)"),
    ("tab inside the scheme", "java\tscript:alert(XSS)"),
    ("newline inside the scheme", "java\nscript:alert(XSS)"),
    ("carriage return inside the scheme", "java\rscript:alert(XSS)"),
    ("tabs and newlines everywhere", "j\ta\nv\ra\tscript:alert(XSS)"),
    ("tab before the colon", "javascript\t:alert(XSS)"),
    ("newline before the colon", "jAvAsCrIpT\n:alert(XSS)"),
    ("NUL inside the scheme", "java\x00script:alert(XSS)"),
    ("trailing spaces", "  javascript:alert(XSS)  "),
    ("comment and newline", "javascript://%0aalert(XSS)"),
    ("percent-encoded body", "javascript:%61lert(XSS)"),
    ("line separator in the body", "javascript:\u2028alert(XSS)"),
    ("void()", "javascript:void(alert(XSS))"),
    ("confirm", "javascript:confirm(XSS)"),
    ("prompt", "javascript:prompt(XSS)"),
    (
        "polyglot",
        "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert(XSS) )//%0D%0A%0d%0a//"
        "</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert(XSS)//>\\x3e",
    ),
    ("&colon; as data", "javascript&colon;alert(XSS)"),
    ("&#106; as data", "&#106;avascript:alert(XSS)"),
    ("vbscript: URL", "vbscript:msgbox(XSS)"),
    ("VBSCRIPT: URL", "VBSCRIPT:alert(XSS)"),
    ("data:text/html", "data:text/html," + HTML_SCRIPT),
    ("data:text/html;base64", B64("data:text/html;base64,", HTML_SCRIPT)),
    ("data:image/svg+xml", "data:image/svg+xml," + SVG_SCRIPT),
    ("feed:javascript:", "feed:javascript:alert(XSS)"),
    ("livescript:", "livescript:alert(XSS)"),
]

VECTORS: tuple[Vector, ...] = (
    # -- URL schemes in <a href>, with what URL parsers strip or fold --------------------
    *(link(f"href: {name}", url) for name, url in SCRIPT_URLS),
    link("href with target=_blank", "javascript:alert(XSS)", target="_blank"),
    # -- templates: literal text and data make the URL together (entities decoded) ------
    template_only("&#106; literal + data", '<a href="&#106;avascript:{x}">link</a>', x=PAYLOAD),
    template_only("&#x09; literal", '<a href="java&#x09;script:{x}">link</a>', x=PAYLOAD),
    template_only("&#x0A; literal", '<a href="java&#x0A;script:{x}">link</a>', x=PAYLOAD),
    template_only("&#x0D; literal", '<a href="java&#x0D;script:{x}">link</a>', x=PAYLOAD),
    template_only("&colon; literal", '<a href="javascript&colon;{x}">link</a>', x=PAYLOAD),
    template_only(
        "hex references without semicolons",
        '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A{x}">link</a>',
        x=PAYLOAD,
    ),
    template_only(
        "decimal references with zeros, no semicolons",
        '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114'
        '&#0000105&#0000112&#0000116&#0000058{x}">link</a>',
        x=PAYLOAD,
    ),
    template_only("&Tab; literal", '<a href="jav&Tab;ascript:{x}">link</a>', x=PAYLOAD),
    template_only("&NewLine; literal", '<a href="jav&NewLine;ascript:{x}">link</a>', x=PAYLOAD),
    template_only(
        "&#14; before the scheme", '<a href=" &#14;  javascript:{x}">link</a>', x=PAYLOAD
    ),
    template_only("&#1; before the scheme", '<a href="&#1;javascript:{x}">link</a>', x=PAYLOAD),
    template_only("scheme from data", '<a href="{x}:alert(XSS)">link</a>', x="javascript"),
    template_only("scheme completed by data", '<a href="java{x}">link</a>', x="script:alert(XSS)"),
    template_only(
        "two slots make the URL",
        '<a href="{a}{b}">link</a>',
        a="javascript:",
        b=PAYLOAD,
    ),
    template_only(
        "a reference completed by data", '<a href="&#10{x}avascript:alert(XSS)">link</a>', x="6"
    ),
    template_only("unquoted slot", "<a href={x}>link</a>", x="javascript:alert(XSS)"),
    template_only("single-quoted slot", "<a href='{x}'>link</a>", x="javascript:alert(XSS)"),
    template_only("backtick-quoted slot", "<a href=`{x}`>link</a>", x="javascript:alert(XSS)"),
    template_only("spaces around =", '<a href = "{x}">link</a>', x="javascript:alert(XSS)"),
    template_only("upper case literal name", '<A HREF="{x}">link</A>', x="javascript:alert(XSS)"),
    template_only(
        "a second href",
        '<a title="t" href="{x}" href="https://example.com/">link</a>',
        x="javascript:alert(XSS)",
    ),
    # -- other URL-bearing attributes ------------------------------------------------------
    attribute("iframe src", "iframe", "src", "javascript:alert(XSS)"),
    attribute("iframe src, leading space", "iframe", "src", " javascript:alert(XSS)"),
    attribute("iframe src, tab in scheme", "iframe", "src", "java\tscript:alert(XSS)"),
    attribute("iframe src, data:text/html", "iframe", "src", "data:text/html," + HTML_SCRIPT),
    attribute(
        "iframe src, data:text/html;base64",
        "iframe",
        "src",
        B64("data:text/html;base64,", HTML_SCRIPT),
    ),
    attribute(
        "iframe src, data:image/svg+xml", "iframe", "src", "data:image/svg+xml," + SVG_SCRIPT
    ),
    attribute(
        "iframe src, javascript: returning markup",
        "iframe",
        "src",
        "javascript:'" + HTML_ONERROR.replace('"', "") + "'",
    ),
    attribute("iframe src, vbscript:", "iframe", "src", "vbscript:alert(XSS)"),
    attribute("frame src", "frame", "src", "javascript:alert(XSS)"),
    attribute("embed src", "embed", "src", "javascript:alert(XSS)"),
    attribute(
        "embed src, data:text/html", "embed", "src", B64("data:text/html;base64,", HTML_SCRIPT)
    ),
    attribute(
        "embed src, data:image/svg+xml",
        "embed",
        "src",
        B64("data:image/svg+xml;base64,", SVG_SCRIPT),
    ),
    attribute("object data", "object", "data", "javascript:alert(XSS)"),
    attribute(
        "object data, data:text/html", "object", "data", B64("data:text/html;base64,", HTML_SCRIPT)
    ),
    attribute(
        "object data, data:image/svg+xml", "object", "data", "data:image/svg+xml," + SVG_SCRIPT
    ),
    attribute(
        "object data, SVG declared as PNG",
        "object",
        "data",
        B64("data:image/png;base64,", SVG_SCRIPT),
        extra={"type": "image/svg+xml"},
    ),
    attribute("object codebase", "object", "codebase", "javascript:alert(XSS)"),
    attribute("object classid", "object", "classid", "javascript:alert(XSS)"),
    Vector(
        "form action",
        El("form", {"action": "javascript:alert(XSS)"}, (El("button", {}, ("submit",)),)),
        T('<form action="{v}"><button>submit</button></form>', {"v": "javascript:alert(XSS)"}),
    ),
    Vector(
        "form action, leading space, input submit",
        El(
            "form",
            {"action": " javascript:alert(XSS)"},
            (El("input", {"type": "submit", "value": "submit"}),),
        ),
        T(
            '<form action="{v}"><input type="submit" value="submit"></form>',
            {"v": " javascript:alert(XSS)"},
        ),
    ),
    Vector(
        "button formaction",
        El("form", {}, (El("button", {"formaction": "javascript:alert(XSS)"}, ("submit",)),)),
        T('<form><button formaction="{v}">submit</button></form>', {"v": "javascript:alert(XSS)"}),
    ),
    Vector(
        "FORMACTION in capitals",
        El("form", {}, (El("button", {"FORMACTION": "javascript:alert(XSS)"}, ("submit",)),)),
        T('<form><button FORMACTION="{v}">submit</button></form>', {"v": "javascript:alert(XSS)"}),
    ),
    Vector(
        "input submit formaction",
        El("form", {}, (El("input", {"type": "submit", "formaction": "javascript:alert(XSS)"}),)),
        T('<form><input type="submit" formaction="{v}"></form>', {"v": "javascript:alert(XSS)"}),
    ),
    Vector(
        "input image formaction",
        El(
            "form",
            {},
            (El("input", {"type": "image", "src": GIF, "formaction": "javascript:alert(XSS)"}),),
        ),
        T(
            f'<form><input type="image" src="{GIF}" formaction="{{v}}"></form>',
            {"v": "javascript:alert(XSS)"},
        ),
    ),
    Vector(
        "button form= formaction (html5sec)",
        El(
            "div",
            {},
            (
                El("form", {"id": "fXSS"}),
                El("button", {"form": "fXSS", "formaction": "javascript:alert(XSS)"}, ("X",)),
            ),
        ),
        T(
            '<form id="fXSS"></form><button form="fXSS" formaction="{v}">X</button>',
            {"v": "javascript:alert(XSS)"},
        ),
    ),
    attribute("input image src", "input", "src", "javascript:alert(XSS)", extra={"type": "image"}),
    attribute(
        "isindex action", "isindex", "action", "javascript:alert(XSS)", extra={"type": "image"}
    ),
    attribute("img src", "img", "src", "javascript:alert(XSS)"),
    attribute("img src, vbscript:", "img", "src", "vbscript:msgbox(XSS)"),
    attribute("img src, data:image/svg+xml", "img", "src", "data:image/svg+xml," + SVG_SCRIPT),
    attribute("img srcset", "img", "srcset", "javascript:alert(XSS)"),
    attribute(
        "img srcset, second candidate", "img", "srcset", f"{GIF} 1x, javascript:alert(XSS) 2x"
    ),
    attribute("img lowsrc", "img", "lowsrc", "javascript:alert(XSS)"),
    attribute("img dynsrc", "img", "dynsrc", "javascript:alert(XSS)"),
    attribute("img longdesc", "img", "longdesc", "javascript:alert(XSS)", extra={"src": GIF}),
    attribute("video poster", "video", "poster", "javascript:alert(XSS)"),
    attribute("video src", "video", "src", "javascript:alert(XSS)"),
    attribute("audio src", "audio", "src", "javascript:alert(XSS)", extra={"controls": True}),
    attribute("source src", "source", "src", "javascript:alert(XSS)"),
    attribute("track src", "track", "src", "javascript:alert(XSS)"),
    attribute("bgsound src", "bgsound", "src", "javascript:alert(XSS)"),
    attribute("table background", "table", "background", "javascript:alert(XSS)"),
    attribute("div background", "div", "background", "javascript:alert(XSS)"),
    attribute(
        "link stylesheet href", "link", "href", "javascript:alert(XSS)", extra={"rel": "stylesheet"}
    ),
    attribute(
        "link import href", "link", "href", "data:text/html," + HTML_SCRIPT, extra={"rel": "import"}
    ),
    attribute("base href", "base", "href", "javascript:alert(XSS)//"),
    attribute("blockquote cite", "blockquote", "cite", "javascript:alert(XSS)"),
    attribute("q cite", "q", "cite", "javascript:alert(XSS)"),
    attribute("del cite", "del", "cite", "javascript:alert(XSS)"),
    attribute("ins cite", "ins", "cite", "javascript:alert(XSS)"),
    attribute("a ping", "a", "ping", "javascript:alert(XSS)", extra={"href": "#ping"}),
    attribute("manifest", "div", "manifest", "javascript:alert(XSS)"),
    attribute("menuitem icon", "menuitem", "icon", "javascript:alert(XSS)"),
    Vector(
        "area href in an image map",
        El(
            "div",
            {},
            (
                El(
                    "map",
                    {"name": "mXSS"},
                    (
                        El(
                            "area",
                            {
                                "href": "javascript:alert(XSS)",
                                "shape": "rect",
                                "coords": "0,0,40,40",
                            },
                        ),
                    ),
                ),
                El("img", {"src": GIF, "usemap": "#mXSS", "width": 40, "height": 40}),
            ),
        ),
        T(
            '<map name="mXSS"><area href="{v}" shape="rect" coords="0,0,40,40"></map>'
            f'<img src="{GIF}" usemap="#mXSS" width="40" height="40">',
            {"v": "javascript:alert(XSS)"},
        ),
    ),
    attribute("math href (html5sec)", "math", "href", "javascript:alert(XSS)", text="CLICKME"),
    Vector(
        "svg a href",
        frame_svg(El("a", {"href": "javascript:alert(XSS)"}, (svg_text(),))),
        T(
            '<svg width="120" height="24"><a href="{v}"><text x="2" y="16">click</text></a></svg>',
            {"v": "javascript:alert(XSS)"},
        ),
    ),
    Vector(
        "svg a xlink:href (html5sec)",
        frame_svg(
            El(
                "a",
                {"xlink:href": "javascript:alert(XSS)"},
                (El("rect", {"width": 120, "height": 24, "fill": "silver"}),),
            )
        ),
        T(
            '<svg width="120" height="24"><a xlink:href="{v}">'
            '<rect width="120" height="24" fill="silver"/></a></svg>',
            {"v": "javascript:alert(XSS)"},
        ),
    ),
    Vector(
        "svg a XLINK:HREF in capitals",
        frame_svg(El("a", {"XLINK:HREF": "javascript:alert(XSS)"}, (svg_text(),))),
        T(
            '<svg width="120" height="24"><a XLINK:HREF="{v}"><text x="2" y="16">click</text>'
            "</a></svg>",
            {"v": "javascript:alert(XSS)"},
        ),
    ),
    Vector(
        "svg image href",
        frame_svg(El("image", {"href": "javascript:alert(XSS)", "width": 20, "height": 20})),
        T('<svg><image href="{v}" width="20" height="20"/></svg>', {"v": "javascript:alert(XSS)"}),
    ),
    Vector(
        "svg use href with a data: document",
        frame_svg(
            El(
                "use",
                {"href": "data:image/svg+xml," + SVG_SCRIPT.replace("/>", ' id="x"/>') + "#x"},
            )
        ),
        T(
            '<svg><use href="{v}"/></svg>',
            {"v": "data:image/svg+xml," + SVG_SCRIPT.replace("/>", ' id="x"/>') + "#x"},
        ),
    ),
    Vector(
        "svg script href",
        frame_svg(El("script", {"href": "data:,alert(XSS)"})),
        T('<svg><script href="{v}"></script></svg>', {"v": "data:,alert(XSS)"}),
    ),
    Vector(
        "svg xml:base",
        frame_svg(El("a", {"href": "alert(XSS)"}, (svg_text(),)), **{"xml:base": "javascript:"}),
        T(
            '<svg xml:base="{v}"><a href="alert(XSS)"><text x="2" y="16">click</text></a></svg>',
            {"v": "javascript:"},
        ),
    ),
    attribute("HREF from data", "a", "HREF", "javascript:alert(XSS)"),
    attribute("Href from data", "a", "Href", "javascript:alert(XSS)"),
    attribute("iframe Src from data", "iframe", "Src", "javascript:alert(XSS)"),
    attribute("iframe SRC from data", "iframe", "SRC", "javascript:alert(XSS)"),
    attribute(
        "meta refresh to javascript:",
        "meta",
        "content",
        "0;url=javascript:alert(XSS)",
        extra={"http_equiv": "refresh"},
    ),
    attribute(
        "meta refresh to data:",
        "meta",
        "content",
        B64("0;url=data:text/html;base64,", HTML_SCRIPT),
        extra={"http_equiv": "refresh"},
    ),
    attribute(
        "meta refresh, two URLs",
        "meta",
        "content",
        "0; URL=http://;URL=javascript:alert(XSS);",
        extra={"http_equiv": "refresh"},
    ),
    # -- attribute names from data -----------------------------------------------------
    name_from_data("onerror", "img", "onerror", src=BROKEN_IMAGE),
    name_from_data("ONERROR", "img", "ONERROR", src=BROKEN_IMAGE),
    name_from_data("OnError", "img", "OnError", src=BROKEN_IMAGE),
    name_from_data("onmouseover", "a", "onmouseover"),
    name_from_data("onclick", "button", "onclick"),
    name_from_data("onfocusin", "button", "onfocusin"),
    Vector(
        "onfocus with autofocus (html5sec)",
        El("input", {"onfocus": PAYLOAD, "autofocus": True}),
        T("<input {a} autofocus>", {"a": f'onfocus="{PAYLOAD}"'}),
    ),
    name_from_data("space in the name", "img", "x onerror=alert(XSS) y", "1", src=BROKEN_IMAGE),
    name_from_data("slash in the name", "img", "x/onerror=alert(XSS)", "1", src=BROKEN_IMAGE),
    name_from_data("tab in the name", "img", "x\tonerror=alert(XSS)", "1", src=BROKEN_IMAGE),
    name_from_data("newline in the name", "img", "x\nonerror=alert(XSS)", "1", src=BROKEN_IMAGE),
    name_from_data(
        "form feed in the name", "img", "x\x0conerror=alert(XSS)", "1", src=BROKEN_IMAGE
    ),
    name_from_data("quote in the name", "img", 'x"onerror="alert(XSS)', "1", src=BROKEN_IMAGE),
    name_from_data("> in the name", "b", f'x><img src="{BROKEN_IMAGE}" onerror="alert(XSS)"', "1"),
    name_from_data(
        "a whole attribute list as a name",
        "img",
        f"src={BROKEN_IMAGE} onerror=alert(XSS) x",
        "1",
    ),
    name_from_data(
        "OWASP non-alpha-non-digit name", "svg", "onload!#$%&()*~+-_.,:;?@[/|\\]^`", PAYLOAD
    ),
    name_from_data("NUL in the name", "img", "on\x00error", src=BROKEN_IMAGE),
    name_from_data("srcdoc from data", "iframe", "SRCDOC", HTML_ONERROR),
    name_from_data("onbegin on svg set", "set", "onbegin"),
    Vector(
        "svg onload (OWASP)",
        El("svg", {"onload": PAYLOAD}),
        T("<svg {a}></svg>", {"a": f"onload={PAYLOAD}"}),
    ),
    Vector(
        "svg discard onbegin",
        frame_svg(El("discard", {"onbegin": PAYLOAD})),
        T("<svg><discard {a}/></svg>", {"a": f"onbegin={PAYLOAD}"}),
    ),
    Vector(
        "svg animate onbegin",
        frame_svg(El("animate", {"onbegin": PAYLOAD, "attributeName": "x", "dur": "1s"})),
        T('<svg><animate {a} attributeName="x" dur="1s"/></svg>', {"a": f"onbegin={PAYLOAD}"}),
    ),
    Vector(
        "video source onerror (html5sec)",
        El("video", {}, (El("source", {"onerror": PAYLOAD}),)),
        T("<video><source {a}></video>", {"a": f'onerror="{PAYLOAD}"'}),
    ),
    # -- event names from data -----------------------------------------------------------
    h_only(
        "event name with an attribute in it",
        El("img", {"src": BROKEN_IMAGE, "on_x onerror=alert(XSS) y": HANDLER}),
    ),
    h_only(
        "event name that closes the tag",
        El("b", {f'on_click"><img src="{BROKEN_IMAGE}" onerror="alert(XSS)">': HANDLER}, ("x",)),
    ),
    h_only(
        "event name with onmouseover",
        El("button", {"on_click onmouseover=alert(XSS) x": HANDLER}, ("x",)),
    ),
    h_only(
        "event name with a slash",
        El("input", {"on_click/onfocus=alert(XSS)/autofocus": HANDLER}),
    ),
    h_only(
        "an event the host does not handle", El("img", {"src": BROKEN_IMAGE, "on_error": HANDLER})
    ),
    # -- quoted template slots: every value is escaped, whatever its type ----------------
    attribute(
        "list in a quoted attribute",
        "img",
        "alt",
        ['" onerror="alert(XSS)'],
        extra={"src": BROKEN_IMAGE},
    ),
    attribute(
        "tuple in a quoted attribute",
        "img",
        "alt",
        ('" onerror="alert(XSS)',),
        extra={"src": BROKEN_IMAGE},
    ),
    attribute(
        "nested list in a quoted attribute",
        "img",
        "alt",
        [["x", ['" onerror="alert(XSS)']]],
        extra={"src": BROKEN_IMAGE},
    ),
    attribute(
        "list in a single-quoted attribute",
        "img",
        "alt",
        ["' onerror='alert(XSS)"],
        extra={"src": BROKEN_IMAGE},
    ),
    attribute(
        "element in a quoted attribute",
        "img",
        "alt",
        El("b", {"title": "x onerror=alert(XSS) y"}, ("y",)),
        extra={"src": BROKEN_IMAGE},
    ),
    attribute(
        "template in a quoted attribute",
        "img",
        "alt",
        T('<b title="{t}">y</b>', {"t": "x onerror=alert(XSS) y"}),
        extra={"src": BROKEN_IMAGE},
    ),
    attribute(
        "list with a broken-out href",
        "a",
        "title",
        ['" href="javascript:alert(XSS)'],
        text="link",
    ),
    attribute(
        "quote breakout in a string",
        "p",
        "title",
        f'"><img src="{BROKEN_IMAGE}" onerror="alert(XSS)">',
    ),
    template_only(
        "quote breakout, single quotes",
        "<p title='{v}'>x</p>",
        v=f"'><img src='{BROKEN_IMAGE}' onerror='alert(XSS)'>",
    ),
    template_only(
        "OWASP malformed IMG",
        '<img src="{BROKEN_IMAGE}" alt="{v}">',
        BROKEN_IMAGE=BROKEN_IMAGE,
        v=f'"><img src="{BROKEN_IMAGE}" onerror="alert(XSS)">',
    ),
    template_only(
        "unquoted attribute slot", f'<img src="{BROKEN_IMAGE}" alt={{v}}>', v="x onerror=alert(XSS)"
    ),
    template_only(
        "slot after = and a space",
        f'<img src="{BROKEN_IMAGE}" alt= {{v}}>',
        v="x onerror=alert(XSS)",
    ),
    template_only(
        "slot where attributes go",
        f'<img src="{BROKEN_IMAGE}" {{v}}>',
        v='alt="" onerror="alert(XSS)"',
    ),
    template_only(
        "slot as the tag name", "<{t}>x</b>", t=f"img src={BROKEN_IMAGE} onerror=alert(XSS)"
    ),
    template_only(
        "slot in an end tag", "<b>x</{t}>", t=f"b><img src={BROKEN_IMAGE} onerror=alert(XSS)"
    ),
    template_only(
        "slot in an unterminated tag", '<img src="{v}"', v=BROKEN_IMAGE + '" onerror="alert(XSS)'
    ),
    # -- slots inside event handler, srcdoc and style attributes --------------------------
    template_only("slot in onerror", f'<img src="{BROKEN_IMAGE}" onerror="{{v}}">', v=PAYLOAD),
    template_only("slot in onclick", '<button onclick="{v}">x</button>', v=PAYLOAD),
    template_only(
        "slot in a string in onclick",
        "<button onclick=\"void('{v}')\">x</button>",
        v="');alert(XSS);('",
    ),
    template_only("slot in onmouseover", '<a onmouseover="{v}">x</a>', v=PAYLOAD),
    template_only("slot in ONCLICK", '<button ONCLICK="{v}">x</button>', v=PAYLOAD),
    attribute("srcdoc with onerror", "iframe", "srcdoc", HTML_ONERROR),
    attribute("srcdoc with a script", "iframe", "srcdoc", HTML_SCRIPT),
    attribute(
        "srcdoc, entity-encoded data",
        "iframe",
        "srcdoc",
        "&lt;img src&equals;x onerror&equals;alert&lpar;XSS&rpar;&gt;",
    ),
    attribute("SrcDoc from data", "iframe", "SrcDoc", HTML_ONERROR),
    attribute("style url(javascript:)", "div", "style", "background:url(javascript:alert(XSS))"),
    attribute("style expression()", "div", "style", "width: expression(alert(XSS));"),
    attribute("style expr/**/ession", "img", "style", "xss:expr/*XSS*/ession(alert(XSS))"),
    attribute(
        "style with CSS escapes",
        "div",
        "style",
        "background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061\\0073\\0063\\0072"
        "\\0069\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028XSS\\0029'\\0029",
    ),
    attribute("style behavior", "div", "style", "behavior: url(xss.htc);"),
    attribute("style -moz-binding", "div", "style", "-moz-binding:url(data:text/xml,x#xss)"),
    attribute(
        "style url(&#1;javascript:)",
        "div",
        "style",
        "background-image: url(&#1;javascript:alert(XSS))",
    ),
    attribute(
        "style escaped expression",
        "div",
        "style",
        "x:\\65\\78\\70\\72\\65\\73\\73\\69\\6f\\6e(alert(XSS))",
    ),
    # -- slots in raw text, RCDATA and comments ------------------------------------------
    Vector(
        "style element with a javascript: URL",
        El("style", {}, ('li {list-style-image: url("javascript:alert(XSS)");}',)),
        T(
            "<style>{v}</style><ul><li>x</li></ul>",
            {"v": 'li {list-style-image: url("javascript:alert(XSS)");}'},
        ),
    ),
    Vector(
        "style element closed by data",
        El("style", {}, (f"</style>{HTML_ONERROR}",)),
        T("<style>{v}</style>", {"v": f"</style>{HTML_ONERROR}"}),
    ),
    Vector(
        "script element",
        El("script", {}, (PAYLOAD,)),
        T("<script>{v}</script>", {"v": PAYLOAD}),
    ),
    Vector(
        "textarea closed by data",
        El("textarea", {}, (f"</textarea>{HTML_ONERROR}",)),
        T("<textarea>{v}</textarea>", {"v": f"</textarea>{HTML_ONERROR}"}),
    ),
    Vector(
        "title closed by data",
        El("title", {}, (f"</title>{HTML_ONERROR}",)),
        T("<title>{v}</title>", {"v": f"</title>{HTML_ONERROR}"}),
    ),
    Vector(
        "xmp closed by data",
        El("xmp", {}, (f"</xmp>{HTML_ONERROR}",)),
        T("<xmp>{v}</xmp>", {"v": f"</xmp>{HTML_ONERROR}"}),
    ),
    Vector(
        "noscript closed by data",
        El("noscript", {}, (f"</noscript>{HTML_ONERROR}",)),
        T("<noscript>{v}</noscript>", {"v": f"</noscript>{HTML_ONERROR}"}),
    ),
    Vector(
        "noembed closed by data",
        El("noembed", {}, (f"</noembed>{HTML_ONERROR}",)),
        T("<noembed>{v}</noembed>", {"v": f"</noembed>{HTML_ONERROR}"}),
    ),
    Vector(
        "iframe content closed by data",
        El("iframe", {}, (f"</iframe>{HTML_ONERROR}",)),
        T("<iframe>{v}</iframe>", {"v": f"</iframe>{HTML_ONERROR}"}),
    ),
    template_only("comment closed by data", "<!-- {v} -->", v=f"-->{HTML_ONERROR}"),
    template_only("comment closed by --!>", "<!--{v}-->", v=f"--!>{HTML_ONERROR}"),
    template_only("bogus comment closed by data", "<!{v}>", v=f">{HTML_ONERROR}"),
    Vector(
        "svg style with markup",
        frame_svg(El("style", {}, (HTML_ONERROR,))),
        T("<svg><style>{v}</style></svg>", {"v": HTML_ONERROR}),
    ),
    # -- SVG animation of URL attributes -----------------------------------------------------
    Vector(
        "animate href values (html5sec)",
        svg_link_with(El("animate", {"attributeName": "href", "values": "javascript:alert(XSS)"})),
        svg_animation_template(
            '<animate attributeName="href" values="{v}"/>', v="javascript:alert(XSS)"
        ),
    ),
    Vector(
        "set href to",
        svg_link_with(El("set", {"attributeName": "href", "to": "javascript:alert(XSS)"})),
        svg_animation_template('<set attributeName="href" to="{v}"/>', v="javascript:alert(XSS)"),
    ),
    Vector(
        "set xlink:href to",
        svg_link_with(El("set", {"attributeName": "xlink:href", "to": "javascript:alert(XSS)"})),
        svg_animation_template(
            '<set attributeName="xlink:href" to="{v}"/>', v="javascript:alert(XSS)"
        ),
    ),
    Vector(
        "animate xlink:href from, begin=0 (html5sec)",
        svg_link_with(
            El(
                "animate",
                {
                    "attributeName": "xlink:href",
                    "begin": "0",
                    "from": "javascript:alert(XSS)",
                    "to": "&",
                },
            )
        ),
        svg_animation_template(
            '<animate attributeName="xlink:href" begin="0" from="{v}" to="&amp;"/>',
            v="javascript:alert(XSS)",
        ),
    ),
    Vector(
        "animate href, script URL second in values",
        svg_link_with(
            El(
                "animate",
                {
                    "attributeName": "href",
                    "values": "#a;javascript:alert(XSS)",
                    "dur": "0.1s",
                    "fill": "freeze",
                },
            )
        ),
        svg_animation_template(
            '<animate attributeName="href" values="{v}" dur="0.1s" fill="freeze"/>',
            v="#a;javascript:alert(XSS)",
        ),
    ),
    Vector(
        "set href, attribute name from data",
        svg_link_with(El("set", {"attributeName": "href", "to": "javascript:alert(XSS)"})),
        svg_animation_template('<set attributeName="{v}" to="javascript:alert(XSS)"/>', v="href"),
    ),
    Vector(
        "set href, padded attribute name",
        svg_link_with(El("set", {"attributeName": " href ", "to": "javascript:alert(XSS)"})),
        svg_animation_template('<set attributeName=" href " to="{v}"/>', v="javascript:alert(XSS)"),
    ),
    Vector(
        "set HREF, attribute name in capitals",
        svg_link_with(El("set", {"attributeName": "HREF", "to": "javascript:alert(XSS)"})),
        svg_animation_template('<set attributeName="HREF" to="{v}"/>', v="javascript:alert(XSS)"),
    ),
    Vector(
        "animateTransform href",
        svg_link_with(
            El("animateTransform", {"attributeName": "href", "to": "javascript:alert(XSS)"})
        ),
        svg_animation_template(
            '<animateTransform attributeName="href" to="{v}"/>', v="javascript:alert(XSS)"
        ),
    ),
    Vector(
        "set onmouseover",
        svg_link_with(El("set", {"attributeName": "onmouseover", "to": PAYLOAD})),
        svg_animation_template('<set attributeName="onmouseover" to="{v}"/>', v=PAYLOAD),
    ),
    Vector(
        "set on an image href",
        frame_svg(
            El(
                "image",
                {"width": 20, "height": 20},
                (El("set", {"attributeName": "href", "to": "javascript:alert(XSS)"}),),
            )
        ),
        T(
            '<svg><image width="20" height="20"><set attributeName="href" to="{v}"/></image></svg>',
            {"v": "javascript:alert(XSS)"},
        ),
    ),
)
