// Boots a runtime: reads the config, loads Pyodide (restoring the build's memory snapshot when
// it fits this start, see snapshot.mjs), registers the bridge, installs the app's Python code,
// and returns the API (api.mjs). makeSnapshot() boots the same way for `jsinterop build`.

import { createApi } from "./api.mjs";
import { unpackZip } from "./archive.mjs";
import { createBoundary, runtimeModule } from "./bridge.mjs";
import { ENTRY_MODULE, pythonEntry } from "./entry.mjs";
import { ExportedPackages } from "./exports.mjs";
import { defaultAppRoot, hostFilePath, isNode, nodeWriter, readBytes, readJson } from "./host.mjs";
import { ModuleRegistry } from "./modules.mjs";
import { installPackages } from "./packages.mjs";
import { applyHotReload, registerHotReload } from "./reload.mjs";
import {
  SnapshotRefused,
  describeSnapshot,
  importGuard,
  makingOptions,
  restoring,
  snapshotBytes,
  snapshotMismatch,
  takeSnapshot,
  unsupportedPyodide,
} from "./snapshot.mjs";

const frameworkURL = new URL("./", import.meta.url);
const runtimes = [];
const DEFAULT_EXTRACT_DIR = "/app";

export function getPythonRuntime(index = 0) {
  const runtime = runtimes[index];
  if (!runtime) {
    throw new Error(`jsinterop: no Python runtime #${index}; create one with python.create() first`);
  }
  return runtime;
}

// Makes `api` (a runtime's API, or the worker host's page half) getPythonRuntime(n)'s answer.
export function registerRuntime(api) {
  runtimes.push(api);
  globalThis.getPythonRuntime ??= getPythonRuntime;
}

// `pageImporter`, `importsOnPage`: set by the worker host (worker_main.mjs), see modules.mjs.
export async function createRuntime(userConfig, applicationArguments, { pageImporter = undefined, importsOnPage = false } = {}) {
  mark("start");
  const config = await loadConfig(userConfig);
  const appRoot = config.appRoot ?? defaultAppRoot(frameworkURL);
  const { pyodide, archives, restored } = await startPyodide(config);
  const modules = new ModuleRegistry(appRoot, { pageImporter, importsOnPage });
  const python = pythonEntry(pyodide);
  const boundary = createBoundary(pyodide.ffi, python);
  pyodide.registerJsModule("_jsinterop_runtime", runtimeModule(boundary, modules, pyodide));
  await installPythonCode(pyodide, config, archives, restored);
  // Also after a restore: a snapshot keeps Python's memory, not the files its packages are in.
  await installPackages(pyodide, config, frameworkURL);
  python.load();
  if (restored) python.afterRestore(config.env);
  boundary.negativeZero = python.negativeZero();
  const exportedPackages = new ExportedPackages(python, boundary);
  const api = createApi({ config, appRoot, applicationArguments, pyodide, python, boundary, modules, exportedPackages });
  registerRuntime(api);
  registerHotReload({ python, modules, exportedPackages, extractDir: extractDirOf(config) });
  globalThis.__jsinteropHotReload ??= applyHotReload; // the dev server's page script calls it
  mark("ready");
  return api;
}

// A memory snapshot of Pyodide after the imports `modules` and `packages` (their trees) of the
// app `userConfig` describes, made as createRuntime boots but with no JS runtime registered:
// { bytes, descriptor } (snapshot.mjs). Throws SnapshotRefused when the app cannot be kept.
export async function makeSnapshot(userConfig, { modules = [], packages = [] } = {}) {
  const config = await loadConfig(userConfig);
  const guard = importGuard();
  const { pyodide, archives, version } = await startPyodide(config, guard);
  await installPythonCode(pyodide, config, archives, false);
  await installPackages(pyodide, config, frameworkURL);
  const python = pythonEntry(pyodide);
  const problem = guard.during(() => python.prepareSnapshot([ENTRY_MODULE, ...modules], packages));
  if (problem) throw new SnapshotRefused(problem);
  const bytes = takeSnapshot(pyodide);
  const descriptor = await describeSnapshot(bytes, {
    pyodideVersion: version,
    archives: await Promise.all(archives),
    extractDir: extractDirOf(config),
    frameworkURL,
  });
  return { bytes, descriptor };
}

function mark(name) {
  globalThis.performance?.mark?.(`jsinterop:${name}`);
}

// `userConfig` over the build's app.json (`configURL`, relative to _framework/; null: none).
export async function loadConfig(userConfig) {
  const fromBuild = userConfig.configURL === null
    ? undefined
    : await readJson(new URL(userConfig.configURL ?? "app.json", frameworkURL), { optional: true });
  return { ...(fromBuild ?? {}), ...userConfig };
}

function extractDirOf(config) {
  return config.extractDir ?? DEFAULT_EXTRACT_DIR;
}

// Pyodide loaded (from the snapshot config.snapshot describes when it fits), its output
// connected, and the archives' bytes (fetched while it boots). With `guard` (importGuard()),
// loaded to make a snapshot instead.
async function startPyodide(config, guard = undefined) {
  const pyodideURL = new URL(config.pyodideURL ?? "pyodide/pyodide.mjs", frameworkURL);
  const archives = fetchArchives(config);
  const snapshot = !guard && config.snapshot ? config.snapshot : undefined;
  // Fetched while Pyodide's own files are: loadPyodide starts fetching pyodide.asm.wasm
  // before it waits for the snapshot's bytes.
  const bytes = snapshot ? settledLater(snapshotBytes(snapshot, frameworkURL)) : undefined;
  const moduleScript = snapshot ? settledLater(import(new URL("pyodide.asm.mjs", pyodideURL).href)) : undefined;
  const { loadPyodide, version } = await import(pyodideURL.href);
  mark("pyodide-start");
  const options = config.env ? { env: { ...config.env } } : {};
  let pyodide;
  if (guard) {
    const unsupported = unsupportedPyodide(version);
    if (unsupported) throw new SnapshotRefused(unsupported);
    pyodide = await loadPyodide({ ...options, ...makingOptions(guard.globals) });
  } else if (snapshot) {
    pyodide = await restoreSnapshot(loadPyodide, options, { snapshot, bytes, moduleScript, version, archives, config });
  }
  const restored = pyodide !== undefined && !guard;
  pyodide ??= await loadPyodide(options);
  mark("pyodide-ready");
  if (isNode && config.stdio !== "console") {
    pyodide.setStdout(await nodeWriter(1));
    pyodide.setStderr(await nodeWriter(2));
  }
  return { pyodide, archives, restored, version };
}

// Pyodide restored from `snapshot`, or undefined (said on the console, in one line) when it
// does not fit this start or fails to restore. Its fit is checked while Pyodide loads: the
// bytes reach Pyodide only once it is known, else loadPyodide fails and Pyodide boots again.
async function restoreSnapshot(loadPyodide, options, { snapshot, bytes, moduleScript, version, archives, config }) {
  const checked = snapshotMismatch(snapshot, {
    pyodideVersion: version,
    archives,
    extractDir: extractDirOf(config),
    frameworkURL,
  }).then((mismatch) => {
    if (mismatch) throw new SnapshotMismatch(mismatch);
    return bytes;
  });
  const restore = restoring(checked, async (settings) => (await moduleScript).default(settings));
  try {
    const pyodide = await loadPyodide({ ...options, ...restore.options });
    restore.finish(pyodide);
    mark("snapshot-restored");
    return pyodide;
  } catch (error) {
    const why = error instanceof SnapshotMismatch ? error.message : `restoring it failed: ${String(error?.message ?? error).split("\n")[0]}`;
    console.warn(`jsinterop: booting without the snapshot ${snapshot.file}: ${why}`);
    return undefined;
  }
}

class SnapshotMismatch extends Error {}

function fetchArchives(config) {
  return (config.archives ?? []).map((archive) => settledLater(readBytes(new URL(archive, frameworkURL))));
}

// `promise`, whose failure is reported when it is awaited, not as an unhandled rejection.
function settledLater(promise) {
  promise.catch(() => {});
  return promise;
}

// The archives unpacked, the mounts made, sys.path set. After a restore sys.path is the
// snapshot's already: only what is missing from it is added.
async function installPythonCode(pyodide, config, archives, restored) {
  const sys = pyodide.pyimport("sys");
  try {
    const extractDir = extractDirOf(config);
    for (const archive of archives) {
      await unpackZip(pyodide, await archive, extractDir);
      if (!sys.path.includes(extractDir)) sys.path.insert(0, extractDir);
    }
    mark("python-code");
    for (const { host, path } of config.mounts ?? []) {
      if (!isNode) throw new Error("jsinterop: config.mounts works in Node only");
      pyodide.FS.mkdirTree(path);
      pyodide.mountNodeFS(path, await hostFilePath(host));
    }
    for (const entry of [...(config.pythonPath ?? [])].reverse()) {
      if (!restored || !sys.path.includes(entry)) sys.path.insert(0, entry);
    }
  } finally {
    sys.destroy();
  }
}
