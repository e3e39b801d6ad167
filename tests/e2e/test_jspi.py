"""JSPI's two paths from outside: the interop tests of tests/interop/test_jspi.py in a Node
without JSPI (where a plain ``def`` stub over a Promise is refused): a real one (the machine's
Node 20 or 22 without the flag) and the current Node with JSPI hidden; and ``jsinterop run`` on
the current Node bootstrap installs from npm (.cache/node24)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from jsinterop.cli._node import jspi_arguments
from tests.e2e.conftest import Jsinterop

REPO = Path(__file__).resolve().parents[2]
CURRENT_NODE = REPO / ".cache" / "node24" / "node_modules" / ".bin" / "node"


# Deleted before Pyodide boots, so that a Node which has JSPI runs as one without it does:
# Pyodide and jsinterop look for these to decide whether run_sync can work.
HIDE_JSPI = "data:text/javascript,delete WebAssembly.Suspending; delete WebAssembly.promising;"


def node_without_jspi(which: str) -> list[str]:
    """The command of a Node without JSPI: the machine's ``node`` without the flag (a real
    Node 20 or 22), or the current Node with JSPI hidden (as in an engine that lacks it)."""
    if which == "machine":
        node = shutil.which("node")
        if node is None:
            pytest.skip("node is not on PATH")
        if jspi_arguments(node) == []:
            pytest.skip(f"{node} has JSPI without a flag; the current-node case hides it")
        return [node]
    if not CURRENT_NODE.is_file():
        pytest.skip(f"no {CURRENT_NODE}: run scripts/bootstrap.sh (make bootstrap) first")
    return [str(CURRENT_NODE), "--import", HIDE_JSPI]


@pytest.mark.parametrize("which", ["machine", "current"])
def test_without_jspi_a_plain_def_over_a_promise_is_refused(which: str) -> None:
    suite = ["--expose-gc", "tests/interop/run.mjs", "-k", "test_jspi", "-rs"]
    completed = subprocess.run(
        [*node_without_jspi(which), *suite],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = completed.stdout + completed.stderr
    assert completed.returncode == 0, report
    # The refusal's test ran; the four that need JSPI skipped saying so.
    assert re.search(r"\b1 passed, 4 skipped\b", report), report
    assert report.count("needs JSPI") == 4, report


def test_run_works_on_the_current_node(
    tmp_path: Path, jsinterop: Jsinterop, app_env: dict[str, str]
) -> None:
    if not CURRENT_NODE.is_file():
        pytest.skip(f"no {CURRENT_NODE}: run scripts/bootstrap.sh (make bootstrap) first")
    assert jsinterop("new", "console", "hello").returncode == 0
    program = tmp_path / "hello" / "hello" / "program.py"
    # main calls a plain def stub over a Promise: it waits with JSPI, which `jsinterop run`
    # gives Node (Node 24.21+ has it without a flag).
    text = program.read_text().replace(
        '    print(" ".join(args))\n', '    print(" ".join(args), resolved(5))\n'
    )
    program.write_text(
        text + '\n\n@js_import("Promise.resolve")\ndef resolved(value: int) -> int: ...\n'
    )
    env = {**app_env, "PATH": f"{CURRENT_NODE.parent}:{app_env['PATH']}"}
    version = subprocess.run(
        [CURRENT_NODE, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    ran = jsinterop("run", "hello", "--", "promised", env=env)
    assert (ran.returncode, ran.stdout) == (
        0,
        f"Hello, World! Greetings from node version: {version}\npromised 5\n",
    ), ran.stderr
