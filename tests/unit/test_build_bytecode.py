"""Bytecode for the app archive (``jsinterop.cli._bytecode``): when there is none, and the cache.

Compiling needs Node and the real Pyodide: those tests skip without them (``make e2e`` has the
end-to-end ones, ``tests/e2e/test_bytecode.py``). The rest use stand-in distributions.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from jsinterop.cli._app import read_app
from jsinterop.cli._archive import app_archive, zip_archive
from jsinterop.cli._build import build_if_needed, is_up_to_date
from jsinterop.cli._bytecode import archive_bytecode, bytecode_cache_dir
from jsinterop.cli._messages import Progress
from jsinterop.cli._pyodide_dist import PYODIDE_FILES, PYODIDE_VERSION
from jsinterop.cli._scaffold import new_app

REPO = Path(__file__).resolve().parents[2]
LOCAL_PYODIDE = REPO / "node_modules" / "pyodide"
NODE = shutil.which("node")


def stand_in_pyodide(folder: Path, *, wasm: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        (folder / name).write_text(f"stand-in {name}\n")
    (folder / "pyodide.asm.wasm").write_bytes(wasm)
    (folder / "package.json").write_text(json.dumps({"version": PYODIDE_VERSION}))
    return folder


@pytest.fixture
def real_pyodide() -> Path:
    if NODE is None or not (LOCAL_PYODIDE / "pyodide.mjs").is_file():
        pytest.skip("needs node and node_modules/pyodide (npm ci)")
    return LOCAL_PYODIDE


def names_in(archive: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(archive)).namelist()


def test_the_cache_sits_inside_the_pyodide_cache() -> None:
    environ = {"XDG_CACHE_HOME": "/somewhere"}
    expected = Path(f"/somewhere/jsinterop/pyodide-{PYODIDE_VERSION}/bytecode")
    assert bytecode_cache_dir(environ) == expected


def test_a_stand_in_distribution_compiles_nothing_and_says_nothing(tmp_path: Path) -> None:
    pyodide = stand_in_pyodide(tmp_path / "pyodide", wasm=b"not WebAssembly\n")
    notes: list[str] = []
    found = archive_bytecode({"a/b.py": b"x = 1\n"}, pyodide, progress=notes.append)
    assert (found, notes) == ({}, [])


def test_without_node_the_archive_has_sources_only_and_the_build_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyodide = stand_in_pyodide(tmp_path / "pyodide", wasm=b"\0asm\1\0\0\0")
    monkeypatch.setattr(shutil, "which", lambda _: None)
    monkeypatch.chdir(tmp_path)
    app = read_app(new_app("console", "hello"))
    notes: list[str] = []
    archive = app_archive(app, pyodide_dir=pyodide, progress=notes.append)
    assert notes == [
        "bytecode not precompiled (node not found on PATH): Pyodide compiles the app's "
        "Python code each time it starts"
    ]
    assert "hello/program.py" in names_in(archive)
    assert [name for name in names_in(archive) if name.endswith(".pyc")] == []
    assert archive == app_archive(app)


@pytest.mark.skipif(NODE is None, reason="needs node")
def test_a_distribution_node_cannot_load_is_a_note_not_an_error(tmp_path: Path) -> None:
    pyodide = stand_in_pyodide(tmp_path / "pyodide", wasm=b"\0asm\1\0\0\0")
    notes: list[str] = []
    found = archive_bytecode(
        {"a/b.py": b"x = 1\n"}, pyodide, progress=notes.append, cache=tmp_path / "cache"
    )
    assert found == {}
    assert len(notes) == 1
    assert notes[0].startswith("bytecode not precompiled (compiling with Pyodide failed: ")


def test_bytecode_is_compiled_once_then_read_from_the_cache(
    real_pyodide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = {
        "app/__init__.py": b"",
        "app/main.py": b"def main() -> int:\n    return 0\n",
        "app/broken.py": b"def broken(:\n",
        "app/data.json": b"{}\n",
    }
    notes: list[str] = []
    cache = tmp_path / "cache"
    found = archive_bytecode(sources, real_pyodide, progress=notes.append, cache=cache)
    assert sorted(found) == [
        "app/__pycache__/__init__.cpython-314.pyc",
        "app/__pycache__/main.cpython-314.pyc",
    ]
    assert len(notes) == 1
    assert notes[0].startswith("bytecode not precompiled for app/broken.py: ")

    def no_node(*args: object, **kwargs: object) -> None:
        raise AssertionError("Node ran although every file was cached")

    del sources["app/broken.py"]
    monkeypatch.setattr(subprocess, "run", no_node)
    assert archive_bytecode(sources, real_pyodide, progress=notes.append, cache=cache) == found
    archive = zip_archive({**sources, **found})
    assert names_in(archive) == sorted([*sources, *found])


def test_a_build_without_bytecode_is_not_up_to_date_for_one_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyodide = stand_in_pyodide(tmp_path / "pyodide", wasm=b"not WebAssembly\n")
    monkeypatch.setenv("JSINTEROP_PYODIDE_DIR", str(pyodide))
    monkeypatch.chdir(tmp_path)
    app = read_app(new_app("console", "hello"))
    out = tmp_path / "out"
    quiet: Progress = [].append

    assert build_if_needed(app, out, progress=quiet, bytecode=False)
    assert json.loads((out / "_framework/build.json").read_text())["bytecode"] is False
    assert is_up_to_date(app, out, bytecode=False)
    assert not is_up_to_date(app, out)
    assert build_if_needed(app, out, progress=quiet)
    assert "bytecode" not in json.loads((out / "_framework/build.json").read_text())
    assert is_up_to_date(app, out)
    assert not build_if_needed(app, out, progress=quiet)


def test_cached_only_takes_the_cache_and_compiles_nothing(
    real_pyodide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A dev server's rebuild: bytecode for the files the cache holds, none for an edited one,
    # and no Node start.
    sources = {"app/__init__.py": b"", "app/main.py": b"x = 1\n"}
    cache = tmp_path / "cache"
    assert archive_bytecode(sources, real_pyodide, cache=cache, cached_only=True) == {}
    found = archive_bytecode(sources, real_pyodide, cache=cache)

    def no_node(*args: object, **kwargs: object) -> None:
        raise AssertionError("Node ran in a cached-only build")

    monkeypatch.setattr(subprocess, "run", no_node)
    edited = {**sources, "app/main.py": b"x = 2\n"}
    again = archive_bytecode(edited, real_pyodide, cache=cache, cached_only=True)
    assert sorted(again) == ["app/__pycache__/__init__.cpython-314.pyc"]
    assert (
        again["app/__pycache__/__init__.cpython-314.pyc"]
        == (found["app/__pycache__/__init__.cpython-314.pyc"])
    )
