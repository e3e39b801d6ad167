"""The Python side of tests/browser/test_worker_host.py: stubs of the page's functions
(registered by worker.mjs with setModuleImports) and the exports the page calls."""

from __future__ import annotations

import time
from collections.abc import Callable

from jsinterop import JSException, JSHost, JSObject, js_export, js_import


@js_import("add", "page")
def add(a: int, b: int) -> int: ...


@js_import("greet", "page")
def greet(name: str, times: int = 1) -> str: ...


@js_import("describe", "page")
def describe(value: dict[str, list[float]]) -> str: ...


@js_import("fail", "page")
def fail(message: str) -> None: ...


@js_import("returnsText", "page")
def returns_text_as_int() -> int: ...


@js_import("rethrow", "page")
def rethrow(error: Exception) -> None: ...


@js_import("onClick", "page")
def on_click(handler: Callable[[int], None]) -> None: ...


@js_import("setText", "page")
def set_text(text: str) -> None: ...


@js_import("usePython", "page")
def use_python(square: Callable[[int], int], items: list[int]) -> list[str]: ...


@js_import("terminateAndCall", "page")
def terminate_and_call() -> None: ...


@js_import("bounce", "page")
def bounce(n: int) -> int: ...


@js_import("element", "page")
def element(element_id: str) -> JSObject: ...


@js_import("sameNode", "page")
def same_node(a: JSObject, b: JSObject) -> bool: ...


@js_import("where", "placed_on_page")
def where_on_page() -> str: ...


@js_import("where", "placed_in_worker")
def where_in_worker() -> str: ...


clicks: list[int] = []


@js_export
def in_worker() -> bool:
    """Whether this Python runs in a worker (there is no ``document`` there)."""
    return JSHost.global_this.type_of("document") == "undefined"


@js_export
def typed_calls() -> list[str]:
    """Values across the synchronous call, both ways."""
    return [
        str(add(2, 3)),
        greet("worker", times=2),
        describe({"a": [1.5, 2.0]}),
    ]


@js_export
def errors() -> list[str]:
    """What each wrong call raises, as ``Type: message``."""
    seen: list[str] = []
    for call in (
        lambda: add("2", 3),  # type: ignore[arg-type]
        lambda: fail("from the page"),
        returns_text_as_int,
        lambda: add(2**60, 1),
    ):
        try:
            call()
        except Exception as error:  # the test reads every kind
            seen.append(f"{type(error).__name__}: {error}")
    original = ValueError("round trip")
    try:
        rethrow(original)
    except ValueError as error:
        seen.append(f"same exception: {error is original}")
    except JSException as error:
        seen.append(f"JSException: {error}")
    return seen


@js_export
def listen() -> None:
    """Hands the page a Python callable; the page calls it later (asynchronously)."""
    on_click(clicks.append)


@js_export
def clicked() -> list[int]:
    return clicks


@js_export
async def import_module(on_page: bool) -> str:
    """``where()`` of page_module.mjs imported into the worker or on the page."""
    name = "placed_on_page" if on_page else "placed_in_worker"
    await JSHost.import_async(name, "./tests/browser/worker_page/page_module.mjs", on_page=on_page)
    return where_on_page() if on_page else where_in_worker()


@js_export
def call_add(count: int) -> float:
    """Microseconds per synchronous add(int, int) -> int call to the page, median of 5 runs."""
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for i in range(count):
            add(i, 2)
        runs.append((time.perf_counter() - start) / count * 1e6)
    return sorted(runs)[2]


@js_export
def set_texts(count: int) -> float:
    """Milliseconds for ``count`` textContent sets on the page."""
    start = time.perf_counter()
    for i in range(count):
        set_text(str(i))
    return (time.perf_counter() - start) * 1e3


@js_export
def compute(seconds: float) -> int:
    """Busy Python for ``seconds``: the page must keep painting meanwhile."""
    end = time.perf_counter() + seconds
    rounds = 0
    while time.perf_counter() < end:
        rounds += 1
    return rounds


@js_export
def nested_calls() -> list[str]:
    """The page function ``usePython`` calls exports and ``square`` while Python waits for it."""
    return use_python(lambda x: x * x, [3, 1, 2])


@js_export
def terminating_call() -> None:
    """The page function ``terminateAndCall`` ends this worker, then calls an export."""
    terminate_and_call()


@js_export
def double(x: int) -> int:
    return 2 * x


@js_export
def compare(a: int, b: int) -> int:
    return a - b


@js_export
def countdown(n: int) -> int:
    """Calls between Python and the page, ``n`` deep: ``bounce`` calls ``countdown`` back."""
    return 0 if n == 0 else 1 + bounce(n - 1)


@js_export
def raises() -> None:
    raise ValueError("raised in the worker")


@js_export
def dom_element() -> list[str]:
    """Reads, writes and calls a page element from the worker, each one call to the page."""
    button = element("button")
    seen = [f"tag: {button['tagName']}", f"text: {button['textContent']}"]
    button["textContent"] = "pressed"
    button.call("setAttribute", "data-from", "python")
    button["classList"].call("add", "hot")
    seen.append(f"attribute: {button.call('getAttribute', 'data-from')}")
    seen.append(f"has click: {'click' in button}, has nope: {'nope' in button}")
    seen.append(f"type of focus: {button.type_of('focus')}")
    seen.append(f"same element: {same_node(button, element('button'))}")
    body = element("target")["parentElement"]
    seen.append(f"same parent: {same_node(button['parentElement'], body)}")
    seen.append(f"stand-in kept: {element('button')._proxy == button._proxy}")
    try:
        button.call("querySelector", "!!")
    except JSException as error:
        seen.append(f"thrown: {error.name}")
    return seen
