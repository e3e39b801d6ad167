"""Markup that is safe by construction: text is escaped unless it is :class:`Markup`.

Components describe their output with :data:`h` (``h.p("Count: ", count)``) or with
:func:`html` templates (``html("<p>Count: {count}</p>", count=count)``); both escape every
value that is not :class:`Markup` or a node. Rendering turns the tree into an HTML string
and records the event handlers (``on_click=self.increment``) it met, by number.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ComponentNode",
    "Element",
    "Fragment",
    "Markup",
    "Node",
    "RenderContext",
    "escape",
    "h",
    "html",
    "render_html",
]

# Elements that have no end tag and no children (HTML Living Standard, "void elements").
VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()  # noqa: SIM905 - a word list reads better
)
# Attributes whose value is a URL: a javascript: URL there would run code.
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href"})
EVENT_ATTRIBUTE = "data-jsi-on-"
"""Prefix of the attribute that names an element's handler for one event type."""

_TAG_NAME = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]*$")
_ATTRIBUTE_NAME = re.compile(r"^[^\s\"'>/=\x00-\x1f]+$")
_SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)
_ALLOWED_DATA_URL = re.compile(r"^\s*data:image/(png|gif|jpeg|webp);", re.IGNORECASE)


def _escape_text(text: str) -> str:
    # html.escape would import html.entities, ~30 ms at start-up in Pyodide.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(text: str) -> str:
    return _escape_text(text).replace('"', "&quot;").replace("'", "&#x27;")


class Markup(str):
    """A string that is already HTML: it is inserted as is, never escaped.

    Only wrap text you wrote or sanitized yourself; user data stays plain ``str``.

    Examples
    --------
    >>> from jsinterop.components import Markup, h, render_html
    >>> render_html(h.p(Markup("<b>bold</b>"), " and <i>not</i>"))
    '<p><b>bold</b> and &lt;i&gt;not&lt;/i&gt;</p>'
    """

    __slots__ = ()

    def __html__(self) -> Markup:
        return self


def escape(value: object) -> Markup:
    """``value`` as HTML text: ``& < > " '`` escaped; :class:`Markup` is returned unchanged.

    Examples
    --------
    >>> from jsinterop.components import escape
    >>> escape("<script>alert(1)</script>")
    '&lt;script&gt;alert(1)&lt;/script&gt;'
    """
    if isinstance(value, Markup):
        return value
    html_method = getattr(value, "__html__", None)
    if callable(html_method):
        return Markup(html_method())
    return Markup(_escape_attribute(str(value)))


class Node:
    """Something a component renders: an :class:`Element` or a :class:`Fragment`."""

    __slots__ = ()

    def write(self, out: list[str], context: RenderContext) -> None:  # pragma: no cover
        raise NotImplementedError


Child = Any
"""What may appear as a child: str, int, float, Markup, Node, None/False (nothing), or an
iterable of those."""


@dataclass(frozen=True, slots=True, eq=False)
class Element(Node):
    """One HTML element; build it with :data:`h`.

    Examples
    --------
    >>> from jsinterop.components import h, render_html
    >>> render_html(h.a("Home", href="/", class_="nav-link"))
    '<a href="/" class="nav-link">Home</a>'
    """

    tag: str
    attributes: tuple[tuple[str, Any], ...]
    children: tuple[Child, ...]

    def write(self, out: list[str], context: RenderContext) -> None:
        out.append(f"<{self.tag}")
        for name, value in self.attributes:
            if name.startswith("on_"):
                if value is None:
                    continue
                if not callable(value):
                    raise TypeError(
                        f"<{self.tag} {name}=...> must be a callable (an event handler), "
                        f"got {type(value).__name__}"
                    )
                event = name[3:].replace("_", "")
                out.append(f' {EVENT_ATTRIBUTE}{event}="{context.add_handler(value)}"')
                continue
            if value is None or value is False:
                continue
            if value is True:
                out.append(f" {name}")
                continue
            text = value if isinstance(value, Markup) else str(value)
            if (
                name in URL_ATTRIBUTES
                and not isinstance(value, Markup)
                and _SCRIPT_URL.match(text)
                and not _ALLOWED_DATA_URL.match(text)
            ):
                text = "about:blank#blocked"
            out.append(f' {name}="{_escape_attribute(text)}"')
        out.append(">")
        if self.tag in VOID_ELEMENTS:
            return
        for child in self.children:
            _write_child(child, out, context)
        out.append(f"</{self.tag}>")


@dataclass(frozen=True, slots=True, eq=False)
class Fragment(Node):
    """Children without an element around them (what :func:`html` returns).

    Examples
    --------
    >>> from jsinterop.components import Fragment, h, render_html
    >>> render_html(Fragment((h.dt("a"), h.dd("1"))))
    '<dt>a</dt><dd>1</dd>'
    """

    children: tuple[Child, ...]

    def write(self, out: list[str], context: RenderContext) -> None:
        for child in self.children:
            _write_child(child, out, context)


def _write_child(child: Child, out: list[str], context: RenderContext) -> None:
    if child is None or child is False or child is True:
        return
    if isinstance(child, Node):
        child.write(out, context)
    elif isinstance(child, str):
        out.append(child if isinstance(child, Markup) else _escape_text(child))
    elif isinstance(child, int | float):
        out.append(str(child))
    elif hasattr(child, "__html__"):
        out.append(str(child.__html__()))
    elif isinstance(child, Iterable):
        for item in child:
            _write_child(item, out, context)
    else:
        raise TypeError(
            f"cannot render a {type(child).__name__} as markup; pass str(value) or a node"
        )


@dataclass(frozen=True, slots=True, eq=False)
class ComponentNode(Node):
    """A child component where it stands in its parent's markup (``h.component(...)``).

    The renderer keeps one instance per place (the parent, the component class and the
    ``key``, or the order among its siblings without one), hands it ``parameters`` on every
    render, and disposes of it when a render no longer places it.
    """

    component: type
    parameters: dict[str, Any]
    parent: Any
    key: Any

    def write(self, out: list[str], context: RenderContext) -> None:
        if context.mount is None:
            raise TypeError(
                f"{self.component.__name__}: a child component renders only inside a running app"
            )
        context.mount(self, out, context)


rendering: list[Any] = []
"""The components whose ``render`` is running, innermost last (the renderer keeps it)."""


class RenderContext:
    """Collects the event handlers met while rendering, each under a number.

    The numbers restart at every render, so the same output gets the same numbers and an
    unchanged element keeps its attributes.

    Examples
    --------
    >>> from jsinterop.components import RenderContext, h, render_html
    >>> context = RenderContext()
    >>> render_html(h.button("+1", on_click=print), context)
    '<button data-jsi-on-click="0">+1</button>'
    >>> context.handlers["0"] is print
    True
    """

    __slots__ = ("handlers", "mount")

    def __init__(
        self, mount: Callable[[ComponentNode, list[str], RenderContext], None] | None = None
    ) -> None:
        self.handlers: dict[str, Callable[..., Any]] = {}
        self.mount = mount

    def add_handler(self, handler: Callable[..., Any]) -> str:
        key = str(len(self.handlers))
        self.handlers[key] = handler
        return key


def write_content(content: Child, out: list[str], context: RenderContext) -> None:
    """Append the HTML of ``content`` to ``out`` (what :func:`render_html` joins)."""
    _write_child(content, out, context)


def render_html(content: Child, context: RenderContext | None = None) -> str:
    """The HTML of ``content`` (a node, text or a list of them).

    Examples
    --------
    >>> from jsinterop.components import h, render_html
    >>> render_html([h.h1("Hello"), "<3"])
    '<h1>Hello</h1>&lt;3'
    """
    out: list[str] = []
    _write_child(content, out, RenderContext() if context is None else context)
    return "".join(out)


class _ElementFactory:
    """``h.div(*children, **attributes)`` or ``h("my-tag", ...)``.

    Attribute names: a trailing ``_`` is dropped (``class_``, ``for_``) and other ``_``
    become ``-`` (``data_id`` → ``data-id``); ``True`` writes the bare attribute, ``None``
    and ``False`` leave it out. ``on_<event>=callable`` binds an event handler
    (``on_click``, ``on_input``, ``on_submit``, ...).
    """

    def __call__(self, tag: str, *children: Child, **attributes: Any) -> Element:
        if not _TAG_NAME.match(tag):
            raise ValueError(f"{tag!r} is not an HTML tag name")
        tag = tag.lower()
        if tag in VOID_ELEMENTS and children:
            raise ValueError(f"<{tag}> is a void element: it cannot have children")
        return Element(tag, tuple(_attributes(attributes)), children)

    def component(self, component: type, /, *, key: Any = None, **parameters: Any) -> Node:
        """A child component with ``parameters`` (Blazor's ``<Counter Step="10" />``).

        Parameters become attributes of the child before its lifecycle methods run; a
        callable parameter is how a child reports to its parent (Blazor's EventCallback).
        ``key`` keeps a child's instance when its place among siblings changes.
        """
        parent = rendering[-1] if rendering else None
        if key is None:
            key = parent._next_child_index() if parent is not None else 0
        return ComponentNode(component, parameters, parent, key)

    def __getattr__(self, tag: str) -> Callable[..., Element]:
        if tag.startswith("__"):
            raise AttributeError(tag)
        name = tag.rstrip("_")

        def make(*children: Child, **attributes: Any) -> Element:
            return self(name, *children, **attributes)

        make.__name__ = name
        return make


def _attributes(attributes: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for key, value in attributes.items():
        if key.startswith("on_"):
            yield key, value
            continue
        name = key.rstrip("_").replace("_", "-") if key != "_" else key
        if not _ATTRIBUTE_NAME.match(name) or name.lower().startswith("on"):
            raise ValueError(
                f"{key!r} is not an attribute jsinterop writes "
                "(inline on* handlers are refused; use on_<event>=callable)"
            )
        yield name, value


h = _ElementFactory()
"""The element builder: ``h.p("Hello, ", name)``, ``h.button("+1", on_click=self.add)``.

Examples
--------
>>> from jsinterop.components import h, render_html
>>> render_html(h.input(type="checkbox", checked=True, disabled=False))
'<input type="checkbox" checked>'
>>> render_html(h.p("<script>alert(1)</script>"))
'<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'
"""


class _TemplateFormatter(string.Formatter):
    pass


def html(template: str, /, *args: Any, **values: Any) -> Fragment:
    """An HTML template whose ``{fields}`` are filled with escaped values.

    The template is markup you wrote; each value is escaped text (quotes included, so
    it may stand in a quoted attribute) unless it is :class:`Markup` or a node (so
    ``h.button(..., on_click=...)`` can go in a template). Format specs work on plain
    values: ``{price:.2f}``. Quote attributes in the template: ``title="{t}"``.

    Examples
    --------
    >>> from jsinterop.components import html, render_html
    >>> render_html(html("<p>Hello, <b>{name}</b>!</p>", name="<Ann>"))
    '<p>Hello, <b>&lt;Ann&gt;</b>!</p>'
    """
    formatter = _TemplateFormatter()
    parts: list[Child] = []
    automatic = 0
    for literal, field, spec, conversion in formatter.parse(template):
        if literal:
            parts.append(Markup(literal))
        if field is None:
            continue
        if field == "":
            field = str(automatic)
            automatic += 1
        value, _ = formatter.get_field(field, args, values)
        if conversion:
            value = formatter.convert_field(value, conversion)
        if spec:
            value = format(value, spec)
        if isinstance(value, str) and not isinstance(value, Markup):
            value = escape(value)  # quotes too: a template may put it in an attribute
        parts.append(value)
    return Fragment(tuple(parts))
