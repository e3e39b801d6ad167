"""Runs async tests inside Pyodide by blocking on them with JSPI (pyodide.ffi.run_sync)."""

from __future__ import annotations

import inspect

import pytest
from pyodide.ffi import run_sync

from jsinterop import JSHost


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
