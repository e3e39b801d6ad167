"""Hot reload inside Pyodide: a patch (as ``jsinterop serve`` sends it) applied through the
JS runtime: modules imported again, exports objects kept current, JS modules replaced."""

from __future__ import annotations

import importlib
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jsinterop import JSHost, js_import

from .conftest import import_js

# Each test has a package of its own: getExports() keeps a package's exports object.
_numbers = itertools.count()

API = """\
from jsinterop import js_export

@js_export
def kept() -> str:
    return {kept!r}

@js_export
def reshaped({parameters}) -> int:
    return 1

{extra}
"""
REMOVED = """\
@js_export
def removed() -> int:
    return 0
"""
VIEW = "from {package}.api import kept\n\nSHOWN = kept()\n"


@js_import("whichEvaluation", "HotReloadTarget")
def which_evaluation() -> int: ...


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("hot_reload", "hot_reload.mjs")


@js_import("extractDir", "hot_reload")
def extract_dir() -> str: ...


@js_import("applyPatch", "hot_reload")
async def apply_patch_json(patch_json: str) -> str: ...


@js_import("keepExport", "hot_reload")
async def keep_export(package_name: str, path: str) -> str: ...


@js_import("callKept", "hot_reload")
def call_kept(path: str, args_json: str) -> str: ...


@js_import("exportsNow", "hot_reload")
async def exports_now(package_name: str, path: str) -> str: ...


async def apply_patch(patch: dict[str, Any]) -> dict[str, Any]:
    results = json.loads(await apply_patch_json(json.dumps(patch)))
    assert len(results) == 1  # one runtime
    result: dict[str, Any] = results[0]
    return result


class App:
    """A package under ``root`` (where the runtime unpacked the app's code); ``patch`` is a
    dev server's patch of its files."""

    def __init__(self, root: str, package: str) -> None:
        self.root = root
        self.package = package
        folder = Path(root) / package
        folder.mkdir(parents=True)
        (folder / "__init__.py").write_text("")
        (folder / "api.py").write_text(API.format(kept="old", parameters="", extra=REMOVED))
        (folder / "view.py").write_text(VIEW.format(package=package))

    def patch(self, files: dict[str, str | None]) -> dict[str, Any]:
        return {"python": {f"{self.package}/{name}": source for name, source in files.items()}}


@pytest.fixture
def app() -> Iterator[App]:
    made = App(extract_dir(), f"hot_reload_app_{next(_numbers)}")
    sys.path.insert(0, made.root)
    importlib.invalidate_caches()
    try:
        yield made
    finally:
        sys.path.remove(made.root)
        for name in [name for name in sys.modules if name.split(".")[0] == made.package]:
            del sys.modules[name]


async def test_a_patch_imports_again_and_the_exports_follow(app: App) -> None:
    importlib.import_module(f"{app.package}.view")
    assert await keep_export(app.package, f"{app.package}.api.kept") == "function"
    await keep_export(app.package, f"{app.package}.api.removed")
    await keep_export(app.package, f"{app.package}.api.reshaped")
    assert json.loads(call_kept(f"{app.package}.api.kept", "[]")) == {"ok": "old"}

    new_api = API.format(kept="new", parameters="a: int", extra="")
    result = await apply_patch(app.patch({"api.py": new_api}))

    assert result["error"] is None and result["fullReload"] is None
    assert result["reloaded"] == [f"{app.package}.api", f"{app.package}.view"]
    assert sys.modules[f"{app.package}.view"].SHOWN == "new"
    # The function JS held calls the new code; the exports object is the same one.
    assert json.loads(call_kept(f"{app.package}.api.kept", "[]")) == {"ok": "new"}
    now = json.loads(await exports_now(app.package, f"{app.package}.api"))
    assert now == {"same": True, "keys": ["kept", "reshaped"]}
    # A removed export, or one whose signature changed, says so when JS calls what it held.
    for path in ("removed", "reshaped"):
        called = json.loads(call_kept(f"{app.package}.api.{path}", "[]"))
        assert called == {
            "error": f"jsinterop: {app.package}.api.{path} was removed or changed by a hot reload; "
            f'get the current exports with getExports("{app.package}")'
        }
    await keep_export(app.package, f"{app.package}.api.reshaped")
    assert json.loads(call_kept(f"{app.package}.api.reshaped", "[2]")) == {"ok": 1}


async def test_a_syntax_error_keeps_the_last_version(app: App) -> None:
    importlib.import_module(f"{app.package}.view")
    await keep_export(app.package, f"{app.package}.api.kept")

    result = await apply_patch(app.patch({"api.py": "def kept(:\n"}))

    assert result["reloaded"] == [] and result["fullReload"] is None
    assert "SyntaxError" in result["error"]
    assert f"{app.root}/{app.package}/api.py" in result["error"]
    assert json.loads(call_kept(f"{app.package}.api.kept", "[]")) == {"ok": "old"}

    fixed = API.format(kept="fixed", parameters="", extra=REMOVED)
    result = await apply_patch(app.patch({"api.py": fixed}))
    assert result["error"] is None
    assert json.loads(call_kept(f"{app.package}.api.kept", "[]")) == {"ok": "fixed"}


async def test_a_js_module_is_imported_again_and_stubs_bind_to_it() -> None:
    await JSHost.import_async("HotReloadTarget", "./tests/interop/hot_reload_target.mjs")
    first = which_evaluation()

    result = await apply_patch(
        {"scripts": ["./tests/interop/hot_reload_target.mjs", "./nowhere.mjs"], "version": "2"}
    )

    assert result["scripts"] == ["HotReloadTarget"]
    assert result["scriptsNotImported"] == ["./nowhere.mjs"]
    assert which_evaluation() == first + 1
    # import_async of the same name and URL gives the module imported last.
    module = await JSHost.import_async("HotReloadTarget", "./tests/interop/hot_reload_target.mjs")
    assert module.call("whichEvaluation") == first + 1
