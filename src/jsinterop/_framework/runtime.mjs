// Boots a runtime: reads the config, loads Pyodide, registers the bridge, installs the app's
// Python code, and returns the API (api.mjs).

import { createApi } from "./api.mjs";
import { unpackZip } from "./archive.mjs";
import { createBoundary, runtimeModule } from "./bridge.mjs";
import { pythonEntry } from "./entry.mjs";
import { defaultAppRoot, hostFilePath, isNode, nodeWriter, readBytes, readJson } from "./host.mjs";
import { ModuleRegistry } from "./modules.mjs";
import { installPackages } from "./packages.mjs";

const frameworkURL = new URL("./", import.meta.url);
const runtimes = [];

export function getPythonRuntime(index = 0) {
  const runtime = runtimes[index];
  if (!runtime) {
    throw new Error(`jsinterop: no Python runtime #${index}; create one with python.create() first`);
  }
  return runtime;
}

export async function createRuntime(userConfig, applicationArguments) {
  mark("start");
  const config = await loadConfig(userConfig);
  const appRoot = config.appRoot ?? defaultAppRoot(frameworkURL);
  const { pyodide, archives } = await startPyodide(config);
  const modules = new ModuleRegistry(appRoot);
  const python = pythonEntry(pyodide);
  const boundary = createBoundary(pyodide.ffi, python);
  pyodide.registerJsModule("_jsinterop_runtime", runtimeModule(boundary, modules, pyodide));
  await installPythonCode(pyodide, config, archives);
  await installPackages(pyodide, config, frameworkURL);
  python.load();
  const api = createApi({ config, appRoot, applicationArguments, pyodide, python, boundary, modules });
  runtimes.push(api);
  globalThis.getPythonRuntime ??= getPythonRuntime;
  mark("ready");
  return api;
}

function mark(name) {
  globalThis.performance?.mark?.(`jsinterop:${name}`);
}

async function loadConfig(userConfig) {
  const fromBuild = userConfig.configURL === null
    ? undefined
    : await readJson(new URL(userConfig.configURL ?? "app.json", frameworkURL), { optional: true });
  return { ...(fromBuild ?? {}), ...userConfig };
}

// Pyodide loaded, its output connected, and the archives' bytes (fetched while it boots).
async function startPyodide(config) {
  const pyodideURL = new URL(config.pyodideURL ?? "pyodide/pyodide.mjs", frameworkURL);
  const { loadPyodide } = await import(pyodideURL.href);
  mark("pyodide-start");
  const archives = fetchArchives(config);
  const pyodide = await loadPyodide(config.env ? { env: { ...config.env } } : {});
  mark("pyodide-ready");
  if (isNode && config.stdio !== "console") {
    pyodide.setStdout(await nodeWriter(1));
    pyodide.setStderr(await nodeWriter(2));
  }
  return { pyodide, archives };
}

function fetchArchives(config) {
  const pending = (config.archives ?? []).map((archive) => readBytes(new URL(archive, frameworkURL)));
  // Not awaited until Pyodide is ready: a failure is reported then, not as an unhandled rejection.
  pending.forEach((promise) => promise.catch(() => {}));
  return pending;
}

async function installPythonCode(pyodide, config, archives) {
  const sys = pyodide.pyimport("sys");
  try {
    const extractDir = config.extractDir ?? "/app";
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
      sys.path.insert(0, entry);
    }
  } finally {
    sys.destroy();
  }
}
