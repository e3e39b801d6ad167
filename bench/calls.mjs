// Call overhead of jsinterop's typed imports and exports against raw Pyodide, measured in
// one Node process.
//
//   node bench/calls.mjs                 # N = 200,000 calls per sample
//   node bench/calls.mjs --quick         # N = 20,000
//   node bench/calls.mjs --json out.json # also write the results as JSON
//
// Each measure runs every variant once per repetition (variants interleaved), after a
// warm-up; the table shows the median of the repetitions. Python-side loops live in
// bench/pybench/loops.py and are timed there with perf_counter_ns; JS-side loops are timed
// here with performance.now().

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { python } from "../src/jsinterop/_framework/jsinterop.mjs";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.dirname(benchDir);

const USAGE = "usage: node bench/calls.mjs [--quick] [--json PATH] [--calls N] [--repeats R] [--elements E]";

function parseArguments(argv) {
  const options = { quick: false, json: null, calls: null, repeats: 5, elements: null };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${argument} needs a value\n${USAGE}`);
      return argv[++i];
    };
    if (argument === "--quick") options.quick = true;
    else if (argument === "--json") options.json = path.resolve(value());
    else if (argument === "--calls") options.calls = positiveInteger(argument, value());
    else if (argument === "--repeats") options.repeats = positiveInteger(argument, value());
    else if (argument === "--elements") options.elements = positiveInteger(argument, value());
    else if (argument === "-h" || argument === "--help") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${argument}\n${USAGE}`);
  }
  options.calls ??= options.quick ? 20_000 : 200_000;
  options.elements ??= options.quick ? 100_000 : 1_000_000;
  return options;
}

function positiveInteger(name, text) {
  const number = Number(text);
  if (!Number.isSafeInteger(number) || number < 1) throw new Error(`${name} must be a positive integer, got ${text}`);
  return number;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function cpuModel() {
  try {
    const line = fs.readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("model name"));
    if (line) return line.split(":").slice(1).join(":").trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return os.cpus()[0]?.model ?? "unknown";
}

function gitCommit() {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

// A fresh function per variant, so V8 keeps separate type feedback for each call site
// instead of one polymorphic site shared by the variants being compared.
function jsLoop() {
  return new Function("fn", "n", `
    let sum = 0;
    const start = performance.now();
    for (let i = 0; i < n; i++) sum += fn(i, 2);
    const elapsed = performance.now() - start;
    const expected = n * (n - 1) / 2 + 2 * n;
    if (sum !== expected) throw new Error("sum " + sum + " != " + expected);
    return elapsed * 1e6;
  `);
}

// Bulk lists: one call per sample, `repeats` samples after one warm-up call each, variants
// interleaved; returns name -> { median, samples } in ms per call.
function measureBulk(variants, repeats) {
  for (const run of Object.values(variants)) run();
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let r = 0; r < repeats; r++) {
    for (const [name, run] of Object.entries(variants)) samples[name].push(run() / 1e6);
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, { median: median(values), samples: values }]));
}

// Run `variants` (name -> (n) => nanoseconds) `repeats` times, interleaved, after a
// warm-up; returns name -> { median, samples } in µs per call.
function measure(variants, calls, repeats) {
  const warmup = Math.max(2_000, Math.floor(calls / 10));
  for (const run of Object.values(variants)) run(warmup);
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let r = 0; r < repeats; r++) {
    for (const [name, run] of Object.entries(variants)) {
      samples[name].push(run(calls) / calls / 1e3);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, { median: median(values), samples: values }]));
}

async function boot() {
  const started = performance.now();
  const runtime = await python.withConfig({
    pyodideURL: new URL("../node_modules/pyodide/pyodide.mjs", import.meta.url).href,
    configURL: null,
    mounts: [
      { host: path.join(repoRoot, "src"), path: "/lib/src" },
      { host: benchDir, path: "/lib/bench" },
    ],
    pythonPath: ["/lib/src", "/lib/bench"],
  }).create();
  const bootMs = performance.now() - started;
  const add = (a, b) => a + b;
  const echo = (s) => s;
  const length = (a) => a.length;
  const makeFloats = (n) => {
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = i + 0.5;
    return out;
  };
  const makeInts = (n) => {
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  };
  // Pyodide's own zero-copy read of a Python buffer, the baseline for MemoryView.
  const bufferLength = (proxy) => {
    const buffer = proxy.getBuffer();
    const n = buffer.data.length;
    buffer.release();
    return n;
  };
  runtime.setModuleImports("bench", { add, echo, length, makeFloats, makeInts });
  // The same JS functions, reached the plain Pyodide way: `import bench_raw` gives JsProxies.
  runtime.pyodide.registerJsModule("bench_raw", { add, echo, length, makeFloats, makeInts, bufferLength });
  const exports = await runtime.getExports("pybench");
  return { runtime, exports, bootMs };
}

// `compare` names the two sides of `ratio` for the JSON ("numerator / denominator").
function row(id, measure, compare, ours, baseline, ratio, target, pass, unit = "µs") {
  return { id, measure, compare, ours, baseline, ratio, target, pass, unit };
}

function printTable(rows) {
  const header = ["measure", "ours", "baseline", "ratio", "target", ""];
  const lines = rows.map((r) => [
    r.measure,
    `${r.ours.toFixed(3)} ${r.unit}`,
    `${r.baseline.toFixed(3)} ${r.unit}`,
    `${r.ratio.toFixed(2)}×`,
    r.target,
    r.pass === null ? "" : r.pass ? "ok" : "MISS",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("   ").trimEnd();
  console.log(format(header));
  console.log(widths.map((w) => "-".repeat(w)).join("   "));
  for (const line of lines) console.log(format(line));
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const { runtime, exports, bootMs } = await boot();
  const { pyodide } = runtime;
  const loops = pyodide.pyimport("pybench.loops");
  loops.bind_raw();
  const text = "é".repeat(10) + "x".repeat(990); // 1,000 chars, not all ASCII
  const { calls, repeats } = options;

  const machine = {
    node: process.version,
    pyodide: pyodide.version,
    python: pyodide.runPython("import sys; sys.version.split()[0]"),
    cpu: cpuModel(),
    cpus: os.cpus().length,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    commit: gitCommit(),
  };
  console.log(`node ${machine.node}, Pyodide ${machine.pyodide} (Python ${machine.python}), ${machine.cpu} ×${machine.cpus}, ${machine.platform}`);
  console.log(`commit ${machine.commit ?? "?"}; boot ${bootMs.toFixed(0)} ms; ${calls.toLocaleString("en")} calls per sample, median of ${repeats}\n`);

  const pythonLoop = (variant) => (n) => loops.loop_add(variant, n);
  const importAdd = measure({
    ours: pythonLoop("ours"),
    raw: pythonLoop("raw"),
    bind_sig: pythonLoop("bind_sig"),
    js_half: pythonLoop("js_half"),
    python: pythonLoop("python"),
  }, calls, repeats);

  const echoLoop = (variant) => (n) => loops.loop_echo(variant, n, text);
  const importEcho = measure({
    ours: echoLoop("ours"),
    raw: echoLoop("raw"),
    bind_sig: echoLoop("bind_sig"),
  }, calls, repeats);

  const typedAdd = exports.pybench.calls.add;
  const rawAdd = pyodide.pyimport("pybench.calls").add;
  const oursLoop = jsLoop();
  const rawLoop = jsLoop();
  const exportAdd = measure({
    ours: (n) => oursLoop(typedAdd, n),
    raw: (n) => rawLoop(rawAdd, n),
  }, calls, repeats);

  const { elements } = options;
  const bulkRun = (kind, variant) => () => loops.bulk(kind, variant, elements);
  const bulkVariants = (kind, names) => Object.fromEntries(names.map((name) => [name, bulkRun(kind, name)]));
  const takeFloats = measureBulk(bulkVariants("take_floats", ["ours", "raw"]), repeats);
  const takeInts = measureBulk(bulkVariants("take_ints", ["ours", "raw"]), repeats);
  const makeFloats = measureBulk(bulkVariants("make_floats", ["ours", "raw"]), repeats);
  const makeInts = measureBulk(bulkVariants("make_ints", ["ours", "raw", "python"]), repeats);

  // MemoryView: creation + call, at 1 KB and 100 MB (fewer calls: each is ~20 µs).
  const viewCalls = Math.max(200, Math.floor(calls / 100));
  const viewLoop = (variant, size) => (n) => loops.loop_view(variant, size, n);
  const KB = 1024;
  const MB = 1024 * KB;
  const viewSmall = measure({ ours: viewLoop("ours", KB), raw: viewLoop("raw", KB) }, viewCalls, repeats);
  const viewLarge = measure({ ours: viewLoop("ours", 100 * MB), raw: viewLoop("raw", 100 * MB) }, viewCalls, repeats);

  const ratio = (a, b) => a.median / b.median;
  const k = elements >= 1000 ? `${elements / 1000}k` : `${elements}`;
  const bulkRow = (id, measure, compare, ours, baseline, atLeast) => {
    // Positive targets read "baseline / ours ≥ target" (how many times faster we are).
    const r = atLeast === null ? ours.median / baseline.median : baseline.median / ours.median;
    return row(id, measure, compare, ours.median, baseline.median, r, atLeast === null ? "" : `≥ ${atLeast.toFixed(2)}×`,
      atLeast === null ? null : r >= atLeast, "ms");
  };
  const rows = [
    row("import_add", "import add(int,int)->int vs raw JsProxy", "ours / raw JsProxy", importAdd.ours.median, importAdd.raw.median,
      ratio(importAdd.ours, importAdd.raw), "≤ 1.15×", ratio(importAdd.ours, importAdd.raw) <= 1.15),
    row("import_add_bind_sig", "import add: bind_sig vs ours", "bind_sig / ours", importAdd.bind_sig.median, importAdd.ours.median,
      ratio(importAdd.bind_sig, importAdd.ours), "≥ 1.50×", ratio(importAdd.bind_sig, importAdd.ours) >= 1.5),
    row("import_echo", "import echo(str 1000)->str vs raw", "ours / raw JsProxy", importEcho.ours.median, importEcho.raw.median,
      ratio(importEcho.ours, importEcho.raw), "≤ 1.15×", ratio(importEcho.ours, importEcho.raw) <= 1.15),
    row("import_echo_bind_sig", "import echo: bind_sig vs ours", "bind_sig / ours", importEcho.bind_sig.median, importEcho.ours.median,
      ratio(importEcho.bind_sig, importEcho.ours), "", null),
    row("export_add", "export add(int,int)->int vs raw PyProxy", "ours / raw PyProxy", exportAdd.ours.median, exportAdd.raw.median,
      ratio(exportAdd.ours, exportAdd.raw), "≤ 1.15×", ratio(exportAdd.ours, exportAdd.raw) <= 1.15),
    bulkRow("import_list_float_py_to_js", `list[float] ${k} Py->JS vs to_js`, "to_js / ours",
      takeFloats.ours, takeFloats.raw, 5),
    bulkRow("import_list_int_py_to_js", `list[int] ${k} Py->JS vs to_js`, "to_js / ours",
      takeInts.ours, takeInts.raw, 5),
    bulkRow("import_list_float_js_to_py", `list[float] ${k} JS->Py vs to_py`, "to_py / ours",
      makeFloats.ours, makeFloats.raw, 1.3),
    bulkRow("import_list_int_js_to_py", `list[int] ${k} JS->Py vs to_py`, "to_py / ours",
      makeInts.ours, makeInts.raw, 1.3),
    row("import_memoryview_1kb", "memoryview 1 KB -> MemoryView (≤ 50 µs)", "ours / raw getBuffer", viewSmall.ours.median,
      viewSmall.raw.median, ratio(viewSmall.ours, viewSmall.raw), "≤ 50 µs", viewSmall.ours.median <= 50),
    row("import_memoryview_100mb", "memoryview 100 MB -> MemoryView (≤ 50 µs)", "ours / raw getBuffer", viewLarge.ours.median,
      viewLarge.raw.median, ratio(viewLarge.ours, viewLarge.raw), "≤ 50 µs", viewLarge.ours.median <= 50),
    bulkRow("import_list_int_js_to_py_floor", `list[int] ${k} JS->Py vs list(range)`, "ours / list(range(n))",
      makeInts.ours, makeInts.python, null),
  ];
  printTable(rows);
  const us = (m) => `${m.median.toFixed(3)} µs`;
  console.log(`
import add, where the time goes: raw JsProxy ${us(importAdd.raw)}; the stub's JS half called directly
(JS checks, no generated Python function) ${us(importAdd.js_half)}; full stub ${us(importAdd.ours)}.
For scale, the same Python loop calling a pure-Python add: ${us(importAdd.python)}.
The 'import' rows are timed in Python (perf_counter_ns) and include that loop; the 'bind_sig vs
ours' rows put bind_sig in the 'ours' column.
The list rows (ms per call, ${elements.toLocaleString("en")} elements, 1 call per sample, median of ${repeats}) show
baseline / ours, so higher is better; the floor row shows ours / pure-Python list(range(n)).`);

  if (options.json) {
    const report = {
      benchmark: "calls",
      date: new Date().toISOString(),
      machine,
      calls,
      repeats,
      unit: "per call, in each row's unit (µs or ms)",
      rows,
      elements,
      samples: { importAdd, importEcho, exportAdd, takeFloats, takeInts, makeFloats, makeInts, viewSmall, viewLarge },
    };
    fs.mkdirSync(path.dirname(options.json), { recursive: true });
    fs.writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwrote ${options.json}`);
  }
  rawAdd.destroy();
  loops.destroy();
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}
