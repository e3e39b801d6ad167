"""Generate ``@js_import`` stubs from TypeScript declaration files.

The ``.d.ts`` files are read with the TypeScript compiler API (``dts_reader.mjs``, run once
with Node for any number of files), which lists what each file exports at run time, following
re-exports into other files, and describes every type as the type checker resolves it. This
module turns that listing into one Python module per file (``bind_types`` chooses the
annotations):

- a function becomes a stub; overloads that give the same result merge into one stub whose
  parameters are unions, overloads that give different results become one stub each
  (``ms``, ``ms_2``);
- a class becomes a Python class of static methods: ``Lexer.new(...)`` constructs one (a
  ``JSObject``), ``Lexer.lex(lexer, src)`` calls a method on it; each is checked like any
  stub (they reach JS through ``Reflect.construct``, ``Reflect.get`` and
  ``Function.prototype.call``, so no helper JS is needed);
- another name for something already bound (``marked.parse`` is ``marked``) becomes a Python
  alias.

Each stub is then decorated once on CPython: a stub whose types jsinterop cannot marshal is
left out, as is a ``TypedDict`` field it refuses. Everything not bound is listed with the
reason, in the result and at the end of the module; nothing is dropped silently.
"""

from __future__ import annotations

import builtins
import json
import keyword
import re
import textwrap
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsinterop import _diagnostics
from jsinterop._spec_reader import SpecReader
from jsinterop._spec_types import UnsupportedAnnotation
from jsinterop._tools.bind_types import TypeMapper, Unmappable, first_paragraph
from jsinterop._tools.loading import node_json

__all__ = [
    "BindResult",
    "Unmappable",
    "bind_declarations",
    "read_declarations",
    "snake_case",
]

_READER = Path(__file__).with_name("dts_reader.mjs")

Tree = dict[str, Any]


@dataclass
class BindResult:
    """The generated module, and what was and was not bound.

    Attributes
    ----------
    source : str
        The Python module.
    unmapped : list[str]
        One line per declaration (or overload, or ``TypedDict`` field) not bound: ``name: why``.
    stubs : int
        The functions the module defines for JS functions, constructors and methods.
    functions, bound_functions : int
        The exported functions (functions, callable constants, static methods and classes,
        each counted once, aliases not counted) and how many of them have a stub.
    methods, bound_methods : int
        The same for the instance methods of exported classes.
    unbound_functions : list[str]
        The JS names of the exported functions without a stub.
    """

    source: str
    unmapped: list[str] = field(default_factory=list)
    stubs: int = 0
    functions: int = 0
    bound_functions: int = 0
    methods: int = 0
    bound_methods: int = 0
    unbound_functions: list[str] = field(default_factory=list)


def read_declarations(
    files: Sequence[Path], typescript: Path, node: str = "node"
) -> list[dict[str, Any]]:
    """What the TypeScript compiler API reads from each of ``files`` (one Node run for all).

    Parameters
    ----------
    files : sequence of Path
        The ``.d.ts`` files; each is read as the module a JS import of it would see.
    typescript : Path
        TypeScript's ``lib/typescript.js`` (5.x).
    node : str
        The Node.js executable.

    Returns
    -------
    list of dict
        One listing per file, in order, as ``dts_reader.mjs`` prints it.

    Raises
    ------
    RuntimeError
        When Node or the reader fails; the message ends with what Node printed.
    """
    arguments = [node, str(_READER), str(typescript), *(str(file) for file in files)]
    names = ", ".join(str(file) for file in files)
    result: list[dict[str, Any]] = node_json(arguments, f"reading {names} failed")
    return result


# Names the generated module's annotations use: a stub must not shadow them.
_RESERVED = frozenset(dir(builtins)) | {
    "datetime", "Annotated", "Awaitable", "Callable", "Literal", "NotRequired", "TypedDict",
    "JSObject", "JSType", "js_import", "_construct", "_method",
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
    text = re.sub(r"\W", "_", text).strip("_") or "_"
    if text[0].isdigit():
        text = f"_{text}"
    return f"{text}_" if keyword.iskeyword(text) or text in _RESERVED else text


# -- signatures -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Param:
    name: str
    annotation: str
    optional: bool

    def source(self) -> str:
        if not self.optional:
            return f"{self.name}: {self.annotation}"
        annotation = self.annotation
        if not annotation.endswith("| None") and annotation != "object":
            annotation = f"{annotation} | None"
        return f"{self.name}: {annotation} = None"


@dataclass(frozen=True)
class _Signature:
    params: tuple[_Param, ...]
    returns: str
    is_async: bool
    doc: str

    @property
    def key(self) -> tuple[object, ...]:
        return (self.params, self.returns, self.is_async)


def _trimmed(params: list[Tree]) -> list[Tree]:
    """The parameters a stub passes: an optional parameter typed only ``undefined`` (as in
    ``v4(options?, buf?: undefined, offset?)``) is a placeholder, so it and the ones after
    it are left to their JS defaults."""
    for index, param in enumerate(params):
        if param["optional"] and param["type"]["k"] in ("undefined", "void"):
            return params[:index]
    return params


def _map_signature(signature: Tree, mapper: TypeMapper, leading: tuple[_Param, ...]) -> _Signature:
    params = list(leading)
    taken = {param.name for param in leading}
    for param in _trimmed(signature["params"]):
        if param["rest"]:
            raise Unmappable(
                f"rest parameter ...{param['name']} (a stub passes a fixed list of arguments)"
            )
        name = snake_case(param["name"])
        while name in taken:
            name = f"{name}_"
        taken.add(name)
        params.append(_Param(name, mapper.annotation(param["type"]), param["optional"]))
    # Python has no optional parameter before a required one: those become required too.
    last_required = max((i for i, p in enumerate(params) if not p.optional), default=-1)
    params = [
        _Param(p.name, p.annotation, p.optional and i > last_required) for i, p in enumerate(params)
    ]
    returns = signature["returns"]
    is_async = returns["k"] == "promise"
    if is_async:
        returns = returns["inner"]
    result = mapper.annotation(returns, position="return")
    return _Signature(tuple(params), result, is_async, first_paragraph(signature.get("doc", "")))


def _merged(signatures: list[Tree]) -> Tree | None:
    """One signature whose parameters are the unions of the overloads' (same-result overloads
    differ only in what they accept), or ``None`` when they take rest parameters."""
    if any(param["rest"] for signature in signatures for param in signature["params"]):
        return None
    lists = [_trimmed(signature["params"]) for signature in signatures]
    width = max(len(params) for params in lists)
    params = []
    for index in range(width):
        at = [params[index] for params in lists if index < len(params)]
        names = list(dict.fromkeys(param["name"] for param in at))
        params.append(
            {
                "name": "_or_".join(names),
                "optional": len(at) < len(lists) or any(param["optional"] for param in at),
                "rest": False,
                "type": {"k": "union", "members": [param["type"] for param in at]},
            }
        )
    doc = next((s["doc"] for s in signatures if s.get("doc")), "")
    return {"params": params, "returns": signatures[0]["returns"], "doc": doc}


def _overloads(
    signatures: list[Tree], mapper: TypeMapper, leading: tuple[_Param, ...] = ()
) -> tuple[list[_Signature], list[str]]:
    """The stubs' signatures for one function's overloads, and why any overload is not bound.

    Overloads with the same result merge into one stub taking unions; overloads with different
    results (or whose unions JS could not tell apart) give one stub each.
    """
    mapped: list[_Signature] = []
    trees: list[Tree] = []
    problems: list[str] = []
    for number, tree in enumerate(signatures, 1):
        try:
            mapped.append(_map_signature(tree, mapper, leading))
        except Unmappable as why:
            where = f" (overload {number} of {len(signatures)})" if len(signatures) > 1 else ""
            problems.append(f"{where}: {why}")
            continue
        trees.append(tree)
    distinct: list[_Signature] = []
    for signature in mapped:
        if all(signature.key != other.key for other in distinct):
            distinct.append(signature)
    if len(distinct) > 1 and len({(s.returns, s.is_async) for s in distinct}) == 1:
        merged = _merged(trees)
        if merged is not None:
            try:
                return [_map_signature(merged, mapper, leading)], problems
            except Unmappable:
                pass
    return distinct, problems


# -- the module -----------------------------------------------------------------------------


@dataclass
class _Unit:
    """Generated definitions that stand or fall together: the decorated stubs, and for a
    constructor or method the function that calls them (a static method of the class's
    namespace in the module)."""

    name: str  # the public name: a module function, or a method of ``owner``
    stub: str
    export: str  # the declaration it binds, for the not-bound list
    wrapper: str = ""
    owner: str | None = None
    is_method: bool = False


class _ModuleWriter:
    """Collects the stubs of one module; names each one once."""

    def __init__(self, module_name: str, mapper: TypeMapper, taken: set[str]) -> None:
        self.module_name = module_name
        self.mapper = mapper
        self.units: list[_Unit] = []
        self.unmapped: list[str] = []
        self.taken = taken  # shared with the mapper, which names the TypedDicts
        self.owners: dict[str, str] = {}  # Python class -> its docstring
        self.bound_names: dict[str, list[str]] = {}  # JS name -> Python names of its stubs
        self.needs_helpers = False
        self.functions: dict[str, bool] = {}  # JS name -> bound
        self.methods: dict[str, bool] = {}

    def name(self, wanted: str, taken: set[str] | None = None) -> str:
        taken = self.taken if taken is None else taken
        name, number = wanted, 2
        while name in taken:
            name, number = f"{wanted}_{number}", number + 1
        taken.add(name)
        return name

    def function(self, export: Tree) -> None:
        js_name = ".".join(export["names"])
        self.functions[js_name] = False
        signatures, problems = _overloads(export["signatures"], self.mapper)
        self.unmapped += [f"{js_name}{problem}" for problem in problems]
        path = json.dumps(".".join(export["path"]))
        module = json.dumps(self.module_name)
        base = snake_case(js_name.replace(".", "_"))
        for signature in signatures:
            name = self.name(base)
            source = (
                f"@js_import({path}, {module})\n"
                f"{_def(signature)} {name}({_params(signature)}) -> {signature.returns}:\n"
                f"{_body(signature.doc)}"
            )
            self.units.append(_Unit(name, source, js_name))
            self.bound_names.setdefault(js_name, []).append(name)

    def cls(self, export: Tree) -> None:
        js_name = ".".join(export["names"])
        class_name = export["names"][-1]
        owner = self.name(re.sub(r"\W", "_", class_name))
        self.owners[owner] = (
            f"The JS class {js_name}: ``new`` makes one (a JSObject), and each method takes "
            "that object first."
        )
        members: set[str] = set()
        self.functions[js_name] = False
        if export["abstract"]:
            self.unmapped.append(f"{js_name}: an abstract class has no constructor to call")
        else:
            self._constructor(export, js_name, owner, members)
        this = (_Param("this", "JSObject", False),)
        for method in export["methods"]:
            where = f"{js_name}.prototype.{method['name']}"
            self.methods[where] = False
            signatures, problems = _overloads(method["signatures"], self.mapper, this)
            self.unmapped += [f"{where}{problem}" for problem in problems]
            for signature in signatures:
                self._method(signature, method["name"], owner, members, where)

    def _constructor(self, export: Tree, js_name: str, owner: str, members: set[str]) -> None:
        signatures, problems = _overloads(export["constructors"], self.mapper)
        self.unmapped += [f"new {js_name}{problem}" for problem in problems]
        class_path = json.dumps(".".join([*export["path"], "valueOf"]))
        module = json.dumps(self.module_name)
        for signature in signatures:
            self.needs_helpers = True
            name = self.name("new", members)
            private = self.name(f"_{snake_case(owner)}_{name}")
            arguments = ", ".join(param.name for param in signature.params)
            doc = f"``new {export['names'][-1]}({arguments})``" + (
                f": {signature.doc}" if signature.doc else ""
            )
            stub = (
                f"@js_import({class_path}, {module})\n"
                f"def {private}_class() -> JSObject:\n"
                '    """The class itself (Object.prototype.valueOf returns its `this`)."""\n\n\n'
                '@js_import("Array.of")\n'
                f"def {private}_arguments({_params(signature)}) -> JSObject: ...\n"
            )
            wrapper = (
                f"def {name}({_params(signature)}) -> JSObject:\n"
                f'    """{doc}"""\n'
                f"    return _construct({private}_class(), {private}_arguments({arguments}))\n"
            )
            self.units.append(_Unit(name, stub, js_name, wrapper, owner))

    def _method(
        self, signature: _Signature, method: str, owner: str, members: set[str], where: str
    ) -> None:
        self.needs_helpers = True
        name = self.name(snake_case(method), members)
        private = self.name(f"_{snake_case(owner)}_{name}")
        arguments = ", ".join(param.name for param in signature.params[1:])
        passed = ", ".join([f"_method(this, {json.dumps(method)})", "this", arguments])
        doc = f"``this.{method}({arguments})``" + (f": {signature.doc}" if signature.doc else "")
        head = f"{_def(signature)} {{}}({_params(signature)}) -> {signature.returns}:"
        stub = (
            '@js_import("Function.prototype.call.call")\n'
            + head.format(f"{private}").replace("(", "(method: JSObject, ", 1)
            + " ...\n"
        )
        wrapper = (
            f"{head.format(name)}\n"
            f'    """{doc}"""\n'
            f"    return {'await ' if signature.is_async else ''}{private}({passed.rstrip(', ')})\n"
        )
        self.units.append(_Unit(name, stub, where, wrapper, owner, is_method=True))

    def alias(self, export: Tree) -> str | None:
        """``parse = marked`` for another name of a bound function; ``None`` for a class."""
        js_name = ".".join(export["names"])
        targets = self.bound_names.get(export["of"])
        if export["of_kind"] != "function" or not targets:
            return None
        base = snake_case(js_name.replace(".", "_"))
        first = targets[0]
        lines = []
        for target in targets:
            name = self.name(base + target[len(first) :])
            lines.append(f"{name} = {target}")
            self.bound_names.setdefault(js_name, []).append(name)
        return "\n".join(lines)

    def body(self) -> list[str]:
        """The stubs, then each class namespace after its own stubs."""
        parts = [unit.stub for unit in self.units if unit.owner is None]
        for owner, doc in self.owners.items():
            units = [unit for unit in self.units if unit.owner == owner]
            if not units:
                continue
            parts += [unit.stub for unit in units]
            methods = [
                "    @staticmethod\n" + textwrap.indent(unit.wrapper.rstrip("\n"), "    ")
                for unit in units
            ]
            parts.append(f'class {owner}:\n    """{doc}"""\n\n' + "\n\n".join(methods))
        return parts


def _params(signature: _Signature) -> str:
    return ", ".join(param.source() for param in signature.params)


_HEADER = '''\
"""@js_import stubs for the JS module {module!r}, generated by `jsinterop bind` from {label}.

Do not edit: generate again instead. Import the module before calling a stub::

    await JSHost.import_async({module!r}, "<url of the module>")
"""

# mypy: disable-error-code="empty-body"
'''

_HELPERS = """\
@js_import("Reflect.construct")
def _construct(target: JSObject, arguments: JSObject) -> JSObject: ...


@js_import("Reflect.get")
def _method(target: JSObject, name: str) -> JSObject: ...
"""

# What the generated module may import, and the text that shows it is used.
_IMPORTS = [
    ("import datetime", r"\bdatetime\."),
    ("from collections.abc import Awaitable", r"\bAwaitable\["),
    ("from collections.abc import Callable", r"\bCallable\["),
    ("from typing import Annotated", r"\bAnnotated\["),
    ("from typing import Literal", r"\bLiteral\["),
    ("from typing import NotRequired", r"\bNotRequired\["),
    ("from typing import TypedDict", r"\bTypedDict\b"),
    ("from jsinterop import JSObject", r"\bJSObject\b"),
    ("from jsinterop import JSType", r"\bJSType\."),
    ("from jsinterop import js_import", r"@js_import\("),
]


def _imports(body: str) -> str:
    """The import block for what ``body`` uses, grouped and sorted as ruff sorts it."""
    groups: dict[str, dict[str, list[str]]] = {}
    for statement, pattern in _IMPORTS:
        if not re.search(pattern, body):
            continue
        if statement.startswith("import "):
            groups.setdefault("std", {}).setdefault("", []).append(statement)
            continue
        _, module, _, name = statement.split()
        group = "first" if module == "jsinterop" else "std"
        groups.setdefault(group, {}).setdefault(module, []).append(name)
    blocks = []
    for group in ("std", "first"):
        lines = []
        for module, names in sorted(groups.get(group, {}).items()):
            if module == "":
                lines += names
            else:
                lines.append(f"from {module} import {', '.join(sorted(names))}")
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def bind_declarations(
    data: dict[str, Any], module_name: str, label: str, *, validate: bool = True
) -> BindResult:
    """The stubs module for one file's listing, as ``read_declarations`` returned it.

    With ``validate`` (the default), each stub is decorated once on CPython and left out,
    with the reason, if jsinterop cannot marshal its types; so is each ``TypedDict`` field
    jsinterop refuses.

    Examples
    --------
    >>> data = {"exports": [{"kind": "function", "path": ["greet"], "names": ["greet"],
    ...     "signatures": [{"params": [{"name": "who", "optional": False, "rest": False,
    ...     "type": {"k": "string"}}], "returns": {"k": "string"}, "doc": ""}]}], "types": {}}
    >>> print(bind_declarations(data, "greeter", "greeter.d.ts").source.split("]\\n")[-1])
    <BLANKLINE>
    <BLANKLINE>
    @js_import("greet", "greeter")
    def greet(who: str) -> str:
        ...
    <BLANKLINE>
    """
    taken = set(_RESERVED)
    mapper = TypeMapper(data.get("types", {}), taken)
    writer = _ModuleWriter(module_name, mapper, taken)
    if data.get("error"):
        writer.unmapped.append(data["error"])
    constants: list[str] = []
    aliases: list[Tree] = []
    for export in data["exports"]:
        kind = export["kind"]
        if kind == "function":
            writer.function(export)
        elif kind == "class":
            writer.cls(export)
        elif kind == "alias":
            aliases.append(export)
        else:
            where = ".".join(export["names"])
            constants.append(f"{where}: {export['reason']}; read it with JSObject")
    left_out: dict[str, frozenset[str]] = {}
    if validate:
        left_out = _validate(writer, mapper)
    alias_lines: list[str] = []
    notes: list[str] = []
    for export in aliases:
        line = writer.alias(export)
        what = "function" if export["of_kind"] == "function" else "class"
        if line is None:
            notes.append(f"{'.'.join(export['names'])}: the same {what} as {export['of']}")
        else:
            alias_lines.append(line)
    for unit in writer.units:
        table = writer.methods if unit.is_method else writer.functions
        table[unit.export] = True
    unmapped = [*writer.unmapped, *constants, *mapper.left_out]
    return _result(writer, mapper, left_out, unmapped, alias_lines, notes, label)


def _result(
    writer: _ModuleWriter,
    mapper: TypeMapper,
    left_out: dict[str, frozenset[str]],
    unmapped: list[str],
    alias_lines: list[str],
    notes: list[str],
    label: str,
) -> BindResult:
    classes = mapper.class_sources(left_out)
    public = [*mapper.classes, *(unit.name for unit in writer.units if unit.owner is None)]
    public += [owner for owner in writer.owners if any(u.owner == owner for u in writer.units)]
    public += [line.split(" = ")[0] for block in alias_lines for line in block.splitlines()]
    body_parts = [*classes]
    if writer.needs_helpers:
        body_parts.append(_HELPERS)
    body_parts += writer.body()
    if alias_lines:
        body_parts.append("# Other names of the functions above.\n" + "\n".join(alias_lines))
    if notes:
        body_parts.append("# Also exported:\n" + "\n".join(f"# - {note}" for note in notes))
    if unmapped:
        body_parts.append("# Not bound:\n" + "\n".join(f"# - {line}" for line in unmapped))
    body = "\n\n\n".join(part.strip("\n") for part in body_parts)
    names = ", ".join(json.dumps(name) for name in sorted(public))
    header = _HEADER.format(module=writer.module_name, label=label)
    source = f"{header}\n{_imports(body)}\n\n__all__ = [{names}]\n\n\n{body}\n"
    functions = writer.functions
    return BindResult(
        source=source,
        unmapped=unmapped,
        stubs=len(writer.units),
        functions=len(functions),
        bound_functions=sum(functions.values()),
        methods=len(writer.methods),
        bound_methods=sum(writer.methods.values()),
        unbound_functions=[name for name, bound in functions.items() if not bound],
    )


def _def(signature: _Signature) -> str:
    return "async def" if signature.is_async else "def"


def _body(doc: str) -> str:
    return f'    """{doc}"""\n' if doc else "    ...\n"


# -- validation -----------------------------------------------------------------------------


def _validate(writer: _ModuleWriter, mapper: TypeMapper) -> dict[str, frozenset[str]]:
    """Decorate everything once on CPython; drop what jsinterop refuses, saying why.

    ``TypedDict`` fields go first (a refused field is left out of its class, so the stubs
    that use the class still bind), then each stub.
    """
    left_out: dict[str, frozenset[str]] = {}
    while True:
        namespace = _run(mapper.class_sources(left_out), writer.needs_helpers)
        refused = _first_refused_field(namespace, mapper, left_out)
        if refused is None:
            break
        name, field_name, why = refused
        left_out[name] = left_out.get(name, frozenset()) | {field_name}
        mapper.left_out.append(f"{name}.{field_name}: {why} (left out)")
    kept = []
    for unit in writer.units:
        scope = dict(namespace)
        with _diagnostics.collecting() as seen:
            try:
                program = f"{unit.stub}\n\n{unit.wrapper}"
                exec(compile(program, "<jsinterop bind>", "exec"), scope)
            except Exception as error:
                writer.unmapped.append(f"{unit.export}: {type(error).__name__}: {error}")
                continue
        if seen.problems:
            message = seen.problems[0].message.split(": ", 1)[-1]
            message = message.split(" (supported: ")[0]
            writer.unmapped.append(f"{unit.export}: {message}")
            continue
        kept.append(unit)
    writer.units = kept
    return left_out


def _run(classes: list[str], helpers: bool) -> dict[str, Any]:
    header = "\n".join(statement for statement, _ in _IMPORTS)
    program = "\n\n".join([header, *classes, _HELPERS if helpers else ""])
    namespace: dict[str, Any] = {"__name__": "jsinterop_bind_check"}
    exec(compile(program, "<jsinterop bind>", "exec"), namespace)
    return namespace


def _first_refused_field(
    namespace: dict[str, Any], mapper: TypeMapper, left_out: dict[str, frozenset[str]]
) -> tuple[str, str, str] | None:
    """The first field jsinterop refuses, as (class, field, why), classes in the order they
    are defined: a class's fields are checked after the classes they use lost theirs."""
    for name in mapper.classes:
        hints = typing.get_type_hints(namespace[name], namespace, include_extras=True)
        for field_name, hint in hints.items():
            if field_name in left_out.get(name, frozenset()):
                continue
            try:
                SpecReader(namespace).item(_unwrap_required(hint))
            except (UnsupportedAnnotation, TypeError, RecursionError) as why:
                return name, field_name, str(why).split(" (supported: ")[0]
    return None


def _unwrap_required(hint: object) -> object:
    if typing.get_origin(hint) in (typing.NotRequired, typing.Required):
        return typing.get_args(hint)[0]
    return hint
