"""A million mixed calls leave no proxies behind and grow neither the wasm nor the JS heap.

Callbacks (the same one and a fresh one each time), JSObjects, bytes and exceptions go back
and forth; afterwards the live-proxy count is where it started and the wasm memory plus the
JS heap (after a full GC) have grown by at most 1 MB. Needs ``node --expose-gc`` (``make
interop`` passes it).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest

from jsinterop import JSException, JSObject, debug, js_import

from .conftest import import_js

CALLS = 1_000_000
MB = 1024 * 1024


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("leaks", "leaks.mjs")


@js_import("callWith", "leaks")
def call_with(fn: Callable[[int], int], x: int) -> int: ...


@js_import("identity", "leaks")
def echo_object(value: JSObject) -> JSObject: ...


@js_import("newObject", "leaks")
def new_object(i: int) -> JSObject: ...


@js_import("identity", "leaks")
def echo_bytes(value: bytes) -> bytes: ...


@js_import("fail", "leaks")
def fail(message: str) -> None: ...


@js_import("callCatching", "leaks")
def call_catching(fn: Callable[[int], int], x: int) -> int: ...


@js_import("collect", "leaks")
async def collect() -> None: ...


@js_import("memory", "leaks")
def memory() -> str: ...


@js_import("gcExposed", "leaks")
def gc_exposed() -> bool: ...


def increment(x: int) -> int:
    return x + 1


def refuse(x: int) -> int:
    raise ValueError(x)


async def mixed_calls(count: int) -> None:
    """``count`` calls in cycles of 20; every 10,000 calls JS's garbage collector runs.

    JS drops the fresh callbacks, but V8 collects by the size of its own heap: it does not see
    the Python objects each small JS function keeps alive in wasm memory, which only grows.
    Left to itself in a loop this tight, V8 let ~20 MB of dropped callbacks pile up in wasm
    memory before collecting them (measured here; flat after that). A collection every
    10,000 calls keeps that peak small, so the test measures what stays behind: leaks.

    Of every 20: 4 pass the same callback (one JS function), 4 a fresh one, 4 send JSObjects
    both ways, 4 bytes, 3 catch a JS throw in Python and 1 a Python raise in JS (the slowest:
    the Python traceback is formatted for the JS Error).
    """
    payload = bytes(range(256))
    kept = new_object(0)
    for i in range(count):
        kind = i % 20
        if kind < 4:
            assert call_with(increment, i) == i + 1
        elif kind < 8:
            assert call_with(lambda x: x * 2, i) == 2 * i
        elif kind < 12:
            assert echo_object(kept) is not kept
            assert echo_object(new_object(i)).get("i", int) == i
        elif kind < 16:
            assert echo_bytes(payload) == payload
        elif kind < 19:
            with pytest.raises(JSException):
                fail("no")
        else:
            assert call_catching(refuse, i) == -1
        if i % 10_000 == 9_999:
            await collect()


async def settled_memory() -> tuple[int, int]:
    await debug.collect()
    numbers = json.loads(memory())
    return int(numbers["wasm"]), int(numbers["js"])


async def test_a_million_mixed_calls_leak_nothing() -> None:
    if not gc_exposed():
        pytest.skip("needs node --expose-gc")
    await mixed_calls(20_000)  # warm up: caches, compiled converters, allocator arenas
    before_proxies = (await debug.collect(), debug.live_proxies())[1]
    before_memory = await settled_memory()
    started = time.perf_counter()
    await mixed_calls(CALLS)
    elapsed = time.perf_counter() - started
    after_memory = await settled_memory()
    wasm, js = (after - before for after, before in zip(after_memory, before_memory, strict=True))
    growth = wasm + js
    print(
        f"{CALLS} mixed calls: {elapsed:.1f} s; wasm memory grew by {wasm / MB:.3f} MB, "
        f"JS heap by {js / MB:.3f} MB"
    )
    debug.assert_no_leaks(before_proxies)
    assert debug.live_proxies().count == before_proxies.count
    assert growth <= MB
