"""A stand-in for the Pyodide package URL, for tests: this machine reaches no CDN.

No file of Pyodide 314.0.7's lock that was checked (13 pure-Python packages, among them six,
python-dateutil, attrs, packaging, idna) matches PyPI's wheel byte for byte: Pyodide repacks
even pure-Python wheels. So the stand-in folder holds PyPI's wheels of the locked versions
(same file names), and a Pyodide folder beside it, the pinned distribution's files, has a
lock whose entries for those packages carry their hashes. Everything else is the pinned
distribution.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LOCAL_PYODIDE = REPO / "node_modules" / "pyodide"

DISTRIBUTION_PACKAGES = {"python-dateutil": "2.9.0.post0", "six": "1.17.0"}
"""Packages of Pyodide's distribution the stand-in has, at their locked versions."""


def make_distribution(root: Path) -> dict[str, Path]:
    """``{"pyodide": <Pyodide folder>, "packages": <package folder>}`` under ``root``."""
    packages = root / "packages"
    downloaded = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:"]
        + ["--dest", str(packages)]
        + [f"{name}=={version}" for name, version in DISTRIBUTION_PACKAGES.items()],
        capture_output=True,
        text=True,
        check=False,
    )
    assert downloaded.returncode == 0, downloaded.stderr
    pyodide = root / "pyodide"
    pyodide.mkdir()
    for file in LOCAL_PYODIDE.iterdir():
        if file.name != "pyodide-lock.json":
            (pyodide / file.name).symlink_to(file)
    lock = json.loads((LOCAL_PYODIDE / "pyodide-lock.json").read_text())
    for name, version in DISTRIBUTION_PACKAGES.items():
        entry = lock["packages"][name]
        assert entry["version"] == version, f"Pyodide's lock has {name} {entry['version']}"
        entry["sha256"] = hashlib.sha256((packages / entry["file_name"]).read_bytes()).hexdigest()
    (pyodide / "pyodide-lock.json").write_text(json.dumps(lock))
    return {"pyodide": pyodide, "packages": packages}
