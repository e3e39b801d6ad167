// Memory snapshots: the one JS module that touches Pyodide's private snapshot API (the
// `_makeSnapshot` and `_loadSnapshot` options of loadPyodide and pyodide.makeMemorySnapshot()),
// written for one Pyodide release and refusing any other.
//
// A snapshot is the wasm memory of a Pyodide that has imported jsinterop and the app:
// `jsinterop build` makes it (runtime.mjs makeSnapshot), runtime.mjs restores it instead of
// booting Python, when its descriptor (in app.json) matches this start: the same Pyodide, the
// same archives by content, the same runtime files, the same extractDir, and JSPI (WebAssembly
// stack switching, which Pyodide's run_sync needs) on both sides or neither: Pyodide decides
// at its boot whether run_sync can work, and the snapshot keeps that. The snapshot keeps
// Python's memory only: the file system (the unpacked archives, mounts) and all JS state are
// made again at each start.
//
// What the app's modules do while they import is kept, so they may not use JS then: while
// they import for a snapshot, js.* reads of values and calls into JS throw (importGuard), as
// does the Python bridge (jsinterop._bridge.refusing_runtime). A global JS object or function
// Python merely holds (`from js import console`) is recorded by its path from globalThis and
// looked up again at restore (Pyodide does that); any other JS object Python holds refuses
// the snapshot (refuseJsObject).

import { isBrowser, listFiles, readBytes } from "./host.mjs";

// The Pyodide release whose private snapshot API this module was written and tested against.
export const SNAPSHOT_PYODIDE_VERSION = "314.0.7";
// Bumped when what a snapshot holds or how it is restored changes: older ones are not used.
export const SNAPSHOT_FORMAT = 1;

// Files of the runtime outside its own code: Pyodide's distribution.
const NOT_RUNTIME = /^pyodide\//;

// Thrown by makeSnapshot when the app cannot be kept in a snapshot; its message says why.
export class SnapshotRefused extends Error {
  constructor(message) {
    super(message);
    this.name = "SnapshotRefused";
  }
}

// Why this Pyodide cannot make or restore snapshots, or undefined.
export function unsupportedPyodide(version) {
  if (version === SNAPSHOT_PYODIDE_VERSION) return undefined;
  return `snapshots are written for Pyodide ${SNAPSHOT_PYODIDE_VERSION}, this is Pyodide ${version}`;
}

// Whether this engine has JSPI (WebAssembly stack switching), as Pyodide decides it.
export function hasJspi() {
  return typeof WebAssembly.Suspending === "function" || typeof WebAssembly.Suspender === "function";
}

// The loadPyodide options that make a snapshot; `globals`: importGuard().globals.
export function makingOptions(globals) {
  return { _makeSnapshot: true, jsglobals: globals };
}

// How to restore the snapshot `bytes` (a Uint8Array or its promise): loadPyodide's `options`,
// then `finish(pyodide)` once it returned. `createModule`: pyodide.asm.mjs's default export.
//
// CPython picks at each start how it calls C functions: through a wasm-gc trampoline where the
// engine has wasm-gc, else through JS, which stack switching cannot cross. It writes that into
// its memory before Pyodide restores the snapshot over it, so a snapshot made in Node 20 (no
// wasm-gc) would keep the JS trampoline in a browser and break run_sync. What this start
// picked is read once the module is made and written back after the restore.
export function restoring(bytes, createModule) {
  let trampoline;
  return {
    options: {
      _loadSnapshot: bytes,
      createPyodideModule: async (settings) => {
        const module = await createModule(settings);
        trampoline = module.HEAP32[trampolineSlot(module)];
        return module;
      },
    },
    finish(pyodide) {
      const module = pyodide._module;
      if (trampoline !== undefined) module.HEAP32[trampolineSlot(module)] = trampoline;
    },
  };
}

// The index in HEAP32 of _PyRuntime.emscripten_trampoline (Pyodide exports its offset).
function trampolineSlot(module) {
  const offset = module.HEAP32[module.__PyEM_EMSCRIPTEN_TRAMPOLINE_OFFSET >>> 2];
  return (module.__PyRuntime + offset) >>> 2;
}

// The snapshot of `pyodide` (loaded with makingOptions) as bytes.
export function takeSnapshot(pyodide) {
  if (typeof pyodide.makeMemorySnapshot !== "function") {
    throw new Error(`jsinterop: this Pyodide has no makeMemorySnapshot(); ${unsupportedPyodide(pyodide.version) ?? "its private API changed"}`);
  }
  return pyodide.makeMemorySnapshot({ serializer: refuseJsObject });
}

// Pyodide's serializer hook: called for each JS object Python holds that is not a global
// reached by path. None can be made again at restore, so none is accepted.
function refuseJsObject(value) {
  const kind = typeof value === "function" ? `function ${value.name || "(anonymous)"}` : Object.prototype.toString.call(value);
  throw new SnapshotRefused(
    `Python holds a JS object (${kind}) made while the app's modules imported, which a snapshot ` +
      "cannot keep: create it in main() or a function it calls (e.g. a to_js() or create_proxy() " +
      "result kept in a module global), or build with --no-snapshot",
  );
}

// The globals Pyodide's `js` module reads while a snapshot is made: globalThis, except that
// while `during(action)` runs, reading a value (anything but an object or function) or
// calling a function throws, naming what was read. Objects and functions are handed out
// wrapped alike; holding one is allowed (restored by path), using it is not.
export function importGuard(globals = globalThis) {
  let active = false;
  const targets = new WeakMap(); // wrapper -> what it wraps
  const wrappers = new WeakMap(); // object -> its wrapper
  const refuse = (what) => {
    throw new Error(`${what} while the app's modules imported for a snapshot; use JS in main() or later`);
  };
  const unwrap = (value) => targets.get(value) ?? value;
  const wrap = (value, path) => {
    if (wrappers.has(value)) return wrappers.get(value);
    const wrapper = new Proxy(value, {
      get(target, name) {
        const found = Reflect.get(target, name);
        const shown = `${path}.${String(name)}`;
        const descriptor = Reflect.getOwnPropertyDescriptor(target, name);
        // A proxy must return these as they are (the Proxy invariants).
        const fixed = descriptor && descriptor.configurable === false && descriptor.writable === false;
        if (found === null || (typeof found !== "object" && typeof found !== "function")) {
          if (active && readsValue(name, found)) refuse(`${shown} was read`);
          return found;
        }
        return fixed ? found : wrap(found, shown);
      },
      apply(target, self, args) {
        if (active) refuse(`${path}() was called`);
        return Reflect.apply(target, unwrap(self), args.map(unwrap));
      },
      construct(target, args, newTarget) {
        if (active) refuse(`new ${path}() was called`);
        return Reflect.construct(target, args.map(unwrap), newTarget === wrapper ? target : newTarget);
      },
    });
    targets.set(wrapper, value);
    wrappers.set(value, wrapper);
    return wrapper;
  };
  return {
    globals: wrap(globals, "js"),
    during(action) {
      active = true;
      try {
        return action();
      } finally {
        active = false;
      }
    },
  };
}

// Whether reading `name` (which gave `found`) reads a value the snapshot would keep. Reads
// that find nothing are how Pyodide and Python's import system look at an object (`then`,
// `__spec__`, ...); symbols are the engine's.
function readsValue(name, found) {
  return typeof name === "string" && found !== undefined;
}

// The first 12 hex digits of the SHA-256 of `bytes`: how the build names files by content.
export async function contentHash(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest.subarray(0, 6), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// The runtime's own files (Node): { "runtime.mjs": hash, "marshal/sets.mjs": hash, ... }.
export async function runtimeFiles(frameworkURL) {
  const names = (await listFiles(frameworkURL)).filter((name) => name.endsWith(".mjs") && !NOT_RUNTIME.test(name));
  const hashes = await Promise.all(names.map(async (name) => contentHash(await readBytes(new URL(name, frameworkURL)))));
  return Object.fromEntries(names.map((name, i) => [name, hashes[i]]).sort(([a], [b]) => (a < b ? -1 : 1)));
}

// What app.json says of a snapshot: its file, and what it was made from.
export async function describeSnapshot(bytes, { pyodideVersion, archives, extractDir, frameworkURL }) {
  return {
    file: `snapshot.${await contentHash(bytes)}.bin`,
    format: SNAPSHOT_FORMAT,
    size: bytes.length,
    pyodideVersion,
    archives: await Promise.all(archives.map(contentHash)),
    extractDir,
    jspi: hasJspi(),
    runtime: await runtimeFiles(frameworkURL),
  };
}

// Why the snapshot `descriptor` does not fit this start, or undefined. `archives`: the
// archives' bytes (promises), in order.
// `moduleVersions`: importMapHashes() of the page, where this start has none of its own.
export async function snapshotMismatch(descriptor, { pyodideVersion, archives, extractDir, frameworkURL, moduleVersions }) {
  const unsupported = unsupportedPyodide(pyodideVersion);
  if (unsupported) return unsupported;
  if (descriptor.format !== SNAPSHOT_FORMAT) {
    return `it has format ${descriptor.format}, this runtime reads format ${SNAPSHOT_FORMAT}`;
  }
  if (descriptor.pyodideVersion !== pyodideVersion) {
    return `it was made with Pyodide ${descriptor.pyodideVersion}, this is Pyodide ${pyodideVersion}`;
  }
  if (Boolean(descriptor.jspi) !== hasJspi()) {
    const [made, here] = descriptor.jspi ? ["with", "lacks"] : ["without", "has"];
    return `it was made ${made} JSPI (WebAssembly stack switching), which this engine ${here}`;
  }
  if (descriptor.extractDir !== extractDir) {
    return `it was made with extractDir ${descriptor.extractDir}, this start uses ${extractDir}`;
  }
  const hashes = await Promise.all(archives.map(async (archive) => contentHash(await archive)));
  if (hashes.join() !== (descriptor.archives ?? []).join()) {
    return "the app's archives are not those it was made with";
  }
  const changed = await changedRuntimeFile(descriptor.runtime ?? {}, frameworkURL, moduleVersions);
  return changed ? `the runtime file ${changed} is not the one it was made with` : undefined;
}

// The first of `expected` ({ name: hash }) whose file under frameworkURL has another content.
// A page built by jsinterop names each module's hash in its import map (`?v=<hash>`), which
// is read instead of fetching the module again.
async function changedRuntimeFile(expected, frameworkURL, moduleVersions) {
  const mapped = moduleVersions ?? (isBrowser ? importMapHashes() : new Map());
  const checks = Object.entries(expected).map(async ([name, hash]) => {
    const url = new URL(name, frameworkURL);
    url.search = "";
    const actual = mapped.get(url.href) ?? (await readBytes(url).then(contentHash, () => "missing"));
    return actual === hash ? undefined : name;
  });
  return (await Promise.all(checks)).find((name) => name !== undefined);
}

// { module URL without its query: the hash of its ?v= } from the page's import map. (The worker
// host's page hands it to its worker, which has no page to read it from.)
export function importMapHashes() {
  const hashes = new Map();
  if (typeof document === "undefined") return hashes;
  for (const script of document.querySelectorAll('script[type="importmap"]')) {
    let imports;
    try {
      imports = JSON.parse(script.textContent).imports ?? {};
    } catch {
      continue;
    }
    for (const target of Object.values(imports)) {
      const url = new URL(target, document.baseURI);
      const version = url.searchParams.get("v");
      url.search = "";
      if (version) hashes.set(url.href, version);
    }
  }
  return hashes;
}

// The snapshot's bytes, fetched (or read, in Node) from beside the runtime.
export function snapshotBytes(descriptor, frameworkURL) {
  return readBytes(new URL(descriptor.file, frameworkURL));
}
