"""Signatures become frozen specs; unsupported ones fail at decoration time, naming what is wrong.

These run on plain CPython: the spec and compile layers never touch WebAssembly.
"""

from __future__ import annotations

import array
import enum
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any, Literal, NamedTuple, NotRequired, Optional, Required, TypedDict

import pytest

from jsinterop import JSObject, JSType, js_export, js_import
from jsinterop._spec_reader import signature_spec
from jsinterop._spec_types import (
    NUMBER_ARRAYS,
    AnySpec,
    ArraySpec,
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
    ListSpec,
    MemoryViewSpec,
    NoneSpec,
    OptionalSpec,
    ParamSpec,
    SignatureSpec,
    StrSpec,
    StructSpec,
    TupleSpec,
    UnionSpec,
)

HERE = "tests.unit.test_spec"


def test_primitive_signature() -> None:
    def stub(a: int, b: float, c: str = "x", *, d: bool) -> None: ...

    spec = signature_spec(stub, role="js_import")
    assert spec == SignatureSpec(
        f"{HERE}.test_primitive_signature.<locals>.stub",
        (
            ParamSpec("a", IntSpec()),
            ParamSpec("b", FloatSpec()),
            ParamSpec("c", StrSpec(), has_default=True),
            ParamSpec("d", BoolSpec()),
        ),
        NoneSpec(),
        is_async=False,
    )


def test_optional_and_object_specs() -> None:
    async def stub(a: JSObject | None, b: Optional[str]) -> int | None: ...  # noqa: UP045

    spec = signature_spec(stub, role="js_import")
    assert spec.params[0].type == OptionalSpec(JSObjectSpec())
    assert spec.params[1].type == OptionalSpec(StrSpec())
    assert spec.returns == OptionalSpec(IntSpec())
    assert spec.is_async


def test_spec_json_for_the_js_half() -> None:
    def stub(a: int | None) -> JSObject: ...

    assert signature_spec(stub, role="js_import").to_json() == {
        "name": f"{HERE}.test_spec_json_for_the_js_half.<locals>.stub",
        "params": [
            {"name": "a", "type": {"kind": "optional", "inner": {"kind": "int"}}, "optional": False}
        ],
        "returns": {"kind": "jsobject"},
        "isAsync": False,
    }


def test_container_specs_nest() -> None:
    def stub(
        a: list[list[float]],
        b: tuple[int, ...],
        c: tuple[int, str | None],
        d: dict[str, list[JSObject]],
    ) -> list[str] | None: ...

    spec = signature_spec(stub, role="js_import")
    assert [p.type for p in spec.params] == [
        ListSpec(ListSpec(FloatSpec())),
        TupleSpec(IntSpec()),
        FixedTupleSpec((IntSpec(), OptionalSpec(StrSpec()))),
        DictSpec(ListSpec(JSObjectSpec())),
    ]
    assert spec.returns == OptionalSpec(ListSpec(StrSpec()))


def test_container_spec_json() -> None:
    def stub(a: tuple[int, str], b: dict[str, tuple[float, ...]]) -> list[int]: ...

    json = signature_spec(stub, role="js_import").to_json()
    assert [p["type"] for p in json["params"]] == [
        {"kind": "fixed_tuple", "items": [{"kind": "int"}, {"kind": "str"}]},
        {"kind": "dict", "value": {"kind": "tuple", "item": {"kind": "float"}}},
    ]
    assert json["returns"] == {"kind": "list", "item": {"kind": "int"}}


def test_bytes_and_datetime_specs() -> None:
    def stub(a: bytes, b: bytearray | None, c: list[datetime]) -> datetime: ...

    spec = signature_spec(stub, role="js_import")
    assert [p.type for p in spec.params] == [
        BytesSpec(),
        OptionalSpec(ByteArraySpec()),
        ListSpec(DateTimeSpec()),
    ]
    assert spec.returns == DateTimeSpec()
    assert spec.to_json()["returns"] == {"kind": "datetime"}


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


class Level(enum.IntEnum):
    LOW = 1


class Weight(enum.Enum):
    HEAVY = 1.5


def test_enum_and_literal_specs() -> None:
    def stub(a: Color, b: Literal["r", 3], c: list[Level]) -> Color | None: ...

    spec = signature_spec(stub, role="js_import")
    assert [p.type for p in spec.params] == [
        ChoiceSpec(("red", "green"), Color),
        ChoiceSpec(("r", 3)),
        ListSpec(ChoiceSpec((1,), Level)),
    ]
    assert spec.returns == OptionalSpec(ChoiceSpec(("red", "green"), Color))
    json = spec.to_json()
    assert json["params"][0]["type"] == {
        "kind": "choice",
        "values": ["red", "green"],
        "name": "Color",
    }
    assert json["params"][1]["type"] == {"kind": "choice", "values": ["r", 3], "name": None}


def test_enum_and_literal_values_must_be_str_or_safe_int() -> None:
    def weight(a: Weight) -> None: ...

    def literal(a: Literal[True]) -> None: ...

    def huge(a: Literal[2**60]) -> None: ...

    assert bad_stub_message(weight).endswith("(an Enum's values must be str or safe int, got 1.5)")
    assert bad_stub_message(literal).endswith("(Literal values must be str or safe int, got True)")
    assert bad_stub_message(huge).endswith(
        "(Literal values must be str or safe int, got 1152921504606846976)"
    )


def test_bigint_marker() -> None:
    def stub(
        a: Annotated[int, JSType.BigInt], b: list[Annotated[int, JSType.BigInt]]
    ) -> Annotated[int, "other metadata is ignored"]: ...

    spec = signature_spec(stub, role="js_import")
    assert [p.type for p in spec.params] == [BigIntSpec(), ListSpec(BigIntSpec())]
    assert spec.returns == IntSpec()
    assert spec.to_json()["params"][0]["type"] == {"kind": "bigint"}
    assert repr(JSType.BigInt) == "JSType.BigInt"


def test_bigint_marker_on_another_type() -> None:
    def stub(a: Annotated[str, JSType.BigInt]) -> None: ...

    assert bad_stub_message(stub).endswith(
        "parameter 'a' has unsupported annotation 'Annotated[str, JSType.BigInt]' "
        "(JSType.BigInt applies to int only)"
    )


def test_dict_keys_must_be_hashable_by_value() -> None:
    def stub(a: dict[list[int], str]) -> None: ...

    assert bad_stub_message(stub).endswith(
        "parameter 'a' has unsupported annotation 'dict[list[int], str]' "
        "(the keys of a dict crossing as a Map must be hashable and compared by value in JS "
        "too: a bool, int, float, str, datetime, UUID, Enum, Literal or a tuple of those, "
        "got list[int])"
    )


def test_unsupported_item_is_reported_for_the_container() -> None:
    def stub(a: list[complex]) -> None: ...

    assert "parameter 'a' has unsupported annotation 'list[complex]' (supported:" in (
        bad_stub_message(stub)
    )


def test_none_item_is_unsupported() -> None:
    def stub(a: list[None]) -> None: ...

    assert bad_stub_message(stub).endswith(
        "parameter 'a' has unsupported annotation 'list[None]' "
        "(None is only allowed as a return type)"
    )


def test_specs_are_frozen() -> None:
    spec = ParamSpec("a", IntSpec())
    with pytest.raises(AttributeError):
        spec.name = "b"  # type: ignore[misc]


# -- bad stubs: every decoration error, with its exact text ---------------------------------


def bad_stub_message(stub: object) -> str:
    with pytest.raises(TypeError) as info:
        js_import("f", "M")(stub)  # type: ignore[type-var]
    return str(info.value)


def test_missing_parameter_annotation() -> None:
    def stub(a, b: int) -> int: ...  # type: ignore[no-untyped-def]

    assert bad_stub_message(stub) == (
        f"@js_import {HERE}.test_missing_parameter_annotation.<locals>.stub: "
        "parameter 'a' has no type annotation"
    )


def test_missing_return_annotation() -> None:
    def stub(a: int): ...  # type: ignore[no-untyped-def]

    assert bad_stub_message(stub) == (
        f"@js_import {HERE}.test_missing_return_annotation.<locals>.stub: "
        "the return type is not annotated (write '-> None' for none)"
    )


def test_unsupported_parameter_annotation() -> None:
    def stub(items: complex) -> None: ...

    assert bad_stub_message(stub) == (
        f"@js_import {HERE}.test_unsupported_parameter_annotation.<locals>.stub: "
        "parameter 'items' has unsupported annotation 'complex' "
        "(supported: bool, int, float, str, bytes, bytearray, datetime, uuid.UUID, JSObject, "
        "Annotated[int, JSType.BigInt], Enum, Literal[...], list[T], tuple[T, ...], "
        "tuple[A, B], set[T], frozenset[T], dict[str, T], dict[K, V], "
        "Callable[[A, ...], R], Awaitable[T], object/Any, "
        "@dataclass, TypedDict, NamedTuple, X | Y, array.array, memoryview, BaseException, "
        "T | None (and None as a return type))"
    )


def test_unsupported_return_annotation() -> None:
    def stub() -> complex: ...

    assert bad_stub_message(stub) == (
        f"@js_import {HERE}.test_unsupported_return_annotation.<locals>.stub: "
        "return type has unsupported annotation 'complex' "
        "(supported: bool, int, float, str, bytes, bytearray, datetime, uuid.UUID, JSObject, "
        "Annotated[int, JSType.BigInt], Enum, Literal[...], list[T], tuple[T, ...], "
        "tuple[A, B], set[T], frozenset[T], dict[str, T], dict[K, V], "
        "Callable[[A, ...], R], Awaitable[T], object/Any, "
        "@dataclass, TypedDict, NamedTuple, X | Y, array.array, memoryview, BaseException, "
        "T | None (and None as a return type))"
    )


def test_unions_of_distinguishable_types() -> None:
    def stub(a: int | str, b: bool | int, c: str | list[int] | None) -> datetime | float: ...

    spec = signature_spec(stub, role="js_import")
    assert [p.type for p in spec.params] == [
        UnionSpec((IntSpec(), StrSpec()), (("number",), ("string",)), tagged=False),
        UnionSpec((BoolSpec(), IntSpec()), (("boolean",), ("number",)), tagged=False),
        OptionalSpec(
            UnionSpec(
                (StrSpec(), ListSpec(IntSpec())),
                (("string",), ("Array", *sorted(NUMBER_ARRAYS))),
                tagged=True,
            )
        ),
    ]
    assert spec.returns == UnionSpec((DateTimeSpec(), FloatSpec()), (("Date",), ("number",)), True)
    assert spec.to_json()["params"][0]["type"] == {
        "kind": "union",
        "members": [{"kind": "int"}, {"kind": "str"}],
        "categories": [["number"], ["string"]],
        "tagged": False,
    }


@pytest.mark.parametrize(
    ("annotation", "why"),
    [
        (
            "int | float",
            "JS cannot tell int from float: both can be a number; "
            "a union's members must differ in JS type",
        ),
        (
            "str | Literal['a']",
            "JS cannot tell str from Literal['a']: both can be a string; "
            "a union's members must differ in JS type",
        ),
        (
            "list[str] | tuple[int, int]",
            "JS cannot tell list[str] from tuple[int, int]: both can be an Array; "
            "a union's members must differ in JS type",
        ),
        (
            "JSObject | datetime",
            "JS cannot tell JSObject from datetime: both can be a Date; "
            "a union's members must differ in JS type",
        ),
        (
            "dict[str, int] | Point",
            "JS cannot tell dict[str, int] from Point: both can be a plain object; "
            "a union's members must differ in JS type",
        ),
        (
            "ValueError | KeyError",
            "JS cannot tell ValueError from KeyError: both can be an Error; "
            "a union's members must differ in JS type",
        ),
        (
            "float | Annotated[int, JSType.BigInt]",
            "Python cannot tell float from Annotated[int, JSType.BigInt]: both take int; "
            "a union's members must differ in Python type",
        ),
        (
            "str | memoryview",
            "a memoryview can only be a parameter itself, not part of another type",
        ),
        (
            "Callable[[], None] | JSObject",
            "JS cannot tell Callable[[], None] from JSObject: both can be a function; "
            "a union's members must differ in JS type",
        ),
        (
            "Callable[[int], int] | Callable[[], None]",
            "JS cannot tell Callable[[int], int] from Callable[[], None]: both can be a "
            "function; a union's members must differ in JS type",
        ),
        (
            "Callable[[], None] | CallablePoint",
            "Python cannot tell Callable[[], None] from CallablePoint: both take "
            "CallablePoint; a union's members must differ in Python type",
        ),
    ],
)
def test_union_members_must_be_distinguishable(annotation: str, why: str) -> None:
    namespace = {**globals(), **locals()}
    exec(f"def stub(a: {annotation}) -> None: ...", namespace)
    message = bad_stub_message(namespace["stub"])
    assert message.startswith(f"@js_import {HERE}.stub: parameter 'a' has unsupported annotation")
    assert message.endswith(f"({why})")


@dataclass
class Point:
    x: int
    y: float = 0.0
    internal: str = field(default="", init=False)


@dataclass
class CallablePoint:
    x: int

    def __call__(self) -> int:
        return self.x


class Options(TypedDict, total=False):
    verbose: bool
    name: Required[str]


class Named(TypedDict):
    a: int
    b: NotRequired[list[str]]


class Pair(NamedTuple):
    left: str
    right: int = 0


@dataclass
class Tree:
    children: list[Tree]


@dataclass
class Holder:
    value: complex


def test_struct_specs() -> None:
    def stub(a: Point, b: Options, c: Named, d: list[Pair]) -> Point | None: ...

    spec = signature_spec(stub, role="js_import")
    assert [p.type for p in spec.params] == [
        StructSpec(
            Point, (FieldSpec("x", IntSpec()), FieldSpec("y", FloatSpec(), False)), "dataclass"
        ),
        StructSpec(
            Options,
            (FieldSpec("verbose", BoolSpec(), False), FieldSpec("name", StrSpec(), True)),
            "typeddict",
        ),
        StructSpec(
            Named,
            (FieldSpec("a", IntSpec()), FieldSpec("b", ListSpec(StrSpec()), False)),
            "typeddict",
        ),
        ListSpec(
            StructSpec(
                Pair,
                (FieldSpec("left", StrSpec()), FieldSpec("right", IntSpec(), False)),
                "namedtuple",
            )
        ),
    ]
    assert spec.to_json()["params"][0]["type"] == {
        "kind": "struct",
        "name": "Point",
        "fields": [
            {"name": "x", "type": {"kind": "int"}, "required": True},
            {"name": "y", "type": {"kind": "float"}, "required": False},
        ],
    }


def test_recursive_and_unsupported_fields() -> None:
    def tree(a: Tree) -> None: ...

    def holder(a: Holder) -> None: ...

    assert bad_stub_message(tree).endswith(
        "parameter 'a' has unsupported annotation 'Tree' (field 'children' of Tree has "
        "unsupported annotation 'list[Tree]' (Tree refers to itself; "
        "recursive classes cannot cross))"
    )
    assert "(field 'value' of Holder has unsupported annotation 'complex' (supported: " in (
        bad_stub_message(holder)
    )


def test_array_memoryview_and_exception_specs() -> None:
    def stub(
        a: array.array,  # type: ignore[type-arg]
        b: memoryview,
        c: Annotated[memoryview, JSType.MemoryView] | None,
        d: ValueError,
    ) -> list[BaseException]: ...

    spec = signature_spec(stub, role="js_import")
    assert [p.type for p in spec.params] == [
        ArraySpec(tuple("bBhHiIfdqQ")),
        MemoryViewSpec(),
        OptionalSpec(MemoryViewSpec()),
        ExceptionSpec(ValueError),
    ]
    assert spec.returns == ListSpec(ExceptionSpec(BaseException))
    assert spec.to_json()["params"][0]["type"] == {"kind": "array", "typecodes": "bBhHiIfdqQ"}
    assert spec.to_json()["params"][3]["type"] == {"kind": "exception", "name": "ValueError"}
    assert repr(JSType.MemoryView) == "JSType.MemoryView"


def test_memoryview_only_as_a_parameter_of_a_synchronous_function() -> None:
    async def in_async(a: int, data: memoryview) -> None: ...

    def returned() -> memoryview: ...

    def in_list(a: list[memoryview]) -> None: ...

    def marker_on_bytes(a: Annotated[bytes, JSType.MemoryView]) -> None: ...

    assert bad_stub_message(in_async) == (
        f"@js_import {HERE}.test_memoryview_only_as_a_parameter_of_a_synchronous_function."
        "<locals>.in_async: parameter 'data' is a memoryview, which is valid only during a "
        "synchronous call; an async function cannot take one"
    )
    assert bad_stub_message(returned).endswith(
        "return type has unsupported annotation 'memoryview' (a memoryview is valid only "
        "during the call it is passed to, so it cannot be returned)"
    )
    assert bad_stub_message(in_list).endswith(
        "parameter 'a' has unsupported annotation 'list[memoryview]' (a memoryview can only "
        "be a parameter itself, not part of another type)"
    )
    assert bad_stub_message(marker_on_bytes).endswith(
        "(JSType.MemoryView applies to memoryview only)"
    )


def test_none_parameter() -> None:
    def stub(a: None) -> None: ...

    assert bad_stub_message(stub).endswith(
        "parameter 'a' has unsupported annotation 'None' (None is only allowed as a return type)"
    )


def test_star_args_and_kwargs() -> None:
    def star(*values: int) -> None: ...

    def double_star(**values: int) -> None: ...

    assert bad_stub_message(star).endswith(
        "parameter '*values' is not supported; declare each parameter by name"
    )
    assert bad_stub_message(double_star).endswith(
        "parameter '**values' is not supported; declare each parameter by name"
    )


def test_stub_with_a_body() -> None:
    def stub(a: int) -> int:
        return a

    assert bad_stub_message(stub) == (
        f"@js_import {HERE}.test_stub_with_a_body.<locals>.stub: "
        "a stub's body must be '...'; the JS function is its body"
    )


def test_stub_bodies_that_count_as_empty() -> None:
    def dots() -> None: ...

    def docstring() -> None:
        """Only a docstring."""

    def passes() -> None:
        pass

    async def async_dots() -> None: ...

    for stub in (dots, docstring, passes, async_dots):
        js_import("f", "M")(stub)


def test_generator_stub() -> None:
    def stub() -> int:
        yield 1  # type: ignore[misc]

    assert bad_stub_message(stub) == (
        f"@js_import {HERE}.test_generator_stub.<locals>.stub: generators cannot cross the boundary"
    )


def test_unresolvable_annotation() -> None:
    def stub(a: NotAType) -> None: ...  # type: ignore[name-defined]  # noqa: F821

    assert bad_stub_message(stub) == (
        f"@js_import {HERE}.test_unresolvable_annotation.<locals>.stub: "
        "cannot resolve the annotations: name 'NotAType' is not defined"
    )


def test_not_a_function() -> None:
    assert bad_stub_message(len) == (
        "@js_import expects a function defined with def or async def, "
        "got builtin_function_or_method <built-in function len>"
    )


def test_bad_decorator_arguments() -> None:
    with pytest.raises(TypeError, match="needs a JS function name, got ''"):
        js_import("")
    with pytest.raises(TypeError, match="module_name must be a non-empty str, got 3"):
        js_import("f", 3)  # type: ignore[arg-type]


def test_export_errors() -> None:
    def local(a: int) -> int:
        return a

    with pytest.raises(TypeError) as info:
        js_export(local)
    assert str(info.value) == (
        f"@js_export {HERE}.test_export_errors.<locals>.local: only module-level "
        "functions and static methods can be exported"
    )

    def untyped(a):  # type: ignore[no-untyped-def]
        return a

    with pytest.raises(TypeError, match="parameter 'a' has no type annotation"):
        js_export(untyped)

    with pytest.raises(TypeError, match="class methods cannot be exported"):
        js_export(classmethod(local))  # type: ignore[type-var]


# -- Callable and Any ---------------------------------------------------------------------


def test_callable_and_any_specs() -> None:
    def stub(
        a: Callable[[int, list[JSObject]], str],
        b: Callable[[], None],
        c: Callable[..., Any],
        d: list[Callable[[str], Awaitable[int]]],
        e: Callable[[float], Coroutine[Any, Any, None]],
        f: object,
        g: Annotated[object, JSType.Any],
    ) -> Any: ...

    spec = signature_spec(stub, role="js_import")
    assert [p.type for p in spec.params] == [
        CallableSpec((IntSpec(), ListSpec(JSObjectSpec())), StrSpec()),
        CallableSpec((), NoneSpec()),
        CallableSpec(None, AnySpec()),
        ListSpec(CallableSpec((StrSpec(),), IntSpec(), is_async=True)),
        CallableSpec((FloatSpec(),), NoneSpec(), is_async=True),
        AnySpec(),
        AnySpec(),
    ]
    assert spec.returns == AnySpec()
    assert spec.to_json()["params"][0]["type"] == {
        "kind": "callable",
        "params": [{"kind": "int"}, {"kind": "list", "item": {"kind": "jsobject"}}],
        "returns": {"kind": "str"},
        "isAsync": False,
    }
    assert spec.to_json()["params"][2]["type"]["params"] is None


def test_callable_without_types() -> None:
    def bare(handler: Callable) -> None: ...  # type: ignore[type-arg]

    assert bad_stub_message(bare) == (
        f"@js_import {HERE}.test_callable_without_types.<locals>.bare: parameter 'handler' "
        "has unsupported annotation 'Callable' "
        "(give a Callable its argument and return types: Callable[[A, B], R])"
    )


def test_callable_with_an_unsupported_argument() -> None:
    def stub(handler: Callable[[None], None]) -> None: ...

    assert bad_stub_message(stub) == (
        f"@js_import {HERE}.test_callable_with_an_unsupported_argument.<locals>.stub: "
        "parameter 'handler' has unsupported annotation 'Callable[[None], None]' "
        "(None is only allowed as a return type)"
    )


def test_any_marker_on_another_type_is_still_any() -> None:
    def stub(a: Annotated[int, JSType.Any]) -> None: ...

    assert signature_spec(stub, role="js_import").params[0].type == AnySpec()


def test_awaitable_specs() -> None:
    from jsinterop._spec_types import AwaitableSpec, ListSpec

    def stub(p: Awaitable[int]) -> Coroutine[Any, Any, list[int]]: ...

    spec = signature_spec(stub, role="js_import")
    assert spec.params[0].type == AwaitableSpec(IntSpec())
    assert spec.returns == AwaitableSpec(ListSpec(IntSpec()))


def test_awaitable_bad_stubs() -> None:
    def nested(p: list[Awaitable[int]]) -> None: ...

    async def async_awaitable() -> Awaitable[int]: ...

    assert bad_stub_message(nested).endswith(
        "parameter 'p' has unsupported annotation 'list[Awaitable[int]]' (an Awaitable can only "
        "be a parameter or return type itself, not part of another type)"
    )
    assert bad_stub_message(async_awaitable) == (
        f"@js_import {HERE}.test_awaitable_bad_stubs.<locals>.async_awaitable: an async def "
        "already returns a Promise; annotate its result type: -> int"
    )


def test_names_of_an_exec_class_resolve_only_while_its_function_is_read() -> None:
    from jsinterop._spec_reader import UnsupportedAnnotation, type_spec

    namespace: dict[str, Any] = {"__name__": "made_by_exec"}
    source = (
        "from dataclasses import dataclass\n"
        "LocalInt = int\n"
        "@dataclass\n"
        "class Made:\n"
        "    x: 'LocalInt'\n"
        "def stub(m: Made) -> None: ...\n"
    )
    exec(source, namespace)
    spec = signature_spec(namespace["stub"], role="js_import")
    assert spec.params[0].type == StructSpec(
        namespace["Made"], (FieldSpec("x", IntSpec()),), "dataclass"
    )
    # A later read (JSObject.get(name, Made)) does not borrow the last decorated module's names.
    with pytest.raises(UnsupportedAnnotation, match="cannot resolve the annotations of Made"):
        type_spec(namespace["Made"], position="param")
