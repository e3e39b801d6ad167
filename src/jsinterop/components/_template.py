"""``html()`` templates: markup you wrote, with ``{fields}`` filled by escaped values.

A template is compiled once (per template text, and per text of the :class:`Markup` values
in it) into a plan: the HTML tokenizer's states are followed through the literal text, so
each field knows where it stands, as the browser will read it:

- between tags (or in ``<textarea>``/``<title>``): text, escaped; a node or a list renders
  as it would as a child;
- in a quoted attribute value: text, escaped whatever the value's type (a list, a node),
  and the whole attribute, literal text included and character references decoded, goes
  through the attribute-and-URL policy of :mod:`._policy`, as ``h``'s attributes do;
- anywhere else (a tag or attribute name, an unquoted value other than a number, inside
  ``<script>``/``<style>`` or a comment): refused, with a :class:`ValueError` that says
  where the field stands.

``Markup`` values count as part of the template (you vouch for them), so the tokenizer reads
them too. A template must end between tags. Where the browser may read the literal text two
ways (``<`` inside ``<style>``, which is markup when the template sits inside ``<svg>``, or
``</style`` inside an attribute, which ends a ``<style>`` the template sits in) the template
is refused rather than guessed at.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from jsinterop.components._markup import (
    Child,
    Fragment,
    Markup,
    Node,
    escape,
    escape_attribute,
    refuse_bytes,
    render_html,
)
from jsinterop.components._policy import (
    ascii_lower,
    check_attribute_value,
    check_element,
    decode_attribute,
)

__all__ = ["html"]

_RAWTEXT_ELEMENTS = frozenset(
    {"iframe", "noembed", "noframes", "noscript", "script", "style", "xmp"}
)
_RCDATA_ELEMENTS = frozenset({"textarea", "title"})
_WHITESPACE = "\t\n\f\r "
# "</style" and the like, where the browser may end a raw text element the template sits in.
_CLOSES_TEXT = re.compile(
    r"</(iframe|noembed|noframes|noscript|plaintext|script|style|textarea|title|xmp)"
    r"(?=[\t\n\f\r />]|$)",
    re.IGNORECASE,
)

# Tokenizer states (HTML Living Standard, 13.2.5), the ones a template can stand in.
_DATA = 0
_TAG_OPEN = 1
_END_TAG_OPEN = 2
_TAG_NAME = 3
_BEFORE_ATTRIBUTE_NAME = 4
_ATTRIBUTE_NAME = 5
_AFTER_ATTRIBUTE_NAME = 6
_BEFORE_ATTRIBUTE_VALUE = 7
_VALUE_DOUBLE_QUOTED = 8
_VALUE_SINGLE_QUOTED = 9
_VALUE_UNQUOTED = 10
_AFTER_ATTRIBUTE_VALUE = 11
_SELF_CLOSING = 12
_MARKUP_DECLARATION = 13
_COMMENT = 14
_BOGUS_COMMENT = 15
_TEXT = 16  # inside a raw text or RCDATA element, up to its end tag
_PLAINTEXT = 17
_IN_TAG = frozenset(
    {
        _TAG_OPEN,
        _END_TAG_OPEN,
        _TAG_NAME,
        _BEFORE_ATTRIBUTE_NAME,
        _ATTRIBUTE_NAME,
        _AFTER_ATTRIBUTE_NAME,
        _BEFORE_ATTRIBUTE_VALUE,
        _AFTER_ATTRIBUTE_VALUE,
        _SELF_CLOSING,
        _MARKUP_DECLARATION,
    }
)


class _Slot(NamedTuple):
    """A field whose value is data: its index among the data values, and its name."""

    number: int
    field: str


@dataclass(frozen=True, slots=True)
class _Attribute:
    name: str  # as the browser reads it (ASCII lower case)
    parts: tuple[str | _Slot, ...]  # the value: literal text (as written) and fields
    quoted: bool


@dataclass(frozen=True, slots=True)
class _StartTag:
    """A start tag with fields in its attribute values; ``text`` holds the tag's literal
    text with the index of each attribute where its value goes."""

    name: str
    text: tuple[str | int, ...]
    attributes: tuple[_Attribute, ...]


@dataclass(frozen=True, slots=True)
class _Child:
    slot: _Slot


_Step = str | _Child | _StartTag


class _AttributeBuilder:
    __slots__ = ("name", "parts", "quoted")

    def __init__(self, first: str) -> None:
        self.name = first
        self.parts: list[str | _Slot] = []
        self.quoted = False


class _TagBuilder:
    __slots__ = ("attributes", "end", "has_field", "name", "text")

    def __init__(self, opening: str, first: str, end: bool) -> None:
        self.name = first
        self.end = end
        self.text: list[str | int] = [opening]
        self.attributes: list[_AttributeBuilder] = []
        self.has_field = False


class _Compiler:
    """Follows the HTML tokenizer through a template's pieces (text, and fields)."""

    def __init__(self) -> None:
        self.steps: list[_Step] = []
        self.literal: list[str] = []
        self.state = _DATA
        self.tag: _TagBuilder | None = None
        self.attribute: _AttributeBuilder | None = None
        self.text_element = ""  # the raw text / RCDATA element we are in
        self.pending = ""  # "<!" or "<!-" while a markup declaration opens
        self.cdata = False
        self.seen = ""  # the template so far, for messages

    # Output --------------------------------------------------------------------------
    def emit(self, text: str) -> None:
        if self.tag is not None:
            self.tag.text.append(text)
        else:
            self.literal.append(text)

    def flush(self) -> None:
        if self.literal:
            self.steps.append("".join(self.literal))
            self.literal = []

    def refuse(self, slot: _Slot, reason: str) -> ValueError:
        context = self.seen[-40:]
        return ValueError(f"html(): {{{slot.field}}} stands {reason}: {context!r}")

    # Fields --------------------------------------------------------------------------
    def field(self, slot: _Slot) -> None:
        state = self.state
        if state == _DATA or (state == _TEXT and self.text_element in _RCDATA_ELEMENTS):
            self.flush()
            self.steps.append(_Child(slot))
        elif self.tag is not None and self.tag.end:
            raise self.refuse(slot, "in an end tag; values go between tags")
        elif state in (_VALUE_DOUBLE_QUOTED, _VALUE_SINGLE_QUOTED, _VALUE_UNQUOTED):
            assert self.tag is not None and self.attribute is not None
            self.attribute.parts.append(slot)
            self.tag.has_field = True
        elif state == _BEFORE_ATTRIBUTE_VALUE:
            # An unquoted value starts with the field; only a number may stand there.
            assert self.tag is not None
            self.open_value(quoted=False)
            assert self.attribute is not None
            self.attribute.parts.append(slot)
            self.tag.has_field = True
            self.state = _VALUE_UNQUOTED
        elif state in _IN_TAG:
            raise self.refuse(
                slot,
                "where a tag or attribute name goes; put values in quoted attribute values "
                "or between tags",
            )
        elif state in (_COMMENT, _BOGUS_COMMENT):
            raise self.refuse(slot, "inside a comment; values go between tags")
        else:
            raise self.refuse(
                slot,
                f"inside <{self.text_element or 'plaintext'}>, where the browser decodes no "
                "escapes; values go between tags or in quoted attribute values",
            )
        self.seen += "{" + slot.field + "}"

    # Literal text --------------------------------------------------------------------
    def feed(self, text: str) -> None:
        self.seen += text
        position, end = 0, len(text)
        while position < end:
            state = self.state
            character = text[position]
            if state == _DATA:
                found = text.find("<", position)
                if found < 0:
                    self.emit(text[position:])
                    return
                self.emit(text[position:found])
                self.state = _TAG_OPEN
                position = found + 1
                continue
            if state == _TAG_OPEN:
                if character.isascii() and character.isalpha():
                    self.start_tag("<" + character, ascii_lower(character), end=False)
                elif character == "!":
                    self.pending = "<!"
                    self.state = _MARKUP_DECLARATION
                elif character == "/":
                    self.state = _END_TAG_OPEN
                elif character == "?":
                    self.emit("<?")
                    self.cdata = False
                    self.state = _BOGUS_COMMENT
                else:
                    self.emit("<")
                    self.state = _DATA
                    continue  # the character is text: read it again in the data state
                position += 1
                continue
            if state == _END_TAG_OPEN:
                if character.isascii() and character.isalpha():
                    self.start_tag("</" + character, ascii_lower(character), end=True)
                    position += 1
                elif character == ">":
                    self.emit("</>")
                    self.state = _DATA
                    position += 1
                else:
                    self.emit("</")
                    self.cdata = False
                    self.state = _BOGUS_COMMENT
                continue
            if state == _MARKUP_DECLARATION:
                if character == "-" and self.pending in ("<!", "<!-"):
                    self.pending += "-"
                    position += 1
                    if self.pending == "<!--":
                        self.emit("<!--")
                        self.state = _COMMENT
                        position = self.comment(text, position, opening=True)
                    continue
                self.emit(self.pending)
                self.cdata = text.startswith("[CDATA[", position) and self.pending == "<!"
                self.state = _BOGUS_COMMENT
                continue
            if state == _COMMENT:
                position = self.comment(text, position, opening=False)
                continue
            if state == _BOGUS_COMMENT:
                found = text.find(">", position)
                content = text[position:] if found < 0 else text[position:found]
                self.check_closing(content)
                self.emit(content)
                if found < 0:
                    return
                if self.cdata and not self.literal_tail(content).endswith("]]"):
                    raise ValueError(
                        "html(): a CDATA section ends at ']]>' inside <svg> or <math>, and at "
                        f"the first '>' elsewhere; write it without '>': {self.seen[-40:]!r}"
                    )
                self.emit(">")
                self.state = _DATA
                position = found + 1
                continue
            if state == _TEXT:
                position = self.text_content(text, position)
                continue
            if state == _PLAINTEXT:
                if "<" in text[position:]:
                    raise self.ambiguous("plaintext")
                self.emit(text[position:])
                return
            position = self.in_tag(text, position)

    def literal_tail(self, content: str) -> str:
        return "".join(self.literal) + content

    def ambiguous(self, element: str) -> ValueError:
        return ValueError(
            f"html(): '<' inside <{element}> is text in HTML but markup inside <svg> or "
            f"<math>, so the template reads two ways; keep markup and '<' out of <{element}>: "
            f"{self.seen[-40:]!r}"
        )

    def check_closing(self, text: str) -> None:
        # Inside a comment or an attribute value, "</style" would end a <style> (or any raw
        # text element) the template is placed in: the browser would read what follows as
        # markup while this compiler reads it as text.
        found = _CLOSES_TEXT.search(text)
        if found:
            raise ValueError(
                f"html(): {found.group(0)!r} inside a comment, tag or attribute value would "
                f"end a <{found.group(1).lower()}> the template is placed in; write "
                f"'&lt;/{found.group(1)}' instead: {self.seen[-40:]!r}"
            )

    def comment(self, text: str, position: int, *, opening: bool) -> int:
        if opening and text.startswith(">", position):  # <!--> is an empty comment
            self.emit(">")
            self.state = _DATA
            return position + 1
        if opening and text.startswith("->", position):  # and so is <!--->
            self.emit("->")
            self.state = _DATA
            return position + 2
        ends = [
            found
            for found in (text.find("-->", position), text.find("--!>", position))
            if found >= 0
        ]
        if not ends:
            self.check_closing(text[position:])
            self.emit(text[position:])
            return len(text)
        found = min(ends)
        closing = "-->" if text.startswith("-->", found) else "--!>"
        self.check_closing(text[position:found])
        self.emit(text[position:found] + closing)
        self.state = _DATA
        return found + len(closing)

    def text_content(self, text: str, position: int) -> int:
        element = self.text_element
        found = text.find("<", position)
        if found < 0:
            self.emit(text[position:])
            return len(text)
        closing = _CLOSES_TEXT.match(text, found)
        if closing is None or closing.group(1).lower() != element:
            raise self.ambiguous(element)
        self.emit(text[position:found])
        self.state = _DATA  # the end tag is read as any end tag
        self.text_element = ""
        return found

    def start_tag(self, opening: str, first: str, *, end: bool) -> None:
        self.flush()
        self.tag = _TagBuilder(opening, first, end)
        self.state = _TAG_NAME

    def open_value(self, *, quoted: bool) -> None:
        assert self.tag is not None and self.attribute is not None
        self.attribute.quoted = quoted
        self.tag.text.append(len(self.tag.attributes) - 1)

    def new_attribute(self, first: str) -> None:
        assert self.tag is not None
        self.attribute = _AttributeBuilder(first)
        self.tag.attributes.append(self.attribute)

    def in_tag(self, text: str, position: int) -> int:
        tag = self.tag
        assert tag is not None
        state = self.state
        character = text[position]
        if state in (_VALUE_DOUBLE_QUOTED, _VALUE_SINGLE_QUOTED):
            quote = '"' if state == _VALUE_DOUBLE_QUOTED else "'"
            found = text.find(quote, position)
            value = text[position:] if found < 0 else text[position:found]
            self.check_closing(value)
            assert self.attribute is not None
            if value:
                self.attribute.parts.append(value)
            if found < 0:
                return len(text)
            tag.text.append(quote)
            self.state = _AFTER_ATTRIBUTE_VALUE
            return found + 1
        if state == _VALUE_UNQUOTED:
            assert self.attribute is not None
            if character in _WHITESPACE:
                tag.text.append(character)
                self.state = _BEFORE_ATTRIBUTE_NAME
            elif character == ">":
                self.end_tag()
            else:
                if character == "<":
                    self.check_closing(text[position:])
                self.attribute.parts.append(character)
            return position + 1
        if character == "<":
            self.check_closing(text[position:])
        if state == _TAG_NAME:
            if character in _WHITESPACE:
                self.state = _BEFORE_ATTRIBUTE_NAME
            elif character == "/":
                self.state = _SELF_CLOSING
            elif character == ">":
                self.end_tag()
                return position + 1
            else:
                tag.name += ascii_lower(character)
            tag.text.append(character)
            return position + 1
        if state == _BEFORE_ATTRIBUTE_NAME:
            if character in _WHITESPACE:
                tag.text.append(character)
                return position + 1
            if character in "/>":
                self.state = _AFTER_ATTRIBUTE_NAME
                return position
            self.new_attribute(ascii_lower(character))
            tag.text.append(character)
            self.state = _ATTRIBUTE_NAME
            return position + 1
        if state == _ATTRIBUTE_NAME:
            if character in _WHITESPACE or character in "/>":
                self.state = _AFTER_ATTRIBUTE_NAME
                return position
            if character == "=":
                self.state = _BEFORE_ATTRIBUTE_VALUE
            else:
                assert self.attribute is not None
                self.attribute.name += ascii_lower(character)
            tag.text.append(character)
            return position + 1
        if state == _AFTER_ATTRIBUTE_NAME:
            if character in _WHITESPACE:
                tag.text.append(character)
            elif character == "/":
                tag.text.append(character)
                self.state = _SELF_CLOSING
            elif character == "=":
                tag.text.append(character)
                self.state = _BEFORE_ATTRIBUTE_VALUE
            elif character == ">":
                self.end_tag()
            else:
                self.new_attribute(ascii_lower(character))
                tag.text.append(character)
                self.state = _ATTRIBUTE_NAME
            return position + 1
        if state == _BEFORE_ATTRIBUTE_VALUE:
            if character in _WHITESPACE:
                tag.text.append(character)
                return position + 1
            if character == ">":
                self.end_tag()
                return position + 1
            if character in "\"'":
                tag.text.append(character)
                self.open_value(quoted=True)
                self.state = _VALUE_DOUBLE_QUOTED if character == '"' else _VALUE_SINGLE_QUOTED
                return position + 1
            self.open_value(quoted=False)
            self.state = _VALUE_UNQUOTED
            return position
        if state == _AFTER_ATTRIBUTE_VALUE:
            if character in _WHITESPACE:
                tag.text.append(character)
                self.state = _BEFORE_ATTRIBUTE_NAME
                return position + 1
            if character == "/":
                tag.text.append(character)
                self.state = _SELF_CLOSING
                return position + 1
            if character == ">":
                self.end_tag()
                return position + 1
            self.state = _BEFORE_ATTRIBUTE_NAME
            return position
        # _SELF_CLOSING
        if character == ">":
            self.end_tag()
            return position + 1
        self.state = _BEFORE_ATTRIBUTE_NAME
        return position

    def end_tag(self) -> None:
        """The tag's ``>``: it becomes a step; a raw text element switches state."""
        tag = self.tag
        assert tag is not None
        tag.text.append(">")
        self.tag = None
        self.attribute = None
        self.state = _DATA
        if tag.end or not tag.has_field:
            values = [attribute.parts for attribute in tag.attributes]
            self.literal.append(
                "".join(
                    part if isinstance(part, str) else "".join(map(str, values[part]))
                    for part in tag.text
                )
            )
        else:
            self.flush()
            self.steps.append(
                _StartTag(
                    tag.name,
                    tuple(tag.text),
                    tuple(
                        _Attribute(attribute.name, tuple(attribute.parts), attribute.quoted)
                        for attribute in tag.attributes
                    ),
                )
            )
        if tag.end:
            return
        if tag.name in _RAWTEXT_ELEMENTS or tag.name in _RCDATA_ELEMENTS:
            self.state = _TEXT
            self.text_element = tag.name
        elif tag.name == "plaintext":
            self.state = _PLAINTEXT

    def finish(self) -> tuple[_Step, ...]:
        if self.state != _DATA:
            where = {
                _COMMENT: "inside a comment",
                _BOGUS_COMMENT: "inside a comment or declaration",
                _TEXT: f"inside <{self.text_element}>",
                _PLAINTEXT: "inside <plaintext>",
            }.get(self.state, "inside a tag")
            raise ValueError(
                f"html(): the template ends {where}: {self.seen[-40:]!r}; close it in the "
                "same template"
            )
        self.flush()
        return tuple(self.steps)


@functools.lru_cache(maxsize=512)
def _compile(pieces: tuple[str | _Slot, ...]) -> tuple[_Step, ...]:
    compiler = _Compiler()
    for piece in pieces:
        if isinstance(piece, str):
            compiler.feed(piece)
        else:
            compiler.field(piece)
    return compiler.finish()


@functools.lru_cache(maxsize=512)
def _parse(template: str) -> tuple[tuple[str, str | None, str | None, str | None], ...]:
    return tuple(string.Formatter().parse(template))


_FORMATTER = string.Formatter()


def html(template: str, /, *args: Any, **values: Any) -> Fragment:
    """An HTML template whose ``{fields}`` are filled with escaped values.

    The template is markup you wrote; each value is escaped text unless it is
    :class:`Markup` (read as part of the template) or a node between tags (so
    ``h.button(..., on_click=...)`` can go in a template). In a quoted attribute value every
    value is text, escaped whatever its type, and the attribute is checked like ``h``'s
    (``href="{url}"`` with a ``javascript:`` URL becomes ``about:blank#blocked``). Fields
    where a tag or attribute name goes, in unquoted values (numbers excepted), in ``on*``
    or ``srcdoc`` attributes, inside ``<script>``/``<style>`` or comments raise
    :class:`ValueError`, as does a template that ends inside a tag. Format specs work on
    plain values: ``{price:.2f}``.

    Examples
    --------
    >>> from jsinterop.components import html, render_html
    >>> render_html(html("<p>Hello, <b>{name}</b>!</p>", name="<Ann>"))
    '<p>Hello, <b>&lt;Ann&gt;</b>!</p>'
    >>> render_html(html('<a href="{url}" title="{tip}">go</a>', url="javascript:x", tip=["a", '"b']))
    '<a href="about:blank#blocked" title="a&quot;b">go</a>'
    """  # noqa: E501 - a doctest line
    pieces: list[str | _Slot] = []
    data: list[Any] = []
    automatic = 0
    for literal, field, spec, conversion in _parse(template):
        if literal:
            pieces.append(literal)
        if field is None:
            continue
        if field == "":
            field = str(automatic)
            automatic += 1
        value, _ = _FORMATTER.get_field(field, args, values)
        if conversion:
            value = _FORMATTER.convert_field(value, conversion)
        if spec:
            value = format(value, spec)
        trusted = _trusted_markup(value)
        if trusted is not None:
            pieces.append(trusted)
        else:
            refuse_bytes(value)
            pieces.append(_Slot(len(data), field))
            data.append(value)
    return Fragment(_fill(_compile(_merged(pieces)), data))


def _trusted_markup(value: Any) -> str | None:
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, str | Node):
        return None
    html_method = getattr(value, "__html__", None)
    return str(html_method()) if callable(html_method) else None


def _merged(pieces: list[str | _Slot]) -> tuple[str | _Slot, ...]:
    merged: list[str | _Slot] = []
    for piece in pieces:
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        else:
            merged.append(piece)
    return tuple(merged)


def _fill(steps: tuple[_Step, ...], data: list[Any]) -> tuple[Child, ...]:
    parts: list[Child] = []
    for step in steps:
        if isinstance(step, str):
            parts.append(Markup(step))
        elif isinstance(step, _Child):
            value = data[step.slot.number]
            parts.append(escape(value) if isinstance(value, str) else value)
        else:
            parts.append(Markup(_fill_tag(step, data)))
    return tuple(parts)


def _fill_tag(tag: _StartTag, data: list[Any]) -> str:
    where = f"html(), <{tag.name}>"
    values: list[str] = []
    read: list[tuple[str, str, bool]] = []
    for attribute in tag.attributes:
        written: list[str] = []
        from_data = False
        for part in attribute.parts:
            if isinstance(part, str):
                written.append(part)
            else:
                from_data = True
                written.append(_attribute_text(data[part.number], attribute, part, where))
        value = "".join(written)
        decoded = decode_attribute(value)
        if from_data:
            replacement = check_attribute_value(tag.name, attribute.name, decoded, where)
            if replacement is not None:
                value = decoded = replacement
        values.append(value)
        read.append((attribute.name, decoded, from_data))
    check_element(tag.name, read, where)
    return "".join(part if isinstance(part, str) else values[part] for part in tag.text)


def _attribute_text(value: Any, attribute: _Attribute, slot: _Slot, where: str) -> str:
    if not attribute.quoted:
        if isinstance(value, int | float):
            return str(value)
        raise ValueError(
            f"{where}: {{{slot.field}}} stands in the unquoted value of {attribute.name}=; "
            f'quote it in the template: {attribute.name}="{{{slot.field}}}" (only numbers '
            "may stand unquoted)"
        )
    return escape_attribute(_as_text(value))


def _as_text(value: Any) -> str:
    """What ``value`` reads as when it is an attribute's text (it is escaped after)."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    refuse_bytes(value)
    if isinstance(value, Node):
        return render_html(value)
    if isinstance(value, Iterable):
        return "".join(_as_text(item) for item in value)
    raise TypeError(f"cannot render a {type(value).__name__} as markup; pass str(value) or a node")
