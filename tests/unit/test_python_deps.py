"""The parts of ``_python_deps`` that need no package index: the lock file, the settings, and
what pip is shown of Pyodide's distribution. (Resolving and fetching: tests/e2e.)"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from jsinterop.cli._app import read_app
from jsinterop.cli._messages import CliError
from jsinterop.cli._python_deps import (
    LockedWheel,
    PyodideTarget,
    _distribution_stand_ins,
    pyodide_packages_url,
    python_requirements,
    read_lock,
    render_lock,
)

REPO = Path(__file__).resolve().parents[2]
PYODIDE = REPO / "node_modules" / "pyodide"

HUMANIZE = LockedWheel(
    "humanize",
    "4.15.0",
    "humanize-4.15.0-py3-none-any.whl",
    "https://files.example/humanize-4.15.0-py3-none-any.whl",
    "b1186eb9",
    "index",
)
SIX = LockedWheel(
    "six",
    "1.17.0",
    "six-1.17.0-py2.py3-none-any.whl",
    "https://cdn.example/six-1.17.0-py2.py3-none-any.whl",
    "228c50f7",
    "pyodide",
)


def make_app(tmp_path: Path, tool: str = "", dependencies: str = '["jsinterop"]') -> Path:
    app = tmp_path / "hello"
    (app / "hello").mkdir(parents=True)
    (app / "hello" / "__init__.py").write_text("")
    (app / "hello" / "program.py").write_text("def main() -> None: ...\n")
    (app / "pyproject.toml").write_text(
        f'[project]\nname = "hello"\ndependencies = {dependencies}\n'
        f'[tool.jsinterop]\nmain = "hello.program:main"\n{tool}'
    )
    return app


def test_a_lock_reads_back_as_written(tmp_path: Path) -> None:
    lock = tmp_path / "pylock.toml"
    lock.write_text(render_lock([SIX, HUMANIZE], "f00d"))
    assert read_lock(lock) == ("f00d", [HUMANIZE, SIX])


def test_a_lock_jsinterop_did_not_write_is_refused(tmp_path: Path) -> None:
    lock = tmp_path / "pylock.toml"
    lock.write_text('lock-version = "1.0"\n[[packages]]\nname = "humanize"\nversion = "4.15.0"\n')
    with pytest.raises(CliError) as raised:
        read_lock(lock)
    assert str(raised.value) == (
        f"{lock}: not a lock file jsinterop wrote (a package without one wheel, URL and "
        "sha256); delete it or build with --upgrade to make it again"
    )


def test_requirements_leave_out_jsinterop(tmp_path: Path) -> None:
    app = make_app(tmp_path, dependencies='["jsinterop>=0.1", "humanize==4.15.0"]')
    assert python_requirements(read_app(app)) == ["humanize==4.15.0"]


def test_requirements_must_be_a_list_of_strings(tmp_path: Path) -> None:
    app = make_app(tmp_path, dependencies='"humanize"')
    with pytest.raises(CliError) as raised:
        python_requirements(read_app(app))
    assert str(raised.value) == (
        f"{app / 'pyproject.toml'}: [project] dependencies must be a list of requirement "
        'strings, e.g. ["humanize==4.15.0"]'
    )


def test_the_package_url_is_the_pinned_versions_unless_configured(tmp_path: Path) -> None:
    assert pyodide_packages_url(read_app(make_app(tmp_path))) == (
        "https://cdn.jsdelivr.net/pyodide/v314.0.7/full/"
    )


def test_a_configured_folder_is_a_file_url_relative_to_the_app(tmp_path: Path) -> None:
    app = make_app(tmp_path, tool='pyodide-packages-url = "../mirror"\n')
    assert pyodide_packages_url(read_app(app)) == (tmp_path / "mirror").as_uri() + "/"


@pytest.mark.skipif(not PYODIDE.is_dir(), reason="needs the repo's Pyodide (make bootstrap)")
def test_pip_sees_each_distribution_package_as_a_wheel_with_its_dependencies(
    tmp_path: Path,
) -> None:
    target = PyodideTarget.read(PYODIDE)
    assert target.platform == "pyemscripten_2026_0_wasm32"
    folder = _distribution_stand_ins(target, tmp_path / "stand-ins")
    entry = target.packages["python-dateutil"]
    with zipfile.ZipFile(folder / entry["file_name"]) as wheel:
        metadata = wheel.read("python_dateutil-2.9.0.post0.dist-info/METADATA").decode()
    assert metadata == (
        "Metadata-Version: 2.1\nName: python-dateutil\nVersion: 2.9.0.post0\nRequires-Dist: six\n"
    )
    lock = json.loads((PYODIDE / "pyodide-lock.json").read_text())
    wheels = [e for e in lock["packages"].values() if e["file_name"].endswith(".whl")]
    assert len(list(folder.iterdir())) == len(wheels) + 1  # and jsinterop, always shipped
