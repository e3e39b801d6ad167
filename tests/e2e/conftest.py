"""End-to-end tests: the ``jsinterop`` command in a subprocess, running apps with Node."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LOCAL_PYODIDE = REPO / "node_modules" / "pyodide"

Jsinterop = Callable[..., subprocess.CompletedProcess[str]]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "network: reaches the npm registry (slow); deselect with -m 'not network'"
    )


@pytest.fixture
def app_env(tmp_path: Path) -> dict[str, str]:
    """The environment the CLI runs in: the repo's Pyodide when there is one, no user cache."""
    if shutil.which("node") is None:
        pytest.skip("node is not on PATH")
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    if (LOCAL_PYODIDE / "pyodide.mjs").is_file():
        env["JSINTEROP_PYODIDE_DIR"] = str(LOCAL_PYODIDE)
    return env


@pytest.fixture
def jsinterop(tmp_path: Path, app_env: dict[str, str]) -> Jsinterop:
    """``python -m jsinterop ARGS...`` in ``tmp_path``; returns the completed process."""

    def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "jsinterop", *args],
            cwd=tmp_path,
            env=app_env if env is None else env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    return run
