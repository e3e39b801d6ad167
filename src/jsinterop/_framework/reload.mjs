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
