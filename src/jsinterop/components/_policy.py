"""The attribute-and-URL policy: what a value from data may become inside a tag.

``h`` (:class:`~jsinterop.components.Element`) and :func:`~jsinterop.components.html`
templates both ask this module about every attribute they write, so the two cannot disagree.
"Data" is every value that is not :class:`~jsinterop.components.Markup`: a component's text,
numbers, lists, what a user typed. The rules follow what the browser's own parsers do with
the attribute, because that, not the text, decides what runs:

- Attribute names are compared in ASCII lower case, as the HTML tokenizer folds them
  (``HREF`` is ``href``). A name given as data must match the HTML attribute-name grammar;
  ``on*`` names are refused (handlers are ``on_<event>=callable``), and so is the
  ``data-jsi-`` prefix, which the component host uses for its own handlers.
- URL-bearing attributes (:data:`URL_ATTRIBUTES`; ``srcset`` per candidate, ``ping`` and
  the like per URL) accept relative URLs and the schemes in :data:`SAFE_SCHEMES`. The scheme
  is read as the WHATWG URL parser reads it: leading and trailing C0 controls and spaces
  stripped, tabs and newlines removed anywhere, ASCII case folded. ``data:`` is accepted only
  for a raster image (PNG, GIF, JPEG, WebP) where the browser decodes it as an image
  (:data:`IMAGE_SOURCES`): a raster image runs no script, SVG and HTML do. Any other URL is
  written as :data:`BLOCKED_URL` instead (React replaces ``javascript:`` URLs the same way),
  so a hostile link in a list of user content blanks that link, not the page.
- Values from data are refused outright (:class:`ValueError`, which the component host
  shows in its error bar) in ``srcdoc`` (its HTML would run in this page's origin), in
  ``on*`` attributes, in ``style`` when the CSS, with comments and escapes undone, contains
  ``expression(``, ``javascript:``, ``vbscript:``, ``-moz-binding`` or ``behavior:``, in any
  attribute of an SVG animation element (``animate``, ``set``, ...) whose ``attributeName``
  is one of those attributes (it would set the URL or handler after this check), and in a
  ``<meta http-equiv>`` (it can reload or redirect the page).

Templates decode character references before checking (``&#106;avascript:`` is
``javascript:`` to the browser): :func:`decode_attribute` does it the way the HTML tokenizer
does inside an attribute value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = [
    "BLOCKED_URL",
    "ELEMENT_RULES",
    "EVENTS",
    "IMAGE_SOURCES",
    "SAFE_SCHEMES",
    "URL_ATTRIBUTES",
    "ascii_lower",
    "check_attribute_name",
    "check_attribute_value",
    "check_element",
    "decode_attribute",
    "event_attribute",
    "url_is_safe",
]

BLOCKED_URL = "about:blank#blocked"
"""What a refused URL is written as (Chromium's own name for a blocked navigation)."""

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""The schemes a URL from data may have; a URL without a scheme (relative) is allowed too."""

URL_ATTRIBUTES = frozenset(
    {
        "action",
        "archive",
        "background",
        "cite",
        "classid",
        "codebase",
        "data",
        "dynsrc",
        "formaction",
        "href",
        "icon",
        "imagesrcset",
        "itemtype",
        "longdesc",
        "lowsrc",
        "manifest",
        "ping",
        "poster",
        "profile",
        "src",
        "srcset",
        "usemap",
        "xlink:href",
        "xml:base",
    }
)
"""Attributes whose value is a URL (or a list of URLs) in some element, in HTML or SVG."""

_SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
_URL_LIST_ATTRIBUTES = frozenset({"archive", "itemtype", "ping"})  # whitespace-separated

IMAGE_SOURCES = frozenset(
    {
        ("img", "src"),
        ("img", "srcset"),
        ("source", "src"),
        ("source", "srcset"),
        ("input", "src"),
        ("video", "poster"),
        ("image", "href"),
        ("image", "xlink:href"),
    }
)
"""(element, attribute) pairs the browser loads as an image: only there is ``data:`` allowed."""

_RASTER_DATA_URL = re.compile(r"data:image/(?:png|gif|jpeg|webp)[;,]")

EVENTS = (
    "change",
    "click",
    "dblclick",
    "focusin",
    "focusout",
    "input",
    "keydown",
    "keyup",
    "submit",
)
"""The events ``on_<event>=callable`` binds; ``_framework/components.mjs`` listens for these."""

EVENT_ATTRIBUTE = "data-jsi-on-"
"""Prefix of the attribute that names an element's handler for one event type."""

PREVENT_ATTRIBUTE = "data-jsi-prevent"
"""The attribute listing the events whose default action the page prevents on the element
(``prevent_default=``), synchronously, before Python hears of the event."""

_RESERVED_PREFIX = "data-jsi-"

_ANIMATION_ELEMENTS = frozenset(
    {"animate", "animatecolor", "animatemotion", "animatetransform", "set"}
)
ELEMENT_RULES = _ANIMATION_ELEMENTS | {"meta"}
"""The elements :func:`check_element` has rules for (others need not be passed to it)."""
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_C0_OR_SPACE = "".join(chr(code) for code in range(0x21))
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_HTML_WHITESPACE = "\t\n\f\r "
# HTML: "attribute names must consist of one or more characters other than controls,
# U+0020 SPACE, U+0022 ("), U+0027 ('), U+003E (>), U+002F (/), U+003D (=), and noncharacters".
_ATTRIBUTE_NAME = re.compile(
    "[^\x00-\x20\x7f-\x9f\"'>/=\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]+"
)
_SCRIPTING_CSS = ("expression(", "javascript:", "vbscript:", "-moz-binding", "behavior:")
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9A-Fa-f]{1,6})[ \t\n\f\r]?|\r\n|(.))", re.DOTALL)

# Character references whose value has an ASCII character: the only ones that can change
# how a URL's scheme or CSS reads. Any other reference decodes to non-ASCII text, which
# can never be part of a scheme, so leaving it undecoded reads the same. (A unit test
# compares this table with html.entities.html5, which costs ~30 ms to import in Pyodide.)
_ASCII_REFERENCES = {
    "Tab;": "\t",
    "NewLine;": "\n",
    "excl;": "!",
    "QUOT": '"',
    "QUOT;": '"',
    "quot": '"',
    "quot;": '"',
    "num;": "#",
    "dollar;": "$",
    "percnt;": "%",
    "AMP": "&",
    "AMP;": "&",
    "amp": "&",
    "amp;": "&",
    "apos;": "'",
    "lpar;": "(",
    "rpar;": ")",
    "ast;": "*",
    "midast;": "*",
    "plus;": "+",
    "comma;": ",",
    "period;": ".",
    "sol;": "/",
    "colon;": ":",
    "semi;": ";",
    "LT": "<",
    "LT;": "<",
    "lt": "<",
    "lt;": "<",
    "nvlt;": "<\u20d2",
    "equals;": "=",
    "bne;": "=\u20e5",
    "GT": ">",
    "GT;": ">",
    "gt": ">",
    "gt;": ">",
    "nvgt;": ">\u20d2",
    "quest;": "?",
    "commat;": "@",
    "lbrack;": "[",
    "lsqb;": "[",
    "bsol;": "\\",
    "rbrack;": "]",
    "rsqb;": "]",
    "Hat;": "^",
    "UnderBar;": "_",
    "lowbar;": "_",
    "DiacriticalGrave;": "`",
    "grave;": "`",
    "fjlig;": "fj",
    "lbrace;": "{",
    "lcub;": "{",
    "VerticalLine;": "|",
    "verbar;": "|",
    "vert;": "|",
    "rbrace;": "}",
    "rcub;": "}",
}
_LEGACY_REFERENCES = ("QUOT", "quot", "AMP", "amp", "LT", "lt", "GT", "gt")  # no ";" needed
_REFERENCE = re.compile(r"&(?:#[xX]([0-9A-Fa-f]+);?|#([0-9]+);?|([A-Za-z0-9]+;?))")


def ascii_lower(text: str) -> str:
    """``text`` with ASCII letters in lower case only, as the HTML tokenizer folds names.

    Examples
    --------
    >>> from jsinterop.components._policy import ascii_lower
    >>> ascii_lower("XLINK:HREF")
    'xlink:href'
    """
    return text.translate(_ASCII_LOWER)


def check_attribute_name(name: str, where: str) -> str:
    """The attribute name as the browser reads it (ASCII lower case), if data may write it.

    Raises :class:`ValueError` for a name outside the HTML attribute-name grammar, an
    ``on*`` name and the host's own ``data-jsi-`` names.

    Examples
    --------
    >>> from jsinterop.components._policy import check_attribute_name
    >>> check_attribute_name("Data-Row", "h.td()")
    'data-row'
    >>> check_attribute_name("x onerror", "h.img()")
    Traceback (most recent call last):
    ...
    ValueError: h.img(): 'x onerror' is not a valid attribute name (an attribute name has no spaces, quotes, '>', '/', '=' or control characters)
    """  # noqa: E501 - a doctest shows the whole message
    lowered = ascii_lower(name)
    if not _ATTRIBUTE_NAME.fullmatch(name):
        raise ValueError(
            f"{where}: {name!r} is not a valid attribute name (an attribute name has no "
            "spaces, quotes, '>', '/', '=' or control characters)"
        )
    if lowered.startswith("on"):
        raise ValueError(
            f"{name!r} is not an attribute jsinterop writes "
            "(inline on* handlers are refused; use on_<event>=callable)"
        )
    if lowered.startswith(_RESERVED_PREFIX):
        raise ValueError(
            f"{where}: {name!r} is reserved for the component host's event handlers; "
            "use on_<event>=callable"
        )
    return lowered


def event_attribute(key: str, where: str) -> str:
    """The attribute that binds the handler given as ``key`` (``on_click``, ``on_focus_in``).

    Examples
    --------
    >>> from jsinterop.components._policy import event_attribute
    >>> event_attribute("on_focus_in", "h.input()")
    'data-jsi-on-focusin'
    """
    event = ascii_lower(key[3:].replace("_", ""))
    if event not in EVENTS:
        raise ValueError(
            f"{where}: {key!r} names no event the component host handles "
            f"(on_<event> with one of: {', '.join(EVENTS)})"
        )
    return EVENT_ATTRIBUTE + event


def prevented_events(value: object, bound: list[str], where: str) -> list[str]:
    """The events ``prevent_default=value`` names on an element whose handlers are ``bound``.

    ``True`` names the events the element has handlers for; an event name or a list of
    them names those (with a handler or not, like Blazor's ``@onkeydown:preventDefault``);
    ``False`` and ``None`` name none.

    Examples
    --------
    >>> from jsinterop.components._policy import prevented_events
    >>> prevented_events(True, ["click"], "h.a()")
    ['click']
    >>> prevented_events(["keydown", "submit"], [], "h.form()")
    ['keydown', 'submit']
    >>> prevented_events("scroll", [], "h.div()")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: h.div(): prevent_default names 'scroll', no event the component host ...
    """
    if value is None or value is False:
        return []
    if value is True:
        if not bound:
            raise ValueError(
                f"{where}: prevent_default=True prevents the events the element has handlers "
                "for, and it has none: bind one (on_click=...) or name the events "
                '(prevent_default="keydown")'
            )
        return sorted(set(bound))
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, (list, tuple, set, frozenset)) or not all(
        isinstance(name, str) for name in names
    ):
        raise TypeError(
            f"{where}: prevent_default must be True, an event name or a list of them, "
            f"got {type(value).__name__}"
        )
    events = []
    for name in names:
        event = ascii_lower(name)
        if event not in EVENTS:
            raise ValueError(
                f"{where}: prevent_default names {name!r}, no event the component host "
                f"handles (one of: {', '.join(EVENTS)})"
            )
        events.append(event)
    return sorted(set(events))


def decode_attribute(value: str) -> str:
    """``value`` (the text between an attribute's quotes) as the browser reads it: numeric
    and named character references decoded with the HTML tokenizer's attribute rules.

    Only references whose value has ASCII characters are decoded by name (see the table
    above); that is enough to read a URL's scheme and CSS exactly as the browser does.

    Examples
    --------
    >>> from jsinterop.components._policy import decode_attribute
    >>> decode_attribute("&#106;ava&Tab;script&colon;x &amp y &ampz")
    'java\\tscript:x & y &ampz'
    """
    if "&" not in value:
        return value
    return _REFERENCE.sub(lambda found: _decode_reference(found, value), value)


def _decode_reference(found: re.Match[str], value: str) -> str:
    hexadecimal, decimal, name = found.groups()
    if hexadecimal is not None or decimal is not None:
        code = int(hexadecimal, 16) if hexadecimal is not None else int(decimal)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return "\ufffd"
        return chr(code)
    if name in _ASCII_REFERENCES and name.endswith(";"):
        return _ASCII_REFERENCES[name]
    for legacy in _LEGACY_REFERENCES:
        if name.startswith(legacy):
            following = value[found.start() + 1 + len(legacy) : found.start() + 2 + len(legacy)]
            # Inside an attribute, "&ampx" and "&amp=" stay as written (HTML, for old URLs).
            if following == "=" or (following.isascii() and following.isalnum()):
                return found.group(0)
            return _ASCII_REFERENCES[legacy] + found.group(0)[1 + len(legacy) :]
    return found.group(0)


def url_scheme(url: str) -> str | None:
    """The scheme the browser reads from ``url``, in lower case; ``None`` for a relative URL.

    Examples
    --------
    >>> from jsinterop.components._policy import url_scheme
    >>> url_scheme(" \\x01Java\\tScript:alert(1)"), url_scheme("items/1?a=b:c")
    ('javascript', None)
    """
    cleaned = url.strip(_C0_OR_SPACE).translate(_TAB_OR_NEWLINE)
    match = _SCHEME.match(cleaned)
    return ascii_lower(match.group(1)) if match else None


def url_is_safe(url: str, *, image: bool = False) -> bool:
    """Whether ``url`` is relative or has a scheme in :data:`SAFE_SCHEMES` (or, for an
    ``image`` source, is a ``data:`` URL of a PNG, GIF, JPEG or WebP image).

    Examples
    --------
    >>> from jsinterop.components._policy import url_is_safe
    >>> url_is_safe("https://example.com/"), url_is_safe("java\\nscript:alert(1)")
    (True, False)
    >>> url_is_safe("data:image/png;base64,AA=="), url_is_safe("data:image/png;base64,AA==", image=True)
    (False, True)
    """  # noqa: E501 - a doctest line
    scheme = url_scheme(url)
    if scheme is None or scheme in SAFE_SCHEMES:
        return True
    if image and scheme == "data":
        cleaned = ascii_lower(url.strip(_C0_OR_SPACE).translate(_TAB_OR_NEWLINE))
        return _RASTER_DATA_URL.match(cleaned) is not None
    return False


def srcset_urls(srcset: str) -> Iterator[str]:
    """The URL of each image candidate in ``srcset``, split as the HTML parser splits it.

    Examples
    --------
    >>> from jsinterop.components._policy import srcset_urls
    >>> list(srcset_urls("a.png 1x, data:image/png;base64,AA== 2x,b.png,, c.png (x, y) 3x"))
    ['a.png', 'data:image/png;base64,AA==', 'b.png', 'c.png']
    """
    position, end = 0, len(srcset)
    while True:
        while position < end and (srcset[position] in _HTML_WHITESPACE or srcset[position] == ","):
            position += 1
        if position >= end:
            return
        start = position
        while position < end and srcset[position] not in _HTML_WHITESPACE:
            position += 1
        url = srcset[start:position]
        yield url.rstrip(",")
        if url.endswith(","):
            continue
        in_parentheses = False  # descriptors run to the next comma outside parentheses
        while position < end and (in_parentheses or srcset[position] != ","):
            if srcset[position] == "(":
                in_parentheses = True
            elif srcset[position] == ")":
                in_parentheses = False
            position += 1


def _urls(name: str, value: str) -> Iterable[str]:
    if name in _SRCSET_ATTRIBUTES:
        return srcset_urls(value)
    if name in _URL_LIST_ATTRIBUTES:
        return value.split()
    return (value,)


def scripting_css(css: str) -> str | None:
    """The first construct in ``css`` that can run script in some browser, or ``None``.

    Comments and CSS escapes are undone and whitespace removed first, so that
    ``expr/**/ession(`` and ``\\65 xpression(`` are found too.

    Examples
    --------
    >>> from jsinterop.components._policy import scripting_css
    >>> scripting_css("color: red"), scripting_css("width: \\\\65 xpr/**/ession(alert(1))")
    (None, 'expression(')
    """
    text = _CSS_ESCAPE.sub(_unescape_css, _CSS_COMMENT.sub("", css))
    compact = ascii_lower("".join(text.split()).translate(str.maketrans("", "", _C0_OR_SPACE)))
    return next((construct for construct in _SCRIPTING_CSS if construct in compact), None)


def _unescape_css(found: re.Match[str]) -> str:
    hexadecimal, character = found.groups()
    if hexadecimal is not None:
        code = int(hexadecimal, 16)
        return "\ufffd" if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF else chr(code)
    return character or ""


def _refused_target(name: str) -> bool:
    # An attribute whose value data may not set: event handlers, srcdoc, style, and URLs.
    local = name.rsplit(":", 1)[-1]
    return (
        name.startswith("on")
        or local in ("srcdoc", "style")
        or name in URL_ATTRIBUTES
        or local in _URL_LOCAL_NAMES
    )


_URL_LOCAL_NAMES = frozenset(name.rsplit(":", 1)[-1] for name in URL_ATTRIBUTES)
# Common attributes with no rule, answered at once.
_PLAIN_ATTRIBUTES = frozenset(
    {"class", "id", "title", "alt", "type", "name", "value", "role", "for", "placeholder"}
)


def check_attribute_value(element: str, name: str, value: str, where: str) -> str | None:
    """Check a value from data for attribute ``name`` (lower case) of ``element``.

    Returns ``None`` when ``value`` may be written as it is, or the text to write instead
    (:data:`BLOCKED_URL` for a URL the policy refuses). Raises :class:`ValueError` for
    values data may never set (``srcdoc``, ``on*``, ``data-jsi-*``, scripting CSS).
    ``value`` is what the browser will read: for a template, decoded with
    :func:`decode_attribute`.

    Examples
    --------
    >>> from jsinterop.components._policy import check_attribute_value
    >>> check_attribute_value("a", "href", " javascript:alert(1)", "h.a()")
    'about:blank#blocked'
    >>> check_attribute_value("a", "title", "javascript:alert(1)", "h.a()") is None
    True
    """
    if name in _PLAIN_ATTRIBUTES:
        return None
    if name in URL_ATTRIBUTES:
        image = (element, name) in IMAGE_SOURCES
        if all(url_is_safe(url, image=image) for url in _urls(name, value)):
            return None
        return BLOCKED_URL
    if name == "srcdoc":
        raise ValueError(
            f"{where}: srcdoc takes no value from data: its HTML would run as this page's "
            "own; render the content with components instead"
        )
    if name.startswith("on"):
        raise ValueError(
            f"{where}: a value from data cannot go in {name}=: it would run as script; "
            "bind a handler with h.<tag>(..., on_<event>=callable)"
        )
    if name.startswith(_RESERVED_PREFIX):
        raise ValueError(
            f"{where}: a value from data cannot go in {name}=: the component host "
            "reads it; bind a handler with on_<event>=callable"
        )
    if name == "style":
        construct = scripting_css(value)
        if construct is not None:
            raise ValueError(
                f"{where}: style={value!r} is refused: it contains {construct!r}, CSS that "
                "runs script in some browsers"
            )
    return None


def check_element(element: str, attributes: Iterable[tuple[str, str, bool]], where: str) -> None:
    """Rules that need every attribute of ``element``: ``(name, value, from_data)`` each.

    Raises :class:`ValueError` when data would set the target of an SVG animation of a
    URL, handler, ``srcdoc`` or ``style`` attribute, or any attribute of a
    ``<meta http-equiv>``.

    Examples
    --------
    >>> from jsinterop.components._policy import check_element
    >>> check_element("set", [("attributename", "href", False), ("to", "#top", True)], "h.set()")
    Traceback (most recent call last):
    ...
    ValueError: h.set(): an SVG animation of href takes no values from data (it would set the attribute after every check)
    """  # noqa: E501 - a doctest shows the whole message
    if element not in ELEMENT_RULES:
        return
    listed = list(attributes)
    if not any(from_data for _, _, from_data in listed):
        return
    values = {name: value for name, value, _ in listed}
    if element == "meta":
        if "http-equiv" in values:
            raise ValueError(
                f"{where}: a <meta http-equiv> takes no values from data (it can reload or "
                "redirect the page)"
            )
        return
    target = ascii_lower(values.get("attributename", "").strip(_HTML_WHITESPACE))
    if _refused_target(target):
        raise ValueError(
            f"{where}: an SVG animation of {target} takes no values from data (it would set "
            "the attribute after every check)"
        )
