"""`jsinterop bind`: stubs from .d.ts files, read with the TypeScript compiler API."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from jsinterop._tools.bind import bind_declarations, read_declarations, snake_case
from jsinterop.cli import main
from jsinterop.cli._bind import find_typescript, typescript_at
from jsinterop.cli._messages import CliError
from jsinterop.cli._npm import TYPESCRIPT

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures" / "bind"
SNAPSHOTS = Path(__file__).parent / "snapshots" / "bind"
NODE_MODULES = ROOT / "node_modules"
COMPILER = NODE_MODULES / "typescript" / "lib" / "typescript.js"

needs_typescript = pytest.mark.skipif(not COMPILER.is_file(), reason="needs `npm ci` (TypeScript)")


def check_snapshot(path: Path, text: str) -> None:
    if os.environ.get("JSINTEROP_UPDATE_SNAPSHOTS"):
        path.write_text(text)
    assert text == path.read_text()


@pytest.fixture(scope="module")
def fixtures() -> dict[str, dict[str, Any]]:
    """The three fixture files, read in one Node run."""
    names = ["everything", "export_equals", "globals"]
    data = read_declarations([FIXTURES / f"{name}.d.ts" for name in names], COMPILER)
    return dict(zip(names, data, strict=True))


@pytest.fixture
def pinned_typescript(monkeypatch: pytest.MonkeyPatch) -> None:
    """The repository's node_modules is where the pinned TypeScript is found (not the cache)."""
    monkeypatch.setenv("JSINTEROP_NODE_MODULES", str(NODE_MODULES))


@needs_typescript
def test_every_construct_maps_as_in_the_snapshot(fixtures: dict[str, dict[str, Any]]) -> None:
    result = bind_declarations(fixtures["everything"], "everything", "everything.d.ts")
    check_snapshot(SNAPSHOTS / "everything.py", result.source)
    assert result.unmapped == [
        "spread: rest parameter ...values (a stub passes a fixed list of arguments)",
        "byNumber: Record keys other than string",
        "missing: a type TypeScript could not find (a missing /// <reference> or @types package?)",
        "Base: an abstract class has no constructor to call",
        "nothing: parameter 'value' has unsupported annotation 'None' "
        "(None is only allowed as a return type)",
        "Mode: an enum object, not a function; read it with JSObject",
        "VERSION: a constant of type string, not a function; read it with JSObject",
    ]
    assert (result.functions, result.bound_functions) == (43, 38)
    assert (result.methods, result.bound_methods) == (3, 3)
    assert result.unbound_functions == ["spread", "byNumber", "nothing", "missing", "Base"]


@needs_typescript
def test_export_equals_binds_the_function_and_its_namespace_as_default(
    fixtures: dict[str, dict[str, Any]],
) -> None:
    result = bind_declarations(fixtures["export_equals"], "slug", "export_equals.d.ts")
    check_snapshot(SNAPSHOTS / "export_equals.py", result.source)
    assert '@js_import("default", "slug")\ndef slug(text: str, options: ' in result.source
    assert '@js_import("default.extend", "slug")\ndef slug_extend(' in result.source
    assert result.unmapped == [
        "slug.defaults: a constant of type Options, not a function; read it with JSObject"
    ]


@needs_typescript
def test_a_script_of_globals_binds_nothing_and_says_why(
    fixtures: dict[str, dict[str, Any]],
) -> None:
    result = bind_declarations(fixtures["globals"], "g", "globals.d.ts")
    assert result.stubs == 0
    assert result.unmapped == [
        f"{FIXTURES / 'globals.d.ts'} exports nothing: it is a script of global declarations, "
        "not a module"
    ]


def function(name: str, params: list[dict[str, Any]], returns: dict[str, Any]) -> dict[str, Any]:
    signature = {"params": params, "returns": returns, "doc": ""}
    return {"kind": "function", "path": [name], "names": [name], "signatures": [signature]}


def param(name: str, tree: dict[str, Any], optional: bool = False) -> dict[str, Any]:
    return {"name": name, "optional": optional, "rest": False, "type": tree}


def test_stubs_jsinterop_refuses_are_left_out_with_the_reason() -> None:
    data = {"exports": [function("takesNull", [param("value", {"k": "null"})], {"k": "void"})]}
    result = bind_declarations(data, "m", "m.d.ts")
    assert result.stubs == 0
    assert result.unmapped == [
        "takesNull: parameter 'value' has unsupported annotation 'None' "
        "(None is only allowed as a return type)"
    ]
    assert "# - takesNull: parameter 'value' has unsupported annotation" in result.source


def test_a_field_jsinterop_refuses_is_left_out_of_its_typed_dict_and_the_stub_binds() -> None:
    members = [
        {"name": "name", "optional": False, "type": {"k": "string"}, "doc": ""},
        {"name": "ready", "optional": True, "type": {"k": "promise", "inner": {"k": "number"}}},
    ]
    data = {
        "exports": [function("start", [param("job", {"k": "ref", "name": "Job"})], {"k": "void"})],
        "types": {"Job": {"base": "Job", "doc": "", "members": members}},
    }
    result = bind_declarations(data, "m", "m.d.ts")
    assert result.stubs == 1
    assert "class Job(TypedDict):\n    name: str\n\n" in result.source
    assert result.unmapped == [
        "Job.ready: an Awaitable can only be a parameter or return type itself, not part of "
        "another type (left out)"
    ]


def test_overloads_with_different_results_give_one_stub_each_in_order() -> None:
    by_number = function("ms", [param("value", {"k": "number"})], {"k": "string"})
    by_text = function("ms", [param("value", {"k": "string"})], {"k": "number"})
    by_number["signatures"] += by_text["signatures"] + by_number["signatures"]
    source = bind_declarations({"exports": [by_number]}, "ms", "ms.d.ts").source
    assert 'def ms(value: float) -> str:\n    ...\n\n\n@js_import("ms", "ms")\n' in source
    assert "def ms_2(value: str) -> float:" in source
    assert "ms_3" not in source  # the third overload is the first again


def test_snake_case() -> None:
    assert snake_case("camelCase") == "camel_case"
    assert snake_case("parseHTTPResponse") == "parse_http_response"
    assert snake_case("class") == "class_"
    assert snake_case("_v6") == "v6"
    assert snake_case("3d") == "_3d"


@needs_typescript
def test_bind_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pinned_typescript: None
) -> None:
    out = tmp_path / "stubs" / "everything.py"
    fixture = FIXTURES / "everything.d.ts"
    code = main(["bind", str(fixture), "-o", str(out), "--module-name", "everything"])
    assert code == 0
    captured = capsys.readouterr()
    assert captured.out == f"{out}: 42 stubs, 7 not bound (module 'everything')\n"
    assert captured.err.splitlines()[0] == (
        "not bound: spread: rest parameter ...values (a stub passes a fixed list of arguments)"
    )
    assert '@js_import("util.deep.id", "everything")' in out.read_text()
    assert main(["bind", str(tmp_path / "nope.d.ts"), "-o", str(out), "--module-name", "x"]) == 2
    assert capsys.readouterr().err == f"jsinterop: error: {tmp_path / 'nope.d.ts'} does not exist\n"


@needs_typescript
def test_bind_exits_2_when_nothing_could_be_bound(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pinned_typescript: None
) -> None:
    fixture = FIXTURES / "globals.d.ts"
    out = tmp_path / "globals.py"
    assert main(["bind", str(fixture), "-o", str(out), "--module-name", "g"]) == 2
    captured = capsys.readouterr()
    assert captured.out == f"{out}: 0 stubs, 1 not bound (module 'g')\n"
    assert captured.err.splitlines() == [
        f"not bound: {fixture} exports nothing: it is a script of global declarations, "
        "not a module",
        f"jsinterop: error: nothing in {fixture} could be bound (see the reasons above)",
    ]


def fake_typescript(folder: Path, version: str) -> Path:
    (folder / "lib").mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"name": "typescript", "version": version}))
    if not version.startswith("7."):
        (folder / "lib" / "typescript.js").write_text("")
    return folder


def test_typescript_path_takes_5_x_as_a_folder_a_file_or_a_node_modules(tmp_path: Path) -> None:
    folder = fake_typescript(tmp_path / "node_modules" / "typescript", "5.4.5")
    compiler = folder / "lib" / "typescript.js"
    assert typescript_at(folder) == compiler
    assert typescript_at(compiler) == compiler
    assert typescript_at(tmp_path / "node_modules") == compiler


def test_typescript_path_refuses_7_x_and_says_why(tmp_path: Path) -> None:
    folder = fake_typescript(tmp_path / "typescript", "7.0.2")
    with pytest.raises(CliError) as caught:
        typescript_at(folder)
    assert str(caught.value) == (
        f"--typescript {folder}: TypeScript 7.0.2 cannot be used: from version 7 TypeScript is "
        "a native program without the JavaScript compiler API (lib/typescript.js) that bind "
        "reads declarations with; install typescript@5, or leave out --typescript to use "
        "TypeScript 5.9.3, fetched once"
    )


def test_typescript_path_refuses_4_x_and_what_is_not_typescript(tmp_path: Path) -> None:
    old = fake_typescript(tmp_path / "old", "4.9.5")
    with pytest.raises(CliError) as caught:
        typescript_at(old)
    assert str(caught.value) == (
        f"--typescript {old}: TypeScript 4.9.5 is too old: bind needs 5.x; leave out "
        "--typescript to use TypeScript 5.9.3, fetched once"
    )
    with pytest.raises(CliError) as caught:
        typescript_at(tmp_path)
    assert str(caught.value) == (
        f"--typescript {tmp_path}: not a TypeScript package (no readable package.json with a "
        "version); name the folder npm installed typescript into"
    )


@needs_typescript
def test_bind_command_with_typescript_7_fails_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = fake_typescript(tmp_path / "typescript", "7.0.2")
    fixture = FIXTURES / "everything.d.ts"
    arguments = ["bind", str(fixture), "-o", str(tmp_path / "x.py"), "--module-name", "x"]
    assert main([*arguments, "--typescript", str(folder)]) == 2
    assert "TypeScript 7.0.2 cannot be used: from version 7" in capsys.readouterr().err
    assert not (tmp_path / "x.py").exists()


FAKE_NPM = """#!/bin/sh
# Stands in for npm: `npm install ... --prefix DIR typescript@VERSION` as npm would lay it out.
echo "npm: installing $7 into $6"
if [ -n "$FAIL" ]; then echo "npm error network request failed (offline)"; exit 1; fi
mkdir -p "$6/node_modules/typescript/lib"
echo '{"name": "typescript", "version": "5.9.3"}' > "$6/node_modules/typescript/package.json"
touch "$6/node_modules/typescript/lib/typescript.js"
"""


@pytest.fixture
def fake_npm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    tools = tmp_path / "tools"
    tools.mkdir()
    npm = tools / "npm"
    npm.write_text(FAKE_NPM)
    npm.chmod(npm.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    return tools


def test_the_pinned_typescript_is_fetched_into_the_cache_once_like_pyodide(
    tmp_path: Path, fake_npm: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    environ = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    cache = tmp_path / "cache" / "jsinterop" / "typescript-5.9.3"
    compiler = cache / "node_modules" / "typescript" / "lib" / "typescript.js"
    assert find_typescript(environ=environ) == compiler
    err = capsys.readouterr().err
    assert f"jsinterop: fetching typescript@5.9.3 into {cache} (once) ...\n" in err
    assert "npm: installing typescript@5.9.3 into" in err
    assert find_typescript(environ=environ) == compiler  # found, not fetched again
    assert capsys.readouterr().err == ""


def test_fetching_typescript_offline_says_what_failed(
    tmp_path: Path, fake_npm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAIL", "1")
    with pytest.raises(CliError) as caught:
        find_typescript(environ={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert str(caught.value) == (
        "npm could not fetch typescript@5.9.3 (exit code 1); see npm's output above"
    )
    assert not (tmp_path / "cache" / "jsinterop" / "typescript-5.9.3").exists()


def test_typescript_is_pinned_in_package_json_and_the_lock_file() -> None:
    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert package["devDependencies"]["typescript"] == TYPESCRIPT.version
    assert lock["packages"]["node_modules/typescript"]["version"] == TYPESCRIPT.version
