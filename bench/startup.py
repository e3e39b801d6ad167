"""Start-up with and without the build's memory snapshot, in Node and in headless Chromium.

    .venv/bin/python bench/startup.py [--repeats R] [--json PATH] [--node-only]

Node: a fresh process per start; the time from process start (``performance.now()``'s
origin) to the console app's ``main`` running (the ``jsinterop new console`` app, whose main
prints ``performance.now()``), built with and without a snapshot, against a process that only
awaits a bare ``loadPyodide()``.

Chromium: a fresh browser context per page load; the time from navigation start to the
sample app's first render of its index page (the ``jsinterop:first-render`` mark), built with
and without a snapshot, against a page that only awaits a bare ``loadPyodide()``. Each site is
served on 127.0.0.1 with ``Cache-Control: no-store`` and, like ``jsinterop serve``, the
snapshot's ``.br`` copy to a browser that accepts it; the row "raw transfer" serves the
snapshot uncompressed. Starts are interleaved; each row is the median of the repetitions.
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser import serving  # bench/browser.py
from jsinterop.cli._node import jspi_arguments

REPO = Path(__file__).resolve().parents[1]
PYODIDE = REPO / "node_modules" / "pyodide"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SAMPLE = REPO / "examples" / "sample"
TIMEOUT_MS = 120_000
MAIN_RUNNING = "main-running-ms "

NOW_STUB = """

@js_import("performance.now")
def _now() -> float: ...
"""
MAIN = """def main(args: list[str]) -> int:
    print(f"main-running-ms {_now():.1f}")
    return 0
"""
BARE_NODE = """\
import { pathToFileURL } from "node:url";
const { loadPyodide } = await import(pathToFileURL(process.argv[2]).href);
await loadPyodide();
console.log(`ready-ms ${performance.now().toFixed(1)}`);
"""
BARE_PAGE = """\
<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>
<script type="module">
const { loadPyodide } = await import("/pyodide/pyodide.mjs");
await loadPyodide({ indexURL: "/pyodide/" });
performance.mark("bare:ready");
</script></body></html>
"""
FETCHES = ("snapshot fetch started", "snapshot fetched", "wasm fetch started", "wasm fetched")
# Where a snapshot start's time goes, from the runtime's marks (ms since navigation start).
MARKS = (
    "jsinterop:start",
    "jsinterop:pyodide-start",
    "jsinterop:snapshot-restored",
    "jsinterop:pyodide-ready",
    "jsinterop:ready",
    "jsinterop:first-render",
)


def cli(*args: str, cwd: Path) -> None:
    env = {**os.environ, "JSINTEROP_PYODIDE_DIR": str(PYODIDE)}
    completed = subprocess.run(
        [sys.executable, "-m", "jsinterop", *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    if completed.returncode != 0:
        raise RuntimeError(f"jsinterop {' '.join(args)} failed:\n{completed.stderr}")
    print(completed.stderr.strip(), file=sys.stderr)


def median(values: list[float]) -> float:
    return statistics.median(values)


# -- Node -----------------------------------------------------------------------------------


def node_apps(work: Path) -> dict[str, Path]:
    """The console app built with and without a snapshot, and the bare script."""
    cli("new", "console", "hello", cwd=work)
    program = work / "hello" / "hello" / "program.py"
    source = program.read_text()
    head, _, _ = source.partition("def main(")
    program.write_text(head.rstrip("\n") + "\n" + NOW_STUB + "\n\n" + MAIN)
    cli("build", "hello", "-o", "snapshot", cwd=work)
    cli("build", "hello", "-o", "booted", "--no-snapshot", cwd=work)
    bare = work / "bare.mjs"
    bare.write_text(BARE_NODE)
    return {
        "snapshot": work / "snapshot" / "main.mjs",
        "booted": work / "booted" / "main.mjs",
        "bare": bare,
    }


def node_start(script: Path) -> float:
    """Milliseconds from the process's start to main running (or the bare Pyodide ready).

    Node starts as ``jsinterop run`` starts it, with JSPI where it needs a flag for it: the
    build makes the snapshot with JSPI where Node can have it, and a start without would not
    restore it. Every start gets the same flags.
    """
    arguments = [str(PYODIDE / "pyodide.mjs")] if script.name == "bare.mjs" else []
    node = ["node", *(jspi_arguments("node") or [])]
    completed = subprocess.run(
        [*node, str(script), *arguments], capture_output=True, text=True, timeout=120, check=True
    )
    if "booting without the snapshot" in completed.stderr and script.parent.name == "snapshot":
        raise RuntimeError(f"{script} did not start from its snapshot:\n{completed.stderr}")
    for line in completed.stdout.splitlines():
        if line.startswith((MAIN_RUNNING, "ready-ms ")):
            return float(line.split()[1])
    raise RuntimeError(f"{script} printed no time:\n{completed.stdout}\n{completed.stderr}")


def bench_node(work: Path, repeats: int) -> dict[str, Any]:
    scripts = node_apps(work)
    samples: dict[str, list[float]] = {name: [] for name in scripts}
    for script in scripts.values():  # warm the file cache
        node_start(script)
    for _ in range(repeats):
        for name, script in scripts.items():
            samples[name].append(node_start(script))
    medians = {name: median(values) for name, values in samples.items()}
    return {"medians": medians, "samples": samples}


# -- Chromium -------------------------------------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Quiet, no-store, and the snapshot's .br copy when accepted (as ``jsinterop serve``)."""

    compressed = True

    def send_head(self) -> Any:
        from jsinterop.cli._snapshot import precompressed

        path = Path(self.translate_path(self.path))
        encoded = precompressed(path, self.headers.get("Accept-Encoding", ""))
        if not (self.compressed and encoded and path.suffix == ".bin"):
            return super().send_head()
        copy, encoding = encoded
        body = copy.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(copy.stat().st_size))
        self.end_headers()
        return body

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _RawHandler(_Handler):
    compressed = False


def chromium_sites(work: Path) -> dict[str, Path]:
    cli("build", str(SAMPLE), "-o", str(work / "sample-snapshot"), cwd=work)
    cli("build", str(SAMPLE), "-o", str(work / "sample-booted"), "--no-snapshot", cwd=work)
    bare = work / "bare"
    (bare / "pyodide").mkdir(parents=True)
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        shutil.copy2(PYODIDE / name, bare / "pyodide" / name)
    shutil.copy2(PYODIDE / "pyodide-lock.json", bare / "pyodide" / "pyodide-lock.json")
    (bare / "index.html").write_text(BARE_PAGE)
    return {
        "snapshot": work / "sample-snapshot",
        "raw transfer": work / "sample-snapshot",
        "booted": work / "sample-booted",
        "bare": bare,
    }


def page_load(browser: Any, url: str, mark: str) -> dict[str, float]:
    """Load ``url`` in a fresh context; the marks (ms since navigation start) once ``mark``."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_function(
            f"performance.getEntriesByName({json.dumps(mark)}).length > 0", timeout=TIMEOUT_MS
        )
        marks: dict[str, float] = page.evaluate(
            "() => Object.fromEntries(performance.getEntriesByType('mark')"
            ".map(m => [m.name, m.startTime]))"
        )
        wasm = page.evaluate(
            "() => performance.getEntriesByType('resource')"
            ".filter(r => r.name.endsWith('/pyodide.asm.wasm'))"
            ".map(r => ({start: r.startTime, end: r.responseEnd}))[0] ?? null"
        )
        if wasm:
            marks["wasm fetch started"] = wasm["start"]
            marks["wasm fetched"] = wasm["end"]
        snapshot = page.evaluate(
            "() => performance.getEntriesByType('resource')"
            ".filter(r => /\\/snapshot\\.[0-9a-f]+\\.bin$/.test(r.name))"
            ".map(r => ({start: r.startTime, end: r.responseEnd, size: r.transferSize}))[0] ?? null"
        )
        if snapshot:
            marks["snapshot fetched"] = snapshot["end"]
            marks["snapshot fetch started"] = snapshot["start"]
            marks["snapshot bytes transferred"] = snapshot["size"]
        return marks
    finally:
        context.close()


def bench_chromium(work: Path, repeats: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    sites = chromium_sites(work)
    with (
        serving(sites["snapshot"], _Handler) as snapshot_url,
        serving(sites["raw transfer"], _RawHandler) as raw_url,
        serving(sites["booted"], _Handler) as booted_url,
        serving(sites["bare"], _Handler) as bare_url,
    ):
        loads: dict[str, tuple[str, str]] = {
            "snapshot": (snapshot_url, "jsinterop:first-render"),
            "raw transfer": (raw_url, "jsinterop:first-render"),
            "booted": (booted_url, "jsinterop:first-render"),
            "bare": (bare_url, "bare:ready"),
        }
        samples: dict[str, list[dict[str, float]]] = {name: [] for name in loads}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            for url, mark in loads.values():  # warm up
                page_load(browser, url, mark)
            for _ in range(repeats):
                for name, (url, mark) in loads.items():
                    samples[name].append(page_load(browser, url, mark))
            user_agent = browser.version
            browser.close()
    medians = {
        name: median([marks[mark] for marks in samples[name]]) for name, (_, mark) in loads.items()
    }
    breakdown = {
        name: {
            key: median([marks[key] for marks in samples[name] if key in marks])
            for key in (*MARKS, *FETCHES)
            if any(key in marks for marks in samples[name])
        }
        for name in ("snapshot", "raw transfer", "booted")
    }
    transferred = [
        marks["snapshot bytes transferred"]
        for marks in samples["snapshot"]
        if "snapshot bytes transferred" in marks
    ]
    return {
        "chromium": user_agent,
        "medians": medians,
        "breakdown": breakdown,
        "snapshotTransferred": median(transferred) if transferred else None,
        "samples": samples,
    }


def snapshot_sizes(work: Path) -> dict[str, int]:
    framework = work / "sample-snapshot" / "_framework"
    config = json.loads((framework / "app.json").read_text())
    file = framework / config["snapshot"]["file"]
    return {
        "raw": file.stat().st_size,
        "gzip": file.with_name(file.name + ".gz").stat().st_size,
        "brotli": file.with_name(file.name + ".br").stat().st_size,
    }


def table(result: dict[str, Any]) -> str:
    lines = []
    node = result["node"]["medians"]
    lines.append("Node: process start -> main running (ms, median)")
    for name, value in node.items():
        lines.append(f"  {name:>14}: {value:7.0f}")
    lines.append(f"  snapshot / bare loadPyodide(): {node['snapshot'] / node['bare']:.2f}x")
    if "chromium" in result:
        chromium = result["chromium"]["medians"]
        lines.append("Chromium: navigation start -> first render of the sample's index (ms)")
        for name, value in chromium.items():
            lines.append(f"  {name:>14}: {value:7.0f}")
        ratios = chromium["snapshot"] / chromium["booted"], chromium["snapshot"] / chromium["bare"]
        lines.append(f"  snapshot / booted: {ratios[0]:.2f}x")
        lines.append(f"  snapshot / bare loadPyodide(): {ratios[1]:.2f}x")
        sizes = result["sizes"]
        lines.append(
            "  snapshot: "
            + ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in sizes.items())
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--node-only", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="jsinterop-startup-") as folder:
        work = Path(folder)
        (work / "node").mkdir()
        result: dict[str, Any] = {"repeats": args.repeats}
        result["node"] = bench_node(work / "node", args.repeats)
        result["node"]["version"] = subprocess.run(
            ["node", "--version"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if not args.node_only:
            (work / "chromium").mkdir()
            result["chromium"] = bench_chromium(work / "chromium", args.repeats)
            result["sizes"] = snapshot_sizes(work / "chromium")
    print(table(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
