"""Run bench/ in headless Chromium: serve the repo on 127.0.0.1, open bench/index.html.

    .venv/bin/python bench/browser.py [--quick] [--json PATH] [--boots B] [--startup]

The page (bench/browser.mjs) runs the same rows as ``node bench/calls.mjs`` (bench/core.mjs)
and this script prints its table and writes its results as JSON. The Python code reaches the
page as one archive (src/jsinterop + bench/pybench), built here into .cache/bench/app.zip.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
ARCHIVE = REPO / ".cache" / "bench" / "app.zip"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TIMEOUT_MS = 30 * 60 * 1000


def build_archive() -> None:
    """Zip jsinterop's Python files and the bench's Python half for the page, as ``jsinterop
    build`` zips an app: with each module's bytecode for Pyodide's Python beside it."""
    from jsinterop.cli._archive import python_archive

    pybench = REPO / "bench" / "pybench"
    package = {
        f"pybench/{path.relative_to(pybench).as_posix()}": path.read_bytes()
        for path in sorted(pybench.rglob("*.py"))
        if "__pycache__" not in path.parts
    }
    archive = python_archive(
        package,
        pyodide_dir=REPO / "node_modules" / "pyodide",
        progress=lambda line: print(line, file=sys.stderr),
    )
    ARCHIVE.parent.mkdir(parents=True, exist_ok=True)
    ARCHIVE.write_bytes(archive)
    copy_bench_wheels()


def copy_bench_wheels() -> None:
    """The wheels of examples/charts' lock (humanize, perlin-noise), fetched as ``jsinterop
    build`` fetches them, into .cache/bench/packages/, listed in .cache/bench/packages.json:
    the start-up-with-packages row installs them."""
    from jsinterop.cli._python_deps import PyodideTarget, cached_wheels, read_lock

    _, wheels = read_lock(REPO / "examples" / "charts" / "pylock.toml")
    target = PyodideTarget.read(REPO / "node_modules" / "pyodide")
    folder = ARCHIVE.parent / "packages"
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for path in cached_wheels(wheels, target):
        shutil.copyfile(path, folder / path.name)
        names.append((folder / path.name).relative_to(REPO).as_posix())
    (ARCHIVE.parent / "packages.json").write_text(json.dumps(names) + "\n")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Quiet, and cross-origin isolated: performance.now() then has 5 µs, not 100 µs, steps."""

    def end_headers(self) -> None:
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(
    directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _Handler
) -> Iterator[str]:
    """``directory`` served by ``handler`` on 127.0.0.1 and a free port, for the ``with``
    block: its base URL (ending in ``/``)."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def run(query: str) -> dict[str, Any]:
    """Serve the repo, run the page in Chromium, return its results."""
    from playwright.sync_api import sync_playwright

    build_archive()
    with serving(REPO) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page()
        page.on("console", lambda message: print(f"[chromium] {message.text}", file=sys.stderr))
        page.goto(f"{base}bench/index.html?{query}")
        page.wait_for_function("window.benchDone === true", timeout=TIMEOUT_MS, polling=1000)
        error = page.evaluate("window.benchError")
        if error:
            raise RuntimeError(f"bench page failed:\n{error}")
        result: dict[str, Any] = page.evaluate("window.benchResult")
        browser.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 calls, 100k-element lists")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--boots", type=int, default=9)
    parser.add_argument("--startup", action="store_true", help="only the start-up row")
    parser.add_argument(
        "--archive-only",
        action="store_true",
        help=f"only build {ARCHIVE.relative_to(REPO)} (bench/calls.mjs boots Node from it too)",
    )
    args = parser.parse_args(argv)
    if args.archive_only:
        build_archive()
        print(f"wrote {ARCHIVE}")
        return 0
    calls, elements = (20_000, 100_000) if args.quick else (200_000, 1_000_000)
    query = f"calls={calls}&elements={elements}&repeats={args.repeats}&boots={args.boots}"
    result = run(query + ("&only=startup" if args.startup else ""))
    machine = result["machine"]
    versions = f"Pyodide {machine['pyodide']} (Python {machine['python']})"
    print(f"Chromium: {machine['userAgent']}; {versions}")
    print(result["table"])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
