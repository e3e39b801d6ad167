"""``_framework/archive.mjs``: the runtime's unzip into Pyodide's file system, in Node.

Each case is a zip made here with Python's ``zipfile``; one Node process unpacks them all
into one Pyodide (a folder each) and reports the files it finds, or the error it raised.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
PYODIDE = REPO / "node_modules" / "pyodide" / "pyodide.mjs"
ARCHIVE_MJS = REPO / "src" / "jsinterop" / "_framework" / "archive.mjs"

SCRIPT = """
import fs from "node:fs";
import { pathToFileURL } from "node:url";

const [pyodideMjs, archiveMjs, folder] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(pyodideMjs).href);
const { unpackZip } = await import(pathToFileURL(archiveMjs).href);
const pyodide = await loadPyodide();
const walk = pyodide.runPython(`
def walk(top):
    import json, os
    found = {}
    for folder, dirs, files in os.walk(top):
        for name in dirs:
            found[os.path.join(folder, name)[len(top) + 1:] + "/"] = None
        for name in files:
            with open(os.path.join(folder, name), "rb") as file:
                found[os.path.join(folder, name)[len(top) + 1:]] = file.read().decode("latin-1")
    return json.dumps(found)
walk
`);
const results = {};
for (const name of fs.readdirSync(folder).sort()) {
  const target = `/cases/${name}`;
  try {
    await unpackZip(pyodide, new Uint8Array(fs.readFileSync(`${folder}/${name}`)), target);
    results[name] = { files: JSON.parse(walk(target)) };
  } catch (error) {
    results[name] = { error: String(error.message ?? error) };
  }
}
console.log(JSON.stringify(results));
process.exit(0);
"""


def zip_of(*entries: tuple[str, bytes, int]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content, method in entries:
            archive.writestr(zipfile.ZipInfo(name), content, compress_type=method)
    return buffer.getvalue()


SOURCE = b"def f():\n    return 'caf\xc3\xa9'\n" * 20
PYC = bytes(range(256)) * 4


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    if shutil.which("node") is None or not PYODIDE.is_file():
        pytest.skip("needs node and node_modules/pyodide (npm ci)")
    folder = tmp_path_factory.mktemp("archives")
    stored, deflated = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
    cases = {
        "mixed.zip": zip_of(
            ("pkg/", b"", stored),
            ("pkg/__init__.py", b"", deflated),
            ("pkg/mod.py", SOURCE, deflated),
            ("pkg/__pycache__/mod.cpython-314.pyc", PYC, deflated),
            ("pkg/data/table.bin", PYC, stored),
            ("pkg/empty/", b"", stored),
            ("top.py", b"x = 1\n", stored),
        ),
        "bzip2.zip": zip_of(("pkg/mod.py", SOURCE, zipfile.ZIP_BZIP2)),
        "unsafe.zip": zip_of(("pkg/../../escape.py", b"x = 1\n", deflated)),
        "absolute.zip": zip_of(("/etc/escape.py", b"x = 1\n", stored)),
        "not-a-zip.zip": b"just some bytes, no zip directory\n" * 3,
    }
    damaged = bytearray(zip_of(("pkg/mod.py", SOURCE, stored)))
    at = bytes(damaged).index(SOURCE) + 5
    damaged[at] ^= 0xFF
    cases["damaged.zip"] = bytes(damaged)
    for name, content in cases.items():
        (folder / name).write_bytes(content)
    script = folder.parent / "unpack.mjs"
    script.write_text(SCRIPT)
    completed = subprocess.run(
        ["node", str(script), str(PYODIDE), str(ARCHIVE_MJS), str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    results: dict[str, Any] = json.loads(completed.stdout.strip().split("\n")[-1])
    return results


def test_stored_and_deflated_entries_and_folders_unpack_as_zipfile_reads_them(
    unpacked: dict[str, Any],
) -> None:
    assert unpacked["mixed.zip"] == {
        "files": {
            "pkg/": None,
            "pkg/__init__.py": "",
            "pkg/mod.py": SOURCE.decode("latin-1"),
            "pkg/__pycache__/": None,
            "pkg/__pycache__/mod.cpython-314.pyc": PYC.decode("latin-1"),
            "pkg/data/": None,
            "pkg/data/table.bin": PYC.decode("latin-1"),
            "pkg/empty/": None,
            "top.py": "x = 1\n",
        }
    }


def test_another_compression_method_goes_to_pyodides_own_unpacking(
    unpacked: dict[str, Any],
) -> None:
    assert unpacked["bzip2.zip"] == {
        "files": {"pkg/": None, "pkg/mod.py": SOURCE.decode("latin-1")}
    }


def test_a_damaged_entry_is_refused_by_its_crc(unpacked: dict[str, Any]) -> None:
    assert unpacked["damaged.zip"] == {
        "error": "jsinterop: the app archive is damaged: pkg/mod.py fails its CRC check"
    }


def test_paths_that_leave_the_folder_are_refused(unpacked: dict[str, Any]) -> None:
    assert unpacked["unsafe.zip"] == {
        "error": "jsinterop: the app archive holds an unsafe path: pkg/../../escape.py"
    }
    assert unpacked["absolute.zip"] == {
        "error": "jsinterop: the app archive holds an unsafe path: /etc/escape.py"
    }


def test_bytes_that_are_no_zip_are_refused(unpacked: dict[str, Any]) -> None:
    assert unpacked["not-a-zip.zip"] == {"error": "jsinterop: the app archive is not a zip file"}
