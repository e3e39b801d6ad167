// Installs the app's Python packages (its [project] dependencies, locked by the build) before
// its code runs: the wheels the build shipped beside the runtime, and the packages of Pyodide's
// own distribution, from the Pyodide package URL or, when the build copied them into the site,
// from Pyodide's folder.
//
// A pure-Python wheel (the app's, or one of Pyodide's the build copied) is unpacked straight
// into site-packages by the runtime's own unzip (archive.mjs): ~15 ms for two small wheels,
// against ~200 ms through pyodide.loadPackage, whose per-call set-up dominates; and it leaves
// nothing a memory snapshot cannot hold, where loadPackage leaves JS objects in Python's
// keeping. Everything else (wasm wheels, whose shared libraries must be loaded, and Pyodide's
// packages fetched from its package URL) goes through loadPackage.

import { unpackZip } from "./archive.mjs";
import { readBytes } from "./host.mjs";

const PURE_WHEEL = /-none-any\.whl$/;

// `config.packages` (app.json): { wheels: [URL relative to _framework/], pyodide: [{ name, file }],
// pyodideURL: string | null }.
export async function installPackages(pyodide, config, frameworkURL) {
  const { wheels = [], pyodide: distribution = [], pyodideURL = null } = config.packages ?? {};
  // Pyodide's packages the build copied into the site sit beside Pyodide (pyodide/<file>).
  const copied = pyodideURL === null ? new URL("pyodide/", frameworkURL) : undefined;
  const urls = [
    ...wheels.map((wheel) => new URL(wheel, frameworkURL).href),
    ...distribution.filter(({ file }) => copied && PURE_WHEEL.test(file)).map(({ file }) => new URL(file, copied).href),
  ];
  const pure = urls.filter((url) => PURE_WHEEL.test(url));
  const others = [
    ...distribution
      .filter(({ file }) => !(copied && PURE_WHEEL.test(file)))
      .map(({ name, file }) => (copied ? name : new URL(file, pyodideURL).href)),
    ...urls.filter((url) => !PURE_WHEEL.test(url)),
  ];
  try {
    await unpackWheels(pyodide, pure);
    await loadPackages(pyodide, others);
  } catch (error) {
    throw new Error(`jsinterop: cannot install the app's Python packages: ${error?.message ?? error}`, { cause: error });
  }
}

async function unpackWheels(pyodide, urls) {
  if (urls.length === 0) return;
  const contents = await Promise.all(urls.map((url) => readBytes(url)));
  const sys = pyodide.pyimport("sys");
  const importlib = pyodide.pyimport("importlib");
  try {
    const sitePackages = sys.path.toJs().find((entry) => entry.endsWith("/site-packages"));
    for (const bytes of contents) await unpackZip(pyodide, bytes, sitePackages);
    importlib.invalidate_caches();
  } finally {
    sys.destroy();
    importlib.destroy();
  }
}

async function loadPackages(pyodide, targets) {
  if (targets.length === 0) return;
  const errors = [];
  // loadPackage reports a failure only to errorCallback; its progress messages go nowhere
  // (the app's output is the app's).
  await pyodide.loadPackage(targets, { messageCallback: () => {}, errorCallback: (message) => errors.push(message) });
  if (errors.length > 0) throw new Error(errors.join(" "));
}
