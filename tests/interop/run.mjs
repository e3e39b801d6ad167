// Runs the interop tests inside WebAssembly: boots jsinterop's own runtime in Node, loads
// pytest into Pyodide and runs tests/interop/ there, against the real JS modules beside the
// tests. Exit code: pytest's.
//
//   node --experimental-wasm-stack-switching tests/interop/run.mjs [--snapshot] [pytest args...]
//
// JSPI lets the async tests block on Promises with pyodide.ffi.run_sync: Node 20 and 22 need
// the flag, Node 24.21+ has JSPI without it and Node 26 refuses it (scripts/interop.sh picks). With
// --snapshot the runtime first makes a memory snapshot after importing jsinterop (as
// `jsinterop build` does for an app), then boots from it and runs the suite there.

import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { python } from "../../src/jsinterop/_framework/jsinterop.mjs";
import { makeSnapshot } from "../../src/jsinterop/_framework/runtime.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const wheelDir = process.env.JSINTEROP_TEST_WHEELS ?? join(root, ".cache", "pyodide-wheels");

let wheels;
try {
  wheels = readdirSync(wheelDir).filter((name) => name.endsWith(".whl")).map((name) => join(wheelDir, name));
} catch {
  wheels = [];
}
if (!wheels.some((name) => name.includes("pytest-"))) {
  console.error(`no pytest wheel in ${wheelDir}; run scripts/bootstrap.sh first`);
  process.exit(2);
}

// A snapshot after importing jsinterop, written to .cache/interop-snapshot-<node version>.bin
// (one per Node: `make interop-snapshot` runs two at once): its descriptor.
async function snapshotOfJsinterop(config) {
  const { bytes, descriptor } = await makeSnapshot(config, { modules: ["jsinterop", "jsinterop.debug"] });
  const file = join(root, ".cache", `interop-snapshot-${process.version}.bin`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return { ...descriptor, file: pathToFileURL(file).href };
}

const fromSnapshot = process.argv[2] === "--snapshot";
const config = {
  pyodideURL: pathToFileURL(join(root, "node_modules/pyodide/pyodide.mjs")).href,
  configURL: null,
  appRoot: pathToFileURL(`${root}/`).href,
  mounts: [
    { host: join(root, "src"), path: "/lib/src" },
    { host: here, path: "/lib/tests/jsinterop_tests" },
  ],
  pythonPath: ["/lib/src", "/lib/tests"],
};
if (fromSnapshot) config.snapshot = await snapshotOfJsinterop(config);

const runtime = await python.withConfig(config).create();
if (fromSnapshot && performance.getEntriesByName("jsinterop:snapshot-restored").length !== 1) {
  console.error("the runtime did not boot from the snapshot (see the line above)");
  process.exit(2);
}

const failures = [];
await runtime.pyodide.loadPackage(wheels, {
  messageCallback: () => {},
  errorCallback: (message) => failures.push(message),
});
if (failures.length) {
  console.error(`could not load the test wheels:\n${failures.join("\n")}`);
  process.exit(2);
}

const args = [
  "/lib/tests/jsinterop_tests",
  "-p",
  "no:cacheprovider",
  "-q",
  ...process.argv.slice(fromSnapshot ? 3 : 2),
];
runtime.pyodide.globals.set("pytest_args", runtime.pyodide.toPy(args));
const code = await runtime.pyodide.runPythonAsync(`
import sys, pytest
code = int(pytest.main(list(pytest_args)))
sys.stdout.flush()
code
`);
process.exit(code);

