"""The JS-only tests under ``tests/js/`` (``node --test``): converters run with a stand-in FFI."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
JS_TESTS = REPO / "tests" / "js"


def test_the_js_only_tests_pass() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not on PATH")
    files = sorted(str(path) for path in JS_TESTS.glob("*.test.mjs"))
    assert files, f"no *.test.mjs in {JS_TESTS}"
    completed = subprocess.run(
        [node, "--test", "--test-reporter=tap", *files],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = completed.stdout + completed.stderr
    assert completed.returncode == 0, report
    passed = re.search(r"^# pass (\d+)$", completed.stdout, re.MULTILINE)
    assert passed is not None and int(passed.group(1)) > 0, report
