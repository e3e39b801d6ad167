// The page half of the worker host (python.inWorker().create()): starts a dedicated module
// worker running Python (worker_main.mjs) and gives the page a runtime of the usual shape.
//
//   setModuleImports(name, object)  the object's functions stay here; Python in the worker
//                                   calls them synchronously (channel.mjs), its other values
//                                   are copied when registered
//   getExports(package)             the same tree as on the main thread; each export returns a
//                                   Promise (the worker runs it when Python is free), or its
//                                   value when called during a synchronous call from Python
//   runMain(args), runMainAndExit   main in the worker; its exit code
//   getConfig()                     the config the worker booted with
//   runInWorker(url, ...args)       a module's default export run in the worker, with the
//                                   worker's runtime: for code that needs `pyodide`
//   worker                          the Worker; `pyodide` is undefined (it lives in the worker)
//
// A Python callable that reaches the page (an event listener, say), like an export, is a
// function here. Called while the page runs a synchronous call from Python (on its stack),
// it calls Python synchronously and returns the value; called at any other time (an event, a
// timer, after an `await`) it posts the call to the worker and returns a Promise of its
// result: what must happen during an event itself (preventDefault) cannot be decided by it.
//
// Where the page is not cross-origin isolated (no SharedArrayBuffer), `fallbackReason` says
// why, and the builder (jsinterop.mjs) runs Python on the main thread instead.

import { Messenger, newCallBuffer, pageCalls } from "./channel.mjs";
import { reportLoadError } from "./loaderrors.mjs";
import { importMapHashes } from "./snapshot.mjs";
import { Wire } from "./wire.mjs";

const workerURL = new URL("./worker_main.mjs", import.meta.url);

// Why the worker host cannot run here, or undefined when it can.
export function fallbackReason() {
  if (typeof Worker === "undefined" || typeof document === "undefined") return "there is no page to run a worker from";
  if (!globalThis.crossOriginIsolated || typeof SharedArrayBuffer === "undefined") {
    return "the page is not cross-origin isolated (its server must send Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp)";
  }
  if (typeof Atomics.waitAsync !== "function") return "this browser has no Atomics.waitAsync";
  return undefined;
}

export async function createWorkerRuntime(userConfig, applicationArguments) {
  const worker = new Worker(workerURL, { type: "module", name: "jsinterop-python" });
  handPreloadsTo(worker);
  const { wire, messenger } = connect(worker);
  const failed = new Promise((_, reject) => {
    worker.addEventListener("error", (event) => reject(new Error(`jsinterop: the Python worker failed to start: ${event.message ?? "see the console"}`)));
  });
  // The import map's module versions: the worker checks its snapshot against them rather
  // than downloading every runtime module again to hash it.
  const moduleVersions = Object.fromEntries(importMapHashes());
  const config = { appRoot: document.baseURI, moduleVersions, ...userConfig };
  const booted = await Promise.race([messenger.request("boot", { config, args: applicationArguments }), failed]);
  // The worker's boot marks on the page's timeline, as if the runtime had booted here.
  for (const { name, time } of booted.marks) performance.mark(name, { startTime: time - performance.timeOrigin });
  return createWorkerApi({ worker, wire, messenger, config: booted.config, applicationArguments });
}

// The files the page preloads for the runtime (the build's page_fetches: the snapshot,
// Pyodide's wasm) are the worker's to read, and a worker cannot use the page's preloads: the
// page fetches each (taking its preload) and transfers its bytes to the worker, whose fetch
// of the same URL answers with them (worker_main.mjs). The worker is told the
// URLs first, so that it waits for them rather than fetching them a second time.
function handPreloadsTo(worker) {
  const frameworkDir = new URL("./", import.meta.url).href;
  const urls = [...document.querySelectorAll('link[rel="preload"][as="fetch"]')]
    .map((link) => link.href)
    .filter((href) => href.startsWith(frameworkDir));
  worker.postMessage({ type: "jsinterop:preloads", urls });
  for (const url of urls) {
    fetch(url).then(async (response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const contentType = response.headers.get("Content-Type");
      const body = await response.arrayBuffer();
      worker.postMessage({ type: "jsinterop:preloaded", url, body, contentType }, [body]);
    }).catch(() => worker.postMessage({ type: "jsinterop:preloaded", url })); // the worker fetches it
  }
}

// The wire and the messenger of the page's side, and the synchronous calls served.
function connect(worker) {
  let messenger;
  let calls;
  const wire = new Wire({
    // A Python callable or export here. While the page runs a synchronous call from Python,
    // Python is waiting for the page: the call is synchronous too (nested, through the shared
    // buffer), its value returned or its error thrown. At any other time it is posted, and
    // its result is a Promise.
    callRemote: (id, args) => (calls.serving ? calls.callFunction(id, args) : messenger.request("call", { f: id, a: args })),
    onRelease: (id, arrivals) => messenger.send("release", { id, arrivals }),
    onPromise: (id, promise) => promise.then(
      (value) => messenger.send("settle", { id, fulfilled: true, value }),
      (error) => messenger.send("settle", { id, fulfilled: false, value: wire.thrown(error) }),
    ),
  });
  const buffer = newCallBuffer();
  worker.postMessage({ type: "jsinterop:connect", buffer });
  calls = pageCalls(buffer, wire);
  closeWhenTerminated(worker, calls);
  messenger = new Messenger(worker, wire);
  messenger.on("import", async ({ url }) => withMethodsBound(await import(url)));
  messenger.on("call", ({ f, a }) => wire.owned(f)(...a));
  messenger.on("release", ({ id, arrivals }) => wire.release(id, arrivals));
  messenger.on("settle", ({ id, fulfilled, value }) => wire.settle(id, fulfilled, value));
  messenger.on("loadError", (details) => reportLoadError(details));
  // The dev server's page script (jsinterop serve) patches the runtime in the worker.
  globalThis.__jsinteropHotReload ??= (patch) => messenger.request("hotReload", patch);
  return { wire, messenger };
}

// A page function that terminates the worker and then calls Python synchronously must get an
// Error, not spin for an answer that never comes.
function closeWhenTerminated(worker, calls) {
  const terminate = worker.terminate.bind(worker);
  worker.terminate = () => {
    calls.close("jsinterop: the Python worker was terminated");
    calls.stop();
    terminate();
  };
}

function createWorkerApi({ worker, messenger, config, applicationArguments }) {
  const exportsByPackage = new Map();
  const runMain = (args = applicationArguments) => messenger.request("runMain", [...args].map(String));
  return {
    setModuleImports(name, value) {
      checkModule(name, value);
      messenger.send("modules", { name, value: withMethodsBound(value) });
    },
    getExports(packageName) {
      let exports = exportsByPackage.get(packageName);
      if (!exports) {
        exports = messenger.request("exports", packageName);
        exportsByPackage.set(packageName, exports);
        exports.catch(() => exportsByPackage.delete(packageName));
      }
      return exports;
    },
    getConfig: () => ({ ...config, applicationArguments: [...applicationArguments] }),
    runMain,
    async runMainAndExit(args) {
      try {
        return await runMain(args);
      } catch (error) {
        console.error(error);
        return 1;
      }
    },
    // The default export of the ES module at `moduleURL`, called in the worker with the
    // worker's runtime (its `pyodide` too) and `args`: what must run beside Python there.
    runInWorker: (moduleURL, ...args) => messenger.request("run", { url: new URL(moduleURL, document.baseURI).href, args }),
    pyodide: undefined,
    worker,
    inWorker: true,
  };
}

// A module as it crosses to the worker: its plain objects copied, each function in them bound
// to the object it is found in, so that a stub of "counter.next" calls it with `this` the
// counter, as on the main thread.
function withMethodsBound(module, depth = 0) {
  const isPlain = (value) => value !== null && typeof value === "object" &&
    [Object.prototype, null].includes(Object.getPrototypeOf(value));
  if (!isPlain(module) || depth > 8) return module;
  const copy = {};
  for (const [key, value] of Object.entries(module)) {
    copy[key] = typeof value === "function" ? value.bind(module) : withMethodsBound(value, depth + 1);
  }
  return copy;
}

// The same checks as modules.mjs's, here, so that a wrong call throws where it is made.
function checkModule(name, value) {
  if (typeof name !== "string" || name === "") {
    throw new TypeError(`setModuleImports: the module name must be a non-empty string, got ${typeof name}`);
  }
  if (value === null || (typeof value !== "object" && typeof value !== "function")) {
    throw new TypeError(`setModuleImports("${name}"): the module must be an object, got ${value === null ? "null" : typeof value}`);
  }
}
