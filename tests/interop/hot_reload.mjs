// JS side of test_hot_reload.py: applies patches as the dev server's page script does, and
// holds on to exports the way an app's JS would between two hot reloads.

const kept = {};

// Where the runtime unpacked the app's code, which is where patches go (config.extractDir).
export function extractDir() {
  return globalThis.getPythonRuntime(0).getConfig().extractDir ?? "/app";
}

export async function applyPatch(patchJson) {
  const results = await globalThis.__jsinteropHotReload(JSON.parse(patchJson));
  return JSON.stringify(results);
}

// Remembers the exports object of `packageName` and the function at `path` in it.
export async function keepExport(packageName, path) {
  const root = await globalThis.getPythonRuntime(0).getExports(packageName);
  kept.root = root;
  kept[path] = path.split(".").reduce((node, part) => node?.[part], root);
  return typeof kept[path];
}

// Calls the function kept for `path` (the one held from before the reload): its result or
// its error message, as JSON.
export function callKept(path, argsJson) {
  try {
    return JSON.stringify({ ok: kept[path](...JSON.parse(argsJson)) });
  } catch (error) {
    return JSON.stringify({ error: error.message });
  }
}

// Whether getExports(packageName) still gives the object kept, and the keys at `path` in it.
export async function exportsNow(packageName, path) {
  const root = await globalThis.getPythonRuntime(0).getExports(packageName);
  const node = path.split(".").reduce((at, part) => at?.[part], root);
  return JSON.stringify({ same: root === kept.root, keys: Object.keys(node ?? {}).sort() });
}
