// The Chromium side of bench/: the same rows as calls.mjs, in a page served from the repo
// root by bench/browser.py, which reads `window.benchResult` when `window.benchDone` is set.
// Query: ?calls=N&repeats=R&elements=E&boots=B[&only=startup].

import { python } from "/src/jsinterop/_framework/jsinterop.mjs";
import { formatTable, measureStartup, measureStartupWithPackages, registerBenchFunctions, runRows } from "./core.mjs";

const query = new URLSearchParams(location.search);
const number = (name, fallback) => Number(query.get(name) ?? fallback);
const options = {
  calls: number("calls", 200_000),
  repeats: number("repeats", 9),
  elements: number("elements", 1_000_000),
  boots: number("boots", 9),
};
const pyodideURL = "/node_modules/pyodide/pyodide.mjs";
// bench/browser.py zips src/jsinterop and bench/pybench into this archive.
const config = { pyodideURL, configURL: null, archives: ["/.cache/bench/app.zip"], stdio: "console" };
const out = document.getElementById("out");

async function main() {
  const started = performance.now();
  const runtime = await python.withConfig(config).create();
  const bootMs = performance.now() - started;
  registerBenchFunctions(runtime);
  const exports = await runtime.getExports("pybench");
  const { pyodide } = runtime;
  const machine = {
    engine: "chromium",
    userAgent: navigator.userAgent,
    pyodide: pyodide.version,
    python: pyodide.runPython("import sys; sys.version.split()[0]"),
    crossOriginIsolated: globalThis.crossOriginIsolated,
    bootMs,
  };
  const startupOnly = query.get("only") === "startup";
  const { rows, notes, samples } = startupOnly ? { rows: [], notes: "", samples: {} } : runRows(runtime, exports, options);
  const { loadPyodide } = await import(pyodideURL);
  const bare = async () => {
    const t = performance.now();
    await loadPyodide();
    return performance.now() - t;
  };
  const ours = async () => {
    const t = performance.now();
    const other = await python.withConfig(config).create();
    other.pyodide.pyimport("jsinterop").destroy();
    return performance.now() - t;
  };
  rows.push(await measureStartup(bare, ours, options.boots));
  // The wheels bench/browser.py copied for it (its listing is missing if it did not).
  const listing = await fetch("/.cache/bench/packages.json");
  if (listing.ok) {
    const wheels = (await listing.json()).map((name) => `/${name}`);
    const boot = (packages, imports) => async () => {
      const t = performance.now();
      const other = await python.withConfig({ ...config, packages }).create();
      other.pyodide.runPython(imports);
      return performance.now() - t;
    };
    rows.push(await measureStartupWithPackages(
      boot(undefined, "import jsinterop"),
      boot({ wheels }, "import jsinterop, humanize, perlin_noise"),
      options.boots,
    ));
  }
  const table = formatTable(rows);
  out.textContent = table;
  return { benchmark: "calls", date: new Date().toISOString(), machine, ...options, rows, notes, table, samples };
}

try {
  window.benchResult = await main();
} catch (error) {
  window.benchError = String(error?.stack ?? error);
  out.textContent = window.benchError;
}
window.benchDone = true;
