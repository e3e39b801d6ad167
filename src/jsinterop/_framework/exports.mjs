// The JS half of a @js_export: the function JS calls, compiled for its signature
// (signature.mjs): it checks the arguments JS passes (count and types), calls the Python
// function, checks what it returns, and turns a Python exception into a JS Error.
//
// `ExportedPackages` holds the exports object of each package getExports() handed out, and
// keeps it current after a hot reload (reload.mjs): the same objects, each function that
// kept its signature calls the new Python function, new exports appear, removed ones go.

import { ARGUMENTS_BY_REFERENCE, holdsJsObjects } from "./byreference.mjs";
import { INTO_PYTHON, compileSignature, stubSignature } from "./signature.mjs";

// The JS function for the Python function `target` exported with the signature `specJson`, and
// its state: `state.target` is the Python function it calls.
function exportedFunction(boundary, specJson, target) {
  const spec = JSON.parse(specJson);
  const make = compileSignature(stubSignature(spec), INTO_PYTHON, {
    boundary, where: spec.name, resultWhere: `${spec.name}: return value`, extraArguments: "refused",
  });
  const state = { target, name: spec.name };
  const fn = make(state);
  // Called from the page in the worker host, a JSObject argument is the page's object.
  const byReference = (spec.params ?? []).flatMap((param, index) => (holdsJsObjects(param.type) ? [index] : []));
  if (byReference.length > 0) fn[ARGUMENTS_BY_REFERENCE] = byReference;
  return { fn, state };
}

// Place `fn` at the dotted `path` inside `root`, creating the namespaces on the way.
function define(root, path, fn) {
  const parts = path.split(".");
  let node = root;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part];
  }
  node[parts[parts.length - 1]] = fn;
}

// Remove the function at the dotted `path`, and the namespaces it leaves empty.
function undefine(root, path) {
  const parts = path.split(".");
  const nodes = [root];
  for (const part of parts.slice(0, -1)) {
    const next = nodes[nodes.length - 1][part];
    if (next === undefined) return;
    nodes.push(next);
  }
  delete nodes[nodes.length - 1][parts[parts.length - 1]];
  for (let i = nodes.length - 1; i > 0 && Object.keys(nodes[i]).length === 0; i--) {
    delete nodes[i - 1][parts[i - 1]];
  }
}

// The exports objects of one runtime, by package name: Python imports the package and hands
// over each export (`python`: entry.mjs); each becomes a function at its dotted path
// (`boundary`: bridge.mjs).
export class ExportedPackages {
  #python;
  #boundary;
  #packages = new Map(); // name -> { exports: Promise of root, root, functions: path -> export }

  constructor(python, boundary) {
    this.#python = python;
    this.#boundary = boundary;
  }

  // getExports(packageName): the package's exports object, made once (again after a failure).
  get(packageName) {
    let entry = this.#packages.get(packageName);
    if (!entry) {
      entry = { root: {}, functions: new Map() };
      entry.exports = (async () => {
        try {
          this.#collect(packageName, entry);
          return entry.root;
        } catch (error) {
          throw this.#boundary.thrownFromPy(error, `getExports("${packageName}")`);
        }
      })();
      this.#packages.set(packageName, entry);
      entry.exports.catch(() => this.#packages.delete(packageName));
    }
    return entry.exports;
  }

  // After a hot reload: every exports object handed out shows the exports as they are now.
  refresh() {
    for (const [packageName, entry] of this.#packages) {
      try {
        this.#collect(packageName, entry);
      } catch (error) {
        throw this.#boundary.thrownFromPy(error, `getExports("${packageName}")`);
      }
    }
  }

  // Collects the package's exports into `entry`: a function whose signature is unchanged
  // calls the new Python function; any other is made anew; one no longer exported is removed.
  #collect(packageName, entry) {
    const seen = new Set();
    this.#python.collectExports(packageName, (path, specJson, target) => {
      seen.add(path);
      const known = entry.functions.get(path);
      if (known?.specJson === specJson) {
        const replaced = known.state.target;
        known.state.target = target;
        replaced.destroy();
        return;
      }
      if (known) retire(known, packageName);
      const made = exportedFunction(this.#boundary, specJson, target);
      entry.functions.set(path, { ...made, specJson });
      define(entry.root, path, made.fn);
    });
    for (const [path, known] of entry.functions) {
      if (seen.has(path)) continue;
      retire(known, packageName);
      entry.functions.delete(path);
      undefine(entry.root, path);
    }
  }
}

// A function whose export was removed or changed its signature: its Python function is
// released, and a call says what happened.
function retire({ state }, packageName) {
  const replaced = state.target;
  state.target = () => {
    throw new Error(
      `jsinterop: ${state.name} was removed or changed by a hot reload; ` +
        `get the current exports with getExports("${packageName}")`,
    );
  };
  replaced.destroy();
}
