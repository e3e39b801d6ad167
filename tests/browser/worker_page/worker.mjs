// The page of tests/browser/test_worker_host.py: boots worker_app with python.inWorker(),
// registers the page functions its stubs call, calls its exports, and reports what it saw in
// `window.workerResult` ({ ...checks } or { error }).

import { python } from "/src/jsinterop/_framework/jsinterop.mjs";

const target = document.getElementById("target");
let heldHandler;

const pageFunctions = {
  add: (a, b) => a + b,
  greet: (name, times) => `hello ${name} `.repeat(times).trim(),
  describe: (value) => `${Object.keys(value)}=${value.a.join("+")} on ${typeof document}`,
  fail: (message) => {
    throw new RangeError(message);
  },
  returnsText: () => "text",
  rethrow: (error) => {
    throw error;
  },
  onClick: (handler) => {
    heldHandler = handler;
  },
  setText: (text) => {
    target.textContent = text;
  },
};

// What `call()` gives, or the Error it throws (at once on the main thread, later in a worker).
async function settled(call) {
  try {
    return { value: await call() };
  } catch (error) {
    return { error: `${error.name}: ${error.message}` };
  }
}

async function main() {
  const plan = await (await fetch("/__worker__/plan.json", { cache: "no-store" })).json();
  const runtime = await python
    .inWorker()
    .withConfig({
      pyodideURL: "/node_modules/pyodide/pyodide.mjs",
      configURL: null,
      appRoot: new URL("/", location.href).href,
      archives: [plan.archive],
      extractDir: plan.extractDir,
    })
    .create();
  performance.mark("worker-test:ready");
  runtime.setModuleImports("page", pageFunctions);
  const { worker_app: app } = await runtime.getExports("worker_app");
  window.workerApp = app; // for the test's own measurements
  const result = {
    hostInWorker: runtime.inWorker === true,
    pythonInWorker: await app.in_worker(),
    typedCalls: await app.typed_calls(),
    errors: await app.errors(),
    raises: await settled(() => app.raises()),
    wrongArgument: await settled(() => app.call_add("many")),
    importedOnPage: await app.import_module(true),
    importedInWorker: await app.import_module(false),
  };
  await app.listen();
  result.handlerReturns = await heldHandler(7);
  result.clicked = await app.clicked();
  result.addMicroseconds = await app.call_add(2000);
  result.textSets = { milliseconds: await app.set_texts(1000), last: target.textContent };
  return result;
}

try {
  window.workerResult = await main();
} catch (error) {
  window.workerResult = { error: String(error?.stack ?? error) };
}
document.getElementById("out").textContent = JSON.stringify(window.workerResult, null, 1);
