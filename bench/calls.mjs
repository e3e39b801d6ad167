// jsinterop against raw Pyodide, every row of the benchmark, measured in one Node process.
//
//   node bench/calls.mjs                 # N = 200,000 calls per sample, 1M-element lists
//   node bench/calls.mjs --quick         # N = 20,000, 100k-element lists
//   node bench/calls.mjs --json out.json # also write the results as JSON
//
// The measures are in core.mjs (shared with the Chromium page, bench/index.html).

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { python } from "../src/jsinterop/_framework/jsinterop.mjs";
import { formatTable, measureStartup, measureStartupWithPackages, registerBenchFunctions, runRows } from "./core.mjs";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.dirname(benchDir);

const USAGE = "usage: node bench/calls.mjs [--quick] [--json PATH] [--calls N] [--repeats R] [--elements E] [--boots B] [--source]";

function parseArguments(argv) {
  const options = { quick: false, json: null, calls: null, repeats: 9, elements: null, boots: 9, source: false };
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
    else if (argument === "--boots") options.boots = positiveInteger(argument, value());
    else if (argument === "--source") options.source = true;
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

// Booted as an app boots (`jsinterop run`): from the archive `jsinterop build` would make,
// with bytecode (`python bench/browser.py --archive-only` writes it; `make bench` does). With
// --source, or without the archive, from the source tree mounted as it is (Python then
// compiles every module on each boot: start-up is not an app's).
const archive = path.join(repoRoot, ".cache", "bench", "app.zip");
const pyodideURL = new URL("../node_modules/pyodide/pyodide.mjs", import.meta.url).href;
const fromArchive = { pyodideURL, configURL: null, archives: [pathToFileURL(archive).href] };
const fromSource = {
  pyodideURL,
  configURL: null,
  mounts: [
    { host: path.join(repoRoot, "src"), path: "/lib/src" },
    { host: benchDir, path: "/lib/bench" },
  ],
  pythonPath: ["/lib/src", "/lib/bench"],
};
let config = fromArchive;

async function boot() {
  const started = performance.now();
  const runtime = await python.withConfig(config).create();
  const bootMs = performance.now() - started;
  registerBenchFunctions(runtime);
  const exports = await runtime.getExports("pybench");
  return { runtime, exports, bootMs };
}

async function startup(repeats) {
  const { loadPyodide } = await import(config.pyodideURL);
  const bare = async () => {
    const started = performance.now();
    await loadPyodide();
    return performance.now() - started;
  };
  const ours = async () => {
    const started = performance.now();
    const runtime = await python.withConfig(config).create();
    runtime.pyodide.pyimport("jsinterop").destroy();
    return performance.now() - started;
  };
  return measureStartup(bare, ours, repeats);
}

// Why the archive cannot be used, or null: missing, or older than a Python file it packs
// (it would run yesterday's Python against today's JS).
function archiveProblem() {
  if (!fs.existsSync(archive)) return "is missing";
  const built = fs.statSync(archive).mtimeMs;
  const roots = [path.join(repoRoot, "src", "jsinterop"), path.join(benchDir, "pybench")];
  const stale = roots.some((root) =>
    fs.readdirSync(root, { recursive: true })
      .some((name) => String(name).endsWith(".py") && fs.statSync(path.join(root, String(name))).mtimeMs > built));
  return stale ? "is older than the Python code" : null;
}

// The wheels bench/browser.py --archive-only copied for the start-up-with-packages row.
function benchWheels() {
  const listing = path.join(repoRoot, ".cache", "bench", "packages.json");
  if (!fs.existsSync(listing)) return null;
  return JSON.parse(fs.readFileSync(listing, "utf8")).map((name) => pathToFileURL(path.join(repoRoot, name)).href);
}

async function startupWithPackages(repeats) {
  const wheels = benchWheels();
  if (wheels === null) return null;
  const boot = (packages, imports) => async () => {
    const started = performance.now();
    const runtime = await python.withConfig({ ...config, packages }).create();
    runtime.pyodide.runPython(imports);
    return performance.now() - started;
  };
  const row = await measureStartupWithPackages(
    boot(undefined, "import jsinterop"),
    boot({ wheels }, "import jsinterop, humanize, perlin_noise"),
    repeats,
  );
  python.withConfig({ packages: undefined });
  return row;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const missing = options.source ? null : archiveProblem();
  if (options.source || missing) {
    config = fromSource;
    console.log(`booting from the source tree${missing ? ` (${archive} ${missing}: python bench/browser.py --archive-only)` : ""}`);
  }
  const { runtime, exports, bootMs } = await boot();
  const { pyodide } = runtime;
  const machine = {
    engine: "node",
    node: process.version,
    pyodide: pyodide.version,
    python: pyodide.runPython("import sys; sys.version.split()[0]"),
    cpu: cpuModel(),
    cpus: os.cpus().length,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    commit: gitCommit(),
  };
  const { calls, repeats, elements } = options;
  console.log(`node ${machine.node}, Pyodide ${machine.pyodide} (Python ${machine.python}), ${machine.cpu} ×${machine.cpus}, ${machine.platform}`);
  console.log(`commit ${machine.commit ?? "?"}; boot ${bootMs.toFixed(0)} ms; ${calls.toLocaleString("en")} calls per sample, ${elements.toLocaleString("en")}-element lists, median of ${repeats}\n`);
  const measured = runRows(runtime, exports, options);
  const { rows, samples } = measured;
  let { notes } = measured;
  rows.push(await startup(options.boots));
  const withPackages = await startupWithPackages(options.boots);
  if (withPackages) rows.push(withPackages);
  else notes += "\n(no start-up-with-packages row: python bench/browser.py --archive-only first)";
  console.log(formatTable(rows));
  console.log(`\n${notes}`);
  if (options.json) {
    const report = {
      benchmark: "calls", date: new Date().toISOString(), machine, calls, repeats, elements, boots: options.boots, rows, notes, samples,
    };
    fs.mkdirSync(path.dirname(options.json), { recursive: true });
    fs.writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwrote ${options.json}`);
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}
