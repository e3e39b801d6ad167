"""A built app's archive carries bytecode for Pyodide's Python, and Pyodide imports it.

``jsinterop build`` compiles every ``.py`` of the archive with the pinned Pyodide (run with
Node) into ``__pycache__/*.cpython-314.pyc`` beside it. Proof that the runtime uses them,
without timing anything: after the runtime booted from the archive, every module that came
from it is imported again under an audit hook that records each source compile; no module
is compiled, and a module whose bytecode was taken away is (so the hook does see compiles).
"""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from tests.e2e.conftest import LOCAL_PYODIDE, Jsinterop

# Run inside the built app, in Pyodide, after python.create().
PROBE_PYTHON = r"""
import importlib, json, os, sys

def from_archive(module):
    return (getattr(module, "__file__", None) or "").startswith("/app/")

names = sorted(name for name, module in list(sys.modules.items()) if from_archive(module))
cached = {name: sys.modules[name].__cached__ for name in names}
missing = [path for path in cached.values() if not os.path.isfile(path)]
loaders = sorted({type(sys.modules[name].__loader__).__name__ for name in names})
compiled = []

def hook(event, args):
    if event == "compile" and isinstance(args[1], str) and args[1].startswith("/app/"):
        compiled.append(args[1])

sys.addaudithook(hook)
for name in names:
    del sys.modules[name]
for name in names:
    importlib.import_module(name)
again = list(compiled)

os.remove(sys.modules["hello.program"].__cached__)
del sys.modules["hello.program"]
importlib.import_module("hello.program")
json.dumps({
    "names": names,
    "cached": cached,
    "missing": missing,
    "loaders": loaders,
    "compiledOnReimport": again,
    "compiledWithoutPyc": compiled[len(again):],
})
"""

PROBE = """
import { python } from "./_framework/jsinterop.mjs";

const runtime = await python.create();
await runtime.getExports("hello");  // imports the app's package, as a real start does
console.log(runtime.pyodide.runPython(%s));
process.exit(0);
"""


def archive_of(out: Path) -> tuple[str, zipfile.ZipFile]:
    config = json.loads((out / "_framework" / "app.json").read_text())
    name: str = config["archives"][0]
    return name, zipfile.ZipFile(io.BytesIO((out / "_framework" / name).read_bytes()))


def pyc_for(name: str) -> str:
    path = PurePosixPath(name)
    return str(path.parent / "__pycache__" / f"{path.stem}.cpython-314.pyc")


@pytest.fixture
def built(tmp_path: Path, jsinterop: Jsinterop) -> Path:
    if not (LOCAL_PYODIDE / "pyodide.mjs").is_file():
        pytest.skip("node_modules/pyodide is not installed (npm ci)")
    created = jsinterop("new", "console", "hello")
    assert created.returncode == 0, created.stderr
    result = jsinterop("build", "hello", "-o", "out")
    assert result.returncode == 0, result.stderr
    assert "bytecode" not in result.stderr
    return tmp_path / "out"


def test_every_module_in_the_archive_has_unchecked_hash_bytecode(built: Path) -> None:
    _, archive = archive_of(built)
    names = set(archive.namelist())
    sources = sorted(name for name in names if name.endswith(".py"))
    assert {"hello/program.py", "jsinterop/_spec_types.py", "jsinterop/_bridge.py"} <= set(sources)
    assert [name for name in sources if pyc_for(name) not in names] == []
    assert {name for name in names if name.endswith(".pyc")} == {pyc_for(n) for n in sources}
    for source in sources:
        header = archive.read(pyc_for(source))[:8]
        assert header[2:4] == b"\r\n", source  # a CPython magic number
        # PEP 552 flags: hash-based (bit 0), not checked against the source (bit 1 clear).
        assert int.from_bytes(header[4:8], "little") == 0b01, source


def test_the_archive_is_the_same_when_compiled_afresh(
    built: Path, tmp_path: Path, jsinterop: Jsinterop, app_env: dict[str, str]
) -> None:
    other_cache = {**app_env, "XDG_CACHE_HOME": str(tmp_path / "other-cache")}
    result = jsinterop("build", "hello", "-o", "again", env=other_cache)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "other-cache" / "jsinterop").is_dir()  # compiled afresh, not reused
    first, _ = archive_of(built)
    second, _ = archive_of(tmp_path / "again")
    assert first == second
    assert (built / "_framework" / first).read_bytes() == (
        tmp_path / "again" / "_framework" / second
    ).read_bytes()


def test_pyodide_imports_the_bytecode_instead_of_compiling(built: Path) -> None:
    (built / "probe.mjs").write_text(PROBE % json.dumps(PROBE_PYTHON))
    completed = subprocess.run(
        ["node", "probe.mjs"], cwd=built, capture_output=True, text=True, timeout=300, check=False
    )
    assert completed.returncode == 0, completed.stderr
    probe = json.loads(completed.stdout.strip().splitlines()[-1])

    assert {"jsinterop", "jsinterop._spec_types", "jsinterop._bridge", "hello.program"} <= set(
        probe["names"]
    )
    assert (
        probe["cached"]["jsinterop._spec_types"]
        == "/app/jsinterop/__pycache__/_spec_types.cpython-314.pyc"
    )
    assert probe["missing"] == []
    assert probe["loaders"] == ["SourceFileLoader"]
    assert probe["compiledOnReimport"] == []
    assert probe["compiledWithoutPyc"] == ["/app/hello/program.py"]
