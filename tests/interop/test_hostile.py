"""Hostile JS cannot break the runtime: throws and values whose own code throws when read, and
array-likes that claim more items than they hold (SECURITY.md, "Runtime").

Each value here runs code when it is read: a Proxy whose traps throw (even throwing such
Proxies themselves), a revoked Proxy, an Error whose ``message`` getter throws, objects whose
``Symbol.toPrimitive``, ``toString``, ``constructor``, ``then`` or fields throw. Thrown, they
arrive as a :class:`JSException` that reads safely; returned or passed where a type is
expected, as the TypeError naming that type; and the runtime goes on working.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import pytest

from jsinterop import JSException, JSObject, JSRangeError, js_export, js_import

from .conftest import import_js, in_worker_host

HERE = "jsinterop_tests.test_hostile"
MAX_ITEMS = 2**22
# In the worker host a page value is copied to the worker before any type is checked: the copy
# is refused on the page, with the same limit (wire.mjs), and Python gets what JS threw.
WIRE_REFUSAL = (
    f"jsinterop: a value of more than {MAX_ITEMS} items cannot cross between the page and the "
    "worker"
)


def refused_by_the_wire(call: Callable[[], object]) -> None:
    with pytest.raises(JSRangeError) as refused:
        call()
    assert refused.value.message == WIRE_REFUSAL


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("hostile", "hostile.mjs")


@dataclass
class Point:
    x: int
    y: int


@js_import("throwIt", "hostile")
def throw_it(name: str) -> None: ...


@js_import("rejectWith", "hostile")
async def reject_with(name: str) -> None: ...


@js_import("thenableRejectingWith", "hostile")
def thenable_rejecting_with(name: str) -> Awaitable[int]: ...


@js_import("functionThrowing", "hostile")
def function_throwing(name: str) -> Callable[[], None]: ...


@js_import("objectThrowing", "hostile")
def object_throwing(name: str) -> JSObject: ...


@js_import("make", "hostile")
def make_object(name: str) -> JSObject: ...


@js_import("names", "hostile")
def maker_names() -> list[str]: ...


@js_import("callExportWith", "hostile")
async def call_export_with(export_name: str, name: str) -> str: ...


@js_import("echo", "hostile")
def js_string(value: str) -> str: ...


def still_works() -> None:
    """The runtime answers after the hostile call: a str crosses both ways."""
    assert js_string("still alive") == "still alive"


# -- throws ----------------------------------------------------------------------------------

# What each thrown value reads as: (name, message).
THROWN = {
    "trapProxy": ("Error", "<unprintable object>"),
    "trapProxyThrowingTrapProxies": ("Error", "<unprintable object>"),
    "revokedProxy": ("Error", "<unprintable object>"),
    "messageGetterError": ("Error", "<unprintable Error>"),
    "toPrimitiveThrows": ("Error", "<unprintable Object>"),
    "toStringThrows": ("Error", "<unprintable Object>"),
}


def test_every_maker_is_known() -> None:
    assert set(THROWN) <= set(maker_names())


@pytest.mark.parametrize("name", THROWN)
def test_a_hostile_throw_arrives_as_a_js_exception(name: str) -> None:
    with pytest.raises(JSException) as info:
        throw_it(name)
    assert (info.value.name, info.value.message) == THROWN[name]
    assert str(info.value) == f"{THROWN[name][0]}: {THROWN[name][1]}"
    still_works()


@pytest.mark.parametrize("name", THROWN)
async def test_a_hostile_rejection_arrives_as_a_js_exception(name: str) -> None:
    with pytest.raises(JSException) as info:
        await reject_with(name)
    assert (info.value.name, info.value.message) == THROWN[name]
    with pytest.raises(JSException) as awaited:
        await thenable_rejecting_with(name)
    assert (awaited.value.name, awaited.value.message) == THROWN[name]
    still_works()


@pytest.mark.parametrize("name", THROWN)
def test_a_hostile_throw_from_a_js_callable_or_object(name: str) -> None:
    with pytest.raises(JSException) as called:
        function_throwing(name)()
    assert (called.value.name, called.value.message) == THROWN[name]
    target = object_throwing(name)
    with pytest.raises(JSException) as method:
        target.call("method")
    assert (method.value.name, method.value.message) == THROWN[name]
    with pytest.raises(JSException) as getter:
        target["property"]
    assert (getter.value.name, getter.value.message) == THROWN[name]
    with pytest.raises(JSException) as typed:
        target.get("property", int)
    assert (typed.value.name, typed.value.message) == THROWN[name]
    still_works()


@js_import("isLastThrown", "hostile")
def is_last_thrown(error: BaseException) -> bool: ...


@js_import("rethrow", "hostile")
def rethrow(error: BaseException) -> None: ...


def test_a_hostile_throw_goes_back_to_js_as_itself() -> None:
    with pytest.raises(JSException) as info:
        throw_it("trapProxy")
    assert is_last_thrown(info.value) is True
    with pytest.raises(JSException) as again:
        rethrow(info.value)
    assert again.value.message == "<unprintable object>"


def test_a_hostile_object_describes_itself_safely() -> None:
    assert repr(make_object("constructorGetterThrows")) == "<JSObject object>"
    assert repr(make_object("toStringThrows")) == "<JSObject object (Object)>"


# -- values read as a type -------------------------------------------------------------------


def returning(annotation: Any, label: str) -> Any:
    """A stub of JS ``make(name)`` returning ``annotation``."""

    def stub(name: str) -> Any: ...

    stub.__annotations__ = {"name": str, "return": annotation}
    stub.__name__ = stub.__qualname__ = f"returns_{label}"
    return js_import("make", "hostile")(stub)


# annotation -> how a message names it
TYPES: dict[str, Any] = {
    "int": int,
    "float": float,
    "str": str,
    "bool": bool,
    "Point": Point,
    "list[int]": list[int],
    "list[float]": list[float],
    "list[str]": list[str],
    "list[Point]": list[Point],
    "tuple[int, str]": tuple[int, str],
    "dict[str, int]": dict[str, int],
    "dict[int, str]": dict[int, str],
    "set[int]": set[int],
    "datetime": datetime,
    "bytes": bytes,
    "UUID": uuid.UUID,
    "Literal['a', 'b']": Literal["a", "b"],
    "int | str": int | str,
    "int | None": int | None,
    "Callable[[int], int]": Callable[[int], int],
    "Exception": Exception,
}
STUBS = {text: returning(hint, f"t{index}") for index, (text, hint) in enumerate(TYPES.items())}
BAD_VALUES = [
    "trapProxy",
    "trapProxyThrowingTrapProxies",
    "revokedProxy",
    "toPrimitiveThrows",
    "toStringThrows",
    "constructorGetterThrows",
    "thenGetterThrows",
    "fieldGetterThrows",
    "itemGetterThrows",
    "lengthGetterThrows",
]


# Values that, read as these types, are found wrong in a part before any of their code runs
# (a struct's fields are checked by name, an Array's first item is not the type): the message
# names that part, as for any value. One is right: it has no string keys.
WRONG_IN_A_PART = {
    ("Point", "toPrimitiveThrows"): " is missing field 'x'",
    ("Point", "toStringThrows"): " has unexpected field 'toString'",
    ("Point", "constructorGetterThrows"): " has unexpected field 'constructor'",
    ("Point", "thenGetterThrows"): " has unexpected field 'then'",
    ("list[str]", "itemGetterThrows"): "[0] must be str, got number 1",
    ("list[Point]", "itemGetterThrows"): "[0] must be Point, got number 1",
    ("dict[str, int]", "toStringThrows"): '["toString"] must be int, got function',
}
RIGHT = {("dict[str, int]", "toPrimitiveThrows"): {}}
# The values the worker host's copy reads without running their throwing code (their string
# keys are plain data); the others cross to the worker as opaque stand-ins.
READABLE_WHEN_COPIED = {"toPrimitiveThrows", "toStringThrows"}


def assert_names_the_type_or_part(
    message: str, where: str, expected: str, part: str | None
) -> None:
    """``message`` says the value at ``where`` must be ``expected`` (or names its wrong part).

    In the worker host a page value is copied to the worker first, and one whose reading
    throws crosses whole as an opaque stand-in: found wrong as a whole, not by its part.
    """
    generic = message.startswith(f"{where} must be {expected}, got ")
    if part is None or (in_worker_host() and generic):
        assert generic, message
    else:
        assert message == f"{where}{part}"


@pytest.mark.parametrize("value", BAD_VALUES)
@pytest.mark.parametrize("type_text", TYPES)
def test_a_hostile_value_is_a_type_error_naming_the_type(type_text: str, value: str) -> None:
    stub = STUBS[type_text]
    if (type_text, value) in RIGHT:
        assert stub(value) == RIGHT[type_text, value]
        return
    with pytest.raises(TypeError) as info:
        stub(value)
    # Not the value's own error (that would arrive as a JSException: "... threw").
    assert not isinstance(info.value, JSException)
    where = f"{HERE}.{stub.__name__}(): the value returned by JS 'make'"
    part = WRONG_IN_A_PART.get((type_text, value))
    assert_names_the_type_or_part(str(info.value), where, type_text, part)
    still_works()


@pytest.mark.parametrize(
    ("type_text", "value", "received"),
    [
        ("int", "trapProxy", "object"),
        ("int", "revokedProxy", "revoked Proxy"),
        ("str", "toPrimitiveThrows", "object (Object)"),
        ("float", "constructorGetterThrows", "object"),
        ("bool", "thenGetterThrows", "object (Object)"),
        ("Point", "fieldGetterThrows", "object (Object), which threw when read"),
        ("Point", "trapProxy", "object, which threw when read"),
        ("list[int]", "itemGetterThrows", "Array, which threw when read"),
        ("list[str]", "lengthGetterThrows", "Array, which threw when read"),
        ("list[int]", "revokedProxy", "revoked Proxy, which threw when read"),
        ("datetime", "trapProxy", "object, which threw when read"),
    ],
)
def test_hostile_values_read_in_messages(type_text: str, value: str, received: str) -> None:
    stub = STUBS[type_text]
    with pytest.raises(TypeError) as info:
        stub(value)
    where = f"{HERE}.{stub.__name__}(): the value returned by JS 'make'"
    if in_worker_host() and value not in READABLE_WHEN_COPIED:
        received = "object (RemoteObject)"  # copied to the worker as an opaque stand-in
    assert str(info.value) == f"{where} must be {type_text}, got {received}"


@js_export
def takes_int(value: int) -> None: ...


@js_export
def takes_str(value: str) -> None: ...


@js_export
def takes_point(value: Point) -> None: ...


@js_export
def takes_ints(value: list[int]) -> None: ...


@js_export
def takes_optional_ints(value: list[int | None]) -> None: ...


@pytest.mark.parametrize(
    ("export", "expected"),
    [
        ("takes_int", "int (safe integer number)"),
        ("takes_str", "str (string)"),
        ("takes_point", "Point (plain object with x, y)"),
        ("takes_ints", "list[int] (Array of safe integer number)"),
    ],
)
@pytest.mark.parametrize("value", BAD_VALUES)
async def test_a_hostile_argument_to_an_export_is_a_type_error(
    export: str, expected: str, value: str
) -> None:
    result = await call_export_with(export, value)
    where = f"TypeError: {HERE}.{export}: argument 'value'"
    part = WRONG_IN_A_PART.get(("Point", value)) if export == "takes_point" else None
    assert_names_the_type_or_part(result, where, expected, part)
    still_works()


# -- lengths beyond what can be held ---------------------------------------------------------


@js_import("sparse", "hostile")
def sparse_optional_ints(length: int) -> list[int | None]: ...


@js_import("sparse", "hostile")
def sparse_anys(length: int) -> list[Any]: ...


@js_import("sparse", "hostile")
def sparse_floats(length: int) -> list[float]: ...


@js_import("sparse", "hostile")
def sparse_ints(length: int) -> list[int]: ...


@js_import("sparse", "hostile")
def sparse_strs(length: int) -> tuple[str, ...]: ...


@js_import("claimingLength", "hostile")
def claiming_nested(length: int) -> list[list[int]]: ...


@js_import("claimingLength", "hostile")
def claiming_points(length: int) -> list[Point]: ...


@js_import("setClaimingSize", "hostile")
def set_claiming(size: int) -> set[int]: ...


LONG = [
    (sparse_optional_ints, 2**32 - 1, "list[int | None]"),
    (sparse_anys, 2**32 - 1, "list[object]"),
    (sparse_floats, 2**32 - 1, "list[float]"),
    (sparse_ints, 2**32 - 1, "list[int]"),
    (sparse_strs, 2**32 - 1, "tuple[str, ...]"),
    (sparse_optional_ints, MAX_ITEMS + 1, "list[int | None]"),
    (claiming_nested, 10_000_000, "list[list[int]]"),
    (claiming_points, 10_000_000, "list[Point]"),
    (set_claiming, 10_000_000, "set[int]"),
]


@pytest.mark.parametrize(("stub", "length", "type_text"), LONG)
def test_more_items_than_can_be_held_is_an_overflow_error(
    stub: Any, length: int, type_text: str
) -> None:
    if in_worker_host():
        refused_by_the_wire(lambda: stub(length))
        still_works()
        return
    with pytest.raises(OverflowError) as info:
        stub(length)
    function_name = stub.__jsinterop_binding__.function_name
    assert str(info.value) == (
        f"{HERE}.{stub.__name__}(): the value returned by JS '{function_name}' "
        f"must be {type_text} of at most {MAX_ITEMS} items, got {length} items"
    )
    still_works()


@js_import("shared", "hostile")
def shared(outer: int, inner: int) -> list[list[int]]: ...


def test_the_items_of_all_containers_count_together() -> None:
    """One Array of MAX_ITEMS items as each of 1,000 items: refused at the first."""
    if in_worker_host():
        refused_by_the_wire(lambda: shared(1000, MAX_ITEMS))
        still_works()
        return
    with pytest.raises(OverflowError) as info:
        shared(1000, MAX_ITEMS)
    assert str(info.value) == (
        f"{HERE}.shared(): the value returned by JS 'shared'[0] must be list[int] of at most "
        f"{MAX_ITEMS} items with the rest of the value, got {MAX_ITEMS} items after 1000 others"
    )
    assert shared(4, MAX_ITEMS // 4 - 1) == [[7] * (MAX_ITEMS // 4 - 1)] * 4
    still_works()


def test_a_long_list_within_the_limit_still_crosses() -> None:
    assert sparse_optional_ints(100_000) == [None] * 100_000


async def test_more_items_than_can_be_held_is_a_range_error_for_js() -> None:
    if in_worker_host():
        assert await call_export_with("takes_optional_ints", "sparse") == (
            f"RangeError: {WIRE_REFUSAL}"
        )
        return
    assert await call_export_with("takes_optional_ints", "sparse") == (
        f"RangeError: {HERE}.takes_optional_ints: argument 'value' must be list[int | None] "
        f"(Array of safe integer number, null or undefined) of at most {MAX_ITEMS} items, "
        f"got {2**32 - 1} items"
    )
    still_works()
