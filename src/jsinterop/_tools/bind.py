"""Generate ``@js_import`` stubs from a TypeScript declaration file.

The ``.d.ts`` is read by the TypeScript compiler API (``dts_reader.mjs``, run with Node),
which describes each exported function, interface and type alias as JSON. This module maps
those descriptions to Python annotations: interfaces become ``TypedDict`` classes, ``T | null``
becomes ``T | None``, ``Promise<T>`` an ``async def``. Every generated stub is then decorated
once on CPython: a stub whose types jsinterop cannot marshal is left out, and every
declaration left out is listed with the reason, never silently dropped.
"""

from __future__ import annotations

import builtins
import json
import keyword
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsinterop import _diagnostics
from jsinterop._tools.loading import node_json

__all__ = ["BindResult", "Unmappable", "bind_declarations", "find_typescript", "read_declarations"]

_READER = Path(__file__).with_name("dts_reader.mjs")


class Unmappable(Exception):
    """A TypeScript type with no Python counterpart (yet); the message says why."""


@dataclass
class BindResult:
    """The generated module source, and what could not be mapped."""

    source: str
    unmapped: list[str] = field(default_factory=list)
    stubs: int = 0


def find_typescript(*starts: Path) -> Path | None:
    """``node_modules/typescript/lib/typescript.js`` in one of ``starts`` or their parents."""
    for start in starts:
        for folder in [start.resolve(), *start.resolve().parents]:
            candidate = folder / "node_modules" / "typescript" / "lib" / "typescript.js"
            if candidate.is_file():
                return candidate
    return None


def read_declarations(dts: Path, typescript: Path, node: str = "node") -> dict[str, Any]:
    """What the TypeScript compiler API reads from ``dts``, as ``dts_reader.mjs`` prints it."""
    result: dict[str, Any] = node_json(
        [node, str(_READER), str(dts), str(typescript)], f"reading {dts} failed"
    )
    return result


# Names the generated module's annotations use: a stub must not shadow them.
_RESERVED = frozenset(dir(builtins)) | {
    "datetime", "Annotated", "Awaitable", "Callable", "Literal", "NotRequired", "TypedDict",
    "JSObject", "JSType", "js_import",
}  # fmt: skip


def snake_case(name: str) -> str:
    """``camelCase`` -> ``camel_case``; a keyword or a name the stubs use gets a trailing ``_``.

    Examples
    --------
    >>> snake_case("prettyBytes"), snake_case("toJSON"), snake_case("from"), snake_case("bytes")
    ('pretty_bytes', 'to_json', 'from_', 'bytes_')
    """
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", text).lower()
    text = re.sub(r"\W", "_", text)
    return f"{text}_" if keyword.iskeyword(text) or text in _RESERVED else text


class _Mapper:
    """Maps the reader's type trees to annotation source, collecting TypedDict classes."""

    def __init__(self, declarations: list[dict[str, Any]]) -> None:
        self.interfaces = {d["name"]: d for d in declarations if d["kind"] == "interface"}
        self.aliases = {d["name"]: d for d in declarations if d["kind"] == "alias"}
        self.classes: dict[str, str] = {}
        self.unmapped: list[str] = []
        self._resolving: set[str] = set()

    def annotation(self, tree: dict[str, Any], *, position: str = "value") -> str:
        kind = tree["k"]
        simple = {
            "string": "str",
            "number": "float",
            "boolean": "bool",
            "bigint": "Annotated[int, JSType.BigInt]",
            "date": "datetime.datetime",
            "uint8array": "bytes",
            "object": "JSObject",
        }
        if kind in simple:
            return simple[kind]
        if kind in ("void", "undefined", "null"):
            if position == "return" or kind == "null":
                return "None"
            raise Unmappable(f"'{kind}' as a value type")
        if kind in ("any", "unknown"):
            return "object"
        if kind == "literal":
            if isinstance(tree["value"], bool):
                return "bool"  # jsinterop's Literal takes str and int values; true/false widen
            return f"Literal[{self._literal(tree['value'])}]"
        if kind == "array":
            return f"list[{self.annotation(tree['item'])}]"
        if kind == "tuple":
            return f"tuple[{', '.join(self.annotation(item) for item in tree['items'])}]"
        if kind == "record":
            key = tree.get("key", {"k": "string"})
            if key["k"] != "string":
                raise Unmappable("Record keys other than string")
            return f"dict[str, {self.annotation(tree['value'])}]"
        if kind == "union":
            return self._union(tree["members"], position)
        if kind == "ref":
            return self._reference(tree["name"])
        if kind == "function":
            return self._callable(tree)
        if kind == "promise":
            raise Unmappable("a Promise that is not the return value")
        if kind == "object":
            raise Unmappable("inline object types")
        raise Unmappable(tree.get("reason", f"'{kind}' types are not mapped"))

    def _callable(self, tree: dict[str, Any]) -> str:
        params = []
        for param in tree["params"]:
            if param["rest"]:
                raise Unmappable(f"a callback with a rest parameter ...{param['name']}")
            params.append(self.annotation(param["type"]))
        returns = tree["returns"]
        if returns["k"] == "promise":
            result = f"Awaitable[{self.annotation(returns['inner'], position='return')}]"
        else:
            result = self.annotation(returns, position="return")
        return f"Callable[[{', '.join(params)}], {result}]"

    @staticmethod
    def _literal(value: object) -> str:
        if isinstance(value, bool):
            return "True" if value else "False"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return json.dumps(value) if isinstance(value, str) else str(value)

    def _union(self, members: list[dict[str, Any]], position: str) -> str:
        nullable = any(m["k"] in ("null", "undefined", "void") for m in members)
        rest = [m for m in members if m["k"] not in ("null", "undefined", "void")]
        kinds = {m["k"] for m in rest}
        if {"number", "bigint"} <= kinds:
            # Python cannot tell which an int is meant to be: the number side is bound.
            rest = [m for m in rest if m["k"] != "bigint"]
        if not rest:
            return "None"
        if all(m["k"] == "literal" and not isinstance(m["value"], bool) for m in rest):
            text = f"Literal[{', '.join(self._literal(m['value']) for m in rest)}]"
        else:
            text = " | ".join(dict.fromkeys(self.annotation(m, position=position) for m in rest))
        return f"{text} | None" if nullable else text

    def _reference(self, name: str) -> str:
        if name in self._resolving:
            raise Unmappable(f"recursive type {name}")
        if name in self.interfaces:
            self._typed_dict(name, self._interface_members(name))
            return name
        alias = self.aliases.get(name)
        if alias is None:
            raise Unmappable(f"type {name} is not declared in this file")
        if alias["type"]["k"] == "object":
            self._typed_dict(name, alias["type"]["members"])
            return name
        self._resolving.add(name)
        try:
            return self.annotation(alias["type"])
        finally:
            self._resolving.discard(name)

    def _interface_members(self, name: str) -> list[dict[str, Any]]:
        interface = self.interfaces[name]
        members: list[dict[str, Any]] = []
        for base in interface["bases"]:
            if base in self.interfaces:
                members += self._interface_members(base)
            elif base in self.aliases and self.aliases[base]["type"]["k"] == "object":
                members += self.aliases[base]["type"]["members"]
            else:
                self.unmapped.append(f"{name}: base {base} is not declared in this file")
        own_members: list[dict[str, Any]] = interface["members"]
        own = {member["name"] for member in own_members}
        return [m for m in members if m["name"] not in own] + own_members

    def _typed_dict(self, name: str, members: list[dict[str, Any]]) -> None:
        if name in self.classes:
            return
        self.classes[name] = ""  # placeholder: members may refer back to this class
        self._resolving.add(name)
        lines = [f"class {name}(TypedDict):"]
        try:
            for member in members:
                if not member["name"].isidentifier() or keyword.iskeyword(member["name"]):
                    self.unmapped.append(f"{name}.{member['name']}: not a Python identifier")
                    continue
                try:
                    text = self.annotation(member["type"])
                except Unmappable as why:
                    self.unmapped.append(f"{name}.{member['name']}: {why} (left out of {name})")
                    continue
                if member["optional"]:
                    text = f"NotRequired[{text}]"
                lines.append(f"    {member['name']}: {text}")
        finally:
            self._resolving.discard(name)
        if len(lines) == 1:
            lines.append("    pass")
        self.classes[name] = "\n".join(lines)


def _stub(function: dict[str, Any], module_name: str, mapper: _Mapper) -> tuple[str, str]:
    """The stub's Python name and source."""
    js_path = ".".join(function["path"])
    python_name = snake_case(function["name"] if function["path"][-1] == "default" else js_path)
    params: list[str] = []
    for param in function["params"]:
        if param["rest"]:
            raise Unmappable(f"rest parameter ...{param['name']}")
        text = mapper.annotation(param["type"])
        name = snake_case(param["name"])
        if param["optional"]:
            if not text.endswith("| None"):
                text = f"{text} | None"
            params.append(f"{name}: {text} = None")
        else:
            params.append(f"{name}: {text}")
    returns = function["returns"]
    is_async = returns["k"] == "promise"
    if is_async:
        returns = returns["inner"]
    result = mapper.annotation(returns, position="return")
    doc = function.get("doc", "").strip()
    body = f'    """{_docstring(doc)}"""' if doc else "    ..."
    source = (
        f"@js_import({json.dumps(js_path)}, {json.dumps(module_name)})\n"
        f"{'async ' if is_async else ''}def {python_name}({', '.join(params)}) -> {result}:\n"
        f"{body}\n"
    )
    return python_name, source


def _docstring(doc: str) -> str:
    first = doc.split("\n\n")[0].replace('"""', "'''").replace("\\", "\\\\").strip()
    return " ".join(first.split())


_HEADER = '''\
"""@js_import stubs for the JS module {module!r}, generated by `jsinterop bind` from {label}.

Do not edit: generate again instead. Import the module before calling a stub::

    await JSHost.import_async({module!r}, "<url of the module>")
"""

# mypy: disable-error-code="empty-body"

import datetime
from collections.abc import Awaitable, Callable
from typing import Annotated, Literal, NotRequired, TypedDict

from jsinterop import JSObject, JSType, js_import

__all__ = [{names}]
'''


def bind_declarations(
    data: dict[str, Any], module_name: str, label: str, *, validate: bool = True
) -> BindResult:
    """The stubs module for the declarations ``data`` that ``read_declarations`` returned.

    With ``validate`` (the default), each stub is decorated once on CPython and left out,
    with the reason, if jsinterop cannot marshal its types.

    Examples
    --------
    >>> data = {"declarations": [{"kind": "function", "path": ["greet"], "name": "greet",
    ...     "params": [{"name": "who", "optional": False, "rest": False, "type": {"k": "string"}}],
    ...     "returns": {"k": "string"}}], "skipped": []}
    >>> print(bind_declarations(data, "greeter", "greeter.d.ts").source.split("]\\n")[-1])
    <BLANKLINE>
    <BLANKLINE>
    @js_import("greet", "greeter")
    def greet(who: str) -> str:
        ...
    <BLANKLINE>
    """
    declarations: list[dict[str, Any]] = data["declarations"]
    mapper = _Mapper(declarations)
    unmapped = [f"{item['name']}: {item['reason']}" for item in data.get("skipped", [])]
    stubs: dict[str, str] = {}
    for function in (d for d in declarations if d["kind"] == "function"):
        js_path = ".".join(function["path"])
        try:
            name, source = _stub(function, module_name, mapper)
        except Unmappable as why:
            unmapped.append(f"{js_path}: {why}")
            continue
        if name in stubs:
            unmapped.append(f"{js_path}: another declaration (an overload) is already bound")
            continue
        stubs[name] = source
    unmapped += mapper.unmapped
    classes = [text for text in mapper.classes.values() if text]
    for name, source in list(stubs.items()) if validate else []:
        problem = _decoration_problem(classes, source, module_name)
        if problem is not None:
            unmapped.append(f"{name}: {problem}")
            del stubs[name]
    names = ", ".join(json.dumps(name) for name in sorted([*mapper.classes, *stubs]))
    parts = [_HEADER.format(module=module_name, label=label, names=names)]
    parts += [f"\n{text}\n" for text in classes]
    parts += [f"\n{source}" for source in stubs.values()]
    if unmapped:
        notes = "\n".join(f"# - {line}" for line in unmapped)
        parts.append(f"\n# Not bound:\n{notes}\n")
    source = "\n".join(part.rstrip("\n") + "\n" for part in parts)
    return BindResult(source=source, unmapped=unmapped, stubs=len(stubs))


def _decoration_problem(classes: list[str], stub: str, module_name: str) -> str | None:
    """Why jsinterop refuses ``stub`` when it is decorated, or ``None``."""
    header = _HEADER.format(module=module_name, label="", names="")
    program = "\n\n".join([header, *classes, stub])
    namespace: dict[str, Any] = {"__name__": "jsinterop_bind_check"}
    with _diagnostics.collecting() as seen:
        try:
            exec(compile(program, "<jsinterop bind>", "exec"), namespace)
        except Exception as error:
            return f"{type(error).__name__}: {error}"
    if seen.problems:
        message = seen.problems[0].message.split(": ", 1)[-1]
        return message.split(" (supported: ")[0].replace("jsinterop_bind_check.", "")
    return None
