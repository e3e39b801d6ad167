// The worker half of the worker host (the page half: worker_page.mjs): a dedicated module
// worker that boots Python with the ordinary runtime (runtime.mjs) and connects it to the page.
//
// - A module the page registers (setModuleImports on the page) arrives here as the same tree
//   with each function a stand-in (wire.mjs) that calls the page function synchronously
//   (channel.mjs), and is registered under the same name: a @js_import stub binds to it and
//   compiles its signature here as on the main thread, so the arguments are checked and
//   converted here, cross as one message, and the result is checked here.
// - JSHost.import_async(name, url, on_page=True) imports the module on the page and
//   registers it here the same way (the page-import hook of modules.mjs).
// - The page's getExports, runMain and calls of Python callables arrive as messages, or, while
//   the page runs a synchronous call of Python's, as nested synchronous calls (channel.mjs).

import { Messenger, workerCalls } from "./channel.mjs";
import { forwardLoadErrors } from "./loaderrors.mjs";
import { applyHotReload } from "./reload.mjs";
import { createRuntime } from "./runtime.mjs";
import { Wire } from "./wire.mjs";

let messenger;
let calls;
const wire = new Wire({
  // A page function: called synchronously; while it runs, the page may call back in.
  callRemote: (id, args) => calls.callFunction(id, args),
  // The page serves operations on its objects: their stand-ins here are live (wire.mjs).
  live: true,
  onRelease: (id, arrivals) => messenger.send("release", { id, arrivals }),
  onPromise: (id, promise) => promise.then(
    (value) => messenger.send("settle", { id, fulfilled: true, value }),
    (error) => messenger.send("settle", { id, fulfilled: false, value: wire.thrown(error) }),
  ),
});

// The page's preloads (worker_page.mjs's handPreloadsTo): URL -> a Promise of the body the
// page fetched ({ body, contentType }), or of nothing when the page could not fetch it. A
// fetch of such a URL here takes that body (once) instead of downloading the file again.
const preloaded = new Map();
const fetchHere = globalThis.fetch.bind(globalThis);
self.addEventListener("message", (event) => {
  const { type, urls, url, body, contentType } = event.data ?? {};
  if (type === "jsinterop:preloads") {
    for (const each of urls) {
      let resolve;
      const given = new Promise((settle) => { resolve = settle; });
      preloaded.set(each, { given, resolve, taken: false });
    }
  } else if (type === "jsinterop:preloaded") {
    preloaded.get(url)?.resolve(body ? { body, contentType } : undefined);
  }
});
globalThis.fetch = function fetchPreloaded(input, init) {
  const url = input instanceof Request ? input.url : new URL(input, self.location.href).href;
  const entry = preloaded.get(url);
  if (!entry || entry.taken) return fetchHere(input, init);
  entry.taken = true; // a body is read once: a second fetch downloads the file
  return entry.given.then((handed) => handed
    ? new Response(handed.body, { headers: handed.contentType ? { "Content-Type": handed.contentType } : {} })
    : fetchHere(input, init));
};

// The first message carries the shared buffer of the synchronous calls (it cannot travel in
// the wire form); the Messenger ignores it.
self.addEventListener("message", function connect(event) {
  if (event.data?.type !== "jsinterop:connect") return;
  self.removeEventListener("message", connect);
  calls = workerCalls(event.data.buffer, wire);
}, { once: false });

messenger = new Messenger(self, wire);
let runtime;
// main's traceback, a page that failed to import: shown in the page's error bar.
forwardLoadErrors((details) => messenger.send("loadError", details));

messenger.on("boot", async ({ config, args }) => {
  // An app built with `worker = true` (a page app moved off the main thread) imports its
  // modules on the page unless it says otherwise; python.inWorker() alone imports them here.
  const importsOnPage = Boolean(config.importsOnPage ?? config.worker);
  runtime = await createRuntime(config, args, { pageImporter: importOnPage, importsOnPage });
  return { config: runtime.getConfig(), marks: bootMarks() };
});
messenger.on("modules", ({ name, value }) => runtime.setModuleImports(name, value));
messenger.on("exports", (packageName) => runtime.getExports(packageName));
messenger.on("runMain", (args) => runtime.runMain(args));
messenger.on("call", ({ f, a }) => wire.owned(f)(...a));
messenger.on("release", ({ id, arrivals }) => wire.release(id, arrivals));
messenger.on("run", async ({ url, args }) => (await import(url)).default(runtime, ...args));
messenger.on("settle", ({ id, fulfilled, value }) => wire.settle(id, fulfilled, value));
// `jsinterop serve`'s patches, which the page's dev client hands to its runtime.
messenger.on("hotReload", (patch) => applyHotReload(patch));

// JSHost.import_async(..., on_page=True): the module imported by the page, as its stand-in here.
function importOnPage(name, url) {
  return messenger.request("import", { name, url });
}

// The runtime's performance marks (jsinterop:start, ...:snapshot-restored, ...:ready), their
// times on the wall clock, for the page to add to its own timeline.
function bootMarks() {
  return performance.getEntriesByType("mark")
    .filter((mark) => mark.name.startsWith("jsinterop:"))
    .map((mark) => ({ name: mark.name, time: performance.timeOrigin + mark.startTime }));
}
