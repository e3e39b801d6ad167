"""jsinterop.debug: live-proxy counts, where each proxy was created, and the leak check."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jsinterop import JSHost, JSObject, debug, js_import, release

from .conftest import import_js


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("debug", "debug.mjs")


@js_import("keep", "debug")
def keep(fn: Callable[[int], int]) -> None: ...


@js_import("keep", "debug")
def keep_object(value: object) -> None: ...


@js_import("keep", "debug")
def keep_error(error: BaseException) -> None: ...


@js_import("callKept", "debug")
def call_kept(index: int, x: int) -> int: ...


@js_import("dropAll", "debug")
def drop_all() -> None: ...


@pytest.fixture(autouse=True)
def tracking() -> object:
    debug.enable()
    yield None
    debug.disable()


async def test_callbacks_held_by_js_are_counted_until_js_drops_them() -> None:
    if not await debug.collect():
        pytest.skip("needs node --expose-gc")
    before = debug.live_proxies()

    def triple(x: int) -> int:
        return 3 * x

    keep(triple)
    keep(triple)  # the same JS function: one proxy
    keep_object([1, 2])
    assert call_kept(0, 2) == 6
    now = debug.live_proxies()
    assert now.count == before.count + 2
    assert now.held_by_js == before.held_by_js + 2
    new = [p for p in now.proxies if p not in before.proxies]
    assert [p.kind for p in new] == ["Python callable held by JS", "Python object held by JS"]
    assert new[0].description.startswith("<function test_callbacks_held_by_js")
    assert new[0].created_at is not None and "keep(triple)" in new[0].created_at
    with pytest.raises(AssertionError) as info:
        debug.assert_no_leaks(before)
    message = str(info.value)
    assert message.startswith("2 proxies leaked: ")
    assert "keep(triple)" in message and "keep_object([1, 2])" in message

    drop_all()
    await debug.collect()
    debug.assert_no_leaks(before)


async def test_release_counts_at_once() -> None:
    await debug.collect()
    before = debug.live_proxies()

    def double(x: int) -> int:
        return 2 * x

    keep(double)
    assert debug.live_proxies().count == before.count + 1
    assert release(double) == 1
    assert debug.live_proxies().count == before.count
    drop_all()


async def test_python_exceptions_held_by_js_are_counted_until_js_drops_them() -> None:
    if not await debug.collect():
        pytest.skip("needs a JS collector (node --expose-gc)")
    before = debug.live_proxies()
    keep_error(ValueError("kept by JS"))
    keep_error(KeyError("also kept"))
    now = debug.live_proxies()
    assert now.exceptions_held_by_js == before.exceptions_held_by_js + 2
    assert now.count == before.count + 2
    assert f"{now.exceptions_held_by_js} Python exceptions held by JS" in str(now)
    with pytest.raises(AssertionError) as info:
        debug.assert_no_leaks(before)
    assert info.value.args[0].startswith("2 proxies leaked")
    drop_all()
    await debug.collect()
    assert debug.live_proxies().exceptions_held_by_js == before.exceptions_held_by_js
    debug.assert_no_leaks(before)


def test_js_objects_held_by_python_are_counted() -> None:
    before = debug.live_proxies()
    math = JSHost.global_this.get("Math", JSObject)
    now = debug.live_proxies()
    assert now.js_objects == before.js_objects + 1
    (new,) = [p for p in now.proxies if p not in before.proxies]
    assert new.kind == "JSObject held by Python"
    assert new.created_at is not None and 'get("Math", JSObject)' in new.created_at
    math.dispose()
    assert debug.live_proxies().count == before.count
    with JSHost.global_this.get("Math", JSObject):
        assert debug.live_proxies().js_objects == before.js_objects + 1
    assert debug.live_proxies().count == before.count


def test_report_text() -> None:
    report = debug.live_proxies()
    assert str(report).startswith(f"{report.count} live proxies: ")
