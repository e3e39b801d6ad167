"""Snapshots on CPython: the import-time rule's messages (``_startup``), what is set again
after a restore, the bridge's refusal, and the CLI's serving helpers (``cli/_snapshot``).

Making and restoring snapshots needs Node: tests/e2e/test_snapshot.py and
tests/e2e/test_snapshot_api.py.
"""

from __future__ import annotations

import json
import os
import random
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from jsinterop import _bridge
from jsinterop._startup import RUNTIME_REFUSED, after_restore, import_for_snapshot
from jsinterop.cli._snapshot import Snapshot, page_fetches, precompressed

RULE = (
    " A snapshot keeps what the app's modules did when the build imported them, so they may "
    "not use JS while they import (no js.* value or call, no @js_import stub call, no JSHost): "
    "move that code into main() or a function it calls, or build with --no-snapshot (see "
    "docs/snapshots.md)."
)


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An importable package ``snapapp`` in ``tmp_path``; removed from sys.modules after."""
    folder = tmp_path / "snapapp"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield folder
    for name in [name for name in sys.modules if name.split(".")[0] == "snapapp"]:
        del sys.modules[name]


def imports(modules: Sequence[str], packages: Sequence[str] = ()) -> str | None:
    return import_for_snapshot(json.dumps(list(modules)), json.dumps(list(packages)))


def test_an_app_that_imports_cleanly_is_kept(package: Path) -> None:
    (package / "program.py").write_text("from jsinterop import js_export\nVALUE = 1\n")
    (package / "pages").mkdir()
    (package / "pages" / "__init__.py").write_text("")
    (package / "pages" / "home.py").write_text("TITLE = 'home'\n")
    assert imports(["snapapp.program"], ["snapapp"]) is None
    assert {"snapapp.program", "snapapp.pages.home"} <= set(sys.modules)


def test_a_module_using_the_runtime_at_import_is_refused_by_name(package: Path) -> None:
    (package / "settings.py").write_text("from jsinterop import is_node\n\nNODE = is_node()\n")
    (package / "program.py").write_text("import snapapp.settings\n")
    path = package / "settings.py"
    assert imports(["snapapp.program"]) == (
        f"snapapp.settings uses JS at import (line 3 of {path}): RuntimeError: "
        f"{RUNTIME_REFUSED}.{RULE}"
    )


def test_a_browser_global_missing_at_build_is_refused_as_a_use_of_js(package: Path) -> None:
    (package / "page.py").write_text("from js import document\n")
    message = imports(["snapapp"], ["snapapp"])
    assert message is not None
    assert message.startswith(f"snapapp.page uses JS at import (line 1 of {package / 'page.py'}): ")
    assert message.endswith(
        "(the build imports the app in Node, where a browser's globals such as document do "
        f"not exist).{RULE}"
    )


def test_a_module_that_fails_for_another_reason_says_so(package: Path) -> None:
    (package / "broken.py").write_text("x = 1\nraise ValueError('not today')\n")
    assert imports([], ["snapapp"]) == (
        f"snapapp.broken cannot be imported for the snapshot (line 2 of "
        f"{package / 'broken.py'}): ValueError: not today. Fix it, or build with --no-snapshot."
    )


def test_the_runtime_is_refused_only_while_the_app_imports() -> None:
    with _bridge.refusing_runtime("made for a test"):
        with pytest.raises(RuntimeError) as raised:
            _bridge.is_browser()
        assert str(raised.value) == "made for a test"
    assert _bridge.is_node() is False  # CPython: no runtime, no refusal


def test_after_restore_sets_the_environment_reseeds_random_and_mends_sys_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "path", ["", "/app", "", "/lib/python314.zip"])
    monkeypatch.delenv("JSINTEROP_RESTORED", raising=False)
    random.seed(7)
    state = random.getstate()
    after_restore(json.dumps({"JSINTEROP_RESTORED": "yes"}))
    assert os.environ.pop("JSINTEROP_RESTORED") == "yes"
    assert random.getstate() != state
    assert sys.path == ["/app", "", "/lib/python314.zip"]


@pytest.mark.parametrize(
    ("accept", "sent"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip;q=0.5", "gzip"),
        ("identity", None),
        ("", None),
    ],
)
def test_the_precompressed_copy_follows_accept_encoding(
    tmp_path: Path, accept: str, sent: str | None
) -> None:
    snapshot = tmp_path / "snapshot.ab12.bin"
    for suffix in ("", ".gz", ".br"):
        snapshot.with_name(snapshot.name + suffix).write_bytes(b"x")
    found = precompressed(snapshot, accept)
    suffix = {"br": ".br", "gzip": ".gz"}.get(sent or "")
    assert found == (None if sent is None else (tmp_path / f"snapshot.ab12.bin{suffix}", sent))


def test_a_file_without_copies_is_sent_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "main.js").write_text("")
    assert precompressed(tmp_path / "main.js", "gzip, br") is None


def test_a_page_preloads_the_snapshot_and_the_wasm(tmp_path: Path) -> None:
    (tmp_path / "_framework").mkdir()
    config = {"archives": ["app.1.zip"], "snapshot": {"file": "snapshot.ab12.bin"}}
    (tmp_path / "_framework" / "app.json").write_text(json.dumps(config))
    assert page_fetches(tmp_path) == [
        "_framework/snapshot.ab12.bin",
        "_framework/pyodide/pyodide.asm.wasm",
    ]


def test_the_build_line_gives_the_sizes() -> None:
    snapshot = Snapshot({"file": "snapshot.ab12.bin", "size": 31_457_424}, (), 6_735_100, 5_500_097)
    assert snapshot.summary() == "snapshot.ab12.bin: 31.5 MB (gzip 6.7 MB, brotli 5.5 MB)"
