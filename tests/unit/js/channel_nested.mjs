// Nested synchronous calls through channel.mjs, between Node's main thread (the page's side,
// woken by Atomics.waitAsync) and a worker thread (the worker's side, in Atomics.wait), with
// the real wire. Prints one JSON report; tests/unit/test_channel_js.py checks it.
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { pageCalls, workerCalls } from "../../../src/jsinterop/_framework/channel.mjs";
import { Wire } from "../../../src/jsinterop/_framework/wire.mjs";

// A buffer that cannot grow: a reply too large for it cannot be written at all.
const BYTES = 16 + 64 * 1024;

function wireFor(calls, { fallback } = {}) {
  return new Wire({
    callRemote: (id, args) => {
      if (calls.current.serving || !fallback) return calls.current.callFunction(id, args);
      return fallback();
    },
    onRelease: () => {},
    onPromise: () => {},
  });
}

// What `call()` gives or throws, as text.
function outcome(call) {
  try {
    return `value ${JSON.stringify(call())}`;
  } catch (error) {
    return `${error.name}: ${String(error.message).slice(0, 90)}`;
  }
}

if (isMainThread) {
  const buffer = new SharedArrayBuffer(BYTES, { maxByteLength: BYTES });
  const calls = { current: undefined };
  const wire = wireFor(calls, { fallback: () => "not during a call: posted" });
  calls.current = pageCalls(buffer, wire);
  const worker = new Worker(new URL(import.meta.url), { workerData: { buffer } });
  let python; // the worker's functions
  const report = {};
  const page = {
    // The worker calls these synchronously; they call the worker back while it waits.
    useWorker: () => [
      python.double(21),
      [3, 1, 2].sort((a, b) => python.compare(a, b)),
      python.countdown(30),
      outcome(() => python.fail("from the worker")),
      outcome(() => python.hugeThrow()),
      python.double(2), // the channel still works after a failed reply
    ],
    bounce: (n) => (n === 0 ? 0 : 1 + python.countdown(n - 1)),
  };
  worker.on("message", (message) => {
    if (message.functions) {
      python = wire.decode(message.functions);
      worker.postMessage({ functions: wire.encode(page) });
      return;
    }
    report.worker = message.report;
    report.outsideACall = python.double(1);
    calls.current.stop();
    worker.terminate();
    console.log(JSON.stringify(report));
  });
} else {
  const calls = { current: undefined };
  const wire = wireFor(calls);
  calls.current = workerCalls(workerData.buffer, wire);
  let page;
  const python = {
    double: (x) => 2 * x,
    compare: (a, b) => a - b,
    countdown: (n) => (n === 0 ? 0 : 1 + page.bounce(n - 1)),
    fail: (message) => {
      throw new RangeError(message);
    },
    hugeThrow: () => {
      throw new Error("x".repeat(100_000));
    },
  };
  console.error = () => {}; // the failed reply is reported on the console: expected here
  parentPort.on("message", (message) => {
    page = wire.decode(message.functions);
    parentPort.postMessage({ report: page.useWorker() });
  });
  parentPort.postMessage({ functions: wire.encode(python) });
}
