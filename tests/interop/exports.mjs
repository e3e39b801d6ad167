// JS side of test_exports.py: calls the Python exports the way an app's JS would.
import { exportsTree } from "./exported.mjs";

function exportsRoot() {
  return exportsTree;
}

function lookup(root, path) {
  return path.split(".").reduce((node, part) => node?.[part], root);
}

// Calls exports.<path>(...args) and reports what happened as JSON.
export async function call(path, argsJson) {
  const fn = lookup(exportsRoot(), path);
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
  const node = path ? lookup(exportsRoot(), path) : exportsRoot();
  return Object.keys(node).sort().join(",");
}

export async function sameExportsObject() {
  return exportsRoot() === exportsRoot();
}

export async function objectRoundTrips() {
  const root = exportsRoot();
  const original = { marker: 42 };
  return root.jsinterop_tests.test_exports.echo_object(original) === original;
}

export async function objectPropertyFromPython() {
  const root = exportsRoot();
  return root.jsinterop_tests.test_exports.read_marker({ marker: 42 });
}
