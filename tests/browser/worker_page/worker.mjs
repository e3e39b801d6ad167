// The page of tests/browser/test_worker_host.py: boots worker_app with python.inWorker(),
// registers the page functions its stubs call, calls its exports, and reports what it saw in
// `window.workerResult` ({ ...checks } or { error }).

import { python } from "/src/jsinterop/_framework/jsinterop.mjs";

const target = document.getElementById("target");
let heldHandler;
let app; // worker_app's exports
let heldSquare;
let runtime;

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
  // Called by Python (nested_calls), which waits for it: exports and the Python callable
  // `square` answer at once, as on the main thread, and their values are used here.
  usePython: (square, items) => {
    heldSquare = square;
    const seen = [
      `double: ${app.double(21) + 1}`,
      `squares: ${items.map(square).join(",")}`,
      `sorted: ${[...items].sort((a, b) => app.compare(a, b)).join(",")}`,
      `deeper: ${app.typed_calls().join(" | ")}`,
      `countdown: ${app.countdown(20)}`,
    ];
    for (const call of [() => app.raises(), () => app.double("x")]) {
      try {
        seen.push(`returned ${call()}`);
      } catch (error) {
        seen.push(`${error.name}: ${error.message}`);
      }
    }
    return seen;
  },
  // Ends the worker during Python's call, then calls Python: an Error at once, no spinning.
  terminateAndCall: () => {
    runtime.worker.terminate();
    try {
      window.terminated = { value: app.double(1) };
    } catch (error) {
      window.terminated = { error: `${error.name}: ${error.message}` };
    }
  },
  bounce: (n) => (n === 0 ? 0 : 1 + app.countdown(n - 1)),
  element: (id) => document.getElementById(id),
  sameNode: (a, b) => a === b,
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
  runtime = await python
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
  ({ worker_app: app } = await runtime.getExports("worker_app"));
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
  result.nestedCalls = await app.nested_calls();
  // After an await, Python is not waiting for the page: in a worker, a Promise.
  const later = { exportCall: app.double(4), callbackCall: heldSquare(5) };
  result.laterCalls = Object.fromEntries(await Promise.all(Object.entries(later).map(
    async ([name, value]) => [name, { isPromise: value instanceof Promise, value: await value }],
  )));
  await app.listen();
  result.handlerReturns = await heldHandler(7);
  result.clicked = await app.clicked();
  result.addMicroseconds = await app.call_add(2000);
  result.textSets = { milliseconds: await app.set_texts(1000), last: target.textContent };
  result.domElement = await app.dom_element();
  const button = document.getElementById("button");
  result.domAfter = { text: button.textContent, from: button.dataset.from, classes: button.className };
  return result;
}

try {
  window.workerResult = await main();
} catch (error) {
  window.workerResult = { error: String(error?.stack ?? error) };
}
document.getElementById("out").textContent = JSON.stringify(window.workerResult, null, 1);
