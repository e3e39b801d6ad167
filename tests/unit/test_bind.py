"""`jsinterop bind`: stubs from .d.ts files, read with the TypeScript compiler API."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jsinterop._tools.bind import bind_declarations, find_typescript, read_declarations, snake_case
from jsinterop.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "everything.d.ts"
SNAPSHOTS = Path(__file__).parent / "snapshots" / "bind"
BOUND = ROOT / "tests" / "interop" / "bound"
TYPESCRIPT = find_typescript(ROOT)
PACKAGES = {
    "change_case": ("change-case", ROOT / "node_modules/change-case/dist/index.d.ts"),
    "pretty_bytes": ("pretty-bytes", ROOT / "node_modules/pretty-bytes/index.d.ts"),
}

needs_typescript = pytest.mark.skipif(TYPESCRIPT is None, reason="needs `npm ci` (TypeScript)")


def check_snapshot(path: Path, text: str) -> None:
    if os.environ.get("JSINTEROP_UPDATE_SNAPSHOTS"):
        path.write_text(text)
    assert text == path.read_text()


@needs_typescript
def test_every_construct_maps_as_in_the_snapshot() -> None:
    assert TYPESCRIPT is not None
    data = read_declarations(FIXTURE, TYPESCRIPT)
    result = bind_declarations(data, "everything", "everything.d.ts", validate=False)
    check_snapshot(SNAPSHOTS / "everything.py", result.source)
    assert result.unmapped == [
        "VERSION: constants are not functions; read them with JSObject",
        "Thing: classes are not mapped; use JSObject",
        "spread: rest parameter ...values",
        "identity: type T is not declared in this file",
        "byNumber: Record keys other than string",
        "overloaded: another declaration (an overload) is already bound",
    ]


def test_stubs_jsinterop_refuses_are_left_out_with_the_reason() -> None:
    data = {
        "declarations": [
            {
                "kind": "function",
                "path": ["takesNull"],
                "name": "takesNull",
                "params": [
                    {"name": "value", "optional": False, "rest": False, "type": {"k": "null"}}
                ],
                "returns": {"k": "void"},
            }
        ],
        "skipped": [],
    }
    result = bind_declarations(data, "m", "m.d.ts")
    assert result.stubs == 0
    assert result.unmapped == [
        "takes_null: parameter 'value' has unsupported annotation 'None' "
        "(None is only allowed as a return type)"
    ]
    assert "# - takes_null: parameter 'value' has unsupported annotation" in result.source


def test_snake_case() -> None:
    assert snake_case("camelCase") == "camel_case"
    assert snake_case("parseHTTPResponse") == "parse_http_response"
    assert snake_case("class") == "class_"


@needs_typescript
@pytest.mark.parametrize("module", sorted(PACKAGES))
def test_committed_stubs_for_real_packages_are_current(module: str) -> None:
    assert TYPESCRIPT is not None
    name, dts = PACKAGES[module]
    result = bind_declarations(read_declarations(dts, TYPESCRIPT), name, f"{name}'s {dts.name}")
    check_snapshot(BOUND / f"{module}.py", result.source)


@needs_typescript
def test_bind_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "stubs" / "everything.py"
    code = main(["bind", str(FIXTURE), "-o", str(out), "--module-name", "everything"])
    assert code == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{out}: ")
    assert "not bound: spread: rest parameter ...values" in captured.err
    assert '@js_import("util.deep.id", "everything")' in out.read_text()
    assert main(["bind", str(tmp_path / "nope.d.ts"), "-o", str(out), "--module-name", "x"]) == 2
    assert "nope.d.ts does not exist" in capsys.readouterr().err
