"""Specs built out of other specs: structs (dataclass, TypedDict, NamedTuple) and unions.

Kept apart from :mod:`jsinterop._spec` because they carry the decoration-time rules of their
own: which fields a class has and which are required, whether a recursive class is being
read, and whether the members of a union can be told apart in JS (and in Python).
"""

from __future__ import annotations

import dataclasses
import datetime
import typing
from array import array
from collections.abc import Callable
from typing import Any, Literal

from jsinterop._spec import (
    FieldSpec,
    StructSpec,
    TypeSpec,
    UnionSpec,
    UnsupportedAnnotation,
    describe_annotation,
)

__all__ = ["is_struct", "struct_spec", "union_spec"]

ItemSpec = Callable[[object], TypeSpec]

# -- structs --------------------------------------------------------------------------------


def _is_typed_dict(annotation: object) -> bool:
    return typing.is_typeddict(annotation)


def _is_named_tuple(annotation: object) -> bool:
    return (
        isinstance(annotation, type)
        and issubclass(annotation, tuple)
        and hasattr(annotation, "_fields")
        and hasattr(annotation, "__annotations__")
    )


def is_struct(annotation: object) -> bool:
    """Whether ``annotation`` is a dataclass, a TypedDict or a NamedTuple class."""
    return isinstance(annotation, type) and (
        dataclasses.is_dataclass(annotation)
        or _is_typed_dict(annotation)
        or _is_named_tuple(annotation)
    )


fallback_globals: dict[str, Any] | None = None  # the decorated function's, set by signature_spec
_reading: list[type] = []  # the classes being read right now, to catch recursive ones


def struct_spec(cls: type, item_spec: ItemSpec) -> StructSpec:
    """The fields of a dataclass, TypedDict or NamedTuple, each with its spec.

    A field is required unless it has a default (dataclass, NamedTuple) or is
    ``NotRequired`` / in a ``total=False`` TypedDict. Dataclass fields with ``init=False``
    do not cross.
    """
    name = cls.__qualname__
    if cls in _reading:
        raise UnsupportedAnnotation(f"{name} refers to itself; recursive classes cannot cross")
    try:
        try:
            hints = typing.get_type_hints(cls, include_extras=True)
        except NameError:
            # A class made by exec() has no module to resolve its names in: try those of the
            # function being decorated, which names the class.
            hints = typing.get_type_hints(cls, fallback_globals, include_extras=True)
    except Exception as error:
        raise UnsupportedAnnotation(f"cannot resolve the annotations of {name}: {error}") from None
    names: list[tuple[str, bool]]
    flavor: Literal["dataclass", "typeddict", "namedtuple"]
    if _is_typed_dict(cls):
        flavor = "typeddict"
        # Read from the hints, not __required_keys__: that misses NotRequired[...] written
        # as a string (``from __future__ import annotations``).
        total = getattr(cls, "__total__", True)
        names = [(field, _required(hint, total)) for field, hint in hints.items()]
        hints = {field: _strip_required(hint) for field, hint in hints.items()}
    elif _is_named_tuple(cls):
        flavor = "namedtuple"
        defaults = cls._field_defaults  # type: ignore[attr-defined]
        names = [(field, field not in defaults) for field in cls._fields]  # type: ignore[attr-defined]
    else:
        flavor = "dataclass"
        names = [
            (
                field.name,
                field.default is dataclasses.MISSING
                and field.default_factory is dataclasses.MISSING,
            )
            for field in dataclasses.fields(cls)
            if field.init
        ]
    _reading.append(cls)
    try:
        fields = []
        for field, required in names:
            try:
                spec = item_spec(hints[field])
            except UnsupportedAnnotation as why:
                raise UnsupportedAnnotation(
                    f"field '{field}' of {name} has unsupported annotation "
                    f"'{describe_annotation(hints[field])}' ({why})"
                ) from None
            fields.append(FieldSpec(field, spec, required))
    finally:
        _reading.pop()
    return StructSpec(cls, tuple(fields), flavor)


def _required(hint: object, total: bool) -> bool:
    origin = typing.get_origin(hint)
    if origin is typing.Required:
        return True
    return origin is not typing.NotRequired and total


def _strip_required(hint: object) -> object:
    """``NotRequired[T]`` and ``Required[T]`` (kept by include_extras) as ``T``."""
    while typing.get_origin(hint) in (typing.NotRequired, typing.Required):
        hint = typing.get_args(hint)[0]
    return hint


# -- unions ---------------------------------------------------------------------------------

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
# array.array typecode -> the typed array it crosses as.
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
_OBJECTS = frozenset(
    {"Array", "Date", "Error", "plain object", "ArrayBuffer", "DataView", "function", "object"}
) | frozenset(TYPED_ARRAYS)


def js_categories(spec: TypeSpec) -> frozenset[str]:
    """The kinds of JS value a spec accepts, as the JS half names them (``categoryOf``)."""
    details: Any = spec
    kind = spec.kind
    simple = {
        "bool": {"boolean"},
        "int": {"number"},
        "float": {"number"},
        "str": {"string"},
        "bigint": {"bigint"},
        "datetime": {"Date"},
        "fixed_tuple": {"Array"},
        "dict": {"plain object"},
        "struct": {"plain object"},
        "exception": {"Error"},
        "callable": {"function"},
    }.get(kind)
    if simple is not None:
        return frozenset(simple)
    if kind == "choice":
        return frozenset("string" if type(v) is str else "number" for v in details.values)
    if kind in ("bytes", "bytearray"):
        return frozenset({"ArrayBuffer", "DataView", *TYPED_ARRAYS})
    if kind in ("list", "tuple"):
        numeric = details.item.kind in ("int", "float")
        return frozenset({"Array", *(NUMBER_ARRAYS if numeric else ())})
    if kind == "array":
        return frozenset(TYPECODES[code] for code in details.typecodes)
    if kind == "jsobject":
        return _OBJECTS
    raise UnsupportedAnnotation("cannot be a member of a union")


# A Callable member takes any callable object: checked with isinstance against the ABC.
_CALLABLE = typing.cast(type, Callable)


def python_types(spec: TypeSpec) -> tuple[type, ...]:
    """The Python types a member takes on its way to JS (checked with ``type(v) is``)."""
    from jsinterop._object import JSObject

    details: Any = spec
    kind = spec.kind
    if kind == "choice":
        if details.enum is not None:
            return (details.enum,)
        return tuple({type(v): None for v in details.values})
    if kind in ("struct", "exception"):
        if kind == "struct" and details.flavor == "typeddict":
            return (dict,)
        return (details.cls,)
    types = {
        "bool": (bool,),
        "int": (int,),
        "float": (float, int),
        "str": (str,),
        "bigint": (int,),
        "datetime": (datetime.datetime,),
        "bytes": (bytes, bytearray, memoryview),
        "bytearray": (bytes, bytearray, memoryview),
        "list": (list, tuple),
        "tuple": (list, tuple),
        "fixed_tuple": (list, tuple),
        "dict": (dict,),
        "jsobject": (JSObject,),
        "array": (array,),
        "callable": (_CALLABLE,),
    }.get(kind)
    if types is None:
        raise UnsupportedAnnotation("cannot be a member of a union")
    return types


def _user_class(cls: type) -> bool:
    return cls.__module__ != "builtins" and cls is not datetime.datetime


def _python_overlap(a: tuple[type, ...], b: tuple[type, ...]) -> bool:
    for x in a:
        for y in b:
            if x is y:
                return True
            if _user_class(x) and _user_class(y) and (issubclass(x, y) or issubclass(y, x)):
                return True
    return False


# Plain members cross as they are: no Python-side conversion, the JS half tells them apart.
_PLAIN = frozenset({"bool", "int", "float", "str"})


def _is_plain(spec: TypeSpec) -> bool:
    return spec.kind in _PLAIN or (spec.kind == "choice" and getattr(spec, "enum", 0) is None)


def union_spec(annotations: list[object], item_spec: ItemSpec) -> UnionSpec:
    """``X | Y``: each member a spec; refused unless JS and Python can tell the members apart."""
    members: list[TypeSpec] = []
    for annotation in annotations:
        spec = item_spec(annotation)
        if spec.kind in ("memoryview", "any"):
            raise UnsupportedAnnotation(
                f"{describe_annotation(annotation)} cannot be a member of a union"
            )
        members.append(spec)
    categories = []
    for annotation, spec in zip(annotations, members, strict=True):
        try:
            categories.append(js_categories(spec))
        except UnsupportedAnnotation as why:
            raise UnsupportedAnnotation(f"{describe_annotation(annotation)} {why}") from None
    for i, first in enumerate(members):
        for j in range(i):
            a, b = describe_annotation(annotations[j]), describe_annotation(annotations[i])
            shared = categories[i] & categories[j]
            if shared:
                both = "object" if len(shared) > 1 else _js_article(min(shared))
                raise UnsupportedAnnotation(
                    f"JS cannot tell {a} from {b}: both can be {both}; "
                    "a union's members must differ in JS type"
                )
            if _python_overlap(python_types(members[j]), python_types(first)):
                raise UnsupportedAnnotation(
                    f"Python cannot tell {a} from {b}: both take "
                    f"{python_types(first)[-1].__name__}; a union's members must differ in "
                    "Python type"
                )
    tagged = not all(_is_plain(spec) for spec in members)
    return UnionSpec(tuple(members), tuple(tuple(sorted(c)) for c in categories), tagged)


def _js_article(category: str) -> str:
    return f"an {category}" if category[0] in "AEIOU" else f"a {category}"
