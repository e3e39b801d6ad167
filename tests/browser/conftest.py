"""Browser tests: apps built with ``jsinterop build``, served over HTTP, run in headless Chromium.

Chromium is Debian's (``scripts/bootstrap.sh`` installs it); Playwright drives it. Each app
is built once per session into ``SITE/<app>/`` and the whole site is served by one
``http.server`` thread, so every app also proves it works from a sub-path of a server.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page

from jsinterop.cli._archive import zip_archive

REPO = Path(__file__).resolve().parents[2]
LOCAL_PYODIDE = REPO / "node_modules" / "pyodide"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BOOT_TIMEOUT_MS = 60_000
# The marks the JS runtime sets while it boots, in order (see _framework/runtime.mjs).
MARKS = ("jsinterop:start", "jsinterop:pyodide-start", "jsinterop:pyodide-ready", "jsinterop:ready")
# Set by jsinterop.components when the first render reached the page.
FIRST_RENDER = "jsinterop:first-render"
# Set by the runtime when Pyodide was restored from the build's memory snapshot.
SNAPSHOT_RESTORED = "jsinterop:snapshot-restored"

_timings: list[tuple[str, dict[str, float]]] = []


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium: Playwright's own browser download does not work here."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the test server serves; apps are built into its sub-folders."""
    return tmp_path_factory.mktemp("site")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without logging each request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serving(directory: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """``directory`` served by ``handler`` on 127.0.0.1 and a free port: its base URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """A static file server for :func:`site` on 127.0.0.1 and a free port."""
    with serving(site) as url:
        yield url


Jsinterop = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def jsinterop(tmp_path_factory: pytest.TempPathFactory) -> Jsinterop:
    """``python -m jsinterop ARGS...`` in ``cwd``; fails the test when it fails."""
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    if (LOCAL_PYODIDE / "pyodide.mjs").is_file():
        env["JSINTEROP_PYODIDE_DIR"] = str(LOCAL_PYODIDE)

    def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        completed = subprocess.run(
            [sys.executable, "-m", "jsinterop", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr
        return completed

    return run


@dataclass
class PageLog:
    """What a page wrote to its console, and the errors it raised."""

    messages: list[ConsoleMessage] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def texts(self, kind: str) -> list[str]:
        return [message.text for message in self.messages if message.type == kind]

    def problems(self) -> list[str]:
        return [
            *(
                f"console.{message.type}: {message.text} ({message.location['url']})"
                for message in self.messages
                if message.type in ("error", "warning")
            ),
            *(f"uncaught: {error}" for error in self.page_errors),
        ]


@pytest.fixture
def page_log(page: Page) -> PageLog:
    """Collects ``page``'s console messages and uncaught errors from the start."""
    log = PageLog()
    page.on("console", lambda message: log.messages.append(message))
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    return log


def boot_marks(page: Page, names: tuple[str, ...] = MARKS) -> dict[str, float]:
    """The runtime's performance marks, in ms since navigation started."""
    marks: dict[str, float] = page.evaluate(
        "names => Object.fromEntries(names.flatMap(name => "
        "performance.getEntriesByName(name).map(entry => [name, entry.startTime])))",
        list(names),
    )
    return marks


def record_timings(label: str, marks: dict[str, float]) -> None:
    """Keep ``marks`` for the summary at the end of the run."""
    _timings.append((label, marks))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _timings:
        return
    terminalreporter.section("browser boot times (ms since navigation start)")
    for label, marks in _timings:
        start = marks.get("jsinterop:pyodide-start", 0.0)
        ready = marks.get("jsinterop:pyodide-ready", 0.0)
        parts = ", ".join(f"{name.split(':')[1]} {value:.0f}" for name, value in marks.items())
        line = f"{label}: {parts}; Pyodide boot {ready - start:.0f}"
        if FIRST_RENDER in marks:
            line += f"; first render {marks[FIRST_RENDER] - ready:.0f} after Pyodide"
        terminalreporter.write_line(line)


def jsinterop_env(cache: Path) -> dict[str, str]:
    """The environment the ``jsinterop`` command runs with in these tests."""
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(cache)
    if (LOCAL_PYODIDE / "pyodide.mjs").is_file():
        env["JSINTEROP_PYODIDE_DIR"] = str(LOCAL_PYODIDE)
    return env


@dataclass
class DevServer:
    """A running ``jsinterop serve``: its URL, its process and what it printed."""

    url: str
    out: Path
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_dev_server(app: Path, out: Path, cache: Path, *extra: str) -> DevServer:
    """Start ``python -m jsinterop serve APP -o OUT --port 0 EXTRA...``; wait for its URL."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jsinterop",
            "serve",
            str(app),
            "-o",
            str(out),
            "--port",
            "0",
            *extra,
        ],
        env=jsinterop_env(cache),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    server = DevServer(url="", out=out, process=process)
    for line in process.stdout:
        server.output.append(line)
        if line.startswith("Serving "):
            server.url = line.split(" at ", 1)[1].split(" ", 1)[0]
            break
    if not server.url:
        process.wait()
        raise AssertionError("jsinterop serve did not start:\n" + "".join(server.output))

    def drain() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            server.output.append(line)

    threading.Thread(target=drain, daemon=True).start()
    return server


def package_archive(packages: dict[str, Path]) -> bytes:
    """A zip of each folder's files (no ``__pycache__``, no ``.egg-info``) under its prefix
    in ``packages`` (``""``: the archive's top level), for a page to unpack as a runtime's
    ``archives``."""
    entries = {}
    for prefix, folder in packages.items():
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if not path.is_file() or "__pycache__" in relative.parts:
                continue
            if relative.parts[0].endswith(".egg-info"):
                continue
            name = f"{prefix}/{relative.as_posix()}" if prefix else relative.as_posix()
            entries[name] = path.read_bytes()
    return zip_archive(entries)


def scaffold_app(template: str, work: Path, name: str = "live", *extra: str) -> Path:
    """``jsinterop new TEMPLATE NAME EXTRA...`` in ``work`` (with a user cache of its own):
    the app."""
    subprocess.run(
        [sys.executable, "-m", "jsinterop", "new", template, name, *extra],
        cwd=work,
        env=jsinterop_env(work / "cache"),
        check=True,
        capture_output=True,
        timeout=60,
    )
    return work / name


@pytest.fixture(scope="module", params=["main-thread", "worker"])
def in_worker(request: pytest.FixtureRequest) -> bool:
    """Whether the module's app runs with Python in a Web Worker (``worker = true``, as
    ``jsinterop new ... --worker`` writes it): each test using it runs in both hosts."""
    return bool(request.param == "worker")


@contextlib.contextmanager
def served_app(
    app: Path, tmp_path_factory: pytest.TempPathFactory, *extra: str
) -> Iterator[DevServer]:
    """``jsinterop serve`` of ``app`` into a new output folder, with a new user cache, for
    the ``with`` block; ``extra`` are more arguments of ``serve``."""
    running = start_dev_server(
        app, tmp_path_factory.mktemp("out"), tmp_path_factory.mktemp("cache"), *extra
    )
    try:
        yield running
    finally:
        running.stop()


def attach_log(page: Page) -> PageLog:
    """A :class:`PageLog` that collects ``page``'s console messages from now on."""
    log = PageLog()
    page.on("console", lambda message: log.messages.append(message))
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    return log


def save_screenshot(page: Page, name: str, *, commit: bool = False) -> Path:
    """Save a screenshot under .cache/screenshots; with ``commit``, also under docs/ when
    it is missing there or JSINTEROP_UPDATE_SNAPSHOTS=1."""
    path = REPO / ".cache" / "screenshots" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path)
    docs = REPO / "docs" / "screenshots" / name
    if commit and (os.environ.get("JSINTEROP_UPDATE_SNAPSHOTS") == "1" or not docs.is_file()):
        docs.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, docs)
    return path
