// Hot reload: a patch of the app (from `jsinterop serve`, or `jsinterop run --watch`) applied
// to running runtimes, without booting Python again.
//
//   patch = { python: { "app/pages/counter.py": "<source>" or null, ... },
//             scripts: ["app/pages/counter.js", ...], version: "<new URL version>" }
//
// JS modules first: each module imported from a changed URL is imported again under a new
// version (modules.mjs); then Python (entry.mjs -> jsinterop._reload) writes the sources,
// imports again what they change and lets the component host render; last, every exports
// object getExports() handed out is brought up to date (exports.mjs).
//
// The dev server's page script calls globalThis.__jsinteropHotReload(patch) (runtime.mjs sets
// it): it resolves to one result per runtime, { reloaded, error, fullReload, scripts,
// scriptsNotImported }.

const reloaders = [];

// Registers a runtime's parts; `python`: entry.mjs, `modules`: modules.mjs,
// `exportedPackages`: exports.mjs, `extractDir`: where its Python code is unpacked.
export function registerHotReload({ python, modules, exportedPackages, extractDir }) {
  reloaders.push((patch) => applyPatch({ python, modules, exportedPackages, extractDir }, patch));
}

// Applies `patch` to every runtime of this page (or process), one after the other.
export async function applyHotReload(patch) {
  const results = [];
  for (const reload of reloaders) results.push(await reload(patch));
  return results;
}

async function applyPatch({ python, modules, exportedPackages, extractDir }, patch) {
  const files = patch.python ?? {};
  const { replaced, notImported, failure } = await replaceScripts(modules, patch.scripts ?? [], patch.version);
  if (failure) {
    if (replaced.length > 0) python.hotReload(extractDir, {}, replaced);
    return { reloaded: [], error: failure, fullReload: null, scripts: replaced, scriptsNotImported: notImported };
  }
  const hasPython = Object.keys(files).length > 0;
  if (!hasPython && replaced.length === 0) {
    return { reloaded: [], error: null, fullReload: null, scripts: [], scriptsNotImported: notImported };
  }
  const result = python.hotReload(extractDir, files, replaced);
  if (hasPython && result.reloaded.length > 0) exportedPackages.refresh();
  return { ...result, scripts: replaced, scriptsNotImported: notImported };
}

// Imports each module of `urls` again; the names replaced, the URLs no stub module came from,
// or the first failure (its message), after which the old modules stay.
async function replaceScripts(modules, urls, version) {
  const replaced = [];
  const notImported = [];
  for (const url of urls) {
    let names;
    try {
      names = await modules.replace(url, version);
    } catch (error) {
      return { replaced, notImported, failure: `${url}: ${error?.stack ?? error}` };
    }
    if (names.length === 0) notImported.push(url);
    replaced.push(...names);
  }
  return { replaced, notImported, failure: null };
}

// -- `jsinterop run --watch` (Node) ----------------------------------------------------------

// The environment variable that names the file descriptor the CLI sends patches on.
const WATCH_CHANNEL = "JSINTEROP_WATCH_FD";
// The exit code that asks the CLI to start Node again (a change this process cannot take).
export const RESTART_EXIT_CODE = 75;

// The file descriptor of `jsinterop run --watch`'s patches, or undefined outside watch mode.
export function watchChannel() {
  const fd = globalThis.process?.env?.[WATCH_CHANNEL];
  return fd === undefined || fd === "" ? undefined : Number(fd);
}

// Runs main (`runOnce`: resolves to its exit code, never rejects), then again after each patch
// the CLI sends on `fd` (one JSON a line), in this process. A patch that arrives while main
// still runs, or that cannot be applied in place, exits with RESTART_EXIT_CODE so that the CLI
// starts Node again; one that fails to import is reported, and main waits for the next.
// Exits when the CLI closes the channel.
export async function rerunMainOnPatches(fd, runOnce) {
  const [{ default: net }, { createInterface }] = await Promise.all([import("node:net"), import("node:readline")]);
  let running = true;
  const run = () => {
    running = true;
    runOnce().then((code) => {
      running = false;
      console.error(`jsinterop: main returned ${code}; watching for changes (Ctrl-C to stop)`);
    });
  };
  run();
  const lines = createInterface({ input: new net.Socket({ fd, readable: true, writable: false }) });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    if (running) restart("main is still running, and only a finished main can run again in this process");
    const started = performance.now();
    const [result] = await applyHotReload(JSON.parse(line));
    if (result.fullReload) restart(result.fullReload);
    if (result.error) {
      console.error(`jsinterop: the change did not apply; main did not run again:\n${result.error}`);
      continue;
    }
    const elapsed = Math.round(performance.now() - started);
    console.error(`jsinterop: applied in ${elapsed} ms (${result.reloaded.join(", ") || "nothing to import"}); running main again`);
    run();
  }
  process.exit(0); // the CLI stopped watching
}

function restart(reason) {
  console.error(`jsinterop: restarting Node: ${reason}`);
  process.exit(RESTART_EXIT_CODE);
}
