"""The worker host's rows in headless Chromium: bench/worker.html with Python in a worker and
on the main thread, each page loaded ``--loads`` times (medians), then the ratios.

    .venv/bin/python bench/worker.py [--loads N] [--calls N] [--json PATH]

Rows: page ready (worker / main thread, target <= 1.1x); a synchronous ``add(int, int) ->
int`` from Python to the page (target <= 25 us from the worker), beside a bare JS worker ->
page round trip woken by Atomics.waitAsync and one woken by postMessage; a nested round trip
(Python -> a page function -> a Python export, synchronously); 10,000 ``textContent`` sets
(worker / main thread).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser import ARCHIVE, CHROMIUM, REPO, build_archive, serving  # bench/browser.py


def load_pages(loads: int, calls: int) -> dict[str, list[dict[str, Any]]]:
    from playwright.sync_api import sync_playwright

    if not ARCHIVE.is_file():
        build_archive()
    results: dict[str, list[dict[str, Any]]] = {"worker": [], "main": []}
    with serving(REPO) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        for _ in range(loads):
            for host in results:
                page = browser.new_page()
                page.goto(f"{base}bench/worker.html?host={host}&calls={calls}")
                page.wait_for_function("window.benchResult !== undefined", timeout=300_000)
                result = page.evaluate("window.benchResult")
                page.close()
                if "error" in result:
                    raise RuntimeError(f"the bench page failed:\n{result['error']}")
                results[host].append(result)
        browser.close()
    return results


def rows(results: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    def median(host: str, key: str) -> float:
        return statistics.median(result[key] for result in results[host])

    ready = median("worker", "readyMs") / median("main", "readyMs")
    text = median("worker", "textContentMs") / median("main", "textContentMs")
    add = median("worker", "addMicroseconds")
    return [
        {
            "measure": "page ready (ms)",
            "worker": median("worker", "readyMs"),
            "main": median("main", "readyMs"),
            "ratio": ready,
            "target": "<= 1.1x",
            "pass": ready <= 1.1,
        },
        {
            "measure": "sync add(int, int) -> int to the page (us)",
            "worker": add,
            "main": median("main", "addMicroseconds"),
            "ratio": add / median("main", "addMicroseconds"),
            "target": "<= 25 us from the worker",
            "pass": add <= 25,
        },
        {
            "measure": "bare JS worker -> page round trip, waitAsync / postMessage (us)",
            "worker": median("worker", "bareWaitAsyncMicroseconds"),
            "main": median("worker", "barePostMessageMicroseconds"),
            "ratio": add / median("worker", "barePostMessageMicroseconds"),
            "target": "reference (ratio: our add / postMessage-woken trip)",
            "pass": None,
        },
        {
            "measure": "nested Python -> page -> Python export round trip (us)",
            "worker": median("worker", "nestedAddMicroseconds"),
            "main": median("main", "nestedAddMicroseconds"),
            "ratio": median("worker", "nestedAddMicroseconds")
            / median("main", "nestedAddMicroseconds"),
            "target": "reported",
            "pass": None,
        },
        {
            "measure": "10,000 textContent sets (ms)",
            "worker": median("worker", "textContentMs"),
            "main": median("main", "textContentMs"),
            "ratio": text,
            "target": "reported",
            "pass": None,
        },
    ]


def table(measured: list[dict[str, Any]]) -> str:
    lines = ["| measure | worker | main thread | ratio | target |", "|---|---|---|---|---|"]
    for row in measured:
        mark = "" if row["pass"] is None else (" (met)" if row["pass"] else " (missed)")
        lines.append(
            f"| {row['measure']} | {row['worker']:.1f} | {row['main']:.1f} | "
            f"{row['ratio']:.2f}x | {row['target']}{mark} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=3, help="page loads per host")
    parser.add_argument("--calls", type=int, default=20_000, help="add() calls per loop")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    results = load_pages(args.loads, args.calls)
    measured = rows(results)
    print(table(measured))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"rows": measured, "pages": results}, indent=2) + "\n")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
