"""In Chromium, Pyodide imports the bytecode ``jsinterop build`` put in the archive.

The same proof as ``tests/e2e/test_bytecode.py`` (Node), in the page: every module that came
from the archive is imported again under an audit hook that records source compiles, and
none is compiled; a module whose bytecode was taken away is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.conftest import BOOT_TIMEOUT_MS, Jsinterop, PageLog, boot_marks
from tests.e2e.test_bytecode import PROBE_PYTHON


def test_the_page_imports_jsinterop_and_the_app_from_bytecode(
    jsinterop: Jsinterop, site: Path, base_url: str, page: Page, page_log: PageLog
) -> None:
    jsinterop("new", "browser", "bytecode", "-o", "app/bytecode", cwd=site)
    built = jsinterop("build", "app/bytecode", "-o", "bytecode", cwd=site)
    assert "bytecode not precompiled" not in built.stderr

    page.goto(f"{base_url}/bytecode/")
    expect(page.locator("#out")).to_have_text(
        f"Hello, World! Greetings from {base_url}/bytecode/", timeout=BOOT_TIMEOUT_MS
    )
    assert "jsinterop:python-code" in boot_marks(page, ("jsinterop:python-code",))
    probe: dict[str, Any] = json.loads(
        page.evaluate(
            "code => globalThis.getPythonRuntime(0).pyodide.runPython(code)",
            PROBE_PYTHON.replace("hello.program", "bytecode.program"),
        )
    )
    assert {"jsinterop", "jsinterop._spec_types", "bytecode.program"} <= set(probe["names"])
    assert probe["missing"] == []
    assert probe["loaders"] == ["SourceFileLoader"]
    assert probe["compiledOnReimport"] == []
    assert probe["compiledWithoutPyc"] == ["/app/bytecode/program.py"]
    assert page_log.problems() == []
