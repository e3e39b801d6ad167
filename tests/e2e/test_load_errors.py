"""Errors while an app loads, outside the browser: the build stops on an app that cannot be
imported, and ``run`` prints one Python traceback. (In the browser:
tests/browser/test_load_errors.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import Jsinterop

IMPORT_FAILS_IN_PYODIDE = """
import sys

if sys.platform == "emscripten":
    raise ValueError("broken at import")
"""


@pytest.fixture(scope="module")
def module_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def app_env(app_env: dict[str, str], module_cache: Path) -> dict[str, str]:
    """The module's tests share one user cache: jsinterop's bytecode is compiled once."""
    return {**app_env, "XDG_CACHE_HOME": str(module_cache)}


def test_the_build_fails_when_the_app_cannot_be_imported(
    tmp_path: Path, jsinterop: Jsinterop
) -> None:
    assert jsinterop("new", "components", "bad").returncode == 0
    (tmp_path / "bad" / "bad" / "pages" / "counter.py").write_text("import not_installed\n")
    built = jsinterop("build", "bad")
    assert built.returncode == 2
    assert built.stderr.splitlines()[-1] == (
        "jsinterop: error: cannot import bad to read its exports: ModuleNotFoundError: No "
        "module named 'not_installed' (at bad/bad/pages/counter.py, line 1); if "
        "'not_installed' comes from a package, add that package to [project] dependencies "
        "in pyproject.toml"
    )
    assert not (tmp_path / "bad" / "dist").exists()


def test_run_prints_one_python_traceback(tmp_path: Path, jsinterop: Jsinterop) -> None:
    assert jsinterop("new", "console", "hello").returncode == 0
    program = tmp_path / "hello" / "hello" / "program.py"
    program.write_text(program.read_text() + IMPORT_FAILS_IN_PYODIDE)
    result = jsinterop("run", "hello")
    assert result.returncode == 1
    assert result.stderr.count('hello/program.py", line') == 1, result.stderr
    assert result.stderr.count("ValueError: broken at import") == 1, result.stderr
    assert "pythonTraceback" not in result.stderr
