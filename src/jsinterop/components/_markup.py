"""Markup that is safe by construction: text is escaped unless it is :class:`Markup`.

Components describe their output with :data:`h` (``h.p("Count: ", count)``) or with
``html()`` templates (in ``_template``); both escape every value that is not
:class:`Markup` or a node, and both write attributes through the one attribute-and-URL
policy in ``_policy``. Rendering turns the tree into an HTML string and records the event
handlers (``on_click=self.increment``) it met, by number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from jsinterop.components._policy import (
    ELEMENT_RULES,
    EVENT_ATTRIBUTE,
    PREVENT_ATTRIBUTE,
    ascii_lower,
    check_attribute_name,
    check_attribute_value,
    check_element,
    event_attribute,
    prevented_events,
)

__all__ = [
    "ComponentNode",
    "Element",
    "Fragment",
    "Markup",
    "Node",
    "RenderContext",
    "escape",
    "h",
    "render_html",
]

PREVENT_DEFAULT = "prevent_default"
"""The keyword naming the events whose default action the page prevents on an element."""

# Elements that have no end tag and no children (HTML Living Standard, "void elements").
VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()  # noqa: SIM905 - a word list reads better
)

_TAG_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*")
_BINARY = (bytes, bytearray, memoryview)
# Names already checked, so a render does not check the same names again (bounded: names
# may come from data).
_checked_names: dict[tuple[str, str], str] = {}
_checked_tags: dict[str, str] = {}
_CHECKED_NAMES_LIMIT = 4096


def _escape_text(text: str) -> str:
    # html.escape would import html.entities, ~30 ms at start-up in Pyodide.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    """``text`` escaped for a quoted attribute value (``& < > " '``)."""
    return _escape_text(text).replace('"', "&quot;").replace("'", "&#x27;")


def refuse_bytes(value: object) -> None:
    """Raise :class:`TypeError` for ``bytes``-like values: they are not text."""
    if isinstance(value, _BINARY):
        raise TypeError(
            f"cannot render {type(value).__name__} as markup; decode it to str first "
            "(value.decode())"
        )


def _checked_tag(tag: str) -> str:
    lowered = _checked_tags.get(tag)
    if lowered is not None:
        return lowered
    if not _TAG_NAME.fullmatch(tag):
        raise ValueError(f"{tag!r} is not an HTML tag name")
    lowered = ascii_lower(tag)
    if lowered == "script":
        raise ValueError(
            "h.script(): jsinterop renders no <script> elements (a script in rendered HTML "
            "never runs); load JS with JSHost.import_async"
        )
    if len(_checked_tags) >= _CHECKED_NAMES_LIMIT:
        _checked_tags.clear()
    _checked_tags[tag] = lowered
    return lowered


def _checked_name(name: str, where: str) -> str:
    key = (name, where)
    lowered = _checked_names.get(key)
    if lowered is None:
        lowered = check_attribute_name(name, where)
        if len(_checked_names) >= _CHECKED_NAMES_LIMIT:
            _checked_names.clear()
        _checked_names[key] = lowered
    return lowered


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
    return Markup(escape_attribute(str(value)))


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
        tag = _checked_tag(self.tag)
        where = f"h.{tag}()"
        out.append(f"<{self.tag}")
        # Only the elements with rules about all their attributes need them collected.
        written: list[tuple[str, str, bool]] | None = [] if tag in ELEMENT_RULES else None
        bound: list[str] = []
        prevent: object = None
        for name, value in self.attributes:
            if name == PREVENT_DEFAULT:
                prevent = value
                continue
            if name.startswith("on_"):
                if value is None:
                    continue
                if not callable(value):
                    raise TypeError(
                        f"<{self.tag} {name}=...> must be a callable (an event handler), "
                        f"got {type(value).__name__}"
                    )
                attribute = event_attribute(name, where)
                bound.append(attribute.removeprefix(EVENT_ATTRIBUTE))
                out.append(f' {attribute}="{context.add_handler(value)}"')
                continue
            lowered = _checked_name(name, where)
            if value is None or value is False:
                continue
            if value is True:
                out.append(f" {name}")
                continue
            refuse_bytes(value)
            text = str(value)
            from_data = not isinstance(value, Markup)  # Markup: you vouch for it
            if from_data:
                replacement = check_attribute_value(tag, lowered, text, where)
                if replacement is not None:
                    text = replacement
            if written is not None:
                written.append((lowered, text, from_data))
            out.append(f' {name}="{escape_attribute(text)}"')
        if written is not None:
            check_element(tag, written, where)
        prevented = prevented_events(prevent, bound, where)
        if prevented:
            out.append(f' {PREVENT_ATTRIBUTE}="{" ".join(prevented)}"')
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
    elif isinstance(child, _BINARY):
        refuse_bytes(child)
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
    (``on_click``, ``on_input``, ``on_submit``, ...). ``prevent_default=True`` makes the
    page prevent the default action of the events bound on the element, at once, before
    Python hears of them (Blazor's ``@onclick:preventDefault``); an event name or a list of
    them names other events (``prevent_default="keydown"``).

    Examples
    --------
    >>> from jsinterop.components import h, render_html
    >>> render_html(h.a("Next", href="#", on_click=print, prevent_default=True))
    '<a href="#" data-jsi-on-click="0" data-jsi-prevent="click">Next</a>'
    """

    def __call__(self, tag: str, *children: Child, **attributes: Any) -> Element:
        tag = _checked_tag(tag)
        if tag in VOID_ELEMENTS and children:
            raise ValueError(f"<{tag}> is a void element: it cannot have children")
        return Element(tag, tuple(_attributes(attributes, f"h.{tag}()")), children)

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


def _attributes(attributes: dict[str, Any], where: str) -> Iterator[tuple[str, Any]]:
    # Names are checked here too, so that a bad one fails where h was called.
    for key, value in attributes.items():
        if key == PREVENT_DEFAULT:
            # A bad value fails where h was called; True is checked when the element is
            # written, against the handlers it has then.
            if value is not True:
                prevented_events(value, [], where)
            yield key, value
            continue
        if key.startswith("on_"):
            event_attribute(key, where)
            yield key, value
            continue
        name = key.rstrip("_").replace("_", "-") if key != "_" else key
        _checked_name(name, where)
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
