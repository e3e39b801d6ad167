"""The spec types: what a type hint becomes before anything is marshalled (a leaf layer).

Each type kind is one small frozen NamedTuple (``IntSpec``, ``ListSpec(item=...)``, ...), and
it carries the facts about its kind that every later layer needs: the JS values it accepts
(``js_categories``, for telling union members apart), the Python types it takes on its way to
JS (``python_types``), its TypeScript type (``typescript``) and its JSON form for the JS half
(``to_json``). Adding a type kind means adding its class here; the spec reader
(:mod:`jsinterop._spec_reader`) turns annotations into these, and the marshal families
(:mod:`jsinterop._marshal`) convert values by them.

This module imports nothing of jsinterop: it is the bottom of the pipeline.
"""

from __future__ import annotations

import datetime
import enum
import json
import uuid
from array import array
from collections.abc import Callable
from typing import Any, Literal, NamedTuple, cast

__all__ = [
    "NUMBER_ARRAYS",
    "TYPECODES",
    "TYPED_ARRAYS",
    "AnySpec",
    "ArraySpec",
    "AwaitableSpec",
    "BigIntSpec",
    "BoolSpec",
    "ByteArraySpec",
    "BytesSpec",
    "CallableSpec",
    "ChoiceSpec",
    "DateTimeSpec",
    "DictSpec",
    "ExceptionSpec",
    "FieldSpec",
    "FixedTupleSpec",
    "FloatSpec",
    "IntSpec",
    "JSObjectSpec",
    "JSType",
    "ListSpec",
    "MapSpec",
    "MemoryViewSpec",
    "NoneSpec",
    "OptionalSpec",
    "ParamSpec",
    "Position",
    "SetSpec",
    "SignatureSpec",
    "StrSpec",
    "StructSpec",
    "TupleSpec",
    "TypeSpec",
    "UUIDSpec",
    "UnionSpec",
    "UnsupportedAnnotation",
    "js_categories",
    "python_types",
    "register_handle_class",
    "spec_to_json",
    "typescript",
]

Position = Literal["param", "return"]
TypeScript = Callable[[Any, Position], str]
"""``ts(spec, position)``: the TypeScript type of an inner spec (the kinds recurse through it)."""


class UnsupportedAnnotation(Exception):
    """An annotation (or a use of a kind) that cannot cross; the message says why."""


_NOT_A_MEMBER = "cannot be a member of a union"

# -- typed arrays ---------------------------------------------------------------------------

TYPED_ARRAYS = (
    "Int8Array",
    "Uint8Array",
    "Uint8ClampedArray",
    "Int16Array",
    "Uint16Array",
    "Int32Array",
    "Uint32Array",
    "Float32Array",
    "Float64Array",
    "BigInt64Array",
    "BigUint64Array",
)
NUMBER_ARRAYS = TYPED_ARRAYS[:-2]
TYPECODES = {
    "b": "Int8Array",
    "B": "Uint8Array",
    "h": "Int16Array",
    "H": "Uint16Array",
    "i": "Int32Array",
    "I": "Uint32Array",
    "f": "Float32Array",
    "d": "Float64Array",
    "q": "BigInt64Array",
    "Q": "BigUint64Array",
}
"""``array.array`` typecode -> the typed array it crosses as."""

_OBJECTS = frozenset(
    {"Array", "Date", "Error", "plain object", "ArrayBuffer", "DataView", "function", "object"}
    | {"Set", "Map"}
) | frozenset(TYPED_ARRAYS)

_HANDLE_CLASSES: list[type] = []


def register_handle_class(cls: type) -> None:
    """Name ``cls`` (``JSObject``) as the Python type of the ``jsobject`` kind.

    The JSObject layer sits above this one and registers itself when it is imported.
    """
    if cls not in _HANDLE_CLASSES:
        _HANDLE_CLASSES.append(cls)


def grouped(text: str) -> str:
    """``text`` in parentheses when it would not bind as one TypeScript type before ``[]``."""
    if any(symbol in text for symbol in ("|", "=>", " ")) and not text.startswith(
        ("Record<", "Set<", "ReadonlySet<", "Map<", "ReadonlyMap<")
    ):
        return f"({text})"
    return text


# -- the kinds ------------------------------------------------------------------------------
# The facts of the kinds without parts are in the table at the end of this module; a kind with
# parts (a container, a struct) answers them with its own methods.


class BoolSpec(NamedTuple):
    """``bool`` <-> JS boolean. Strict both ways: an int is not a bool."""

    kind: Literal["bool"] = "bool"


class IntSpec(NamedTuple):
    """``int`` <-> JS number holding a safe integer (within +-(2**53 - 1))."""

    kind: Literal["int"] = "int"


class FloatSpec(NamedTuple):
    """``float`` <-> JS number. A Python int is accepted and arrives as a float."""

    kind: Literal["float"] = "float"


class StrSpec(NamedTuple):
    """``str`` <-> JS string."""

    kind: Literal["str"] = "str"


class NoneSpec(NamedTuple):
    """``None`` as a return type: the JS value is discarded (a returned Promise included)."""

    kind: Literal["none"] = "none"


class JSObjectSpec(NamedTuple):
    """:class:`jsinterop.JSObject` <-> any JS object or function, by reference."""

    kind: Literal["jsobject"] = "jsobject"


class OptionalSpec(NamedTuple):
    """``T | None``: JS ``null``/``undefined`` read as ``None``; ``None`` is sent as ``null``."""

    inner: TypeSpec
    kind: Literal["optional"] = "optional"

    def typescript(self, position: Position, ts: TypeScript) -> str:
        inner = ts(self.inner, position)
        if "=>" in inner:  # `(a: T) => R | null` would make the result nullable
            inner = f"({inner})"
        return f"{inner} | null | undefined" if position == "param" else f"{inner} | null"


class BigIntSpec(NamedTuple):
    """``Annotated[int, JSType.BigInt]`` <-> JS bigint, any size."""

    kind: Literal["bigint"] = "bigint"


class DateTimeSpec(NamedTuple):
    """``datetime.datetime`` <-> JS Date, to the millisecond; naive is UTC, JS gives aware UTC."""

    kind: Literal["datetime"] = "datetime"


class UUIDSpec(NamedTuple):
    """``uuid.UUID`` <-> JS string in the canonical 8-4-4-4-12 hex form (a malformed one is a
    ``TypeError``)."""

    kind: Literal["uuid"] = "uuid"


class BytesSpec(NamedTuple):
    """``bytes`` <-> Uint8Array, copied (JS may also pass an ArrayBuffer or a DataView)."""

    kind: Literal["bytes"] = "bytes"


class ByteArraySpec(NamedTuple):
    """``bytearray`` <-> Uint8Array, copied (JS may also pass an ArrayBuffer or a DataView)."""

    kind: Literal["bytearray"] = "bytearray"


class ChoiceSpec(NamedTuple):
    """An ``enum.Enum`` (str or int values) or a ``Literal[...]`` <-> JS string or number.

    ``values`` are the allowed JS values; ``enum`` is the Enum class (``None`` for a Literal).
    """

    values: tuple[str | int, ...]
    enum: type[enum.Enum] | None = None
    kind: Literal["choice"] = "choice"

    def js_categories(self) -> frozenset[str]:
        return frozenset("string" if type(v) is str else "number" for v in self.values)

    def python_types(self) -> tuple[type, ...]:
        if self.enum is not None:
            return (self.enum,)
        return tuple({type(v): None for v in self.values})

    def typescript(self, position: Position, ts: TypeScript) -> str:
        return " | ".join(json.dumps(value) for value in self.values)


def _array_of(item: Any, position: Position, ts: TypeScript) -> str:
    text = grouped(ts(item, position))
    return f"readonly {text}[]" if position == "param" else f"{text}[]"


def _list_categories(item: Any) -> frozenset[str]:
    numeric = item.kind in ("int", "float")
    return frozenset({"Array", *(NUMBER_ARRAYS if numeric else ())})


class ListSpec(NamedTuple):
    """``list[T]`` <-> JS Array, copied; each item converted as ``T``."""

    item: TypeSpec
    kind: Literal["list"] = "list"

    def js_categories(self) -> frozenset[str]:
        return _list_categories(self.item)

    def python_types(self) -> tuple[type, ...]:
        return (list, tuple)

    def typescript(self, position: Position, ts: TypeScript) -> str:
        return _array_of(self.item, position, ts)


class TupleSpec(NamedTuple):
    """``tuple[T, ...]`` <-> JS Array, copied; each item converted as ``T``."""

    item: TypeSpec
    kind: Literal["tuple"] = "tuple"

    def js_categories(self) -> frozenset[str]:
        return _list_categories(self.item)

    def python_types(self) -> tuple[type, ...]:
        return (list, tuple)

    def typescript(self, position: Position, ts: TypeScript) -> str:
        return _array_of(self.item, position, ts)


class FixedTupleSpec(NamedTuple):
    """``tuple[A, B]`` <-> JS Array of exactly that length, each position with its own type."""

    items: tuple[TypeSpec, ...]
    kind: Literal["fixed_tuple"] = "fixed_tuple"

    def js_categories(self) -> frozenset[str]:
        return frozenset({"Array"})

    def python_types(self) -> tuple[type, ...]:
        return (list, tuple)

    def typescript(self, position: Position, ts: TypeScript) -> str:
        items = ", ".join(ts(item, position) for item in self.items)
        return f"readonly [{items}]" if position == "param" else f"[{items}]"


class SetSpec(NamedTuple):
    """``set[T]`` (kind ``"set"``) or ``frozenset[T]`` (kind ``"frozenset"``) <-> JS Set,
    copied; each item converted as ``T`` (a hashable kind)."""

    item: TypeSpec
    kind: Literal["set", "frozenset"] = "set"

    def js_categories(self) -> frozenset[str]:
        return frozenset({"Set"})

    def python_types(self) -> tuple[type, ...]:
        return (set, frozenset)

    def typescript(self, position: Position, ts: TypeScript) -> str:
        item = ts(self.item, position)
        return f"ReadonlySet<{item}>" if position == "param" else f"Set<{item}>"


class DictSpec(NamedTuple):
    """``dict[str, T]`` <-> plain JS object, copied; each value converted as ``T``."""

    value: TypeSpec
    kind: Literal["dict"] = "dict"

    def js_categories(self) -> frozenset[str]:
        return frozenset({"plain object"})

    def python_types(self) -> tuple[type, ...]:
        return (dict,)

    def typescript(self, position: Position, ts: TypeScript) -> str:
        return f"Record<string, {ts(self.value, position)}>"


class MapSpec(NamedTuple):
    """``dict[K, V]`` whose key type is not ``str`` <-> JS Map, copied; a plain JS object is
    refused (its keys are strings)."""

    key: TypeSpec
    value: TypeSpec
    kind: Literal["map"] = "map"

    def js_categories(self) -> frozenset[str]:
        return frozenset({"Map"})

    def python_types(self) -> tuple[type, ...]:
        return (dict,)

    def typescript(self, position: Position, ts: TypeScript) -> str:
        key, value = ts(self.key, position), ts(self.value, position)
        return f"ReadonlyMap<{key}, {value}>" if position == "param" else f"Map<{key}, {value}>"


class AnySpec(NamedTuple):
    """``object``, ``typing.Any``, ``Annotated[..., JSType.Any]``: converted by the value's type.

    JS primitives <-> Python primitives; other JS values -> ``JSObject``; Python callables ->
    JS functions; other Python objects -> opaque JS handles that come back as the same object.
    """

    kind: Literal["any"] = "any"


class AwaitableSpec(NamedTuple):
    """``Awaitable[T]`` / ``Coroutine[Any, Any, T]`` <-> JS Promise resolving to ``T``.

    Only a parameter or a return type itself (or ``Awaitable[T] | None``), not part of
    another type; an ``async def`` already returns a Promise of its result type.
    """

    inner: TypeSpec
    kind: Literal["awaitable"] = "awaitable"

    def typescript(self, position: Position, ts: TypeScript) -> str:
        inner = ts(self.inner, position)
        return f"PromiseLike<{inner}>" if position == "param" else f"Promise<{inner}>"


# A Callable member takes any callable object: checked with isinstance against the ABC.
_CALLABLE = cast(type, Callable)


class CallableSpec(NamedTuple):
    """``Callable[[A, B], R]`` <-> JS function; ``params`` is ``None`` for ``Callable[..., R]``.

    ``is_async`` when ``R`` is ``Awaitable[T]`` or ``Coroutine[..., T]`` (then ``returns`` is
    ``T``'s spec): the JS function returns a Promise.
    """

    params: tuple[TypeSpec, ...] | None
    returns: TypeSpec
    is_async: bool = False
    kind: Literal["callable"] = "callable"

    def js_categories(self) -> frozenset[str]:
        return frozenset({"function"})

    def python_types(self) -> tuple[type, ...]:
        return (_CALLABLE,)

    def typescript(self, position: Position, ts: TypeScript) -> str:
        # Directions flip inside a function type: a function JS passes in receives what
        # Python sends (return-position types) and returns what Python receives.
        inner: Position = "return" if position == "param" else "param"
        if self.params is None:
            params = "...args: any[]"
        else:
            params = ", ".join(f"arg{i}: {ts(p, inner)}" for i, p in enumerate(self.params))
        returns = ts(self.returns, position)
        if self.is_async:
            returns = (
                f"{returns} | Promise<{returns}>" if position == "param" else f"Promise<{returns}>"
            )
        return f"({params}) => {returns}"


class FieldSpec(NamedTuple):
    """One field of a struct: its name, its spec, and whether JS must give it."""

    name: str
    type: TypeSpec
    required: bool = True


class StructSpec(NamedTuple):
    """A ``@dataclass``, ``TypedDict`` or ``NamedTuple`` <-> plain JS object with its fields."""

    cls: type
    fields: tuple[FieldSpec, ...]
    flavor: Literal["dataclass", "typeddict", "namedtuple"]
    kind: Literal["struct"] = "struct"

    def js_categories(self) -> frozenset[str]:
        return frozenset({"plain object"})

    def python_types(self) -> tuple[type, ...]:
        return (dict,) if self.flavor == "typeddict" else (self.cls,)

    def typescript(self, position: Position, ts: TypeScript) -> str:
        fields = "; ".join(
            f"{field.name}{'' if field.required else '?'}: {ts(field.type, position)}"
            for field in self.fields
        )
        return f"{{ {fields} }}" if fields else "Record<string, never>"


class UnionSpec(NamedTuple):
    """``X | Y``: members told apart by their JS type (``categories``, one tuple per member).

    ``tagged`` when some member converts in Python: the value then crosses with the index of
    its member, so that neither side has to guess.
    """

    members: tuple[TypeSpec, ...]
    categories: tuple[tuple[str, ...], ...]
    tagged: bool
    kind: Literal["union"] = "union"

    def typescript(self, position: Position, ts: TypeScript) -> str:
        return " | ".join(grouped(ts(member, position)) for member in self.members)


class ArraySpec(NamedTuple):
    """``array.array`` <-> the typed array of its typecode (``'d'`` <-> Float64Array), copied."""

    typecodes: tuple[str, ...]
    kind: Literal["array"] = "array"

    def js_categories(self) -> frozenset[str]:
        return frozenset(TYPECODES[code] for code in self.typecodes)

    def python_types(self) -> tuple[type, ...]:
        return (array,)

    def typescript(self, position: Position, ts: TypeScript) -> str:
        return " | ".join(dict.fromkeys(TYPECODES[code] for code in self.typecodes))


class MemoryViewSpec(NamedTuple):
    """``memoryview`` -> a JS ``MemoryView`` over the Python memory, valid during the call."""

    kind: Literal["memoryview"] = "memoryview"


class ExceptionSpec(NamedTuple):
    """A ``BaseException`` subclass <-> JS Error, each keeping its identity on the way back."""

    cls: type[BaseException]
    kind: Literal["exception"] = "exception"

    def js_categories(self) -> frozenset[str]:
        return frozenset({"Error"})

    def python_types(self) -> tuple[type, ...]:
        return (self.cls,)

    def typescript(self, position: Position, ts: TypeScript) -> str:
        return "Error"


TypeSpec = (
    AnySpec
    | CallableSpec
    | AwaitableSpec
    | BoolSpec
    | IntSpec
    | FloatSpec
    | StrSpec
    | NoneSpec
    | JSObjectSpec
    | OptionalSpec
    | BigIntSpec
    | DateTimeSpec
    | UUIDSpec
    | BytesSpec
    | ByteArraySpec
    | ChoiceSpec
    | ListSpec
    | TupleSpec
    | FixedTupleSpec
    | SetSpec
    | DictSpec
    | MapSpec
    | StructSpec
    | UnionSpec
    | ArraySpec
    | MemoryViewSpec
    | ExceptionSpec
)


class _Facts(NamedTuple):
    """A part-less kind's facts: JS categories and Python types as a union member (``None``:
    cannot be one), and its TypeScript type for each position."""

    categories: frozenset[str] | None
    python_types: Callable[[], tuple[type, ...]] | None
    param_typescript: str
    return_typescript: str


def _facts(
    categories: set[str] | frozenset[str] | None,
    types: tuple[type, ...] | Callable[[], tuple[type, ...]] | None,
    typescript: str,
    return_typescript: str | None = None,
) -> _Facts:
    python = types if types is None or callable(types) else (lambda: types)
    frozen = None if categories is None else frozenset(categories)
    return _Facts(frozen, python, typescript, return_typescript or typescript)


_BUFFERS = frozenset({"ArrayBuffer", "DataView", *TYPED_ARRAYS})
_BUFFER_TYPES = (bytes, bytearray, memoryview)
_BUFFER_PARAM = "Uint8Array | ArrayBuffer | DataView"
# The runtime's MemoryView, structurally (a stub's memoryview passed on to an export).
_MEMORY_VIEW = (
    "ArrayBufferView | ArrayBuffer | { readonly isDisposed: boolean; readonly length: number }"
)

_FACTS: dict[str, _Facts] = {
    "bool": _facts({"boolean"}, (bool,), "boolean"),
    "int": _facts({"number"}, (int,), "number"),
    "float": _facts({"number"}, (float, int), "number"),
    "str": _facts({"string"}, (str,), "string"),
    "none": _facts(None, None, "void"),
    "jsobject": _facts(_OBJECTS, lambda: tuple(_HANDLE_CLASSES), "object"),
    "bigint": _facts({"bigint"}, (int,), "bigint"),
    "datetime": _facts({"Date"}, (datetime.datetime,), "Date"),
    "uuid": _facts({"string"}, (uuid.UUID,), "string"),
    "bytes": _facts(_BUFFERS, _BUFFER_TYPES, _BUFFER_PARAM, "Uint8Array"),
    "bytearray": _facts(_BUFFERS, _BUFFER_TYPES, _BUFFER_PARAM, "Uint8Array"),
    "any": _facts(None, None, "unknown"),
    "memoryview": _facts(None, None, _MEMORY_VIEW),
}


def js_categories(spec: TypeSpec) -> frozenset[str]:
    """The kinds of JS value a union member accepts, as the JS half names them (``categoryOf``).

    Raises :class:`UnsupportedAnnotation` for a kind that cannot be a union member.
    """
    facts = _FACTS.get(spec.kind)
    method = getattr(spec, "js_categories", None)
    if method is not None:
        return method()  # type: ignore[no-any-return]
    if facts is None or facts.categories is None:
        raise UnsupportedAnnotation(_NOT_A_MEMBER)
    return facts.categories


def python_types(spec: TypeSpec) -> tuple[type, ...]:
    """The Python types a union member takes on its way to JS."""
    facts = _FACTS.get(spec.kind)
    method = getattr(spec, "python_types", None)
    if method is not None:
        return method()  # type: ignore[no-any-return]
    if facts is None or facts.python_types is None:
        raise UnsupportedAnnotation(_NOT_A_MEMBER)
    return facts.python_types()


def typescript(spec: TypeSpec, position: Position, ts: TypeScript) -> str:
    """The TypeScript type of a value crossing as ``spec``; ``ts`` types the inner specs."""
    facts = _FACTS.get(spec.kind)
    if facts is not None:
        return facts.param_typescript if position == "param" else facts.return_typescript
    return spec.typescript(position, ts)  # type: ignore[union-attr]


class _Marker:
    """One ``JSType`` marker; reads as its name in messages."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"JSType.{self.name}"


class JSType:
    """Markers that choose the JS type of a Python annotation, used with ``typing.Annotated``.

    ``Annotated[int, JSType.BigInt]`` sends a Python int of any size as a JS ``bigint``
    and reads a JS ``bigint`` back as an int, where a plain ``int`` is a JS number holding
    a safe integer.

    ``Annotated[T, JSType.Any]`` (like ``object`` and ``typing.Any``) converts each value by
    its own type: JS primitives and Python primitives map to each other, other JS values
    arrive as ``JSObject``, Python callables become JS functions and any other Python object
    becomes an opaque JS handle that comes back to Python as the very same object.

    Examples
    --------
    >>> from typing import Annotated
    >>> from jsinterop import JSType, js_import
    >>> @js_import("fileSize", "Storage")
    ... def file_size(path: str) -> Annotated[int, JSType.BigInt]: ...
    >>> @js_import("remember", "Storage")
    ... def remember(value: Annotated[object, JSType.Any]) -> None: ...
    >>> JSType.BigInt, JSType.Any
    (JSType.BigInt, JSType.Any)

    ``Annotated[memoryview, JSType.MemoryView]`` (like a plain ``memoryview``) hands JS a
    ``MemoryView`` over the Python memory itself, without a copy, valid only during the call:

    >>> @js_import("checksum", "Storage")
    ... def checksum(data: Annotated[memoryview, JSType.MemoryView]) -> int: ...
    >>> JSType.MemoryView
    JSType.MemoryView
    """

    BigInt = _Marker("BigInt")
    Any = _Marker("Any")
    MemoryView = _Marker("MemoryView")


class ParamSpec(NamedTuple):
    """One parameter: its name, its marshalling spec and whether Python supplies a default."""

    name: str
    type: TypeSpec
    has_default: bool = False


class SignatureSpec(NamedTuple):
    """The frozen description of a stub or an export, all that the marshaller compiler sees."""

    qualified_name: str
    params: tuple[ParamSpec, ...]
    returns: TypeSpec
    is_async: bool

    def to_json(self) -> dict[str, Any]:
        """The JSON-able form handed to the JS runtime, which compiles its half from it."""
        return {
            "name": self.qualified_name,
            "params": [
                {"name": p.name, "type": spec_to_json(p.type), "optional": p.has_default}
                for p in self.params
            ],
            "returns": spec_to_json(self.returns),
            "isAsync": self.is_async,
        }


def spec_to_json(spec: TypeSpec) -> dict[str, Any]:
    """The JSON-able form of one type spec: its fields, nested specs as JSON, classes by name.

    Examples
    --------
    >>> spec_to_json(ListSpec(OptionalSpec(IntSpec())))
    {'item': {'inner': {'kind': 'int'}, 'kind': 'optional'}, 'kind': 'list'}
    >>> spec_to_json(MapSpec(IntSpec(), StrSpec()))
    {'key': {'kind': 'int'}, 'value': {'kind': 'str'}, 'kind': 'map'}
    """
    if isinstance(spec, CallableSpec):
        params = None if spec.params is None else [spec_to_json(p) for p in spec.params]
        returns = spec_to_json(spec.returns)
        return {"kind": spec.kind, "params": params, "returns": returns, "isAsync": spec.is_async}
    if isinstance(spec, ChoiceSpec):
        name = None if spec.enum is None else spec.enum.__qualname__
        return {"kind": spec.kind, "values": list(spec.values), "name": name}
    if isinstance(spec, StructSpec):
        fields = [
            {"name": f.name, "type": spec_to_json(f.type), "required": f.required}
            for f in spec.fields
        ]
        return {"kind": spec.kind, "name": spec.cls.__qualname__, "fields": fields}
    if isinstance(spec, UnionSpec):
        members = [spec_to_json(member) for member in spec.members]
        categories = [list(c) for c in spec.categories]
        tagged = spec.tagged
        return {"kind": spec.kind, "members": members, "categories": categories, "tagged": tagged}
    if isinstance(spec, ArraySpec):
        return {"kind": spec.kind, "typecodes": "".join(spec.typecodes)}
    if isinstance(spec, ExceptionSpec):
        return {"kind": spec.kind, "name": spec.cls.__qualname__}
    # Every other kind is its fields, with nested specs in their JSON form.
    return {
        name: _field_json(value) for name, value in spec._asdict().items() if name != "kind"
    } | {"kind": spec.kind}


def _field_json(value: Any) -> Any:
    if isinstance(value, tuple) and hasattr(value, "kind"):
        return spec_to_json(cast(TypeSpec, value))
    if isinstance(value, tuple):
        return [_field_json(item) for item in value]
    return value
