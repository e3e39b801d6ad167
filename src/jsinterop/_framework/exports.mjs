// The JS half of a @js_export: the function JS calls, compiled for its signature
// (signature.mjs): it checks the arguments JS passes (count and types), calls the Python
// function, checks what it returns, and turns a Python exception into a JS Error.

import { INTO_PYTHON, compileSignature, stubSignature } from "./signature.mjs";

// The exports object of `packageName`: Python imports the package and hands over each export
// (python: entry.mjs); each becomes a function at its dotted path.
export function collectExports(python, boundary, packageName) {
  const root = {};
  python.collectExports(packageName, (path, specJson, target) =>
    define(root, path, exportedFunction(boundary, specJson, target)));
  return root;
}

// The JS function for the Python function `target` exported with the signature `specJson`.
export function exportedFunction(boundary, specJson, target) {
  const spec = JSON.parse(specJson);
  const make = compileSignature(stubSignature(spec), INTO_PYTHON, {
    boundary, where: spec.name, resultWhere: `${spec.name}: return value`, extraArguments: "refused",
  });
  return make({ target, name: spec.name });
}

// Place `fn` at the dotted `path` inside `root`, creating the namespaces on the way.
export function define(root, path, fn) {
  const parts = path.split(".");
  let node = root;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part];
  }
  node[parts[parts.length - 1]] = fn;
}
