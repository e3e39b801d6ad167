"""``jsinterop new console`` then ``jsinterop run``: the .NET wasmconsole sample, in Python."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import Jsinterop

BUILDING = "jsinterop: building hello -> "


def node_version() -> str:
    return subprocess.run(
        ["node", "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()


def archive(app: Path) -> str:
    config = json.loads((app / "dist" / "_framework" / "app.json").read_text())
    name: str = config["archives"][0]
    return name


def edit_main(app: Path, old: str, new: str) -> None:
    program = app / "hello" / "program.py"
    text = program.read_text()
    assert old in text
    program.write_text(text.replace(old, new))


@pytest.fixture
def hello(tmp_path: Path, jsinterop: Jsinterop) -> Path:
    created = jsinterop("new", "console", "hello")
    assert created.returncode == 0, created.stderr
    return tmp_path / "hello"


def test_hello(hello: Path, jsinterop: Jsinterop) -> None:
    result = jsinterop("run", "hello", "--", "python", "is", "great!")
    assert (result.returncode, result.stdout) == (
        0,
        f"Hello, World! Greetings from node version: {node_version()}\npython is great!\n",
    ), result.stderr
    assert BUILDING in result.stderr


def test_main_return_value_is_the_exit_code_and_an_edit_rebuilds(
    hello: Path, jsinterop: Jsinterop
) -> None:
    first = jsinterop("run", "hello")
    assert first.returncode == 0, first.stderr
    before = archive(hello)

    edit_main(hello, "return 0", "return 3")
    second = jsinterop("run", "hello", "--", "bye")
    assert second.returncode == 3, second.stderr
    assert second.stdout.endswith("\nbye\n")
    assert BUILDING in second.stderr
    assert archive(hello) != before


def test_run_without_changes_does_not_rebuild(hello: Path, jsinterop: Jsinterop) -> None:
    first = jsinterop("run", "hello")
    assert first.returncode == 0, first.stderr
    stamp = hello / "dist" / "_framework" / "build.json"
    written = stamp.stat().st_mtime_ns

    second = jsinterop("run", "hello")
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
    assert BUILDING not in second.stderr
    assert stamp.stat().st_mtime_ns == written


def test_an_exception_in_main_exits_1_with_the_traceback(hello: Path, jsinterop: Jsinterop) -> None:
    edit_main(hello, "return 0", 'raise ValueError("python is not great?")')
    result = jsinterop("run", "hello")
    assert result.returncode == 1
    assert "Traceback (most recent call last):" in result.stderr
    assert 'hello/program.py", line' in result.stderr
    assert result.stderr.rstrip().endswith("ValueError: python is not great?")


def test_build_then_run_the_output_with_node(
    hello: Path, tmp_path: Path, jsinterop: Jsinterop
) -> None:
    built = jsinterop("build", "hello", "-o", "site")
    assert (built.returncode, built.stdout) == (0, ""), built.stderr
    result = subprocess.run(
        ["node", "site/main.mjs", "from", "node"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout.splitlines()[-1]) == (0, "from node"), result.stderr


@pytest.mark.network
def test_pyodide_is_fetched_with_npm_into_the_user_cache(
    hello: Path, tmp_path: Path, jsinterop: Jsinterop, app_env: dict[str, str]
) -> None:
    if subprocess.run(["npm", "--version"], capture_output=True, check=False).returncode != 0:
        pytest.skip("npm is not available")
    env = {key: value for key, value in app_env.items() if key != "JSINTEROP_PYODIDE_DIR"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "fresh-cache")
    result = jsinterop("run", "hello", "--", "fetched", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("\nfetched\n")
    assert "jsinterop: fetching Pyodide 314.0.7 into " in result.stderr
    cached = tmp_path / "fresh-cache" / "jsinterop" / "pyodide-314.0.7" / "node_modules" / "pyodide"
    assert json.loads((cached / "package.json").read_text())["version"] == "314.0.7"
    assert [path.name for path in cached.parents[2].iterdir()] == ["pyodide-314.0.7"]

    shutil.rmtree(hello / "dist")
    again = jsinterop("run", "hello", env=env)
    assert again.returncode == 0, again.stderr
    assert BUILDING in again.stderr
    assert "fetching" not in again.stderr
