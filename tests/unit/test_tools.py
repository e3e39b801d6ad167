"""Tools on CPython: TypeScript declarations from exports, and `check` of stubs and JS modules."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from jsinterop.cli import main
from jsinterop.cli._app import read_app
from jsinterop.cli._typings import app_declarations

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = Path(__file__).parent / "snapshots" / "typings"
TSC = ROOT / "node_modules" / "typescript" / "bin" / "tsc"

EXPORTS = '''
"""Exports of every shape the declarations know."""

import datetime
from typing import Annotated, Any, Callable, Literal

from jsinterop import JSObject, JSType, js_export


@js_export
def add(a: int, b: float = 1.0) -> float:
    return a + b


@js_export(name="greet")
def make_greeting(name: str | None) -> str:
    return f"Hello, {name}"


@js_export
def stats(values: list[float], weights: dict[str, int]) -> tuple[int, str]:
    return (len(values), "ok")


@js_export
def when(moment: datetime.datetime, data: bytes) -> list[list[str] | None]:
    return []


@js_export
def pick(color: Literal["red", "green"], big: Annotated[int, JSType.BigInt]) -> JSObject | None:
    return None


@js_export
async def later(count: int) -> None:
    return None


@js_export
def on_each(
    values: list[int], callback: Callable[[int], bool], extra: Any
) -> Callable[[str], None]:
    return print


@js_export
def on_maybe(
    callback: Callable[[int], int] | None, handler: str | Callable[[int], int]
) -> Callable[[int], int] | None:
    return callback


class Tools:
    @staticmethod
    @js_export
    def twice(value: int) -> int:
        return 2 * value
'''


@pytest.fixture(autouse=True)
def pinned_typescript(monkeypatch: pytest.MonkeyPatch) -> None:
    """`check` reads scripts with the repository's TypeScript, not one fetched into the cache."""
    monkeypatch.setenv("JSINTEROP_NODE_MODULES", str(ROOT / "node_modules"))


def make_app(root: Path, package: str, files: dict[str, str]) -> Path:
    app = root / package
    (app / package).mkdir(parents=True)
    (app / "pyproject.toml").write_text(
        f'[project]\nname = "{package}"\n\n[tool.jsinterop]\nmain = "{package}.program:main"\n'
    )
    (app / package / "__init__.py").write_text("")
    (app / package / "program.py").write_text("def main(args: list[str]) -> int:\n    return 0\n")
    for name, text in files.items():
        path = app / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return app


def test_declarations_snapshot(tmp_path: Path) -> None:
    app = make_app(tmp_path, "typed_app", {"typed_app/api.py": EXPORTS})
    text = app_declarations(read_app(app))
    snapshot = SNAPSHOTS / "typed_app.d.mts"
    if os.environ.get("JSINTEROP_UPDATE_SNAPSHOTS"):
        snapshot.write_text(text)
    assert text == snapshot.read_text()


@pytest.mark.skipif(not TSC.is_file(), reason="needs `npm ci` (TypeScript)")
def test_declarations_type_check_with_tsc(tmp_path: Path) -> None:
    app = make_app(tmp_path, "tsc_app", {"tsc_app/api.py": EXPORTS.replace("typed_app", "tsc_app")})
    framework = tmp_path / "site" / "_framework"
    framework.mkdir(parents=True)
    (framework / "jsinterop.mjs").write_text("export const python = {};\n")
    (framework / "jsinterop.d.mts").write_text(app_declarations(read_app(app)))
    good = tmp_path / "site" / "good.mts"
    good.write_text(
        textwrap.dedent(
            """\
            import { python } from "./_framework/jsinterop.mjs";
            const runtime = await python.withApplicationArguments("a").create();
            runtime.setModuleImports("main.mjs", { hello: () => "hi" });
            const exports = await runtime.getExports("tsc_app");
            const sum: number = exports.tsc_app.api.add(1);
            const text: string = exports.tsc_app.api.greet(null);
            const pair: [number, string] = exports.tsc_app.api.stats([1.5], { a: 1 });
            const bytes = new Uint8Array();
            const nested: (string[] | null)[] = exports.tsc_app.api.when(new Date(), bytes);
            const picked: object | null = exports.tsc_app.api.pick("red", 10n);
            const done: Promise<void> = exports.tsc_app.api.later(3);
            const log: (text: string) => void = exports.tsc_app.api.on_each([1], (n) => n > 0, {});
            const twice: number = exports.tsc_app.api.Tools.twice(2);
            const maybe: ((n: number) => number) | null = exports.tsc_app.api.on_maybe(null, "a");
            exports.tsc_app.api.on_maybe((n) => n + 1, (n) => n * 2);
            const again = globalThis.getPythonRuntime(0).getConfig().applicationArguments;
            export { sum, text, pair, nested, picked, done, log, twice, maybe, again };
            """
        )
    )
    bad = tmp_path / "site" / "bad.mts"
    bad.write_text(
        textwrap.dedent(
            """\
            import { python } from "./_framework/jsinterop.mjs";
            const exports = await (await python.create()).getExports("tsc_app");
            exports.tsc_app.api.pick("blue", 10n);
            """
        )
    )
    options = ["--noEmit", "--strict", "--module", "nodenext", "--target", "es2022"]
    node = shutil.which("node") or "node"
    ok = subprocess.run([node, str(TSC), *options, str(good)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    failed = subprocess.run([node, str(TSC), *options, str(bad)], capture_output=True, text=True)
    assert failed.returncode != 0
    assert "bad.mts(3," in failed.stdout
    assert "Argument of type '\"blue\"' is not assignable to parameter of type" in failed.stdout


DRIFT_SOURCE = """\
from jsinterop import js_export


@js_export
def f() -> int:
    return 1
"""


def test_typings_command_writes_and_checks_for_drift(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app(
        tmp_path,
        "drift_app",
        {"drift_app/api.py": DRIFT_SOURCE},
    )
    assert main(["typings", str(app), "--check"]) == 2
    assert "types/jsinterop.d.mts is missing" in capsys.readouterr().err
    assert main(["typings", str(app)]) == 0
    written = app / "types" / "jsinterop.d.mts"
    assert "f(): number;" in written.read_text()
    assert main(["typings", str(app), "--check"]) == 0
    written.write_text(written.read_text().replace("f(): number;", "f(): string;"))
    assert main(["typings", str(app), "--check"]) == 2
    assert "no longer matches the Python exports" in capsys.readouterr().err


CHECKED = """
from jsinterop import JSHost, js_export, js_import


async def setup() -> None:
    await JSHost.import_async("Lib", "./js/lib.mjs")


@js_import("good", "Lib")
def good(a: int) -> int: ...


@js_import("missing.deeper", "Lib")
def missing() -> int: ...


@js_import("notFunction", "Lib")
def not_function() -> int: ...


@js_import("two", "Lib")
def arity(a: int) -> int: ...


@js_import("anything", "Registered")
def registered() -> None: ...


@js_import("good", "Lib")
def untyped(a) -> int: ...


@js_export
def unannotated_export(a):
    return a
"""

LIB = """\
export const good = (a) => a;
export const notFunction = 3;
export const two = (a, b) => a + b;
"""


def test_check_reports_every_problem_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app(tmp_path, "checked_app", {"checked_app/api.py": CHECKED, "js/lib.mjs": LIB})
    assert main(["check", str(app)]) == 1
    out = capsys.readouterr().out.splitlines()
    api = app / "checked_app" / "api.py"
    where = "@js_import checked_app.api"
    assert out[:5] == [
        f"{api}:29: {where}.untyped: parameter 'a' has no type annotation",
        f"{api}:33: @js_export checked_app.api.unannotated_export: "
        "parameter 'a' has no type annotation",
        f"{api}:13: {where}.missing: "
        "missing not found while looking up missing.deeper in module 'Lib'",
        f"{api}:17: {where}.not_function: notFunction in module 'Lib' is a number, not a function",
        f"{api}:21: {where}.arity: the JS function two in module 'Lib' declares 2 parameter(s); "
        "the stub passes 1",
    ]
    assert out[5] == (
        "note: module 'Registered' is neither imported with a literal "
        "JSHost.import_async(name, url) nor registered with a literal "
        "setModuleImports(name, {...}) in main.mjs or main.js; its stubs were not checked "
        "against JS"
    )
    assert out[-1] == "checked_app: 5 stub(s), 0 export(s) checked: 5 problems"


def test_check_passes_a_good_app(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good_only = "\n".join(CHECKED.split("\n")[:12])
    app = make_app(tmp_path, "good_app", {"good_app/api.py": good_only, "js/lib.mjs": LIB})
    assert main(["check", str(app)]) == 0
    assert (
        capsys.readouterr().out.strip() == "good_app: 1 stub(s), 0 export(s) checked: no problems"
    )


def test_declarations_of_structs_unions_arrays_views_and_errors() -> None:
    import array
    from dataclasses import dataclass
    from typing import Literal, NamedTuple, TypedDict

    from jsinterop._spec_reader import type_spec
    from jsinterop._tools.typescript import ts_type

    @dataclass
    class Point:
        x: int
        label: str | None = None

    class Options(TypedDict, total=False):
        verbose: bool

    class Pair(NamedTuple):
        left: str
        right: float

    def ts(annotation: object, position: Literal["param", "return"] = "return") -> str:
        return ts_type(type_spec(annotation, position="param"), position)

    assert ts(Point) == "{ x: number; label?: string | null }"
    assert ts(Options) == "{ verbose?: boolean }"
    assert ts(Pair) == "{ left: string; right: number }"
    assert ts(int | list[str]) == "number | string[]"
    assert ts(array.array) == (
        "Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | "
        "Float32Array | Float64Array | BigInt64Array | BigUint64Array"
    )
    assert ts(memoryview, "param") == (
        "ArrayBufferView | ArrayBuffer | { readonly isDisposed: boolean; readonly length: number }"
    )
    assert ts(ValueError) == "Error"


def test_declarations_follow_edits_in_one_process(tmp_path: Path) -> None:
    app = make_app(tmp_path, "edited_app", {"edited_app/api.py": DRIFT_SOURCE})
    assert "f(): number;" in app_declarations(read_app(app))
    (app / "edited_app" / "api.py").write_text(
        DRIFT_SOURCE.replace("def f() -> int", "def g() -> str")
    )
    text = app_declarations(read_app(app))
    assert "g(): string;" in text
    assert "f(): number;" not in text


REGISTERED = """
from jsinterop import js_import


@js_import("node.process.version", "main.mjs")
def node_version() -> str: ...


@js_import("node.process.verison", "main.mjs")
def misspelled() -> str: ...


@js_import("greet", "main.mjs")
def greet(name: str, punctuation: str | None = None) -> str: ...


@js_import("nested.value", "main.mjs")
def value() -> int: ...


@js_import("helper", "main.mjs")
def helper(a: int, b: int) -> int: ...


@js_import("spread.anything", "main.mjs")
def spread() -> None: ...
"""

MAIN_MJS = """\
import { python } from "./_framework/jsinterop.mjs";

const { setModuleImports } = await python.create();
function helper(a) {
  return a;
}
const extra = {};

setModuleImports("main.mjs", {
  node: { process: { version: () => globalThis.process.version } },
  greet(name, punctuation = "!") {
    return `Hello, ${name}${punctuation}`;
  },
  nested: { value: 3 },
  helper,
  spread: { ...extra },
});
"""


def test_check_reads_set_module_imports_in_main_mjs_without_running_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app(tmp_path, "registered", {"registered/api.py": REGISTERED, "main.mjs": MAIN_MJS})
    assert main(["check", str(app)]) == 1
    out = capsys.readouterr().out.splitlines()
    api = app / "registered" / "api.py"
    place = f"module 'main.mjs' (registered at {app / 'main.mjs'}:9)"
    assert out == [
        f"{api}:9: @js_import registered.api.misspelled: verison not found while looking up "
        f"node.process.verison in {place}",
        f"{api}:17: @js_import registered.api.value: nested.value in {place} is a number, "
        "not a function",
        f"{api}:21: @js_import registered.api.helper: the JS function helper in {place} "
        "declares 1 parameter(s); the stub passes 2",
        f"note: {api}:25: @js_import registered.api.spread: spread.anything in {place} is made "
        "while the script runs (a spread, a computed name or a call); not checked",
        "registered: 6 stub(s), 0 export(s) checked: 3 problems",
    ]


DEFAULTS = """
from jsinterop import JSHost, js_import


async def setup() -> None:
    await JSHost.import_async("Ids", "./js/ids.mjs")


@js_import("nanoid", "Ids")
def nanoid(size: int) -> str: ...


@js_import("join", "Ids")
def join(a: str, b: str, c: str) -> str: ...


@js_import("pair", "Ids")
def pair(a: str) -> str: ...


@js_import("Thing", "Ids")
def thing() -> None: ...


@js_import("Math.max")
def larger(a: float, b: float) -> float: ...
"""

IDS = """\
export const nanoid = (size = 21) => "x".repeat(size);
export function join(first, ...rest) { return [first, ...rest].join(""); }
export const pair = (a, b, c = 1) => a + b + c;
export class Thing {}
"""


def test_check_reads_default_and_rest_parameters_from_the_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app(tmp_path, "ids", {"ids/api.py": DEFAULTS, "js/ids.mjs": IDS})
    assert main(["check", str(app)]) == 1
    api = app / "ids" / "api.py"
    assert capsys.readouterr().out.splitlines() == [
        f"{api}:17: @js_import ids.api.pair: the JS function pair in module 'Ids' takes 2 to 3 "
        "argument(s); the stub passes 1",
        f"{api}:21: @js_import ids.api.thing: Thing in module 'Ids' is a class: a stub calls it "
        "without new, which JS refuses",
        "ids: 5 stub(s), 0 export(s) checked: 2 problems",
    ]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("bad_main.program:mian", "bad_main.program has no function 'mian' (did you mean 'main'?)"),
        ("bad_main.program:VALUE", "bad_main.program.VALUE is a int, not a function"),
        (
            "bad_main.program:two",
            "two(a: int, b: int) -> int must take one argument (args, the command-line "
            "arguments as a list[str]) or none",
        ),
    ],
)
def test_check_reports_a_bad_main(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], entry: str, problem: str
) -> None:
    program = "VALUE = 1\n\n\ndef main() -> int:\n    return 0\n\n\n"
    program += "def two(a: int, b: int) -> int:\n    return a + b\n"
    app = make_app(tmp_path, "bad_main", {"bad_main/program.py": program})
    pyproject = app / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("bad_main.program:main", entry))
    assert main(["check", str(app)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{pyproject}:5: [tool.jsinterop] main {entry!r}: {problem}",
        "bad_main: 0 stub(s), 0 export(s) checked: 1 problem",
    ]


@pytest.mark.parametrize("signature", ["", "args: list[str]", "*args: str", "args=None, x=1"])
def test_check_takes_a_main_with_args_or_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], signature: str
) -> None:
    program = f"def main({signature}) -> int:\n    return 0\n"
    app = make_app(tmp_path, "good_main", {"good_main/program.py": program})
    assert main(["check", str(app)]) == 0, capsys.readouterr().out


def test_check_of_a_components_app_says_nothing_of_jsinterops_own_modules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "components", "shop", "-o", str(tmp_path / "shop")]) == 0
    capsys.readouterr()
    assert main(["check", str(tmp_path / "shop")]) == 0
    out = capsys.readouterr().out
    assert "jsinterop.components" not in out
    assert out.splitlines() == ["shop: 1 stub(s), 1 export(s) checked: no problems"]


@pytest.mark.parametrize("template", ["console", "browser"])
def test_check_of_a_new_app_finds_nothing_and_checks_main_mjs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], template: str
) -> None:
    assert main(["new", template, "hello", "-o", str(tmp_path / "hello")]) == 0
    capsys.readouterr()
    assert main(["check", str(tmp_path / "hello")]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "hello: 1 stub(s), 1 export(s) checked: no problems"
    ]


TEMPLATE_SCRIPTS = {"console": "main.mjs", "browser": "main.js", "components": "main.js"}


def scaffold_site(root: Path, template: str) -> Path:
    """A new app's script beside a stand-in runtime and the app's generated declarations, as
    a built site has them."""
    app = root / "app"
    assert main(["new", template, "hello", "-o", str(app)]) == 0
    framework = root / "site" / "_framework"
    framework.mkdir(parents=True)
    (framework / "jsinterop.mjs").write_text("export const python = {};\n")
    (framework / "jsinterop.d.mts").write_text(app_declarations(read_app(app)))
    script = TEMPLATE_SCRIPTS[template]
    (root / "site" / script).write_text((app / script).read_text())
    return root / "site" / script


@pytest.mark.skipif(not TSC.is_file(), reason="needs `npm ci` (TypeScript)")
def test_the_template_scripts_pass_tsc_check_js_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scripts = [scaffold_site(tmp_path / name, name) for name in sorted(TEMPLATE_SCRIPTS)]
    # A copy with a mistake, to see that the JavaScript is really checked.
    wrong = scaffold_site(tmp_path / "wrong", "console")
    wrong.write_text(wrong.read_text().replace("greeting()", "greeting(1)"))
    capsys.readouterr()
    options = ["--noEmit", "--strict", "--allowJs", "--checkJs", "--target", "es2022"]
    options += ["--module", "esnext", "--moduleResolution", "bundler", "--lib", "es2022,dom"]
    options += ["--types", "node"]  # the console template runs in Node
    node = shutil.which("node") or "node"
    files = [str(script) for script in [*scripts, wrong]]
    checked = subprocess.run([node, str(TSC), *options, *files], capture_output=True, text=True)
    errors = [line for line in checked.stdout.splitlines() if ": error TS" in line]
    assert len(errors) == 1, checked.stdout
    assert "wrong/site/main.mjs(14," in errors[0]
    assert "Expected 0 arguments, but got 1." in errors[0]
