"""Pyodide's private snapshot API, as ``_framework/snapshot.mjs`` uses it: these tests fail
loudly when a Pyodide upgrade changes it (the version, the declarations, the snapshot's
header, what the restore relies on), before any app finds out.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from typing import Any

import pytest

from jsinterop.cli._pyodide_dist import PYODIDE_VERSION
from tests.e2e.conftest import LOCAL_PYODIDE, REPO

SNAPSHOT_MJS = REPO / "src" / "jsinterop" / "_framework" / "snapshot.mjs"
UPGRADE = (
    "Pyodide's private snapshot API changed: check _framework/snapshot.mjs against "
    "Pyodide's src/js/snapshot.ts and api.ts, then update SNAPSHOT_PYODIDE_VERSION"
)
# The declarations snapshot.mjs relies on, as pyodide.d.ts spells them (whitespace aside).
DECLARATIONS = {
    "_makeSnapshot": r"_makeSnapshot\?: boolean;",
    "_loadSnapshot": (
        r"_loadSnapshot\?: Uint8Array \| ArrayBuffer \| PromiseLike<Uint8Array \| ArrayBuffer>;"
    ),
    "createPyodideModule": r"createPyodideModule\?: CreatePyodideModuleFn;",
    "makeMemorySnapshot": (
        r"static makeMemorySnapshot\(\{ serializer, \}\?: \{ serializer\?: \(obj: any\) => any; "
        r"\}\): Uint8Array;"
    ),
}
ROUND_TRIP = """\
import { pathToFileURL } from "node:url";
const [pyodideDir, snapshotMjs] = process.argv.slice(2);
const snapshot = await import(pathToFileURL(snapshotMjs).href);
const { loadPyodide, version } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const { default: createModule } = await import(pathToFileURL(`${pyodideDir}/pyodide.asm.mjs`).href);

const guard = snapshot.importGuard();
const made = await loadPyodide(snapshot.makingOptions(guard.globals));
made.runPython("answer = 41");
const bytes = snapshot.takeSnapshot(made);
const header = new Uint32Array(bytes.buffer, bytes.byteOffset, 12);
const module = made._module;
const names = ["__PyRuntime", "__PyEM_EMSCRIPTEN_TRAMPOLINE_OFFSET"];
const offset = module.HEAP32[module.__PyEM_EMSCRIPTEN_TRAMPOLINE_OFFSET >>> 2];
const slot = (module.__PyRuntime + offset) >>> 2;

const restore = snapshot.restoring(bytes, createModule);
const restored = await loadPyodide(restore.options);
restore.finish(restored);
console.log(JSON.stringify({
  version,
  unsupported: snapshot.unsupportedPyodide(version) ?? null,
  magic: header[0],
  jsonOffset: header[1],
  buildId: Array.from(header.subarray(4, 12), (n) => n.toString(16).padStart(8, "0")).join(""),
  size: bytes.length,
  exports: names.filter((name) => typeof module[name] === "number"),
  trampolineSlot: Number.isInteger(slot) && slot > 0,
  answer: restored.runPython("answer + 1"),
}));
"""


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A snapshot made and restored with snapshot.mjs's own functions, in Node."""
    if shutil.which("node") is None:
        pytest.skip("node is not on PATH")
    if not (LOCAL_PYODIDE / "pyodide.mjs").is_file():
        pytest.skip("no node_modules/pyodide: run scripts/bootstrap.sh")
    script = tmp_path_factory.mktemp("api") / "round_trip.mjs"
    script.write_text(ROUND_TRIP)
    completed = subprocess.run(
        ["node", str(script), str(LOCAL_PYODIDE), str(SNAPSHOT_MJS)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, f"{UPGRADE}:\n{completed.stderr}"
    report: dict[str, Any] = json.loads(completed.stdout.splitlines()[-1])
    return report


def supported_version() -> str:
    found = re.search(r'SNAPSHOT_PYODIDE_VERSION = "([^"]+)"', SNAPSHOT_MJS.read_text())
    assert found, "snapshot.mjs no longer names the Pyodide version it is written for"
    return found[1]


def test_snapshot_mjs_is_written_for_the_pinned_pyodide() -> None:
    installed = json.loads((LOCAL_PYODIDE / "package.json").read_text())["version"]
    assert supported_version() == PYODIDE_VERSION == installed, UPGRADE


@pytest.mark.parametrize("name", sorted(DECLARATIONS))
def test_pyodide_declares_what_snapshot_mjs_uses(name: str) -> None:
    declarations = " ".join((LOCAL_PYODIDE / "pyodide.d.ts").read_text().split())
    assert re.search(DECLARATIONS[name], declarations), f"{UPGRADE}: {name} is declared otherwise"


def test_a_snapshot_made_and_restored_through_snapshot_mjs(round_trip: dict[str, Any]) -> None:
    assert (round_trip["version"], round_trip["unsupported"]) == (supported_version(), None)
    assert round_trip["magic"] == 0x706E7300, f"{UPGRADE}: the snapshot's magic number changed"
    assert re.fullmatch(r"[0-9a-f]{64}", round_trip["buildId"]), f"{UPGRADE}: no build id"
    assert round_trip["jsonOffset"] % 16 == 0 and round_trip["size"] > 10_000_000
    # What the restore writes back over the restored memory (snapshot.mjs restoring()).
    assert round_trip["exports"] == ["__PyRuntime", "__PyEM_EMSCRIPTEN_TRAMPOLINE_OFFSET"]
    assert round_trip["trampolineSlot"], UPGRADE
    assert round_trip["answer"] == 42


def test_another_pyodide_is_refused_with_a_reason() -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not on PATH")
    script = (
        f"const s = await import({json.dumps(SNAPSHOT_MJS.as_uri())});"
        'console.log(s.unsupportedPyodide("315.0.0"))'
    )
    completed = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        check=True,
    )
    assert completed.stdout == (
        f"snapshots are written for Pyodide {supported_version()}, this is Pyodide 315.0.0\n"
    )


def test_the_snapshot_module_is_the_only_one_on_the_private_api() -> None:
    framework = REPO / "src" / "jsinterop"
    users = sorted(
        path.relative_to(framework).as_posix()
        for path in framework.rglob("*.mjs")
        if re.search(r"_makeSnapshot|_loadSnapshot|makeMemorySnapshot", path.read_text())
    )
    assert users == ["_framework/snapshot.mjs"]
