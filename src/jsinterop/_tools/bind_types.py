"""TypeScript type trees (as ``dts_reader.mjs`` describes them) -> Python annotation text.

The reader has already resolved what the type checker can: generics to their constraints,
intersections to merged object types, aliases and indexed accesses to what they name. What is
left here is the choice of a Python annotation for each tree, and the ``TypedDict`` classes
for the named object types the annotations use, written out in an order Python can execute
(a class after the classes it names).

The choices, which docs/typing.md lists for users:

- ``number`` is ``float``, ``bigint`` is ``Annotated[int, JSType.BigInt]``, ``Date`` is
  ``datetime.datetime``, ``Uint8Array`` is ``bytes``, ``Set<T>``/``Map<K, V>`` are
  ``set[T]``/``dict[K, V]``, ``Promise<T>`` is ``Awaitable[T]`` (an ``async def`` as a result).
- A class instance, a built-in JS object (``RegExp``, ``HTMLElement``) and an overloaded
  function value are ``JSObject``; so is a union of several object types (``Date``, ``Map``
  and ``Set`` included), which neither side could tell apart.
- A union of a value and a Promise (``string | Promise<string>``) is ``object``.
- ``any``, ``unknown`` and an unconstrained type parameter are ``object`` (any value).
- A function type with optional or rest parameters is ``Callable[..., R]``.
- ``T | null | undefined`` is ``T | None``; a literal beside its own base type (``"a" | string``)
  is the base type; ``number | bigint`` is ``float``.
"""

from __future__ import annotations

import json
import keyword
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["TypeMapper", "Unmappable", "first_paragraph"]

Tree = dict[str, Any]


class Unmappable(Exception):
    """A TypeScript type with no Python counterpart (yet); the message says why."""


_SIMPLE = {
    "string": "str",
    "number": "float",
    "boolean": "bool",
    "bigint": "Annotated[int, JSType.BigInt]",
    "date": "datetime.datetime",
    "bytes": "bytes",
    "object": "JSObject",
    "jsobject": "JSObject",
    "any": "object",
    "unknown": "object",
}
_NOTHING = frozenset({"null", "undefined", "void"})
_OBJECTS = frozenset({"ref", "record", "object", "jsobject", "map", "set", "date", "function"})
_ARRAYS = frozenset({"array", "tuple"})
_LITERAL_BASES = {str: "string", float: "number", int: "number"}


@dataclass
class _Field:
    name: str
    annotation: str
    optional: bool


@dataclass
class _TypedDict:
    name: str
    doc: str
    fields: list[_Field] = field(default_factory=list)

    def source(self, left_out: frozenset[str] = frozenset()) -> str:
        """The class statement, or the functional form when a key is not an identifier."""
        fields = [f for f in self.fields if f.name not in left_out]
        text = [
            (f.name, f"NotRequired[{f.annotation}]" if f.optional else f.annotation) for f in fields
        ]
        if any(not name.isidentifier() or keyword.iskeyword(name) for name, _ in text):
            items = "".join(f"\n    {json.dumps(name)}: {annotation}," for name, annotation in text)
            return f"{self.name} = TypedDict({json.dumps(self.name)}, {{{items}\n}})"
        lines = [f"class {self.name}(TypedDict):"]
        if self.doc:
            lines.append(f'    """{self.doc}"""')
        lines += [f"    {name}: {annotation}" for name, annotation in text]
        if len(lines) == 1:
            lines.append("    pass")
        return "\n".join(lines)


class TypeMapper:
    """Maps one file's type trees to annotations; collects the ``TypedDict`` classes they use.

    Parameters
    ----------
    types : dict
        The reader's table of named object types: name -> ``{"members": [...], "doc": ...}``.
    taken : set[str]
        Names the generated module already uses; a type named like one of them is renamed,
        and each name given to a class is added.

    Examples
    --------
    >>> mapper = TypeMapper({"Point": {"doc": "", "members": [
    ...     {"name": "x", "optional": False, "type": {"k": "number"}}]}})
    >>> mapper.annotation({"k": "union", "members": [{"k": "ref", "name": "Point"}, {"k": "null"}]})
    'Point | None'
    >>> print(mapper.class_sources()[0])
    class Point(TypedDict):
        x: float
    """

    def __init__(self, types: dict[str, Any], taken: set[str] | None = None) -> None:
        self.types = types
        self.taken = set() if taken is None else taken
        self.classes: dict[str, _TypedDict] = {}  # in an order Python can run
        self.left_out: list[str] = []  # "Type.member: why", for the not-bound list
        self._building: set[str] = set()
        self._python_names: dict[str, str] = {}

    # -- annotations ------------------------------------------------------------------------

    def annotation(self, tree: Tree, position: str = "value") -> str:
        """The annotation for ``tree``; ``position`` is ``"return"`` for a result."""
        kind = tree["k"]
        if kind in _SIMPLE:
            return _SIMPLE[kind]
        if kind in _NOTHING:
            if position == "return" or kind == "null":
                return "None"
            raise Unmappable(f"'{kind}' as a value type")
        if kind == "literal":
            return (
                "bool" if isinstance(tree["value"], bool) else f"Literal[{_literal(tree['value'])}]"
            )
        if kind == "array":
            return f"list[{self.annotation(tree['item'])}]"
        if kind == "tuple":
            items = [self.annotation(item) for item in tree["items"]]
            return f"tuple[{', '.join(items) if items else '()'}]"
        if kind == "record":
            if tree["key"]["k"] != "string":
                raise Unmappable("Record keys other than string")
            return f"dict[str, {self.annotation(tree['value'])}]"
        if kind == "map":
            if tree["key"]["k"] == "string":
                return "JSObject"  # dict[str, V] would cross as a plain object, not a Map
            return f"dict[{self.annotation(tree['key'])}, {self.annotation(tree['value'])}]"
        if kind == "set":
            return f"set[{self.annotation(tree['item'])}]"
        if kind == "promise":
            return f"Awaitable[{self.annotation(tree['inner'], position='return')}]"
        if kind == "union":
            return self._union(tree["members"], position)
        if kind == "ref":
            return self._reference(tree["name"])
        if kind == "function":
            return self.callable(tree)
        if kind == "never":
            raise Unmappable("'never' (no value) is not a type a call can take or give")
        raise Unmappable(tree.get("reason", f"'{kind}' types are not mapped"))

    def callable(self, tree: Tree) -> str:
        """``Callable[[A, B], R]``; a function with optional or rest parameters is
        ``Callable[..., R]``, so that it is called with as many arguments as given (a
        ``None`` would arrive as ``null``, and JS defaults apply only to missing ones)."""
        returns = self.annotation(tree["returns"], position="return")
        if any(param["rest"] or param["optional"] for param in tree["params"]):
            return f"Callable[..., {returns}]"
        params = [self.annotation(param["type"]) for param in tree["params"]]
        return f"Callable[[{', '.join(params)}], {returns}]"

    def _union(self, members: list[Tree], position: str) -> str:
        kinds = [member["k"] for member in members]
        nullable = any(kind in _NOTHING for kind in kinds)
        rest = [m for m in members if m["k"] not in _NOTHING and m["k"] != "never"]
        if any(m["k"] in ("any", "unknown") for m in rest):
            return "object"
        present = {m["k"] for m in rest}
        if {"number", "bigint"} <= present:
            rest = [m for m in rest if m["k"] != "bigint"]  # Python cannot tell which an int is
        rest = [m for m in rest if not _absorbed_literal(m, present)]
        if sum(m["k"] in _OBJECTS for m in rest) > 1:
            # JS sees one object as well as another: the union is one JSObject.
            first = next(i for i, m in enumerate(rest) if m["k"] in _OBJECTS)
            rest = [m for i, m in enumerate(rest) if m["k"] not in _OBJECTS or i == first]
            rest[first] = {"k": "jsobject"}
        if sum(m["k"] in _ARRAYS for m in rest) > 1:
            first = next(i for i, m in enumerate(rest) if m["k"] in _ARRAYS)
            items = [item for m in rest if m["k"] in _ARRAYS for item in _items(m)]
            rest = [m for i, m in enumerate(rest) if m["k"] not in _ARRAYS or i == first]
            rest[first] = {"k": "array", "item": {"k": "union", "members": items}}
        if any(m["k"] == "promise" for m in rest) and (len(rest) > 1 or nullable):
            return "object"  # a value or a Promise of one: the caller looks at what it got
        if not rest:
            return "None"
        if all(m["k"] == "literal" and not isinstance(m["value"], bool) for m in rest):
            text = f"Literal[{', '.join(_literal(m['value']) for m in rest)}]"
        else:
            parts = [self.annotation(m, position=position) for m in rest]
            text = " | ".join(dict.fromkeys(parts))
        if text == "object":
            return text
        return f"{text} | None" if nullable else text

    # -- TypedDicts -------------------------------------------------------------------------

    def _reference(self, name: str) -> str:
        if name in self._building:
            # A type that contains itself: jsinterop's structs cannot be recursive.
            return "JSObject"
        python_name = self._python_name(name)
        if python_name not in self.classes:
            self._build(name, python_name)
        return python_name

    def _python_name(self, name: str) -> str:
        known = self._python_names.get(name)
        if known is not None:
            return known
        base = re.sub(r"\W", "_", name)
        if keyword.iskeyword(base):
            base = f"{base}_"
        text, number = base, 2
        while text in self.taken:
            text, number = f"{base}_{number}", number + 1
        self.taken.add(text)
        self._python_names[name] = text
        return text

    def _build(self, name: str, python_name: str) -> None:
        entry = self.types[name]
        typed_dict = _TypedDict(python_name, first_paragraph(entry.get("doc", "")))
        self._building.add(name)
        try:
            for member in entry["members"]:
                try:
                    text = self.annotation(member["type"])
                except Unmappable as why:
                    self.left_out.append(f"{python_name}.{member['name']}: {why} (left out)")
                    continue
                typed_dict.fields.append(_Field(member["name"], text, member["optional"]))
        finally:
            self._building.discard(name)
        self.classes[python_name] = typed_dict  # after the classes its fields name

    def class_sources(self, left_out: dict[str, frozenset[str]] | None = None) -> list[str]:
        """The ``TypedDict`` statements, each after the ones it uses; ``left_out`` names
        fields to leave out of a class (jsinterop refused them)."""
        left_out = left_out or {}
        return [cls.source(left_out.get(name, frozenset())) for name, cls in self.classes.items()]


def _items(tree: Tree) -> list[Tree]:
    return [tree["item"]] if tree["k"] == "array" else list(tree["items"])


def _absorbed_literal(tree: Tree, present: set[str]) -> bool:
    """A literal beside its base type (``"a" | string``) adds nothing."""
    if tree["k"] != "literal":
        return False
    value = tree["value"]
    base = "boolean" if isinstance(value, bool) else _LITERAL_BASES.get(type(value))
    return base in present


def _literal(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value) if isinstance(value, str) else str(value)


def first_paragraph(doc: str) -> str:
    """The doc comment's first paragraph, up to an example or a tag, as one line."""
    lines = []
    for line in doc.strip().splitlines():
        if not line.strip() or line.lstrip().startswith(("```", "@")):
            break
        lines.append(line)
    text = " ".join(" ".join(lines).split())
    return text.replace("\\", "\\\\").replace('"""', "'''").rstrip('"\\')
