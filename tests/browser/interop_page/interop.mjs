// The Chromium twin of tests/interop/run.mjs: boots jsinterop's own runtime in this page,
// loads pytest into Pyodide and runs tests/interop there (suite.mjs), against the real JS
// modules beside the tests (imported by URL from the repository root, which the page is
// served from).
//
// tests/browser/test_interop_chromium.py serves the repository and generated files:
//   /__interop__/plan.json  { archive, extractDir, wheels: [url...], args: [pytest args...] }
//   /__interop__/plan-snapshot.json  the same and `snapshot`, the descriptor of
//                           /__interop__/snapshot.<hash>.bin (made by Node from the archive)
//   /__interop__/app.zip    src/ as jsinterop/..., tests/interop/ as jsinterop_tests/...
// and reads `window.interopResult` ({ code, output, environment, ... } or { error, output }).
// The page's ?plan= names the plan (plan.json by default). With ?worker=1, Python and pytest
// run in the worker host's worker (python.inWorker()) and the tests' JS modules are imported
// on the page (importsOnPage), so each stub calls the page synchronously.

import { python } from "/src/jsinterop/_framework/jsinterop.mjs";
import runSuite from "./suite.mjs";

const root = new URL("/", location.href).href;
const pre = document.getElementById("out");
const query = new URLSearchParams(location.search);
const inWorker = query.get("worker") === "1";

async function main() {
  const planURL = query.get("plan") ?? "/__interop__/plan.json";
  const response = await fetch(planURL, { cache: "no-store" });
  if (!response.ok) throw new Error(`cannot load the test plan: HTTP ${response.status}`);
  const plan = await response.json();

  const runtime = await python
    .inWorker(inWorker)
    .withConfig({
      pyodideURL: "/node_modules/pyodide/pyodide.mjs",
      configURL: null,
      // import_js resolves "./tests/interop/x.mjs" against this: the repository root.
      appRoot: root,
      archives: [plan.archive],
      extractDir: plan.extractDir,
      snapshot: plan.snapshot,
      importsOnPage: inWorker,
    })
    .create();
  const result = inWorker
    ? await runtime.runInWorker(new URL("./suite.mjs", import.meta.url).href, plan, root)
    : await runSuite(runtime, plan, root);
  return {
    ...result,
    inWorker: runtime.inWorker === true,
    userAgent: navigator.userAgent,
    crossOriginIsolated: globalThis.crossOriginIsolated,
  };
}

try {
  window.interopResult = await main();
} catch (error) {
  window.interopResult = { error: String(error?.stack ?? error), output: "" };
}
pre.textContent = window.interopResult.error ?? window.interopResult.output;
