// The worker host's rows (bench/worker.py serves the repo and opens this page twice:
// ?host=worker and ?host=main): page ready, a synchronous add(int, int) -> int from Python to
// the page, a nested round trip (Python -> a page function -> a Python export), 10,000
// textContent sets; with ?host=worker also bare JS worker -> page round trips, the page woken
// by Atomics.waitAsync and by postMessage (the floor of any worker proxy).
// Results in `window.benchResult`.

import { python } from "/src/jsinterop/_framework/jsinterop.mjs";
import timeline from "./worker_timeline.mjs";

const query = new URLSearchParams(location.search);
const host = query.get("host") ?? "worker";
const calls = Number(query.get("calls") ?? 20_000);
const config = { pyodideURL: "/node_modules/pyodide/pyodide.mjs", configURL: null, archives: ["/.cache/bench/app.zip"] };
const target = document.getElementById("target");

// N round trips of a bare JS worker that blocks in Atomics.wait until the page answers; the
// page is woken by Atomics.waitAsync, or by the worker's postMessage. Microseconds per trip.
async function bareRoundTrip(wake, count) {
  const source = `
    onmessage = ({ data: { buffer, count, wake } }) => {
      const state = new Int32Array(buffer);
      const start = performance.now();
      for (let i = 0; i < count; i++) {
        Atomics.store(state, 0, 1);
        if (wake === "postMessage") postMessage(0); else Atomics.notify(state, 0);
        while (Atomics.load(state, 0) === 1) Atomics.wait(state, 0, 1);
      }
      postMessage((performance.now() - start) * 1000 / count);
    };`;
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
  const buffer = new SharedArrayBuffer(8);
  const state = new Int32Array(buffer);
  const answer = () => {
    Atomics.store(state, 0, 2);
    Atomics.notify(state, 0);
  };
  let done = false;
  const result = new Promise((resolve) => {
    worker.onmessage = ({ data }) => {
      if (wake === "postMessage" && data === 0) return answer();
      done = true;
      resolve(data);
    };
  });
  if (wake === "waitAsync") {
    (async () => {
      while (!done) {
        const now = Atomics.load(state, 0);
        if (now === 1) answer();
        else {
          const waited = Atomics.waitAsync(state, 0, now, 1000);
          if (waited.async) await waited.value;
        }
      }
    })();
  }
  worker.postMessage({ buffer, count, wake });
  const microseconds = await result;
  worker.terminate();
  return microseconds;
}

// Where the page-ready time went: each step's end, in ms since navigation start (the worker's
// clock moved onto the page's), from the runtime's marks and the resources fetched.
const STEPS = [
  ["modules", (t) => t.mark("jsinterop:start")],
  ["pyodideImported", (t) => t.mark("jsinterop:pyodide-start")],
  ["wasmFetched", (t) => t.fetched("pyodide.asm.wasm")],
  ["pyodideReady", (t) => t.mark("jsinterop:pyodide-ready")],
  ["pythonCode", (t) => t.mark("jsinterop:python-code")],
  ["runtimeReady", (t) => t.mark("jsinterop:ready")],
];

function steps({ timeOrigin, marks, resources }) {
  const onPage = (time) => timeOrigin + time - performance.timeOrigin;
  const found = {
    mark: (name) => marks.findLast((entry) => entry.name === name)?.startTime,
    fetched: (file) => resources.findLast((entry) => entry.name.endsWith(`/${file}`))?.responseEnd,
  };
  return Object.fromEntries(STEPS.map(([name, find]) => {
    const time = find(found);
    return [name, time === undefined ? null : onPage(time)];
  }));
}

async function main() {
  const start = performance.now();
  const runtime = await python.inWorker(host === "worker").withConfig(config).create();
  const readyMs = performance.now(); // page ready: navigation start -> the runtime
  const clock = runtime.inWorker ? await runtime.runInWorker(new URL("./worker_timeline.mjs", import.meta.url)) : timeline();
  let pybench;
  runtime.setModuleImports("bench_page", {
    add: (a, b) => a + b,
    // Python is waiting for this call: the export answers synchronously, in both hosts.
    addThroughPython: (a, b) => pybench.worker.add_in_python(a, b),
    setText: (text) => {
      target.textContent = text;
    },
  });
  ({ pybench } = await runtime.getExports("pybench"));
  const result = {
    host,
    inWorker: runtime.inWorker === true,
    crossOriginIsolated: globalThis.crossOriginIsolated,
    readyMs,
    createMs: readyMs - start,
    steps: { createCalled: start, ...steps(clock), pageTold: readyMs },
    addMicroseconds: await pybench.worker.call_add(calls),
    nestedAddMicroseconds: await pybench.worker.call_add_through_python(calls),
    textContentMs: await pybench.worker.set_texts(10_000),
  };
  if (host === "worker") {
    result.bareWaitAsyncMicroseconds = await bareRoundTrip("waitAsync", calls);
    result.barePostMessageMicroseconds = await bareRoundTrip("postMessage", calls);
  }
  return result;
}

try {
  window.benchResult = await main();
} catch (error) {
  window.benchResult = { error: String(error?.stack ?? error) };
}
document.getElementById("out").textContent = JSON.stringify(window.benchResult, null, 1);
