"""The tools as a new user meets them: ``bind`` with no TypeScript installed, a console app
whose package exports nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import REPO, Jsinterop


@pytest.mark.network
def test_bind_fetches_its_typescript_on_a_machine_without_one(
    tmp_path: Path, jsinterop: Jsinterop, app_env: dict[str, str]
) -> None:
    if subprocess.run(["npm", "--version"], capture_output=True, check=False).returncode != 0:
        pytest.skip("npm is not available")
    declarations = tmp_path / "nanoid.d.ts"  # outside any node_modules
    declarations.write_text((REPO / "node_modules" / "nanoid" / "index.d.ts").read_text())
    env = {key: value for key, value in app_env.items() if not key.startswith("JSINTEROP_")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "fresh-cache")
    arguments = ["bind", str(declarations), "-o", "stubs.py", "--module-name", "nanoid"]
    first = jsinterop(*arguments, env=env)
    assert first.returncode == 0, first.stderr
    cache = tmp_path / "fresh-cache" / "jsinterop" / "typescript-5.9.3"
    assert f"jsinterop: fetching typescript@5.9.3 into {cache} (once) ..." in first.stderr
    assert first.stdout == "stubs.py: 4 stubs, 1 not bound (module 'nanoid')\n"
    assert "def nanoid(size: float | None = None) -> str:" in (tmp_path / "stubs.py").read_text()
    again = jsinterop(*arguments, env=env)
    assert again.returncode == 0, again.stderr
    assert "fetching" not in again.stderr


def test_the_console_template_runs_when_the_package_exports_nothing(
    tmp_path: Path, jsinterop: Jsinterop
) -> None:
    assert jsinterop("new", "console", "hello").returncode == 0
    program = tmp_path / "hello" / "hello" / "program.py"
    text = program.read_text()
    assert "@js_export\n" in text
    program.write_text(text.replace("@js_export\n", ""))
    result = jsinterop("run", "hello", "--", "still", "runs")
    assert (result.returncode, result.stdout) == (0, "still runs\n"), result.stderr
