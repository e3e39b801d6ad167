"""The Python side's lifetime tables (jsinterop._handles) on CPython, over a fake JS side."""

from __future__ import annotations

from typing import Any

import pytest

from jsinterop import _bridge, _handles


class FakeJs:
    """The handles JS holds: live until dropped or released."""

    def __init__(self) -> None:
        self.live: dict[int, str] = {}
        self.dropped: list[int] = []

    def make(self, handle: int) -> str:
        self.live[handle] = f"js-function-{handle}"
        return self.live[handle]

    def drop(self, handle: int) -> None:  # JS collected the function
        del self.live[handle]
        self.dropped.append(handle)

    def take_released(self) -> list[int]:
        taken, self.dropped = self.dropped, []
        return taken


@pytest.fixture
def js(monkeypatch: pytest.MonkeyPatch) -> FakeJs:
    fake = FakeJs()
    monkeypatch.setattr(_bridge, "live_handle", lambda handle: fake.live.get(handle))
    monkeypatch.setattr(_bridge, "take_released_handles", fake.take_released)
    monkeypatch.setattr(_bridge, "release_handle", lambda handle: fake.live.pop(handle))
    return fake


def callback() -> None: ...


def test_the_same_value_and_key_give_the_same_js_value(js: FakeJs) -> None:
    first = _handles.python_to_js(callback, (callback, "shape"), "callable", js.make)
    again = _handles.python_to_js(callback, (callback, "shape"), "callable", js.make)
    other = _handles.python_to_js(callback, (callback, "other"), "callable", js.make)
    assert first == again != other
    assert {held.value for held in _handles.held_by_js()} >= {callback}
    assert _handles.release(callback) == 2
    assert _handles.release(callback) == 0


def test_a_value_js_dropped_is_forgotten_and_made_anew(js: FakeJs) -> None:
    def handler() -> None: ...

    first = _handles.python_to_js(handler, (handler, "s"), "callable", js.make)
    handle = next(h for h, value in js.live.items() if value == first)
    js.drop(handle)
    assert all(held.value is not handler for held in _handles.held_by_js())
    second = _handles.python_to_js(handler, (handler, "s"), "callable", js.make)
    assert second != first


def test_tracking_records_where_a_proxy_was_made(js: FakeJs) -> None:
    value: Any = object()

    def send() -> None:  # as a marshaller would: the site is the frame that called it
        _handles.python_to_js(value, ("object", id(value)), "object", js.make)

    _handles.set_tracking(True)
    try:
        send()
    finally:
        _handles.set_tracking(False)
    held = next(held for held in _handles.held_by_js() if held.value is value)
    assert held.created_at is not None and "test_handles.py" in held.created_at
    _handles.release(value)
