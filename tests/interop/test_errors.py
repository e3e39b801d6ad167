"""JS throws and rejections become JSException, with the JS details and the Python call site."""

from __future__ import annotations

import traceback

import pytest

from jsinterop import JSException, js_import

from .conftest import import_js


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("errors", "errors.mjs")


@js_import("throwTypeError", "errors")
def throw_type_error() -> None: ...


@js_import("throwString", "errors")
def throw_string() -> int: ...


@js_import("reject", "errors")
async def reject() -> None: ...


@js_import("wait", "errors")
async def wait(ms: int) -> int: ...


def test_js_error_carries_name_message_and_stack() -> None:
    with pytest.raises(JSException) as info:
        throw_type_error()
    error = info.value
    assert error.name == "TypeError"
    assert error.message == "wrong kind of thing"
    assert "throwTypeError" in error.js_stack
    assert error.stack == error.js_stack
    assert str(error) == "TypeError: wrong kind of thing"
    frames = traceback.extract_tb(error.__traceback__)
    assert frames[0].name == "test_js_error_carries_name_message_and_stack"
    assert frames[-1].name == "throw_type_error"


def test_non_error_throw() -> None:
    with pytest.raises(JSException) as info:
        throw_string()
    assert info.value.name == "Error"
    assert info.value.message == "a bare string"


async def test_rejection_becomes_js_exception() -> None:
    with pytest.raises(JSException) as info:
        await reject()
    assert info.value.message == "rejected"
    assert await wait(5) == 5
