// The Chromium twin of tests/interop/run.mjs: boots jsinterop's own runtime in this page,
// loads pytest into Pyodide and runs tests/interop there, against the real JS modules beside
// the tests (imported by URL from the repository root, which the page is served from).
//
// tests/browser/test_interop_chromium.py serves the repository and generated files:
//   /__interop__/plan.json  { archive, extractDir, wheels: [url...], args: [pytest args...] }
//   /__interop__/plan-snapshot.json  the same and `snapshot`, the descriptor of
//                           /__interop__/snapshot.<hash>.bin (made by Node from the archive)
//   /__interop__/app.zip    src/ as jsinterop/..., tests/interop/ as jsinterop_tests/...
// and reads `window.interopResult` ({ code, output, environment, ... } or { error, output }).
// The page's ?plan= names the plan (plan.json by default).

import { python } from "/src/jsinterop/_framework/jsinterop.mjs";

const root = new URL("/", location.href).href;
const pre = document.getElementById("out");

// pytest's output, exactly as written, and each line on the console as "[pytest] line": what
// the test shows when the page never finishes (Pyodide's default in a page: console.log only).
let output = "";
let line = "";
const decoder = new TextDecoder();
const collect = {
  write(bytes) {
    const text = decoder.decode(bytes, { stream: true });
    output += text;
    const lines = (line + text).split("\n");
    line = lines.pop();
    for (const complete of lines) console.log(`[pytest] ${complete}`);
    return bytes.length;
  },
};

function mark(name) {
  performance.mark(`interop:${name}`);
}

async function main() {
  const planURL = new URLSearchParams(location.search).get("plan") ?? "/__interop__/plan.json";
  const response = await fetch(planURL, { cache: "no-store" });
  if (!response.ok) throw new Error(`cannot load the test plan: HTTP ${response.status}`);
  const plan = await response.json();

  const runtime = await python
    .withConfig({
      pyodideURL: "/node_modules/pyodide/pyodide.mjs",
      configURL: null,
      // import_js resolves "./tests/interop/x.mjs" against this: the repository root.
      appRoot: root,
      archives: [plan.archive],
      extractDir: plan.extractDir,
      snapshot: plan.snapshot,
    })
    .create();
  const { pyodide } = runtime;
  pyodide.setStdout(collect);
  pyodide.setStderr(collect);

  const failures = [];
  await pyodide.loadPackage(plan.wheels.map((wheel) => new URL(wheel, root).href), {
    messageCallback: () => {},
    errorCallback: (message) => failures.push(message),
  });
  if (failures.length) throw new Error(`could not load the test wheels:\n${failures.join("\n")}`);
  mark("wheels");

  const environment = pyodide.runPython(`
import json
from jsinterop import is_browser, is_node
json.dumps({"is_browser": is_browser(), "is_node": is_node()})
`);
  pyodide.globals.set("pytest_args", pyodide.toPy(plan.args));
  // runPythonAsync: the entry JSPI needs for run_sync in the async tests.
  // From /lib/interop, test ids read jsinterop_tests/test_x.py::name.
  pyodide.globals.set("extract_dir", plan.extractDir);
  const code = await pyodide.runPythonAsync(`
import os, sys, pytest
os.chdir(extract_dir)
code = int(pytest.main(list(pytest_args)))
sys.stdout.flush()
sys.stderr.flush()
code
`);
  mark("done");
  return {
    code,
    output,
    environment: JSON.parse(environment),
    userAgent: navigator.userAgent,
    crossOriginIsolated: globalThis.crossOriginIsolated,
    jspi: typeof WebAssembly.Suspending === "function",
    gcExposed: typeof globalThis.gc === "function",
  };
}

try {
  window.interopResult = await main();
} catch (error) {
  window.interopResult = { error: String(error?.stack ?? error), output };
}
pre.textContent = window.interopResult.error ?? window.interopResult.output;
