"""Runs async tests inside Pyodide by blocking on them with JSPI (pyodide.ffi.run_sync).

The suite runs in Node (tests/interop/run.mjs) and in headless Chromium
(tests/browser/test_interop_chromium.py); outside Node the tests in ``NODE_ONLY`` are skipped.
"""

from __future__ import annotations

import inspect

import pytest
from pyodide.ffi import run_sync

from jsinterop import JSHost, is_node

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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if is_node():
        return
    for item in items:
        reason = NODE_ONLY.get(f"{item.path.name}::{item.name}")
        if reason is not None:
            item.add_marker(pytest.mark.skip(reason=f"Node only: {reason}"))


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
