"""Runs async tests inside Pyodide by blocking on them with JSPI (pyodide.ffi.run_sync).

The suite runs in Node (tests/interop/run.mjs) and in headless Chromium
(tests/browser/test_interop_chromium.py); outside Node the tests in ``NODE_ONLY`` are skipped.
In Chromium it runs a third time with Python in the worker host's worker and the tests' JS
modules on the page; there the tests in ``WORKER_HOST_LIMITS`` are skipped, each with the
limit of the worker host it runs into (docs/worker.md).
"""

from __future__ import annotations

import inspect

import pytest
from pyodide.ffi import run_sync

from jsinterop import JSHost, is_browser, is_node

# Tests that need Node, as "file::name": reason. Everywhere else they are skipped with it.
NODE_ONLY = {
    "test_arrays.py::test_node_buffer_arrives_as_bytes": "Buffer is Node's",
    "test_leaks.py::test_a_million_mixed_calls_leak_nothing": (
        "measures the JS heap with Node's process.memoryUsage() (and a million calls take ~50 s)"
    ),
    "test_modules.py::test_set_module_imports_from_js": (
        "the import it registers reads process.version"
    ),
    "test_modules.py::test_environment": "asserts is_node()",
    "test_buffers.py::test_a_node_buffer_is_bytes": "Buffer is Node's",
    # Browsers import ES modules only; these packages are CommonJS.
    "test_bound_packages.py::test_ms_export_equals_overloads": "ms is a CommonJS package",
    "test_bound_packages.py::test_slugify_export_equals_with_options_and_namespace": (
        "slugify is a CommonJS package"
    ),
    "test_bound_packages.py::test_dayjs_function_and_class_methods": (
        "dayjs is a CommonJS package"
    ),
}


# The worker host's limits (docs/worker.md), and the tests that run into them. JS on the page
# that calls exports and Python callables during Python's call (the tests' helpers do, having
# fetched the exports when their module loaded) gets their values at once, as on the main
# thread: those tests run in the worker host too.
MEMORY = "a MemoryView is the worker's memory, which the page cannot read"
PYTHON_OBJECTS = (
    "a Python object reaches the page as an opaque stand-in of the worker's handle, not a "
    "PythonObject of the page's"
)
AFTER_AWAIT = (
    "the page calls the exports after an `await`, outside Python's synchronous call: there "
    "the worker host's exports return Promises"
)
WORKER_OBJECTS = (
    "an object of the worker's (here a page module's copy) reaches the page as a copy: only "
    "the page's own objects keep their identity across"
)
RELOAD = "hot reload replaces modules in the worker; page modules are registered once"
COUNTS = "the page's stand-ins are released by messages, not counted by debug.live_proxies"
WORKER_HOST_LIMITS = {
    "test_dynamic.py::test_js_values_round_trip_through_python": AFTER_AWAIT,
    "test_dynamic.py::test_python_values_arrive_by_their_type": PYTHON_OBJECTS,
    "test_sequences.py::test_jsobject_items_keep_identity": WORKER_OBJECTS,
    "test_debug.py::test_callbacks_held_by_js_are_counted_until_js_drops_them": COUNTS,
    "test_debug.py::test_python_exceptions_held_by_js_are_counted_until_js_drops_them": COUNTS,
    "test_hot_reload.py::test_a_js_module_is_imported_again_and_stubs_bind_to_it": RELOAD,
    "test_hot_reload.py::test_a_patch_imports_again_and_the_exports_follow": RELOAD,
    "test_hot_reload.py::test_a_syntax_error_keeps_the_last_version": RELOAD,
    "test_memoryviews.py::test_a_view_describes_the_python_buffer": MEMORY,
    "test_memoryviews.py::test_a_view_of_immutable_bytes_is_read_only": MEMORY,
    "test_memoryviews.py::test_an_export_gets_the_python_object_behind_a_memory_view": MEMORY,
    "test_memoryviews.py::test_any_use_after_the_call_throws": MEMORY,
    "test_memoryviews.py::test_creation_and_call_cost_is_flat_in_size": MEMORY,
    "test_memoryviews.py::test_js_reads_python_memory": MEMORY,
    "test_memoryviews.py::test_js_reads_typed_items": MEMORY,
    "test_memoryviews.py::test_js_writes_python_memory_without_a_copy": MEMORY,
    "test_memoryviews.py::test_memory_growth_during_the_call_is_survived": MEMORY,
}


def in_worker_host() -> bool:
    """Whether Python runs in the worker host's worker (a browser with no ``document``)."""
    return is_browser() and JSHost.global_this.type_of("document") == "undefined"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if is_node():
        return
    worker = in_worker_host()
    for item in items:
        key = f"{item.path.name}::{item.originalname}"
        reason = NODE_ONLY.get(f"{item.path.name}::{item.name}")
        if reason is not None:
            item.add_marker(pytest.mark.skip(reason=f"Node only: {reason}"))
        elif worker and key in WORKER_HOST_LIMITS:
            item.add_marker(pytest.mark.skip(reason=f"worker host: {WORKER_HOST_LIMITS[key]}"))


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    run_sync(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


def import_js(name: str, file: str):
    """Import the JS module beside the tests, registered as ``name``."""
    return run_sync(JSHost.import_async(name, f"./tests/interop/{file}"))


def import_js_url(name: str, url: str):
    """Import the ES module at ``url`` (relative to the repository root) as ``name``."""
    return run_sync(JSHost.import_async(name, url))
