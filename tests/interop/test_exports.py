"""@js_export: JS calls Python through getExports(), with arguments checked in JS."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import pytest

from jsinterop import JSObject, js_export, js_import

from .conftest import import_js

HERE = "jsinterop_tests.test_exports"


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("exports", "exports.mjs")


@js_export
def add(a: int, b: int) -> int:
    return a + b


@js_export(name="greet")
def make_greeting(name: str, excited: bool = False) -> str:
    return f"Hello, {name}{'!' if excited else '.'}"


@js_export
def maybe_length(text: str | None) -> int | None:
    return None if text is None else len(text)


@js_export
def type_name(value: float) -> str:
    return type(value).__name__


@js_export
def fail(message: str) -> int:
    raise ValueError(message)


@js_export
def wrong_return() -> int:
    return "text"  # type: ignore[return-value]


@js_export
def huge() -> int:
    return 2**60


@dataclass
class Pair:
    left: int
    right: int


@js_export
def wrong_record() -> Pair:
    return {"left": 1, "right": 2}  # type: ignore[return-value]


@js_export
async def wrong_record_later() -> Pair:
    return (1, 2)  # type: ignore[return-value]


@js_export
def wrong_field() -> Pair:
    return Pair(1, "two")  # type: ignore[arg-type]


@js_export
def nothing() -> None:
    return None


@js_export
def echo_object(value: JSObject) -> JSObject:
    return value


@js_export
def read_marker(value: JSObject) -> int:
    return value.get("marker", int)


@js_export
async def add_later(a: int, b: int) -> int:
    await asyncio.sleep(0)
    return a + b


@js_export
async def fail_later() -> int:
    await asyncio.sleep(0)
    raise KeyError("missing key")


class Tools:
    @staticmethod
    @js_export
    def twice(value: int) -> int:
        return 2 * value


@js_import("call", "exports")
async def call_json(path: str, args_json: str) -> str: ...


@js_import("keysAt", "exports")
async def keys_at(path: str) -> str: ...


@js_import("sameExportsObject", "exports")
async def same_exports_object() -> bool: ...


@js_import("objectRoundTrips", "exports")
async def object_round_trips() -> bool: ...


@js_import("objectPropertyFromPython", "exports")
async def object_property_from_python() -> int: ...


async def call(name: str, *args: Any) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(await call_json(f"{HERE}.{name}", json.dumps(args)))
    return result


async def test_exports_are_namespaced_by_module_and_qualified_name() -> None:
    assert await keys_at("jsinterop_tests.test_exports.Tools") == "twice"
    keys = (await keys_at("jsinterop_tests.test_exports")).split(",")
    assert "add" in keys and "greet" in keys and "make_greeting" not in keys
    assert await same_exports_object()


async def test_calls_with_primitives() -> None:
    assert await call("add", 2, 3) == {"ok": 5}
    assert await call("greet", "Ana") == {"ok": "Hello, Ana."}
    assert await call("greet", "Ana", True) == {"ok": "Hello, Ana!"}
    assert await call("Tools.twice", 21) == {"ok": 42}
    assert await call("maybe_length", None) == {"ok": None}
    assert await call("maybe_length", "abc") == {"ok": 3}
    assert await call("nothing") == {"ok": "<undefined>"}


async def test_float_parameter_arrives_as_float() -> None:
    assert await call("type_name", 3) == {"ok": "float"}
    assert await call("type_name", 2.5) == {"ok": "float"}


async def test_wrong_argument_count_is_a_type_error() -> None:
    result = await call("add", 1)
    assert result["isTypeError"] and result["name"] == "TypeError"
    assert result["message"] == f"{HERE}.add: expected 2 arguments, got 1"
    result = await call("greet")
    assert result["message"] == f"{HERE}.greet: expected 1 to 2 arguments, got 0"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["1", 2], "argument 'a' must be int (safe integer number), got string \"1\""),
        ([1.5, 2], "argument 'a' must be int (safe integer number), got number 1.5"),
        ([1, None], "argument 'b' must be int (safe integer number), got null"),
        ([True, 2], "argument 'a' must be int (safe integer number), got boolean true"),
    ],
)
async def test_wrong_argument_type_is_a_type_error(args: list[Any], message: str) -> None:
    result = await call("add", *args)
    assert result["isTypeError"]
    assert result["message"] == f"{HERE}.add: {message}"
    assert await call("add", 1, 2) == {"ok": 3}  # still usable


async def test_unsafe_integer_argument_is_a_range_error() -> None:
    result = await call("add", 2**53, 1)
    assert result["isRangeError"]
    assert result["message"] == (
        f"{HERE}.add: argument 'a' must be a safe integer within ±9007199254740991, "
        "got 9007199254740992"
    )


async def test_wrong_return_value_is_reported_to_js() -> None:
    result = await call("wrong_return")
    assert result["isTypeError"]
    assert result["message"] == (
        f"{HERE}.wrong_return: return value must be int (safe integer number), got str"
    )
    result = await call("huge")
    assert result["isRangeError"]


async def test_return_values_checked_in_python_fail_as_js_type_errors() -> None:
    # Checked in Python (the class of a record), not in JS: still a JS TypeError, like a
    # failed argument check, not an Error standing for a Python exception.
    for name, got in (("wrong_record", "dict"), ("wrong_record_later", "tuple")):
        result = await call(name)
        assert result["isTypeError"], result
        assert result["pythonType"] is None
        assert result["message"] == f"{HERE}.{name}: return value must be Pair, got {got}"
    result = await call("wrong_field")  # a field's value: checked in JS
    assert result["isTypeError"]
    assert result["message"] == (
        f"{HERE}.wrong_field: return value.right must be int (safe integer number), got str"
    )


async def test_python_exception_becomes_js_error_with_type_and_traceback() -> None:
    result = await call("fail", "bad input")
    assert result["name"] == "ValueError"
    assert result["pythonType"] == "ValueError"
    assert result["message"] == "bad input"
    assert "raise ValueError(message)" in result["stack"]
    assert "test_exports.py" in result["stack"]
    assert await call("add", 1, 1) == {"ok": 2}


async def test_async_exports_return_promises() -> None:
    assert await call("add_later", 20, 22) == {"ok": 42}
    result = await call("fail_later")
    assert result["name"] == "KeyError"
    assert result["message"] == "'missing key'"


async def test_jsobject_parameters_and_returns_keep_identity() -> None:
    assert await object_round_trips()
    assert await object_property_from_python() == 42
