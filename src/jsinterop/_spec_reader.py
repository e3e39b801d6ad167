"""Reading type hints into spec types: the first step of ``stub -> spec -> marshaller -> bridge``.

A :class:`SpecReader` reads one function's annotations (or one annotation) into the frozen
specs of :mod:`jsinterop._spec_types`; nothing after it ever looks at a raw ``typing`` object.
The reader holds the state of one reading: the namespace that names classes made by
``exec()``, and the classes being read right now (to refuse recursive ones). It imports and
runs on plain CPython, so every decoration error can be tested without WebAssembly.
"""

from __future__ import annotations

import array
import dataclasses
import datetime
import enum
import inspect
import types
import typing
import uuid
from collections import abc
from typing import Any, Literal

from jsinterop._object import JSObject
from jsinterop._spec_types import (
    AnySpec,
    ArraySpec,
    AwaitableSpec,
    BigIntSpec,
    BoolSpec,
    ByteArraySpec,
    BytesSpec,
    CallableSpec,
    ChoiceSpec,
    DateTimeSpec,
    DictSpec,
    ExceptionSpec,
    FieldSpec,
    FixedTupleSpec,
    FloatSpec,
    IntSpec,
    JSObjectSpec,
    JSType,
    ListSpec,
    MapSpec,
    MemoryViewSpec,
    NoneSpec,
    OptionalSpec,
    ParamSpec,
    Position,
    SetSpec,
    SignatureSpec,
    StrSpec,
    StructSpec,
    TupleSpec,
    TypeSpec,
    UnionSpec,
    UnsupportedAnnotation,
    UUIDSpec,
    _Marker,
    js_categories,
    python_types,
)

__all__ = [
    "SpecReader",
    "UnsupportedAnnotation",
    "describe_annotation",
    "qualified_name",
    "signature_spec",
    "type_spec",
]

Role = Literal["js_import", "js_export"]

_SUPPORTED = (
    "bool, int, float, str, bytes, bytearray, datetime, uuid.UUID, JSObject, "
    "Annotated[int, JSType.BigInt], Enum, Literal[...], list[T], "
    "tuple[T, ...], tuple[A, B], set[T], frozenset[T], dict[str, T], dict[K, V], "
    "Callable[[A, ...], R], Awaitable[T], object/Any, "
    "@dataclass, TypedDict, NamedTuple, X | Y, array.array, memoryview, BaseException, "
    "T | None (and None as a return type)"
)

# Annotations that are one spec whatever else is around them.
_SIMPLE: dict[object, TypeSpec] = {
    bool: BoolSpec(),
    int: IntSpec(),
    float: FloatSpec(),
    str: StrSpec(),
    bytes: BytesSpec(),
    bytearray: ByteArraySpec(),
    datetime.datetime: DateTimeSpec(),
    uuid.UUID: UUIDSpec(),
    object: AnySpec(),
    Any: AnySpec(),
    JSObject: JSObjectSpec(),
}

# Containers of one item type: ``origin[T]``.
_ONE_ITEM: dict[object, str] = {list: "list", set: "set", frozenset: "frozenset"}

# Set items and Map keys must be hashable in Python, and compared by value in both languages.
_HASHABLE_KINDS = frozenset({"bool", "int", "float", "str", "bigint", "datetime", "uuid", "choice"})


def describe_annotation(annotation: object) -> str:
    """How an annotation reads in error messages: ``int``, ``list[int]``, ``JSObject``.

    Examples
    --------
    >>> describe_annotation(dict[str, list[int]])
    'dict[str, list[int]]'
    >>> describe_annotation(int | None)
    'int | None'
    """
    if annotation is None or annotation is type(None):
        return "None"
    if isinstance(annotation, type) and not isinstance(annotation, types.GenericAlias):
        return annotation.__qualname__
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    # Unions and builtin generics are rebuilt from their parts, so that they read the same on
    # every Python version and name classes without their module: 'Point | None'.
    if origin is typing.Union or origin is types.UnionType:
        return " | ".join(describe_annotation(argument) for argument in arguments)
    builtin = (list, tuple, dict, set, frozenset)
    if isinstance(annotation, types.GenericAlias) and origin in builtin and arguments:
        parts = ("..." if a is Ellipsis else describe_annotation(a) for a in arguments)
        return f"{origin.__name__}[{', '.join(parts)}]"
    if origin is abc.Callable and len(arguments) == 2:
        params = arguments[0]
        listed = "..." if params is Ellipsis else f"[{', '.join(map(describe_annotation, params))}]"
        return f"Callable[{listed}, {describe_annotation(arguments[1])}]"
    text = repr(annotation)
    for prefix in ("typing.", "collections.abc.", "jsinterop._object.", "jsinterop._spec_types."):
        text = text.replace(prefix, "")
    return text


_AWAITABLE_PLACE = (
    "an Awaitable can only be a parameter or return type itself, not part of another type"
)
_MEMORYVIEW_PLACE = "a memoryview can only be a parameter itself, not part of another type"
_MAX_SAFE_INTEGER = 2**53 - 1


class SpecReader:
    """Reads annotations into specs; one reader per function (or per annotation) read.

    ``names`` resolves the names in classes that have no module to resolve them in (a class
    made by ``exec()``): the decorated function's globals.

    Examples
    --------
    >>> SpecReader().read(list[int | None], "param")
    ListSpec(item=OptionalSpec(inner=IntSpec(kind='int'), kind='optional'), kind='list')
    """

    def __init__(self, names: dict[str, Any] | None = None) -> None:
        self.names = names
        self._reading: list[type] = []  # the classes being read right now

    def read(self, annotation: object, position: Position) -> TypeSpec:
        """The spec for one annotation, or :class:`UnsupportedAnnotation` saying why not."""
        if annotation is None or annotation is type(None):
            if position == "return":
                return NoneSpec()
            raise UnsupportedAnnotation("None is only allowed as a return type")
        simple = _SIMPLE.get(annotation)
        if simple is not None:
            return simple
        if annotation is memoryview:
            return _memoryview_spec(position)
        if annotation is array.array:
            return ArraySpec(tuple(_TYPECODES))
        if isinstance(annotation, type) and not isinstance(annotation, types.GenericAlias):
            spec = self._read_class(annotation)
            if spec is not None:
                return spec
        return self._read_generic(annotation, position)

    def _read_class(self, cls: type) -> TypeSpec | None:
        if issubclass(cls, BaseException):
            return ExceptionSpec(cls)
        if is_struct(cls):
            return self._read_struct(cls)
        if issubclass(cls, enum.Enum):
            return _choice_spec([member.value for member in cls], cls)
        return None

    def _read_generic(self, annotation: object, position: Position) -> TypeSpec:
        origin = typing.get_origin(annotation)
        arguments = typing.get_args(annotation)
        if origin is Literal:
            return _choice_spec(list(arguments), None)
        if origin is typing.Annotated:
            return self._read_annotated(annotation, position)
        if annotation is abc.Callable or origin is abc.Callable:
            return self._read_callable(arguments)
        if origin is abc.Awaitable or origin is abc.Coroutine:
            return self._read_awaitable(arguments)
        if origin is array.array and len(arguments) == 1 and arguments[0] in (int, float):
            return ArraySpec(tuple("bBhHiIqQ" if arguments[0] is int else "fd"))
        if origin in _ONE_ITEM and len(arguments) == 1:
            return self._read_one_item(origin, arguments[0])
        if origin is tuple:
            return self._read_tuple(arguments)
        if origin is dict and len(arguments) == 2:
            return self._read_dict(*arguments)
        if origin is typing.Union or origin is types.UnionType:
            return self._read_union(arguments, position)
        raise UnsupportedAnnotation(f"supported: {_SUPPORTED}")

    def item(self, annotation: object) -> TypeSpec:
        """The spec of an item inside a container: any parameter type but memoryview/Awaitable."""
        spec = self.read(annotation, "param")
        if isinstance(spec, MemoryViewSpec):
            raise UnsupportedAnnotation(_MEMORYVIEW_PLACE)
        if isinstance(spec, AwaitableSpec):
            raise UnsupportedAnnotation(_AWAITABLE_PLACE)
        return spec

    def _hashable_item(self, annotation: object, what: str) -> TypeSpec:
        spec = self.item(annotation)
        inner = spec.inner if isinstance(spec, OptionalSpec) else spec
        if inner.kind not in _HASHABLE_KINDS and not _hashable_tuple(inner):
            raise UnsupportedAnnotation(
                f"{what} must be hashable and compared by value in JS too: a bool, int, float, "
                f"str, datetime, UUID, Enum, Literal or a tuple of those, got "
                f"{describe_annotation(annotation)}"
            )
        return spec

    def _read_one_item(self, origin: object, argument: object) -> TypeSpec:
        kind = _ONE_ITEM[origin]
        if kind == "list":
            return ListSpec(self.item(argument))
        item = self._hashable_item(argument, "the items of a set")
        return SetSpec(item, "frozenset") if kind == "frozenset" else SetSpec(item)

    def _read_tuple(self, arguments: tuple[Any, ...]) -> TypeSpec:
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return TupleSpec(self.item(arguments[0]))
        if arguments and Ellipsis not in arguments and arguments != ((),):
            return FixedTupleSpec(tuple(self.item(argument) for argument in arguments))
        raise UnsupportedAnnotation(f"supported: {_SUPPORTED}")

    def _read_dict(self, key: object, value: object) -> TypeSpec:
        if key is str:
            return DictSpec(self.item(value))
        return MapSpec(
            self._hashable_item(key, "the keys of a dict crossing as a Map"), self.item(value)
        )

    def _read_union(self, members: tuple[Any, ...], position: Position) -> TypeSpec:
        others = [m for m in members if m is not type(None)]
        if len(others) == 1 and len(members) == 2:
            return OptionalSpec(self.read(others[0], position))
        union = self._read_members(others)
        return union if len(others) == len(members) else OptionalSpec(union)

    def _read_awaitable(self, arguments: tuple[Any, ...]) -> AwaitableSpec:
        """``Awaitable[T]``; ``Coroutine[Y, S, T]`` is read as ``Awaitable[T]``."""
        inner = arguments[-1] if arguments else Any
        spec = self.read(inner, "return")
        if isinstance(spec, MemoryViewSpec | AwaitableSpec):
            raise UnsupportedAnnotation(
                "an Awaitable's result cannot be a memoryview or another Awaitable"
            )
        return AwaitableSpec(spec)

    def _read_callable(self, arguments: tuple[Any, ...]) -> CallableSpec:
        """``Callable[[A, B], R]``; ``Callable[..., R]`` takes any arguments, each as ``Any``."""
        if len(arguments) != 2:
            raise UnsupportedAnnotation(
                "give a Callable its argument and return types: Callable[[A, B], R]"
            )
        parameters, result = arguments
        params = None if parameters is Ellipsis else tuple(self.item(p) for p in parameters)
        result_origin = typing.get_origin(result)
        if result_origin is abc.Awaitable or result_origin is abc.Coroutine:
            inner = typing.get_args(result)[-1] if typing.get_args(result) else Any
            return CallableSpec(params, self.read(inner, "return"), is_async=True)
        return CallableSpec(params, self.read(result, "return"))

    def _read_annotated(self, annotation: object, position: Position) -> TypeSpec:
        """``Annotated[T, ...]``: a JSType marker chooses the JS type; other metadata is ignored."""
        base, *metadata = typing.get_args(annotation)
        markers = [item for item in metadata if isinstance(item, _Marker)]
        if not markers:
            return self.read(base, position)
        if len(markers) > 1:
            raise UnsupportedAnnotation("give one JSType marker at most")
        if markers[0] is JSType.BigInt:
            if base is not int:
                raise UnsupportedAnnotation("JSType.BigInt applies to int only")
            return BigIntSpec()
        if markers[0] is JSType.Any:
            return AnySpec()
        if markers[0] is JSType.MemoryView:
            if base is not memoryview:
                raise UnsupportedAnnotation("JSType.MemoryView applies to memoryview only")
            return _memoryview_spec(position)
        raise UnsupportedAnnotation(f"{markers[0]!r} is not supported here")  # pragma: no cover

    # -- structs ----------------------------------------------------------------------------

    def _read_struct(self, cls: type) -> StructSpec:
        """The fields of a dataclass, TypedDict or NamedTuple, each with its spec.

        A field is required unless it has a default (dataclass, NamedTuple) or is
        ``NotRequired`` / in a ``total=False`` TypedDict. Dataclass fields with ``init=False``
        do not cross.
        """
        name = cls.__qualname__
        if cls in self._reading:
            raise UnsupportedAnnotation(f"{name} refers to itself; recursive classes cannot cross")
        hints = self._class_hints(cls)
        flavor, names = _struct_fields(cls, hints)
        if flavor == "typeddict":
            hints = {field: _strip_required(hint) for field, hint in hints.items()}
        self._reading.append(cls)
        try:
            fields = tuple(self._read_field(cls, field, hints[field], req) for field, req in names)
        finally:
            self._reading.pop()
        return StructSpec(cls, fields, flavor)

    def _class_hints(self, cls: type) -> dict[str, Any]:
        try:
            try:
                return typing.get_type_hints(cls, include_extras=True)
            except NameError:
                # A class made by exec() has no module to resolve its names in: try those of
                # the function being decorated, which names the class.
                return typing.get_type_hints(cls, self.names, include_extras=True)
        except Exception as error:
            raise UnsupportedAnnotation(
                f"cannot resolve the annotations of {cls.__qualname__}: {error}"
            ) from None

    def _read_field(self, cls: type, field: str, hint: object, required: bool) -> FieldSpec:
        try:
            return FieldSpec(field, self.item(hint), required)
        except UnsupportedAnnotation as why:
            raise UnsupportedAnnotation(
                f"field '{field}' of {cls.__qualname__} has unsupported annotation "
                f"'{describe_annotation(hint)}' ({why})"
            ) from None

    # -- unions -----------------------------------------------------------------------------

    def _read_members(self, annotations: list[object]) -> UnionSpec:
        """``X | Y``: each member a spec; refused unless JS and Python can tell them apart."""
        members: list[TypeSpec] = []
        for annotation in annotations:
            spec = self.item(annotation)
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
        for i in range(len(members)):
            for j in range(i):
                _check_apart(annotations, members, categories, j, i)
        tagged = not all(_is_plain(spec) for spec in members)
        return UnionSpec(tuple(members), tuple(tuple(sorted(c)) for c in categories), tagged)


def _check_apart(
    annotations: list[object],
    members: list[TypeSpec],
    categories: list[frozenset[str]],
    j: int,
    i: int,
) -> None:
    """Refuse members ``j`` and ``i`` when JS or Python cannot tell them apart."""
    a, b = describe_annotation(annotations[j]), describe_annotation(annotations[i])
    shared = categories[i] & categories[j]
    if shared:
        both = "object" if len(shared) > 1 else _js_article(min(shared))
        raise UnsupportedAnnotation(
            f"JS cannot tell {a} from {b}: both can be {both}; "
            "a union's members must differ in JS type"
        )
    first = members[i]
    if _python_overlap(python_types(members[j]), python_types(first)):
        raise UnsupportedAnnotation(
            f"Python cannot tell {a} from {b}: both take "
            f"{python_types(first)[-1].__name__}; a union's members must differ in "
            "Python type"
        )


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


def _js_article(category: str) -> str:
    return f"an {category}" if category[0] in "AEIOU" else f"a {category}"


def _hashable_tuple(spec: TypeSpec) -> bool:
    if isinstance(spec, FixedTupleSpec):
        items = spec.items
    elif isinstance(spec, TupleSpec):
        items = (spec.item,)
    else:
        return False
    return all(item.kind in _HASHABLE_KINDS or _hashable_tuple(item) for item in items)


_TYPECODES = "bBhHiIfdqQ"


def _memoryview_spec(position: Position) -> MemoryViewSpec:
    if position == "return":
        raise UnsupportedAnnotation(
            "a memoryview is valid only during the call it is passed to, so it cannot be returned"
        )
    return MemoryViewSpec()


def _choice_spec(values: list[object], enum_class: type[enum.Enum] | None) -> ChoiceSpec:
    """The allowed values of an Enum or a Literal, each a str or a safe int."""
    what = "an Enum's values" if enum_class is not None else "Literal values"
    checked: list[str | int] = []
    for value in values:
        if type(value) is str or (
            type(value) is int and -_MAX_SAFE_INTEGER <= value <= _MAX_SAFE_INTEGER
        ):
            checked.append(value)
        else:
            raise UnsupportedAnnotation(f"{what} must be str or safe int, got {value!r}")
    if not checked:
        raise UnsupportedAnnotation(f"{what} are missing")
    return ChoiceSpec(tuple(checked), enum_class)


# -- structs --------------------------------------------------------------------------------


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
        or typing.is_typeddict(annotation)
        or _is_named_tuple(annotation)
    )


StructFlavor = Literal["dataclass", "typeddict", "namedtuple"]


def _struct_fields(cls: type, hints: dict[str, Any]) -> tuple[StructFlavor, list[tuple[str, bool]]]:
    """The struct's flavor and its crossing fields, each with whether JS must give it."""
    if typing.is_typeddict(cls):
        # Read from the hints, not __required_keys__: that misses NotRequired[...] written
        # as a string (``from __future__ import annotations``).
        total = getattr(cls, "__total__", True)
        return "typeddict", [(field, _required(hint, total)) for field, hint in hints.items()]
    if _is_named_tuple(cls):
        defaults = cls._field_defaults  # type: ignore[attr-defined]
        return "namedtuple", [(f, f not in defaults) for f in cls._fields]  # type: ignore[attr-defined]
    return "dataclass", [
        (
            field.name,
            field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING,
        )
        for field in dataclasses.fields(cls)
        if field.init
    ]


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


# -- functions ------------------------------------------------------------------------------


def type_spec(
    annotation: object, *, position: Position, names: dict[str, Any] | None = None
) -> TypeSpec:
    """The spec for one annotation, or :class:`UnsupportedAnnotation` saying why there is none.

    Examples
    --------
    >>> type_spec(dict[int, str], position="param")
    MapSpec(key=IntSpec(kind='int'), value=StrSpec(kind='str'), kind='map')
    """
    return SpecReader(names).read(annotation, position)


def _is_empty_body(func: types.FunctionType) -> bool:
    """Whether ``func``'s body is only ``...``, ``pass`` and/or a docstring."""
    code = func.__code__
    arguments = code.co_argcount + code.co_kwonlyargcount
    arguments += bool(code.co_flags & inspect.CO_VARARGS)
    arguments += bool(code.co_flags & inspect.CO_VARKEYWORDS)
    if code.co_names or code.co_varnames[arguments:]:
        return False
    reference = _EMPTY_ASYNC if inspect.iscoroutinefunction(func) else _EMPTY_SYNC
    return code.co_code in reference


def _empty_sync_a() -> None: ...


def _empty_sync_b() -> None:
    """Docstring."""


async def _empty_async_a() -> None: ...


async def _empty_async_b() -> None:
    """Docstring."""


_EMPTY_SYNC = {_empty_sync_a.__code__.co_code, _empty_sync_b.__code__.co_code}
_EMPTY_ASYNC = {_empty_async_a.__code__.co_code, _empty_async_b.__code__.co_code}


def qualified_name(func: Any) -> str:
    """``package.module.Class.function``, the name used in every message about ``func``."""
    return f"{func.__module__}.{func.__qualname__}"


def signature_spec(func: Any, *, role: Role) -> SignatureSpec:
    """Read ``func``'s signature into a :class:`SignatureSpec`.

    Raises ``TypeError`` naming the function, the parameter and the annotation when the
    signature cannot be marshalled.

    Examples
    --------
    >>> def add(a: int, b: int = 1) -> int: ...
    >>> spec = signature_spec(add, role="js_import")
    >>> [(p.name, p.type.kind, p.has_default) for p in spec.params], spec.returns.kind
    ([('a', 'int', False), ('b', 'int', True)], 'int')
    """
    if not isinstance(func, types.FunctionType):
        raise TypeError(
            f"@{role} expects a function defined with def or async def, "
            f"got {type(func).__name__} {func!r}"
        )
    where = f"@{role} {qualified_name(func)}"
    if inspect.isgeneratorfunction(func) or inspect.isasyncgenfunction(func):
        raise TypeError(f"{where}: generators cannot cross the boundary")
    if role == "js_import" and not _is_empty_body(func):
        raise TypeError(f"{where}: a stub's body must be '...'; the JS function is its body")
    try:
        hints = typing.get_type_hints(func, include_extras=True)
    except Exception as error:
        raise TypeError(f"{where}: cannot resolve the annotations: {error}") from None
    reader = SpecReader(func.__globals__)  # for classes defined by exec()
    params = _read_params(reader, func, hints, where)
    returns = _read_return(reader, hints, where)
    is_async = inspect.iscoroutinefunction(func)
    _check_async(params, returns, hints, is_async, where)
    return SignatureSpec(qualified_name(func), params, returns, is_async)


def _read_params(
    reader: SpecReader, func: Any, hints: dict[str, Any], where: str
) -> tuple[ParamSpec, ...]:
    params: list[ParamSpec] = []
    for param in inspect.signature(func).parameters.values():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            star = "*" if param.kind is param.VAR_POSITIONAL else "**"
            raise TypeError(
                f"{where}: parameter '{star}{param.name}' is not supported; "
                "declare each parameter by name"
            )
        if param.name not in hints:
            raise TypeError(f"{where}: parameter '{param.name}' has no type annotation")
        annotation = hints[param.name]
        try:
            spec = reader.read(annotation, "param")
        except UnsupportedAnnotation as why:
            raise TypeError(
                f"{where}: parameter '{param.name}' has unsupported annotation "
                f"'{describe_annotation(annotation)}' ({why})"
            ) from None
        params.append(ParamSpec(param.name, spec, param.default is not param.empty))
    return tuple(params)


def _read_return(reader: SpecReader, hints: dict[str, Any], where: str) -> TypeSpec:
    if "return" not in hints:
        raise TypeError(f"{where}: the return type is not annotated (write '-> None' for none)")
    try:
        return reader.read(hints["return"], "return")
    except UnsupportedAnnotation as why:
        raise TypeError(
            f"{where}: return type has unsupported annotation "
            f"'{describe_annotation(hints['return'])}' ({why})"
        ) from None


def _check_async(
    params: tuple[ParamSpec, ...],
    returns: TypeSpec,
    hints: dict[str, Any],
    is_async: bool,
    where: str,
) -> None:
    if is_async and isinstance(returns, AwaitableSpec):
        raise TypeError(
            f"{where}: an async def already returns a Promise; annotate its result type: "
            f"-> {describe_annotation(typing.get_args(hints['return'])[-1])}"
        )
    for param_spec in params:
        view = param_spec.type
        if isinstance(view, OptionalSpec):
            view = view.inner
        if is_async and isinstance(view, MemoryViewSpec):
            raise TypeError(
                f"{where}: parameter '{param_spec.name}' is a memoryview, which is valid only "
                "during a synchronous call; an async function cannot take one"
            )
