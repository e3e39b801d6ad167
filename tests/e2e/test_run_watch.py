"""``jsinterop run --watch`` on the console template: main runs again in the same Node process
after a change of the app's Python code, a syntax error is reported and main waits for the
fix, and Node starts again (saying why) for main.mjs or for a main still running."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import Jsinterop

GREETING = "Hello, World! Greetings from node version: "  # main.mjs prints it once per Node
WATCHING = "jsinterop: main returned {code}; watching for changes (Ctrl-C to stop)"
TIMEOUT_S = 60


class Watched:
    """A running ``jsinterop run --watch``, its output (stdout and stderr) read as it comes."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, *, count: int = 1) -> None:
        """Wait until ``count`` lines (from the start) contain ``text``."""
        deadline = time.monotonic() + TIMEOUT_S
        while sum(text in line for line in self.lines) < count:
            assert self.process.poll() is None, "\n".join(self.lines)
            assert time.monotonic() < deadline, f"no {text!r} in:\n" + "\n".join(self.lines)
            time.sleep(0.05)

    def count(self, text: str) -> int:
        return sum(text in line for line in self.lines)


@pytest.fixture
def watched(tmp_path: Path, jsinterop: Jsinterop, app_env: dict[str, str]) -> Iterator[Watched]:
    assert jsinterop("new", "console", "hello").returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "jsinterop", "run", "--watch", "hello", "--", "a", "b"],
        cwd=tmp_path,
        env=app_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    running = Watched(process)
    try:
        yield running
    finally:
        process.terminate()  # the CLI's pipe closes: its Node exits too
        process.wait(timeout=30)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new))


def test_main_runs_again_in_the_same_node_process(watched: Watched, tmp_path: Path) -> None:
    program = tmp_path / "hello" / "hello" / "program.py"
    watched.wait_for(WATCHING.format(code=0))
    assert watched.lines.count("a b") == 1

    edit(program, 'print(" ".join(args))', 'print("edited:", " ".join(args))')
    watched.wait_for("edited: a b")
    watched.wait_for(WATCHING.format(code=0), count=2)
    assert watched.count(GREETING) == 1  # main.mjs did not run again: the same Node
    assert watched.count("jsinterop: changed: program.py; applying it in the same Node process")
    assert watched.count("(hello.program); running main again") == 1

    edit(program, "return 0", "return 0 +")
    watched.wait_for("jsinterop: the change did not apply; main did not run again:")
    watched.wait_for("SyntaxError: invalid syntax")
    assert watched.count('File "/app/hello/program.py", line') == 1

    edit(program, "return 0 +", "return 3")
    watched.wait_for(WATCHING.format(code=3))
    assert watched.count(GREETING) == 1


def test_node_starts_again_for_main_mjs_and_for_a_main_still_running(
    watched: Watched, tmp_path: Path
) -> None:
    app = tmp_path / "hello"
    watched.wait_for(WATCHING.format(code=0))

    (app / "main.mjs").write_text((app / "main.mjs").read_text() + "// saved\n")
    watched.wait_for(
        "jsinterop: changed: main.mjs; restarting Node: main.mjs changed: it is loaded once, "
        "when the app starts"
    )
    watched.wait_for(GREETING, count=2)
    watched.wait_for(WATCHING.format(code=0), count=2)

    program = app / "hello" / "program.py"
    source = program.read_text()
    assert 'def main(args: list[str]) -> int:\n    print(" ".join(args))' in source
    program.write_text(  # one save: main now runs for ten minutes
        source.replace(
            'def main(args: list[str]) -> int:\n    print(" ".join(args))',
            "async def main(args: list[str]) -> int:\n"
            "    import asyncio\n\n    await asyncio.sleep(600)",
        )
    )
    watched.wait_for("running main again")
    edit(program, "asyncio.sleep(600)", "asyncio.sleep(0)")
    watched.wait_for(
        "jsinterop: restarting Node: main is still running, and only a finished main can run "
        "again in this process"
    )
    watched.wait_for(GREETING, count=3)
    watched.wait_for(WATCHING.format(code=0), count=3)
