"""Type hints become small frozen specs before anything is marshalled.

This module is the first step of the pipeline ``stub -> spec -> compiled marshaller -> bridge``.
It reads a function's signature and annotations and produces a :class:`SignatureSpec`; nothing
after it ever looks at a raw ``typing`` object. It imports and runs on plain CPython, so every
decoration error can be tested without WebAssembly.
"""

from __future__ import annotations

import array
import datetime
import enum
import inspect
import types
import typing
from collections import abc
from typing import Any, Literal, NamedTuple

__all__ = [
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
    "MemoryViewSpec",
    "NoneSpec",
    "OptionalSpec",
    "ParamSpec",
    "SignatureSpec",
    "StrSpec",
    "StructSpec",
    "TupleSpec",
    "TypeSpec",
    "UnionSpec",
    "describe_annotation",
    "signature_spec",
    "type_spec",
]

Role = Literal["js_import", "js_export"]


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


class BigIntSpec(NamedTuple):
    """``Annotated[int, JSType.BigInt]`` <-> JS bigint, any size."""

    kind: Literal["bigint"] = "bigint"


class DateTimeSpec(NamedTuple):
    """``datetime.datetime`` <-> JS Date, to the millisecond; naive is UTC, JS gives aware UTC."""

    kind: Literal["datetime"] = "datetime"


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


class ListSpec(NamedTuple):
    """``list[T]`` <-> JS Array, copied; each item converted as ``T``."""

    item: TypeSpec
    kind: Literal["list"] = "list"


class TupleSpec(NamedTuple):
    """``tuple[T, ...]`` <-> JS Array, copied; each item converted as ``T``."""

    item: TypeSpec
    kind: Literal["tuple"] = "tuple"


class FixedTupleSpec(NamedTuple):
    """``tuple[A, B]`` <-> JS Array of exactly that length, each position with its own type."""

    items: tuple[TypeSpec, ...]
    kind: Literal["fixed_tuple"] = "fixed_tuple"


class DictSpec(NamedTuple):
    """``dict[str, T]`` <-> plain JS object, copied; each value converted as ``T``."""

    value: TypeSpec
    kind: Literal["dict"] = "dict"


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


class CallableSpec(NamedTuple):
    """``Callable[[A, B], R]`` <-> JS function; ``params`` is ``None`` for ``Callable[..., R]``.

    ``is_async`` when ``R`` is ``Awaitable[T]`` or ``Coroutine[..., T]`` (then ``returns`` is
    ``T``'s spec): the JS function returns a Promise.
    """

    params: tuple[TypeSpec, ...] | None
    returns: TypeSpec
    is_async: bool = False
    kind: Literal["callable"] = "callable"


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


class UnionSpec(NamedTuple):
    """``X | Y``: members told apart by their JS type (``categories``, one tuple per member).

    ``tagged`` when some member converts in Python: the value then crosses with the index of
    its member, so that neither side has to guess.
    """

    members: tuple[TypeSpec, ...]
    categories: tuple[tuple[str, ...], ...]
    tagged: bool
    kind: Literal["union"] = "union"


class ArraySpec(NamedTuple):
    """``array.array`` <-> the typed array of its typecode (``'d'`` <-> Float64Array), copied."""

    typecodes: tuple[str, ...]
    kind: Literal["array"] = "array"


class MemoryViewSpec(NamedTuple):
    """``memoryview`` -> a JS ``MemoryView`` over the Python memory, valid during the call."""

    kind: Literal["memoryview"] = "memoryview"


class ExceptionSpec(NamedTuple):
    """A ``BaseException`` subclass <-> JS Error, each keeping its identity on the way back."""

    cls: type[BaseException]
    kind: Literal["exception"] = "exception"


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
    | BytesSpec
    | ByteArraySpec
    | ChoiceSpec
    | ListSpec
    | TupleSpec
    | FixedTupleSpec
    | DictSpec
    | StructSpec
    | UnionSpec
    | ArraySpec
    | MemoryViewSpec
    | ExceptionSpec
)


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
    """The JSON-able form of one type spec."""
    if isinstance(spec, OptionalSpec | AwaitableSpec):
        return {"kind": spec.kind, "inner": spec_to_json(spec.inner)}
    if isinstance(spec, ListSpec | TupleSpec):
        return {"kind": spec.kind, "item": spec_to_json(spec.item)}
    if isinstance(spec, FixedTupleSpec):
        return {"kind": spec.kind, "items": [spec_to_json(item) for item in spec.items]}
    if isinstance(spec, DictSpec):
        return {"kind": spec.kind, "value": spec_to_json(spec.value)}
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
    return {"kind": spec.kind}


_SUPPORTED = (
    "bool, int, float, str, bytes, bytearray, datetime, JSObject, "
    "Annotated[int, JSType.BigInt], Enum, Literal[...], list[T], "
    "tuple[T, ...], tuple[A, B], dict[str, T], Callable[[A, ...], R], Awaitable[T], object/Any, "
    "@dataclass, TypedDict, NamedTuple, X | Y, array.array, memoryview, BaseException, "
    "T | None (and None as a return type)"
)

_SIMPLE: dict[object, TypeSpec] = {
    bool: BoolSpec(),
    int: IntSpec(),
    float: FloatSpec(),
    str: StrSpec(),
    bytes: BytesSpec(),
    bytearray: ByteArraySpec(),
    datetime.datetime: DateTimeSpec(),
    object: AnySpec(),
    Any: AnySpec(),
}


def describe_annotation(annotation: object) -> str:
    """How an annotation reads in error messages: ``int``, ``list[int]``, ``JSObject``."""
    if annotation is None or annotation is type(None):
        return "None"
    if isinstance(annotation, type) and not isinstance(annotation, types.GenericAlias):
        return annotation.__qualname__
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    # Unions and builtin generics are rebuilt from their parts, so that they read the same on
    # every Python version and name classes without their module: 'Point | None'.
    if origin is typing.Union or origin is types.UnionType:
        return " | ".join(describe_annotation(argument) for argument in arguments)
    if isinstance(annotation, types.GenericAlias) and origin in (list, tuple, dict) and arguments:
        parts = ("..." if a is Ellipsis else describe_annotation(a) for a in arguments)
        return f"{origin.__name__}[{', '.join(parts)}]"
    if origin is abc.Callable and len(arguments) == 2:
        params = arguments[0]
        listed = "..." if params is Ellipsis else f"[{', '.join(map(describe_annotation, params))}]"
        return f"Callable[{listed}, {describe_annotation(arguments[1])}]"
    text = repr(annotation)
    for prefix in ("typing.", "collections.abc.", "jsinterop._object.", "jsinterop._spec."):
        text = text.replace(prefix, "")
    return text


class UnsupportedAnnotation(Exception):
    """Raised by :func:`type_spec`; becomes a ``TypeError`` naming the function and parameter."""


def type_spec(annotation: object, *, position: Literal["param", "return"]) -> TypeSpec:
    """The spec for one annotation, or :class:`UnsupportedAnnotation` saying why there is none."""
    from jsinterop._object import JSObject  # the spec layer names JSObject, nothing more

    if annotation is None or annotation is type(None):
        if position == "return":
            return NoneSpec()
        raise UnsupportedAnnotation("None is only allowed as a return type")
    simple = _SIMPLE.get(annotation)
    if simple is not None:
        return simple
    if annotation is JSObject:
        return JSObjectSpec()
    if annotation is memoryview:
        return _memoryview_spec(position)
    if annotation is array.array:
        return ArraySpec(tuple(_spec_compound.TYPECODES))
    if isinstance(annotation, type) and issubclass(annotation, BaseException):
        return ExceptionSpec(annotation)
    if _spec_compound.is_struct(annotation):
        return _spec_compound.struct_spec(annotation, _item_spec)  # type: ignore[arg-type]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _choice_spec([member.value for member in annotation], annotation)
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return _choice_spec(list(typing.get_args(annotation)), None)
    if origin is typing.Annotated:
        return _annotated_spec(annotation, position)
    if annotation is abc.Callable or origin is abc.Callable:
        return _callable_spec(typing.get_args(annotation))
    if origin is abc.Awaitable or origin is abc.Coroutine:
        return _awaitable_spec(typing.get_args(annotation))
    arguments = typing.get_args(annotation)
    if origin is array.array and len(arguments) == 1 and arguments[0] in (int, float):
        codes = "bBhHiIqQ" if arguments[0] is int else "fd"
        return ArraySpec(tuple(codes))
    if origin is list and len(arguments) == 1:
        return ListSpec(_item_spec(arguments[0]))
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        return TupleSpec(_item_spec(arguments[0]))
    if origin is tuple and arguments and Ellipsis not in arguments and arguments != ((),):
        return FixedTupleSpec(tuple(_item_spec(argument) for argument in arguments))
    if origin is dict and len(arguments) == 2:
        if arguments[0] is not str:
            raise UnsupportedAnnotation("the keys of a dict must be str, as in a JS object")
        return DictSpec(_item_spec(arguments[1]))
    if origin is typing.Union or origin is types.UnionType:
        members = typing.get_args(annotation)
        others = [m for m in members if m is not type(None)]
        if len(others) == 1 and len(members) == 2:
            inner = type_spec(others[0], position=position)
            return OptionalSpec(inner)
        if len(others) > 1:
            union = _spec_compound.union_spec(others, _item_spec)
            return union if len(others) == len(members) else OptionalSpec(union)
    raise UnsupportedAnnotation(f"supported: {_SUPPORTED}")


def _item_spec(annotation: object) -> TypeSpec:
    """The spec of an item inside a container: any parameter type but memoryview/Awaitable."""
    spec = type_spec(annotation, position="param")
    if isinstance(spec, MemoryViewSpec):
        raise UnsupportedAnnotation(_MEMORYVIEW_PLACE)
    if isinstance(spec, AwaitableSpec):
        raise UnsupportedAnnotation(_AWAITABLE_PLACE)
    return spec


_AWAITABLE_PLACE = (
    "an Awaitable can only be a parameter or return type itself, not part of another type"
)


def _awaitable_spec(arguments: tuple[Any, ...]) -> AwaitableSpec:
    """``Awaitable[T]``; ``Coroutine[Y, S, T]`` is read as ``Awaitable[T]``."""
    inner = arguments[-1] if arguments else Any
    spec = type_spec(inner, position="return")
    if isinstance(spec, MemoryViewSpec | AwaitableSpec):
        raise UnsupportedAnnotation(
            "an Awaitable's result cannot be a memoryview or another Awaitable"
        )
    return AwaitableSpec(spec)


_MEMORYVIEW_PLACE = "a memoryview can only be a parameter itself, not part of another type"


def _memoryview_spec(position: Literal["param", "return"]) -> MemoryViewSpec:
    if position == "return":
        raise UnsupportedAnnotation(
            "a memoryview is valid only during the call it is passed to, so it cannot be returned"
        )
    return MemoryViewSpec()


_MAX_SAFE_INTEGER = 2**53 - 1


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


def _callable_spec(arguments: tuple[Any, ...]) -> CallableSpec:
    """``Callable[[A, B], R]``; ``Callable[..., R]`` takes any arguments, each as ``Any``."""
    if len(arguments) != 2:
        raise UnsupportedAnnotation(
            "give a Callable its argument and return types: Callable[[A, B], R]"
        )
    parameters, result = arguments
    params = None if parameters is Ellipsis else tuple(_item_spec(p) for p in parameters)
    result_origin = typing.get_origin(result)
    if result_origin is abc.Awaitable or result_origin is abc.Coroutine:
        inner = typing.get_args(result)[-1] if typing.get_args(result) else Any
        return CallableSpec(params, type_spec(inner, position="return"), is_async=True)
    return CallableSpec(params, type_spec(result, position="return"))


def _annotated_spec(annotation: object, position: Literal["param", "return"]) -> TypeSpec:
    """``Annotated[T, ...]``: a JSType marker chooses the JS type; other metadata is ignored."""
    base, *metadata = typing.get_args(annotation)
    markers = [item for item in metadata if isinstance(item, _Marker)]
    if not markers:
        return type_spec(base, position=position)
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
    """
    if not isinstance(func, types.FunctionType):
        raise TypeError(
            f"@{role} expects a function defined with def or async def, "
            f"got {type(func).__name__} {func!r}"
        )
    name = qualified_name(func)
    where = f"@{role} {name}"
    if inspect.isgeneratorfunction(func) or inspect.isasyncgenfunction(func):
        raise TypeError(f"{where}: generators cannot cross the boundary")
    if role == "js_import" and not _is_empty_body(func):
        raise TypeError(f"{where}: a stub's body must be '...'; the JS function is its body")
    try:
        hints = typing.get_type_hints(func, include_extras=True)
    except Exception as error:
        raise TypeError(f"{where}: cannot resolve the annotations: {error}") from None
    _spec_compound.fallback_globals = func.__globals__  # for classes defined by exec()
    signature = inspect.signature(func)
    params: list[ParamSpec] = []
    for param in signature.parameters.values():
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
            spec = type_spec(annotation, position="param")
        except UnsupportedAnnotation as why:
            raise TypeError(
                f"{where}: parameter '{param.name}' has unsupported annotation "
                f"'{describe_annotation(annotation)}' ({why})"
            ) from None
        params.append(ParamSpec(param.name, spec, param.default is not param.empty))
    if "return" not in hints:
        raise TypeError(f"{where}: the return type is not annotated (write '-> None' for none)")
    try:
        returns = type_spec(hints["return"], position="return")
    except UnsupportedAnnotation as why:
        raise TypeError(
            f"{where}: return type has unsupported annotation "
            f"'{describe_annotation(hints['return'])}' ({why})"
        ) from None
    is_async = inspect.iscoroutinefunction(func)
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
    return SignatureSpec(name, tuple(params), returns, is_async)


# Structs and unions are read by their own module, which builds on the specs above.
from jsinterop import _spec_compound  # noqa: E402 -- it imports this module's names
