"""A plain ``def`` stub over a JS function that returns a Promise: with JSPI it waits for the
Promise (``pyodide.ffi.run_sync``); without JSPI the call is refused, saying what to do.

The suite runs with JSPI (``make interop``, Chromium); tests/e2e/test_jspi.py runs this file
again in a Node without JSPI, where the tests that need it skip and the refusal is tested.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jsinterop import JSRangeError, js_import
from jsinterop._bridge import engine_has_jspi, engine_name

from .conftest import import_js

PREFIX = "jsinterop_tests.test_jspi"

needs_jspi = pytest.mark.skipif(not engine_has_jspi(), reason="needs JSPI")
without_jspi = pytest.mark.skipif(engine_has_jspi(), reason="tests the engine without JSPI")


@pytest.fixture(scope="module")
def jspi_module() -> None:
    # Imported only where JSPI is: import_js itself waits with run_sync.
    import_js("jspi", "jspi.mjs")


@js_import("Promise.resolve")
def resolved(value: int) -> int: ...


@js_import("doubledLater", "jspi")
def doubled_later(value: int) -> int: ...


@js_import("rejectsLater", "jspi")
def rejects_later() -> int: ...


@js_import("textLater", "jspi")
def text_as_int() -> int: ...


@js_import("callNow", "jspi")
def call_now(callback: Callable[[], str]) -> str: ...


@needs_jspi
def test_a_plain_def_waits_for_the_promise(jspi_module: None) -> None:
    assert doubled_later(21) == 42
    assert [doubled_later(n) for n in range(3)] == [0, 2, 4]
    assert resolved(5) == 5


@needs_jspi
def test_a_rejection_raises_as_a_throw_does(jspi_module: None) -> None:
    with pytest.raises(JSRangeError) as info:
        rejects_later()
    assert info.value.message == "rejected on purpose"


@needs_jspi
def test_the_promised_value_is_checked_as_a_returned_one(jspi_module: None) -> None:
    with pytest.raises(TypeError) as info:
        text_as_int()
    assert str(info.value) == (
        f"{PREFIX}.text_as_int(): the value returned by JS 'textLater' must be int, "
        'got string "text"'
    )


@needs_jspi
def test_a_call_js_started_synchronously_is_refused(jspi_module: None) -> None:
    def inside_a_synchronous_call() -> str:
        with pytest.raises(RuntimeError) as info:
            doubled_later(1)
        return str(info.value)

    assert call_now(inside_a_synchronous_call) == (
        f"{PREFIX}.doubled_later(): the value returned by JS 'doubledLater' is a Promise, "
        "and a plain 'def' stub can wait for one only in a call JS started asynchronously "
        "(an async main or export, runPythonAsync), not in this one; declare the stub "
        "'async def' and await it, or call it from async code"
    )
    assert doubled_later(2) == 4


@without_jspi
def test_without_jspi_the_first_call_is_refused() -> None:
    for _ in range(2):
        with pytest.raises(RuntimeError) as info:
            resolved(5)
        assert str(info.value) == (
            f"{PREFIX}.resolved(): the value returned by JS 'Promise.resolve' is a Promise, "
            "and a plain 'def' stub can wait for one only with JSPI (WebAssembly stack "
            f"switching), which {engine_name()} lacks; declare the stub 'async def' and "
            "await it, or run where JSPI is on: Chromium 137+, Node 25+, or Node 20 to 24 "
            "started with --experimental-wasm-stack-switching (jsinterop run adds it)"
        )
