// The measures of bench/, shared by the Node entry (calls.mjs) and the Chromium page
// (index.html + browser.mjs): given a booted jsinterop runtime, run every row and return it.
//
// Each measure runs every variant once per repetition (variants interleaved), after a
// warm-up; a row shows the median of the repetitions. Python-side loops live in
// bench/pybench/loops.py and are timed there with perf_counter_ns; JS-side loops are timed
// here with performance.now().

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
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

// One call per sample, `repeats` samples after one warm-up call each, variants interleaved;
// returns name -> { median, samples } in ms per call.
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

// The JS functions the stubs call, registered twice: as module imports for the stubs and as
// the JS module `bench_raw` for the plain Pyodide baselines.
export function registerBenchFunctions(runtime) {
  const add = (a, b) => a + b;
  const echo = (s) => s;
  const length = (a) => a.length;
  const fieldCount = (o) => {
    let n = 0;
    for (const key in o) if (typeof o[key] === "number") n++;
    return n;
  };
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
  const strings = new Map();
  const makeStrings = (n) => {
    if (!strings.has(n)) strings.set(n, Array.from({ length: n }, (_, i) => `item ${i}`));
    return strings.get(n).slice();
  };
  const byteArrays = new Map();
  const makeBytes = (n) => {
    if (!byteArrays.has(n)) byteArrays.set(n, new Uint8Array(n).fill(7));
    return byteArrays.get(n);
  };
  // Pyodide's own zero-copy read of a Python buffer, the baseline for MemoryView.
  const bufferLength = (proxy) => {
    const buffer = proxy.getBuffer();
    const n = buffer.data.length;
    buffer.release();
    return n;
  };
  const functions = { add, echo, length, fieldCount, makeFloats, makeInts, makeStrings, makeBytes };
  runtime.setModuleImports("bench", functions);
  runtime.pyodide.registerJsModule("bench_raw", { ...functions, bufferLength, fromEntries: Object.fromEntries });
}

// `compare` names the two sides of `ratio` for the JSON ("numerator / denominator").
function row(id, measure, compare, ours, baseline, ratio, target, pass, unit = "µs", note = "") {
  return { id, measure, compare, ours, baseline, ratio, target, pass, unit, note };
}

export function formatTable(rows) {
  const header = ["measure", "ours", "baseline", "ratio", "target", "", "note"];
  const lines = rows.map((r) => [
    r.measure,
    `${r.ours.toFixed(3)} ${r.unit}`,
    `${r.baseline.toFixed(3)} ${r.unit}`,
    `${r.ratio.toFixed(2)}×`,
    r.target,
    r.pass === null ? "" : r.pass ? "ok" : "MISS",
    r.note,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) => cells.map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("   ").trimEnd();
  return [format(header), widths.map((w) => "-".repeat(w)).join("   "), ...lines.map(format)].join("\n");
}

// The duration of the last loadPyodide() inside python.create(), from the runtime's marks.
function lastLoadPyodide() {
  const last = (name) => performance.getEntriesByName(`jsinterop:${name}`).at(-1)?.startTime;
  return last("pyodide-ready") - last("pyodide-start");
}

// Start-up: bare loadPyodide() against the jsinterop runtime's create() + `import jsinterop`,
// `repeats` times each, interleaved. `bare()` and `ours()` resolve to milliseconds.
//
// A boot takes ~1.2 s and varies by ±100 ms from one to the next, so the difference of the two
// medians (the ours/baseline columns) is mostly noise at a handful of boots. The extra the target is
// checked against is therefore paired, taken inside each of our boots: its whole time minus
// the loadPyodide() it made (the runtime marks both ends), i.e. everything jsinterop adds
// around the same loadPyodide() call (the archive, the imports, the runtime's set-up).
export async function measureStartup(bare, ours, repeats) {
  const samples = { bare: [], ours: [], extra: [] };
  for (let r = 0; r < repeats; r++) {
    samples.bare.push(await bare());
    const total = await ours();
    samples.ours.push(total);
    samples.extra.push(total - lastLoadPyodide());
  }
  const b = median(samples.bare);
  const o = median(samples.ours);
  const extra = median(samples.extra);
  const signed = (ms) => `${ms >= 0 ? "+" : ""}${ms.toFixed(0)} ms`;
  const result = row("startup", "import jsinterop + runtime init vs loadPyodide()", "ours - bare loadPyodide (ms)", o, b, o / b,
    "≤ +50 ms", extra <= 50, "ms", `${signed(extra)} extra per boot (medians of whole boots: ${signed(o - b)})`);
  return { ...result, extra, samples };
}

// Start-up of an app with Python dependencies: the runtime's create() installing two PyPI wheels
// (examples/charts' humanize and perlin-noise, shipped as `jsinterop build` ships them) and
// importing them, against the same create() without them, `repeats` times each, interleaved.
// `plain()` and `withPackages()` resolve to milliseconds. Reported, with no target.
export async function measureStartupWithPackages(plain, withPackages, repeats) {
  const samples = { plain: [], packages: [] };
  for (let r = 0; r < repeats; r++) {
    samples.plain.push(await plain());
    samples.packages.push(await withPackages());
  }
  const b = median(samples.plain);
  const o = median(samples.packages);
  const result = row("startup_packages", "start-up with 2 PyPI packages (installed + imported)", "with / without (ms)", o, b, o / b,
    "reported", null, "ms", `${o - b >= 0 ? "+" : ""}${(o - b).toFixed(0)} ms for humanize and perlin-noise`);
  return { ...result, samples };
}

// Every per-call and bulk row. `options`: { calls, repeats, elements }.
export function runRows(runtime, exports, options) {
  const { pyodide } = runtime;
  const loops = pyodide.pyimport("pybench.loops");
  loops.bind_raw();
  const text = "é".repeat(10) + "x".repeat(990); // 1,000 chars, not all ASCII
  const { calls, repeats, elements } = options;

  const pythonLoop = (variant) => (n) => loops.loop_add(variant, n);
  const importAdd = measure({
    ours: pythonLoop("ours"),
    raw: pythonLoop("raw"),
    bind_sig: pythonLoop("bind_sig"),
    js_half: pythonLoop("js_half"),
    python: pythonLoop("python"),
  }, calls, repeats);

  const echoLoop = (variant) => (n) => loops.loop_echo(variant, n, text);
  const importEcho = measure({ ours: echoLoop("ours"), raw: echoLoop("raw"), bind_sig: echoLoop("bind_sig") }, calls, repeats);

  const typedAdd = exports.pybench.calls.add;
  const rawAdd = pyodide.pyimport("pybench.calls").add;
  const oursLoop = jsLoop();
  const rawLoop = jsLoop();
  const exportAdd = measure({ ours: (n) => oursLoop(typedAdd, n), raw: (n) => rawLoop(rawAdd, n) }, calls, repeats);

  const bulkRun = (kind, variant, n = elements) => () => loops.bulk(kind, variant, n);
  const bulkVariants = (kind, names, n = elements) => Object.fromEntries(names.map((name) => [name, bulkRun(kind, name, n)]));
  const takeFloats = measureBulk(bulkVariants("take_floats", ["ours", "raw"]), repeats);
  const takeInts = measureBulk(bulkVariants("take_ints", ["ours", "raw"]), repeats);
  const makeFloats = measureBulk(bulkVariants("make_floats", ["ours", "raw"]), repeats);
  const makeInts = measureBulk(bulkVariants("make_ints", ["ours", "raw", "python"]), repeats);
  const STRINGS = 100_000;
  const takeStrings = measureBulk(bulkVariants("take_strs", ["ours", "raw"], STRINGS), repeats);
  const makeStrings = measureBulk(bulkVariants("make_strs", ["ours", "raw"], STRINGS), repeats);
  const BYTES = 10 * 1024 * 1024;
  const takeBytes = measureBulk(bulkVariants("take_bytes", ["ours", "raw"], BYTES), repeats);
  const makeBytes = measureBulk(bulkVariants("make_bytes", ["ours", "raw"], BYTES), repeats);

  // Records: 10,000 calls per sample, each passing 10 fields.
  const RECORD_CALLS = 10_000;
  const recordLoop = (kind, variant) => (n) => loops.loop_record(kind, variant, n);
  const dictRecord = measure({ ours: recordLoop("dict", "ours"), raw: recordLoop("dict", "raw") }, RECORD_CALLS, repeats);
  const classRecord = measure({ ours: recordLoop("dataclass", "ours"), raw: recordLoop("dataclass", "raw") }, RECORD_CALLS, repeats);

  // MemoryView: creation + call, at 1 KB and 100 MB (fewer calls: each is ~20 µs).
  const viewCalls = Math.max(200, Math.floor(calls / 100));
  const viewLoop = (variant, size) => (n) => loops.loop_view(variant, size, n);
  const KB = 1024;
  const MB = 1024 * KB;
  const viewSmall = measure({ ours: viewLoop("ours", KB), raw: viewLoop("raw", KB) }, viewCalls, repeats);
  const viewLarge = measure({ ours: viewLoop("ours", 100 * MB), raw: viewLoop("raw", 100 * MB) }, viewCalls, repeats);

  const ratio = (a, b) => a.median / b.median;
  const count = (n) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : `${n}`);
  const k = count(elements);
  // Positive targets read "baseline / ours ≥ target" (how many times faster we are).
  const bulkRow = (id, measureText, compare, ours, baseline, atLeast) => {
    const r = atLeast === null ? ours.median / baseline.median : baseline.median / ours.median;
    return row(id, measureText, compare, ours.median, baseline.median, r, atLeast === null ? "" : `≥ ${atLeast.toFixed(2)}×`,
      atLeast === null ? null : r >= atLeast, "ms");
  };
  const gbps = (m, bytes) => bytes / (m.median / 1e3) / 1e9;
  const bytesRow = (id, measureText, compare, ours, baseline) => {
    const speed = gbps(ours, BYTES);
    return row(id, measureText, compare, ours.median, baseline.median, ours.median / baseline.median, "≥ 3 GB/s", speed >= 3, "ms",
      `${speed.toFixed(1)} GB/s (Pyodide's own: ${gbps(baseline, BYTES).toFixed(1)} GB/s)`);
  };
  const atMost = (id, measureText, compare, m, limit) => row(id, measureText, compare, m.ours.median, m.raw.median,
    ratio(m.ours, m.raw), `≤ ${limit.toFixed(2)}×`, ratio(m.ours, m.raw) <= limit);
  const floor = ratio(makeInts.ours, makeInts.python);
  const rows = [
    atMost("import_add", "import add(int,int)->int vs raw JsProxy", "ours / raw JsProxy", importAdd, 1.15),
    row("import_add_bind_sig", "import add: bind_sig vs ours", "bind_sig / ours", importAdd.bind_sig.median, importAdd.ours.median,
      ratio(importAdd.bind_sig, importAdd.ours), "≥ 1.50×", ratio(importAdd.bind_sig, importAdd.ours) >= 1.5),
    atMost("import_echo", "import echo(str 1000)->str vs raw", "ours / raw JsProxy", importEcho, 1.15),
    atMost("export_add", "export add(int,int)->int vs raw PyProxy", "ours / raw PyProxy", exportAdd, 1.15),
    bulkRow("list_float_py_to_js", `list[float] ${k} Py->JS vs to_js`, "to_js / ours", takeFloats.ours, takeFloats.raw, 5),
    bulkRow("list_int_py_to_js", `list[int] ${k} Py->JS vs to_js`, "to_js / ours", takeInts.ours, takeInts.raw, 5),
    bulkRow("list_float_js_to_py", `list[float] ${k} JS->Py vs to_py`, "to_py / ours", makeFloats.ours, makeFloats.raw, 1.3),
    bulkRow("list_int_js_to_py", `list[int] ${k} JS->Py vs to_py`, "to_py / ours", makeInts.ours, makeInts.raw, 1.3),
    row("list_int_js_to_py_floor", `list[int] ${k} JS->Py vs list(range(n))`, "ours / list(range(n))", makeInts.ours.median,
      makeInts.python.median, floor, "≤ 1.50×", floor <= 1.5, "ms"),
    bulkRow("list_str_py_to_js", `list[str] ${count(STRINGS)} Py->JS vs to_js`, "to_js / ours", takeStrings.ours, takeStrings.raw, 2),
    bulkRow("list_str_js_to_py", `list[str] ${count(STRINGS)} JS->Py vs to_py`, "to_py / ours", makeStrings.ours, makeStrings.raw, 2),
    atMost("record_dict", "dict[str,float] 10 fields vs to_js(fromEntries)", "ours / to_js", dictRecord, 1.0),
    atMost("record_dataclass", "dataclass 10 fields vs to_js(fromEntries)", "ours / to_js", classRecord, 1.0),
    bytesRow("bytes_py_to_js", "bytes 10 MB Py->JS", "ours / to_js(bytes)", takeBytes.ours, takeBytes.raw),
    bytesRow("bytes_js_to_py", "bytes 10 MB JS->Py", "ours / to_bytes()", makeBytes.ours, makeBytes.raw),
    row("memoryview_1kb", "memoryview 1 KB -> MemoryView", "ours / raw getBuffer", viewSmall.ours.median,
      viewSmall.raw.median, ratio(viewSmall.ours, viewSmall.raw), "≤ 50 µs", viewSmall.ours.median <= 50),
    row("memoryview_100mb", "memoryview 100 MB -> MemoryView", "ours / raw getBuffer", viewLarge.ours.median,
      viewLarge.raw.median, ratio(viewLarge.ours, viewLarge.raw), "≤ 50 µs", viewLarge.ours.median <= 50),
  ];
  const us = (m) => `${m.median.toFixed(3)} µs`;
  const notes = `import add, where the time goes: raw JsProxy ${us(importAdd.raw)}; the stub's JS half called directly
(JS checks, no generated Python function) ${us(importAdd.js_half)}; full stub ${us(importAdd.ours)}.
For scale, the same Python loop calling a pure-Python add: ${us(importAdd.python)}.`;
  const samples = {
    importAdd, importEcho, exportAdd, takeFloats, takeInts, makeFloats, makeInts, takeStrings, makeStrings,
    takeBytes, makeBytes, dictRecord, classRecord, viewSmall, viewLarge,
  };
  rawAdd.destroy();
  loops.destroy();
  return { rows, notes, samples };
}
