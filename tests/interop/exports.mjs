// JS side of test_exports.py: calls the Python exports the way an app's JS would.

async function exportsRoot() {
  const { getExports } = globalThis.getPythonRuntime(0);
  return getExports("jsinterop_tests");
}

function lookup(root, path) {
  return path.split(".").reduce((node, part) => node?.[part], root);
}

// Calls exports.<path>(...args) and reports what happened as JSON.
export async function call(path, argsJson) {
  const fn = lookup(await exportsRoot(), path);
  if (typeof fn !== "function") return JSON.stringify({ missing: path });
  try {
    const value = await fn(...JSON.parse(argsJson));
    return JSON.stringify({ ok: value === undefined ? "<undefined>" : value });
  } catch (error) {
    return JSON.stringify({
      name: error.name,
      message: error.message,
      isTypeError: error instanceof TypeError,
      isRangeError: error instanceof RangeError,
      pythonType: error.pythonType ?? null,
      stack: String(error.stack),
      traceback: error.pythonTraceback ?? null,
    });
  }
}

export async function keysAt(path) {
  const node = path ? lookup(await exportsRoot(), path) : await exportsRoot();
  return Object.keys(node).sort().join(",");
}

export async function sameExportsObject() {
  return (await exportsRoot()) === (await exportsRoot());
}

export async function objectRoundTrips() {
  const root = await exportsRoot();
  const original = { marker: 42 };
  return root.jsinterop_tests.test_exports.echo_object(original) === original;
}

export async function objectPropertyFromPython() {
  const root = await exportsRoot();
  return root.jsinterop_tests.test_exports.read_marker({ marker: 42 });
}
