"""Memory snapshots in Node: ``jsinterop build`` makes one, the built app starts from it when
it matches and boots normally otherwise, saying why; apps that use JS at import are refused.

One console app is built for the module (a build makes a snapshot: ~10 s); each test that
changes its output puts it back. ``probe.mjs``, an app file beside ``main.mjs``, boots the
built runtime as ``main.mjs`` does and prints what it found as JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from jsinterop.cli._node import jspi_arguments
from tests.e2e.conftest import LOCAL_PYODIDE

PROBE = """\
import { python } from "./_framework/jsinterop.mjs";

const runtime = await python.withConfig(JSON.parse(process.argv[2] ?? "{}")).create();
runtime.setModuleImports("main.mjs", { node: { process: { version: () => "v-probe" } } });
const exports = await runtime.getExports("hello");
const state = runtime.pyodide.runPython(`
import json, os, random, sys
json.dumps({"random": random.random(), "env": os.environ.get("PROBE"), "path": sys.path[:2]})
`);
console.log(JSON.stringify({
  restored: performance.getEntriesByName("jsinterop:snapshot-restored").length === 1,
  greeting: exports.hello.program.greeting(),
  ...JSON.parse(state),
}));
"""
# A module of the app that uses JS while it imports, and what the build says of it.
USES_JS_AT_IMPORT = {
    "a value read from js": (
        "import js\nVERSION = js.process.version\n",
        "hello.settings uses JS at import (line 2 of /app/hello/settings.py): "
        "pyodide.ffi.JsException: Error: js.process.version was read while the app's modules "
        "imported for a snapshot; use JS in main() or later.",
    ),
    "a call into JS": (
        "from js import console\nconsole.log('imported')\n",
        "hello.settings uses JS at import (line 2 of /app/hello/settings.py): "
        "pyodide.ffi.JsException: Error: js.console.log() was called while the app's modules "
        "imported for a snapshot; use JS in main() or later.",
    ),
    "a stub call": (
        "from hello.program import get_node_version\nVERSION = get_node_version()\n",
        "hello.settings uses JS at import (line 2 of /app/hello/settings.py): RuntimeError: "
        "the JS runtime is not there while the app's modules import for a snapshot; use it in "
        "main() or later.",
    ),
    "a browser global": (
        "from js import document\n",
        "hello.settings uses JS at import (line 1 of /app/hello/settings.py): ImportError: "
        "cannot import name 'document' from 'js' (unknown location) (the build imports the app "
        "in Node, where a browser's globals such as document do not exist).",
    ),
}
RULE = (
    " A snapshot keeps what the app's modules did when the build imported them, so they may "
    "not use JS while they import (no js.* value or call, no @js_import stub call, no JSHost): "
    "move that code into main() or a function it calls, or build with --no-snapshot (see "
    "docs/snapshots.md).\n"
)


def run_cli(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jsinterop", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def run_node(script: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``node script args...`` as ``jsinterop run`` starts it: with JSPI, by the flag where
    this Node needs one (the console app's snapshot is made so)."""
    node = ["node", *(jspi_arguments("node") or [])]
    return subprocess.run(
        [*node, str(script), *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if shutil.which("node") is None:
        pytest.skip("node is not on PATH")
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    if (LOCAL_PYODIDE / "pyodide.mjs").is_file():
        env["JSINTEROP_PYODIDE_DIR"] = str(LOCAL_PYODIDE)
    return env


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """The console app ``hello`` with ``probe.mjs``, built: its folder (output in dist/)."""
    folder = tmp_path_factory.mktemp("snapshot")
    assert run_cli("new", "console", "hello", cwd=folder, env=env).returncode == 0
    app = folder / "hello"
    (app / "probe.mjs").write_text(PROBE)
    result = run_cli("build", "hello", cwd=folder, env=env)
    assert result.returncode == 0, result.stderr
    return app


def node_has_jspi() -> bool:
    """Whether ``node`` has JSPI, with the flag where it needs one (as run_node starts it)."""
    has_jspi = "typeof WebAssembly.Suspending === 'function' || 'Suspender' in WebAssembly"
    script = f"process.exit({has_jspi} ? 0 : 1)"
    node = ["node", *(jspi_arguments("node") or [])]
    return subprocess.run([*node, "-e", script], check=False).returncode == 0


def content_hash(content: bytes) -> str:
    """How the build names files by content: the first 12 hex digits of their SHA-256."""
    return hashlib.sha256(content).hexdigest()[:12]


def app_json(app: Path) -> dict[str, Any]:
    config: dict[str, Any] = json.loads((app / "dist/_framework/app.json").read_text())
    return config


def probe(app: Path, config: dict[str, Any] | None = None) -> tuple[dict[str, Any], str]:
    result = run_node(app / "dist" / "probe.mjs", json.dumps(config or {}))
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return report, result.stderr


def test_the_build_writes_a_snapshot_named_by_content_and_describes_it(built: Path) -> None:
    snapshot = app_json(built)["snapshot"]
    assert set(snapshot) == {
        "file",
        "format",
        "size",
        "pyodideVersion",
        "archives",
        "extractDir",
        "jspi",
        "runtime",
    }
    file = built / "dist" / "_framework" / snapshot["file"]
    assert file.stat().st_size == snapshot["size"] > 10_000_000
    assert snapshot["file"] == f"snapshot.{content_hash(file.read_bytes())}.bin"
    archive = built / "dist" / "_framework" / app_json(built)["archives"][0]
    assert snapshot["archives"] == [content_hash(archive.read_bytes())]
    assert (snapshot["pyodideVersion"], snapshot["extractDir"]) == ("314.0.7", "/app")
    # Made as `node` runs the app (Node 20 to 24 have no JSPI without a flag).
    assert snapshot["jspi"] == node_has_jspi()
    assert snapshot["runtime"]["runtime.mjs"] == content_hash(
        (built / "dist/_framework/runtime.mjs").read_bytes()
    )
    assert "pyodide/pyodide.mjs" not in snapshot["runtime"]
    # A console app is not served: no compressed copies.
    assert not list((built / "dist" / "_framework").glob("snapshot.*.gz"))


def test_the_built_app_starts_from_the_snapshot_as_after_a_normal_boot(built: Path) -> None:
    restored, restored_stderr = probe(built, {"env": {"PROBE": "yes"}})
    booted, booted_stderr = probe(built, {"snapshot": False, "env": {"PROBE": "yes"}})
    assert (restored_stderr, booted_stderr) == ("", "")
    assert (restored["restored"], booted["restored"]) == (True, False)
    for report in (restored, booted):
        assert report["greeting"] == "Hello, World! Greetings from node version: v-probe"
        assert report["env"] == "yes"
        assert report["path"] == ["/app", ""]
    again, _ = probe(built)
    assert again["restored"] and again["random"] != restored["random"]


def test_main_mjs_runs_from_the_snapshot(built: Path) -> None:
    result = run_node(built / "dist" / "main.mjs", "python", "is", "great!")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith("\npython is great!\n")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("runtime", "the runtime file api.mjs is not the one it was made with"),
        ("archive", "the app's archives are not those it was made with"),
        ("pyodide", "it was made with Pyodide 314.0.6, this is Pyodide 314.0.7"),
        ("format", "it has format 0, this runtime reads format 1"),
        ("jspi", "it was made {} JSPI (WebAssembly stack switching), which this engine {}"),
        ("missing", "restoring it failed: "),
    ],
)
def test_a_snapshot_that_does_not_match_is_not_used_and_the_console_says_why(
    built: Path, change: str, reason: str
) -> None:
    framework = built / "dist" / "_framework"
    saved = {path: path.read_bytes() for path in framework.iterdir() if path.is_file()}
    config = app_json(built)
    snapshot = config["snapshot"]
    try:
        if change == "runtime":
            (framework / "api.mjs").write_text((framework / "api.mjs").read_text() + "// x\n")
        elif change == "archive":
            snapshot["archives"] = ["0" * 12]
        elif change == "pyodide":
            snapshot["pyodideVersion"] = "314.0.6"
        elif change == "format":
            snapshot["format"] = 0
        elif change == "jspi":
            snapshot["jspi"] = not snapshot["jspi"]
            reason = reason.format(*(("with", "lacks") if snapshot["jspi"] else ("without", "has")))
        else:
            (framework / snapshot["file"]).unlink()
        (framework / "app.json").write_text(json.dumps(config))
        report, stderr = probe(built)
    finally:
        for path, content in saved.items():
            path.write_bytes(content)
    assert not report["restored"]
    assert report["greeting"] == "Hello, World! Greetings from node version: v-probe"
    line = f"jsinterop: booting without the snapshot {snapshot['file']}: {reason}"
    assert stderr.startswith(line) and stderr.count("\n") == 1, stderr


def test_no_snapshot_builds_without_one_and_run_adds_it_again(
    tmp_path: Path, env: dict[str, str]
) -> None:
    assert run_cli("new", "console", "hello", cwd=tmp_path, env=env).returncode == 0
    built = run_cli("build", "hello", "--no-snapshot", cwd=tmp_path, env=env)
    assert built.returncode == 0, built.stderr
    framework = tmp_path / "hello" / "dist" / "_framework"
    assert "snapshot" not in json.loads((framework / "app.json").read_text())
    assert not list(framework.glob("snapshot.*.bin"))
    assert json.loads((framework / "build.json").read_text())["snapshot"] is False

    ran = run_cli("run", "hello", "--", "again", cwd=tmp_path, env=env)
    assert (ran.returncode, ran.stdout.splitlines()[-1]) == (0, "again"), ran.stderr
    assert "jsinterop: building hello" in ran.stderr
    assert "jsinterop: snapshot snapshot." in ran.stderr
    assert len(list(framework.glob("snapshot.*.bin"))) == 1


@pytest.mark.parametrize("case", sorted(USES_JS_AT_IMPORT))
def test_a_module_that_uses_js_at_import_is_refused_by_name(
    tmp_path: Path, env: dict[str, str], case: str
) -> None:
    source, message = USES_JS_AT_IMPORT[case]
    assert run_cli("new", "console", "hello", cwd=tmp_path, env=env).returncode == 0
    (tmp_path / "hello" / "hello" / "settings.py").write_text(source)
    refused = run_cli("build", "hello", cwd=tmp_path, env=env)
    assert refused.returncode == 2
    assert refused.stderr.endswith(f"jsinterop: error: no snapshot can be made: {message}{RULE}"), (
        refused.stderr
    )


def test_a_global_taken_at_import_is_the_live_one_after_the_restore(
    tmp_path: Path, env: dict[str, str]
) -> None:
    assert run_cli("new", "console", "hello", cwd=tmp_path, env=env).returncode == 0
    program = tmp_path / "hello" / "hello" / "program.py"
    source = program.read_text()
    program.write_text(
        "from js import process\n"
        + source.replace('    print(" ".join(args))', "    print(process.argv[2], process.pid > 0)")
    )
    result = run_cli("run", "hello", "--", "live", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "live True"
    assert "jsinterop: snapshot snapshot." in result.stderr
