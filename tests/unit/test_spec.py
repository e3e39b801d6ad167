"""Signatures become frozen specs; unsupported ones fail at decoration time, naming what is wrong.

These run on plain CPython: the spec and compile layers never touch WebAssembly.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Annotated, Literal, Optional

import pytest

from jsinterop import JSObject, JSType, js_export, js_import
from jsinterop._spec import (
    BigIntSpec,
    BoolSpec,
    ByteArraySpec,
    BytesSpec,
    ChoiceSpec,
    DateTimeSpec,
    DictSpec,
    FixedTupleSpec,
    FloatSpec,
    IntSpec,
    JSObjectSpec,
    ListSpec,
    NoneSpec,
    OptionalSpec,
    ParamSpec,
    SignatureSpec,
    StrSpec,
    TupleSpec,
    signature_spec,
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


def test_dict_keys_must_be_str() -> None:
    def stub(a: dict[int, str]) -> None: ...

    assert bad_stub_message(stub).endswith(
        "parameter 'a' has unsupported annotation 'dict[int, str]' "
        "(the keys of a dict must be str, as in a JS object)"
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
    def stub(items: set[int]) -> None: ...

    assert bad_stub_message(stub) == (
        f"@js_import {HERE}.test_unsupported_parameter_annotation.<locals>.stub: "
        "parameter 'items' has unsupported annotation 'set[int]' "
        "(supported: bool, int, float, str, bytes, bytearray, datetime, JSObject, "
        "Annotated[int, JSType.BigInt], Enum, Literal[...], list[T], tuple[T, ...], "
        "tuple[A, B], dict[str, T], T | None (and None as a return type))"
    )


def test_unsupported_return_annotation() -> None:
    def stub() -> complex: ...

    assert bad_stub_message(stub) == (
        f"@js_import {HERE}.test_unsupported_return_annotation.<locals>.stub: "
        "return type has unsupported annotation 'complex' "
        "(supported: bool, int, float, str, bytes, bytearray, datetime, JSObject, "
        "Annotated[int, JSType.BigInt], Enum, Literal[...], list[T], tuple[T, ...], "
        "tuple[A, B], dict[str, T], T | None (and None as a return type))"
    )


def test_union_of_two_types_is_unsupported_for_now() -> None:
    def stub(a: int | str) -> None: ...

    assert "parameter 'a' has unsupported annotation 'int | str'" in bad_stub_message(stub)


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
