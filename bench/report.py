"""Write docs/benchmarks.md and docs/benchmarks.svg from the Node and Chromium results.

    .venv/bin/python bench/report.py [NODE_JSON] [CHROMIUM_JSON] [STARTUP_JSON] [WORKER_JSON]

Defaults: .cache/bench/node.json, .cache/bench/chromium.json, .cache/bench/startup.json
(``bench/startup.py``: start-up from the build's memory snapshot) and .cache/bench/worker.json
(``bench/worker.py``: the worker host against the main thread and PyScript's worker), written
by ``make bench``.
The hot reload section comes from .cache/bench/hot_reload.json and hot_reload_leaks.json,
written by tests/browser/test_hot_reload.py (which ``make bench`` runs), when they exist.
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
CACHE = REPO / ".cache" / "bench"

# Not run by the bench (it takes ~100 s and needs node --expose-gc): the leak test's numbers.
LEAK_ROW = (
    "1M calls passing callbacks and objects (tests/interop/test_leaks.py, `make interop`)",
    "0 live proxies left; wasm + JS heap growth < 0.2 MB after GC (the test fails above 1 MB)",
    "0 live proxies, ≤ 1 MB",
)

Engines = dict[str, dict[str, Any]]


def _sample(result: dict[str, Any], measure: str, variant: str) -> float:
    """The median of one variant of one measure in an engine's run (``samples`` of core.mjs)."""
    return float(result["samples"][measure][variant]["median"])


def _row(result: dict[str, Any], row_id: str) -> dict[str, Any]:
    return next(row for row in result["rows"] if row["id"] == row_id)


def _each(engines: Engines, text: Callable[[dict[str, Any]], str]) -> str:
    """``text`` of each engine's run, named: "node: ...; chromium: ..."."""
    return "; ".join(f"{engine} {text(result)}" for engine, result in engines.items())


# Why a target is missed, where the time goes and what would be needed, keyed by row id. The
# figures come from the run the report is written from; what a one-off profile found (not a
# measure of the run) is said as a share of the run's own figures, never as a machine's µs.
def _why_import_add(engines: Engines) -> str:
    def split(result: dict[str, Any]) -> str:
        raw, half = _sample(result, "importAdd", "raw"), _sample(result, "importAdd", "js_half")
        ours = _sample(result, "importAdd", "ours")
        return (
            f"raw {raw:.3f} µs, the stub's JS half called alone {half:.3f} µs "
            f"({half / raw:.2f}×), the whole stub {ours:.3f} µs"
        )

    return (
        f"In this run: {_each(engines, split)}. What the whole stub adds to its JS half is "
        "the generated Python function, one Python frame (the `python` variant, a "
        "pure-Python call in the same loop, shows what a frame costs: "
        + _each(engines, lambda r: f"{_sample(r, 'importAdd', 'python'):.3f} µs")
        + "). Removing it was tried: a `functools.partial` over the JS caller, which handed "
        "calls with keywords or another arity to the generated function, reached 1.10× in "
        "Node in its own run. It was not kept: an error then has to be raised from JS as a "
        "Python exception (a Python helper raising inside the JS caller), and Pyodide 314 "
        "keeps ~0.45 KB of JS heap per exception raised through JS, so the 1M-call leak test "
        "grew by 68 MB; the traceback also lost the stub's own frame (asserted in "
        "tests/interop/test_errors.py). Needed: a way for a JS function to make Pyodide raise "
        "a given Python exception without a PythonError round trip (a Pyodide API), then the "
        "partial path is ready to use."
    )


def _why_list_int_floor(engines: Engines) -> str:
    def split(result: dict[str, Any]) -> str:
        ours, floor = _sample(result, "makeInts", "ours"), _sample(result, "makeInts", "python")
        return f"{ours:.1f} ms against {floor:.1f} ms, {ours - floor:.1f} ms more"

    return (
        f"Per 1M in this run: {_each(engines, split)}. `tolist()` makes the int objects, the "
        "same work as `list(range(n))`; the difference is what `list(range(n))` does not do. "
        "A profile in Node split it: the JS function under test building its 1M-item Array "
        "(about 60%: part of ours, not of `list(range(n))`), the JS half checking the items "
        "into a fresh Int32Array (about 35%, a third of that first-touch page faults of the "
        "4 MB buffer) and Python copying it as one memoryview (about 5%). Without the "
        "producing function the ratio is about 1.2×; below 1.5× with it would need the JS "
        "half writing straight into a Python-owned buffer (two more calls per list) or the "
        "ints built in C from the Array."
    )


def _why_list_str_js_to_py(engines: Engines) -> str:
    def split(result: dict[str, Any]) -> str:
        ours, raw = _sample(result, "makeStrings", "ours"), _sample(result, "makeStrings", "raw")
        return (
            f"{ours:.1f} ms per 100k ({ours * 10:.0f} ns a string) against `to_py` "
            f"{raw:.1f} ms; 2× would be {raw / 2:.1f} ms"
        )

    return (
        "From 64 items the JS half writes one buffer in CPython's marshal format (short "
        "ASCII or UTF-8 items) and Python reads it with `marshal.loads`: one copy and one C "
        f"pass. In this run: {_each(engines, split)}. A profile in Node gave about 30% of "
        "ours to writing the JS buffer and 70% to `marshal.loads`, whose time per string is "
        "that of `str.split` making the same strings: creating the str objects in wasm "
        "CPython is the floor, so 2× would need the str objects made cheaper than CPython's "
        "own allocator does (not reachable from outside Pyodide's C code)."
    )


def _why_bytes_py_to_js(engines: Engines) -> str:
    def split(result: dict[str, Any]) -> str:
        row = _row(result, "bytes_py_to_js")
        return f"ours {row['ours']:.1f} ms, `to_js(bytes)` {row['baseline']:.1f} ms ({row['note']})"

    view = _each(engines, lambda r: f"{_row(r, 'memoryview_100mb')['ours']:.1f} µs")
    return (
        f"Both copy 10 MB into a new JS buffer; in this run: {_each(engines, split)}. "
        "Profiled: the copy out of wasm memory runs about 5× faster when the destination's "
        "pages are warm; the time goes to first-touch page faults of the fresh 10 MB JS "
        "buffer, so every variant (`slice`, `new Uint8Array(view)`, `new` + `set`, "
        "`ArrayBuffer.slice`) swings by up to 5× with allocation luck; a JS copy straight "
        "from the bytes object's memory was tried and gave no reliable gain. A copy into a "
        "new JS buffer cannot avoid the fresh pages; a zero-copy view is what "
        f"`JSType.MemoryView` is for ({view} at 100 MB in this run)."
    )


def _why_startup(engines: Engines) -> str:
    def split(result: dict[str, Any]) -> str:
        row = _row(result, "startup")
        return f"{row['extra']:+.0f} ms over a {row['baseline']:.0f} ms `loadPyodide()`"

    return (
        "Both engines boot from the archive `jsinterop build` makes (bytecode beside each "
        "module, fetched while Pyodide boots, unpacked by the runtime in one Python call), "
        "and the extra is taken per boot: our boot minus the `loadPyodide()` inside it "
        f"(whole boots vary by more than the extra). In this run: {_each(engines, split)}. "
        "A profile gave most of it to importing jsinterop's ~30 modules from bytecode, the "
        "rest to the runtime's set-up; the specs are NamedTuples (creating 25 frozen "
        "dataclasses took longer in wasm than importing all those modules). A start from "
        "the build's memory snapshot (below) skips the imports."
    )


WHY: dict[str, Callable[[Engines], str]] = {
    "import_add": _why_import_add,
    "list_int_js_to_py_floor": _why_list_int_floor,
    "list_str_js_to_py": _why_list_str_js_to_py,
    "bytes_py_to_js": _why_bytes_py_to_js,
    "startup": _why_startup,
}


def fast_paths(engines: Engines) -> tuple[str, ...]:
    """How the rows that beat Pyodide do it; every path checks what the general one checks,
    and anything it cannot handle goes down the general path, so errors read the same."""
    views = _each(
        engines,
        lambda r: (
            f"{_row(r, 'memoryview_1kb')['ours']:.1f} µs at 1 KB, "
            f"{_row(r, 'memoryview_100mb')['ours']:.1f} µs at 100 MB"
        ),
    )
    return (
        "**Per-signature code.** Each stub and export gets one generated Python function "
        "with the stub's own parameters, converting only what needs it, and one JS caller "
        "specialised for its arity; the bound JS function sits in a closure cell (no lookup).",
        "**`list[float]` / `list[int]` to JS** (`marshal/pymemory.mjs`): JS reads the list "
        "straight from wasm memory: the item pointers, each item's type and its double or "
        "digits, in one pass, with no per-item FFI call. The object layout (CPython 3.14, "
        "wasm32) is checked once against probe values at first use, and the path turns "
        "itself off on any difference (tests/interop/test_sequences.py asserts it is on). "
        "Any other item (a bool, a subclass, an int beyond 53 bits) sends the list down the "
        "general path, which names it.",
        "**Records to JS**: a dataclass's or NamedTuple's field values are the arguments of "
        "one call (`attrgetter` reads them in C; no key crosses: the JS half knows the "
        "fields); a `dict[str, T]`'s keys cross as one NUL-joined string, its values as the "
        "call's arguments.",
        "**`list[str]`**: to JS as one NUL-joined string split by JS (one UTF-8 decode "
        "instead of one per item); to Python, from 64 items, one buffer in CPython's marshal "
        "format read by `marshal.loads`.",
        "**Numbers to Python**: `list[float]` as one Float64Array and `list[int]` as one "
        "Int32Array (when every item fits), each copied as one memoryview and `tolist()`.",
        f"**`memoryview` to JS** (`JSType.MemoryView`): a zero-copy view ({views} in this run).",
    )


def _load(path: Path) -> dict[str, Any] | None:
    return json.loads(path.read_text()) if path.exists() else None


def _cell(row: dict[str, Any]) -> str:
    mark = "" if row["pass"] is None else (" ✓" if row["pass"] else " ✗")
    note = f" ({row['note']})" if row.get("note") else ""
    unit = row["unit"]
    sides = f"{row['ours']:.3f} {unit} / {row['baseline']:.3f} {unit}"
    return f"{sides} = **{row['ratio']:.2f}×**{mark}{note}"


def _score(row: dict[str, Any]) -> float:
    """How the measure stands against its target: ≥ 1 means met."""
    target = row["target"]
    if row["id"] == "startup":
        extra = row.get("extra", row["ours"] - row["baseline"])
        return 2.0 if extra <= 0 else 50 / extra
    if "GB/s" in target:
        return float(row["note"].split()[0]) / 3
    if "µs" in target:
        return 50 / row["ours"]
    value = float(target.split()[1].rstrip("×"))
    return row["ratio"] / value if target.startswith("≥") else value / row["ratio"]


def _chart(engines: dict[str, dict[str, Any]]) -> str:
    """An SVG bar chart: each row's measure against its target (1 = the target)."""
    first = next(iter(engines.values()))
    # Rows with a target; a reported one (start-up with packages) has none to draw against.
    shown = [index for index, row in enumerate(first["rows"]) if row["pass"] is not None]
    labels = [first["rows"][index]["measure"] for index in shown]
    colors = {"node": "#3b7dd8", "chromium": "#e08a1e"}
    left, width, bar, gap, cap = 380, 420, 9, 8, 3.0
    height = 40 + len(labels) * (2 * bar + gap) + 30
    x = lambda v: left + min(v, cap) / cap * width  # noqa: E731 -- a local scale
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 120}" height="{height}" '
        'font-family="sans-serif" font-size="11">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="10" y="18" font-size="13">jsinterop vs Pyodide: measure / target '
        f"(≥ 1 meets the target; capped at {cap:g})</text>",
    ]
    for tick in (0.5, 1, 1.5, 2, 2.5, 3):
        parts.append(
            f'<line x1="{x(tick)}" y1="28" x2="{x(tick)}" y2="{height - 25}" '
            f'stroke="{"#c00" if tick == 1 else "#ddd"}"/>'
        )
        parts.append(f'<text x="{x(tick) - 6}" y="{height - 10}">{tick:g}</text>')
    for position, (index, label) in enumerate(zip(shown, labels, strict=True)):
        y = 34 + position * (2 * bar + gap)
        parts.append(f'<text x="{left - 6}" y="{y + bar + 3}" text-anchor="end">{label}</text>')
        for offset, (engine, result) in enumerate(engines.items()):
            score = _score(result["rows"][index])
            parts.append(
                f'<rect x="{left}" y="{y + offset * bar}" width="{x(score) - left:.1f}" '
                f'height="{bar - 1}" fill="{colors.get(engine, "#888")}"/>'
            )
            parts.append(
                f'<text x="{x(score) + 3:.1f}" y="{y + offset * bar + bar - 1}" '
                f'font-size="9">{score:.2f}</text>'
            )
    legend_y = 24
    for offset, engine in enumerate(engines):
        lx = left + width - 120 + offset * 70
        color = colors.get(engine, "#888")
        parts.append(f'<rect x="{lx}" y="{legend_y - 8}" width="10" height="8" fill="{color}"/>')
        parts.append(f'<text x="{lx + 14}" y="{legend_y}">{engine}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


# Start-up targets (bench/startup.py): the snapshot start's median over the baseline's.
STARTUP_TARGETS = (
    ("node", "snapshot", "bare", 0.35, "Node: process start → the console app's `main` running"),
    ("chromium", "snapshot", "booted", 0.5, "Chromium: first render of the sample's index"),
    ("chromium", "snapshot", "bare", 0.6, "Chromium: first render of the sample's index"),
)
BASELINES = {"bare": "a bare `loadPyodide()`", "booted": "the same app built `--no-snapshot`"}
# Where a snapshot page start's time goes: its marks and fetches, in order.
STARTUP_STEPS = (
    ("jsinterop:start", "the page's modules loaded, the runtime starts"),
    ("snapshot fetched", "the snapshot downloaded (brotli)"),
    ("wasm fetched", "`pyodide.asm.wasm` downloaded"),
    ("jsinterop:snapshot-restored", "Pyodide restored"),
    ("jsinterop:ready", "archive unpacked, runtime ready"),
    ("jsinterop:first-render", "first render"),
)


def startup_section(result: dict[str, Any]) -> list[str]:
    """The Markdown section of bench/startup.py's results."""
    repeats = result["repeats"]
    lines = [
        "## Start-up from a memory snapshot",
        "",
        "`bench/startup.py`: a fresh Node process, or a fresh Chromium context, per start; "
        f"starts interleaved; medians of {repeats}. The snapshot is what `jsinterop build` "
        "makes (see [snapshots.md](snapshots.md)); pages are served on 127.0.0.1 with "
        "`Cache-Control: no-store` and the snapshot's `.br` copy, as `jsinterop serve` sends it.",
        "",
        "| start | with the snapshot | built `--no-snapshot` | bare `loadPyodide()` |",
        "|---|---|---|---|",
    ]
    node = result["node"]["medians"]
    lines.append(
        f"| Node {result['node']['version']}: process start → the console app's `main` "
        f"running | {node['snapshot']:.0f} ms | {node['booted']:.0f} ms | {node['bare']:.0f} ms |"
    )
    chromium = result.get("chromium")
    if chromium:
        medians = chromium["medians"]
        lines.append(
            "| Chromium: navigation start → first render of the sample's index | "
            f"{medians['snapshot']:.0f} ms ({medians['raw transfer']:.0f} ms sent uncompressed)"
            f" | {medians['booted']:.0f} ms | {medians['bare']:.0f} ms (Pyodide ready) |"
        )
    lines += ["", "| target | ratio |", "|---|---|"]
    missed = []
    for engine, ours, baseline, target, measure in STARTUP_TARGETS:
        engine_result = result.get(engine)
        if engine_result is None:
            continue
        ratio = engine_result["medians"][ours] / engine_result["medians"][baseline]
        met = ratio <= target
        if not met:
            missed.append((measure, baseline, ratio, target))
        lines.append(
            f"| {measure} ≤ {target}× {BASELINES[baseline]} | **{ratio:.2f}×** "
            f"{'✓' if met else '✗'} |"
        )
    sizes = result.get("sizes")
    if sizes:
        transferred = chromium.get("snapshotTransferred") if chromium else None
        lines += [
            "",
            f"The sample's snapshot: {sizes['raw'] / 1e6:.1f} MB raw, "
            f"{sizes['gzip'] / 1e6:.1f} MB gzip, {sizes['brotli'] / 1e6:.1f} MB brotli"
            + (f" ({transferred / 1e6:.1f} MB transferred)." if transferred else "."),
        ]
    if chromium:
        steps = chromium["breakdown"]["snapshot"]
        lines += [
            "",
            "Where a snapshot start's time goes in Chromium (median ms since navigation "
            "start; the page preloads the snapshot and the wasm, so both download while the "
            "modules load):",
            "",
        ]
        lines += [f"- {steps[key]:.0f} ms: {label}" for key, label in STARTUP_STEPS if key in steps]
    for measure, baseline, ratio, target in missed:
        lines += [
            "",
            f"Missed: {measure} at {ratio:.2f}× {BASELINES[baseline]} (target {target}×): "
            "see the steps above for where the time goes.",
        ]
    return [*lines, ""]


def worker_section(result: dict[str, Any]) -> list[str]:
    """The Markdown section of bench/worker.py's results: its rows, the page-ready split, and
    what the rows mean, each figure from the run."""
    rows = {row["id"]: row for row in result["rows"]}
    lines = [
        "## Python in a Web Worker (`bench/worker.py`)",
        "",
        "Headless Chromium, one page per host and load, loads interleaved; medians of "
        f"{result['loads']} loads per host, {result['calls']:,} calls per loop (median of 5 "
        "loops in a load). The baseline of the synchronous call is the same Python loop in "
        f"PyScript {result['pyscript']}'s worker (`@pyscript/core`, pinned in package.json) "
        "calling the page's `add` through `from pyscript import window`, with the repo's "
        "Pyodide, served by the same local server (`bench/pyscript.html`).",
        "",
        "| measure | ours | baseline | ratio | target |",
        "|---|---|---|---|---|",
    ]
    for row in result["rows"]:
        lines.append(
            f"| {row['measure']} | {row['ours']:.1f} | {row['baseline']:.1f} "
            f"({row['baseline_name']}) | **{row['ratio']:.2f}×**"
            f"{'' if row['pass'] is None else ' ' + _mark(row['pass'])} | {row['target']} |"
        )
    steps = result["steps"]
    lines += [
        "",
        "Where page ready goes (median end of each step, ms since navigation start; the "
        "worker's clock moved onto the page's):",
        "",
        "| step ends | worker | main thread |",
        "|---|---|---|",
    ]
    for step, label in result["step_labels"]:
        cells = [
            "—" if (value := steps[host].get(step)) is None else f"{value:.0f}"
            for host in ("worker", "main")
        ]
        lines.append(f"| {label} | {' | '.join(cells)} |")
    pages = result["pages"]
    window_add = sorted(page["windowAddMicroseconds"] for page in pages["pyscript"])
    ready, add, pyscript = rows["page_ready"], rows["sync_add"], rows["sync_add_pyscript"]
    worker_steps, main_steps = steps["worker"], steps["main"]
    started = statistics.median(
        page["steps"]["modules"] - page["steps"]["createCalled"] for page in pages["worker"]
    )
    boot = {
        host: host_steps["pyodideReady"] - host_steps["pyodideImported"]
        for host, host_steps in (("worker", worker_steps), ("main", main_steps))
    }
    spread = {
        host: (min(p["readyMs"] for p in pages[host]), max(p["readyMs"] for p in pages[host]))
        for host in ("worker", "main")
    }
    lines += [
        "",
        f"- **Page ready** ({ready['ratio']:.2f}×, {ready['ours'] - ready['baseline']:+.0f} ms): "
        "what the worker host adds is starting the worker and loading the runtime's modules "
        f"in it before Pyodide starts: {started:.0f} ms after `create()` (median) in this run; "
        "on the main thread those modules came with the page's. The rest is the same boot in "
        f"another thread: `loadPyodide()` took {boot['worker']:.0f} ms in the worker and "
        f"{boot['main']:.0f} ms on the main thread (medians), and whole loads ranged over "
        f"{spread['worker'][0]:.0f}-{spread['worker'][1]:.0f} ms (worker) and "
        f"{spread['main'][0]:.0f}-{spread['main'][1]:.0f} ms (main thread), more than the "
        "fixed extra: the ratio moves with the machine's load. Cutting the extra needs "
        "`loadPyodide()` started in the worker before the runtime's modules have loaded "
        "(the boot split out of runtime.mjs); importing runtime.mjs lazily on the page was "
        "tried and dropped: it delayed the main-thread host's own module loads.",
        f"- **Synchronous call**: {add['ours']:.1f} µs from the worker, "
        f"{pyscript['ratio']:.1f}× faster than PyScript's {pyscript['baseline']:.1f} µs. "
        "A typed stub crosses as one message in a shared buffer that the page watches with "
        "`Atomics.waitAsync`; PyScript (coincident) posts each proxy operation to the page "
        "and waits for its serialized answer. The loop looks the function up once "
        "(`add = window.add`); PyScript's everyday form `window.add(a, b)` took "
        f"{statistics.median(window_add):.0f} µs a call in this run (the read of "
        "`window.add` in each call costs far more than the call; not profiled here).",
        f"- **`textContent`**: each set from the worker is a synchronous call to the page "
        f"({rows['text_content']['ours'] / 10:.1f} µs each against "
        f"{rows['text_content']['baseline'] / 10:.1f} µs on the main thread).",
        "",
    ]
    return lines


def _mark(passed: bool) -> str:
    return "✓" if passed else "✗"


def hot_reload_section(measured: dict[str, Any] | None, leaks: dict[str, Any] | None) -> list[str]:
    """The hot reload section: save -> visible against a full reload, CSS, 100 reloads."""
    if measured is None:
        return []
    python, full, css = (
        measured["python_median_ms"],
        measured["full_reload_median_ms"],
        measured["css_median_ms"],
    )
    ratio = python / full
    saves = len(measured["python_ms"])
    lines = [
        "## Hot reload (`jsinterop serve`)",
        "",
        "Measured by `tests/browser/test_hot_reload.py` (Playwright, headless Chromium, "
        f"{measured['machine']['cpus']} cores): a page of a components app is open on the dev "
        "server; each save is timed from the file write to the first frame that shows the "
        "change (a MutationObserver, then `requestAnimationFrame`), and a full reload is a "
        "save of the module that holds `main`, timed to the reloaded page's first render. "
        f"Medians of {saves} saves ({len(measured['full_reload_ms'])} full reloads), each "
        "after the rebuild that follows the one before.",
        "",
        "| measure | target | result |",
        "|---|---|---|",
        f"| save of a component's `.py` -> change visible, its state kept | ≤ 300 ms | "
        f"**{python:.0f} ms** {_mark(python <= 300)} "
        f"(samples {', '.join(f'{value:.0f}' for value in measured['python_ms'])}) |",
        f"| the same against a full reload in the same run | ≤ 0.1× | {python:.0f} ms / "
        f"{full:.0f} ms = **{ratio:.2f}×** {_mark(ratio <= 0.1)} |",
        f"| CSS save -> applied without a reload | ≤ 200 ms | **{css:.0f} ms** "
        f"{_mark(css <= 200)} |",
    ]
    if leaks is not None:
        growth = (leaks["wasm_after"] - leaks["wasm_before"]) / (1024 * 1024)
        kept = leaks["proxies_after"] <= leaks["proxies_before"]
        lines.append(
            f"| {leaks['reloads']} hot reloads (state kept and components made anew, in turn) "
            f"| no growth of live proxies, wasm memory within 5 MB | live proxies "
            f"{leaks['proxies_before']} -> {leaks['proxies_after']}, wasm memory "
            f"+{growth:.1f} MB {_mark(kept and growth <= 5)} |"
        )
    applied = measured.get("applied_ms") or []
    if len(applied) > 1:
        # The first hot reload after a page load also imports what reloading needs.
        first, rest = applied[0], applied[1:]
        page_part = (
            f"; the page writes the source, imports the module and those that import it, and "
            f"renders in {min(rest):.0f}-{max(rest):.0f} ms ({first:.0f} ms for the first hot "
            "reload after the page loaded), as the page reported it in this run"
        )
    else:
        page_part = ""
    lines += [
        "",
        "Where the time of a hot reload goes: the watcher (watchfiles reports a change after "
        "50 ms without another one) and the event to the page take most of it"
        f"{page_part}. A full reload boots Pyodide and the app again, which is most of its time.",
        "",
    ]
    return lines


def write(
    engines: dict[str, dict[str, Any]],
    startup: dict[str, Any] | None = None,
    hot_reload: list[str] | None = None,
    worker: dict[str, Any] | None = None,
) -> str:
    """The Markdown report for the engines' results, bench/startup.py's, the hot reload
    section's lines and bench/worker.py's, when given."""
    node = engines.get("node")
    chromium = engines.get("chromium")
    first = node or chromium
    assert first is not None
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`bench/report.py`); each number is the median of "
        f"{first['repeats']} repetitions, variants interleaved, in one process per engine.",
        "",
        "## Machine",
        "",
    ]
    if node:
        m = node["machine"]
        lines.append(f"- {m['cpu']} ×{m['cpus']}, {m['platform']}; commit {m['commit']}")
        lines.append(f"- Node {m['node']}, Pyodide {m['pyodide']} (Python {m['python']})")
    if chromium:
        m = chromium["machine"]
        lines.append(
            f"- Chromium: {m['userAgent']} (cross-origin isolated: {m['crossOriginIsolated']})"
        )
    lines.append(f"- report written on Python {platform.python_version()}")
    lines += [
        f"- {first['calls']:,} calls per sample for per-call rows, {first['elements']:,}-element "
        "numeric lists, 100,000 strings, 10 MB bytes, 10,000 record calls, "
        f"{first['boots']} boots for start-up",
        "",
        "## Results",
        "",
        "Cells read *ours / baseline = ratio*; the 'compare' column says which way the ratio "
        "reads. ✓ target met, ✗ missed.",
        "",
        "![ratios against targets](benchmarks.svg)",
        "",
        "| measure | compare | target | " + " | ".join(engines) + " |",
        "|---|---|---|" + "---|" * len(engines),
    ]
    for index, row in enumerate(first["rows"]):
        cells = [_cell(result["rows"][index]) for result in engines.values()]
        lines.append(
            f"| {row['measure']} | {row['compare']} | {row['target']} | " + " | ".join(cells) + " |"
        )
    lines.append(
        f"| {LEAK_ROW[0]} | — | {LEAK_ROW[2]} | " + " | ".join([LEAK_ROW[1]] * len(engines)) + " |"
    )
    if startup:
        lines += ["", *startup_section(startup)]
    if worker:
        lines += ["", *worker_section(worker)]
    missed = [
        row["id"]
        for index, row in enumerate(first["rows"])
        if any(result["rows"][index]["pass"] is False for result in engines.values())
    ]
    lines += _before_and_after(engines)
    lines += ["", "## Targets missed: where the time goes, what would be needed", ""]
    for row_id in missed:
        measure = next(r["measure"] for r in first["rows"] if r["id"] == row_id)
        numbers = ", ".join(
            f"{engine} {next(r for r in result['rows'] if r['id'] == row_id)['ratio']:.2f}×"
            for engine, result in engines.items()
        )
        why = WHY[row_id](engines) if row_id in WHY else "see the profile notes below."
        lines.append(f"- **{measure}** ({numbers}): {why}")
    lines += ["", *(hot_reload or [])]
    lines += ["## Where jsinterop takes a faster path than Pyodide's FFI", ""]
    lines += [f"- {text}" for text in fast_paths(engines)]
    lines += [
        "",
        "## Profiling",
        "",
        "The costs quoted above were timed piece by piece inside Pyodide (Node) with "
        "`perf_counter`, each step of a path on its own (py-spy cannot sample CPython "
        "running inside wasm: its frames live in V8's heap). The JS halves can be profiled "
        "with `node --cpu-prof --cpu-prof-dir=/tmp/prof bench/calls.mjs --quick`.",
        "",
        "```",
        node["notes"] if node else chromium["notes"],  # type: ignore[index]
        "```",
        "",
    ]
    return "\n".join(lines)


BEFORE = CACHE / "before"
"""A earlier run's JSON (``node.json``, ``chromium.json``, ``label.txt``), compared row by row
when present: copy ``.cache/bench/*.json`` there before a change, run ``make bench`` after it."""


def _before_and_after(engines: dict[str, Any]) -> list[str]:
    """The ratio of each row in the earlier run and in this one, per engine."""
    before = {name: _load(BEFORE / f"{name}.json") for name in engines}
    if not any(before.values()):
        return []
    label_path = BEFORE / "label.txt"
    label = label_path.read_text().strip() if label_path.exists() else "an earlier run"
    names = [name for name in engines if before[name]]
    lines = [
        "",
        f"## Before and after: {label}",
        "",
        "The same rows on the same machine: the earlier run's ratio, then this run's "
        "(each ratio against its own baseline measured in the same run).",
        "",
        "| measure | " + " | ".join(f"{name} before | {name} after" for name in names) + " |",
        "|---|" + "---|---|" * len(names),
    ]
    for row in next(iter(engines.values()))["rows"]:
        cells = []
        for name in names:
            old = next((r for r in before[name]["rows"] if r["id"] == row["id"]), None)
            new = next((r for r in engines[name]["rows"] if r["id"] == row["id"]), None)
            cells += [_ratio(old), _ratio(new)]
        lines.append(f"| {row['measure']} | " + " | ".join(cells) + " |")
    return lines


def _ratio(row: dict[str, Any] | None) -> str:
    return "—" if row is None or row.get("ratio") is None else f"{row['ratio']:.2f}×"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = {
        "node": Path(args[0]) if args else CACHE / "node.json",
        "chromium": Path(args[1]) if len(args) > 1 else CACHE / "chromium.json",
    }
    engines = {name: result for name, path in paths.items() if (result := _load(path)) is not None}
    if not engines:
        print("no results: run `make bench`", file=sys.stderr)
        return 1
    startup = _load(Path(args[2]) if len(args) > 2 else CACHE / "startup.json")
    worker = _load(Path(args[3]) if len(args) > 3 else CACHE / "worker.json")
    hot_reload = hot_reload_section(
        _load(CACHE / "hot_reload.json"), _load(CACHE / "hot_reload_leaks.json")
    )
    DOCS.mkdir(exist_ok=True)
    (DOCS / "benchmarks.md").write_text(write(engines, startup, hot_reload, worker))
    (DOCS / "benchmarks.svg").write_text(_chart(engines))
    print(f"wrote {DOCS / 'benchmarks.md'} and {DOCS / 'benchmarks.svg'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
