// The JS twin of Python's jsinterop/_bridge.py: the object registered as the JS module
// `_jsinterop_runtime`, which is all Python's bridge calls on the JS side (its property names
// are that interface), and the boundary object the converters of one runtime share.
//
// The composition root of the marshallers: importing marshal/index.mjs fills their registry.

import "./marshal/index.mjs";
import { Handles, PythonObject } from "./handles.mjs";
import { PendingResult, Thrown, carrierOf, describeError, engineHasJspi, errorRaisedInPython, originalOf } from "./errors.mjs";
import { isBrowser, isNativeError, isNode } from "./host.mjs";
import { bindImport } from "./imports.mjs";
import { pythonCallableForJs } from "./marshal/callables.mjs";
import { marshalContext } from "./marshal/context.mjs";
import { describeJs } from "./marshal/describe.mjs";
import { exceptionFromPy, thrownFromPy } from "./marshal/exceptions.mjs";
import { numberListReader } from "./marshal/pymemory.mjs";
import { fromPy, toPy } from "./marshal/registry.mjs";
import { JoinedStrings, packer } from "./marshal/values.mjs";

const ANY = { kind: "any" };

// One runtime's side of the boundary: its Pyodide FFI, its lifetime state, how a Python
// exception thrown into JS becomes the JS Error a JS caller sees (`python`: entry.mjs), how a
// JS throw goes on into Python (a carrier, errors.mjs), how a deeply nested call into Python
// is made, and Python's -0.0 (set once Python runs: `negativeZero`, for the float converter).
export function createBoundary(ffi, python) {
  const isPythonError = (error) => isNativeError(error) && Object.getPrototypeOf(error) === ffi.PythonError.prototype;
  const boundary = {
    ffi,
    handles: new Handles(),
    thrownFromPy: (error, where) => thrownFromPy(error, where, boundary, python),
    // Pyodide's own PythonError (a Python exception on its way through JS) goes on as it is:
    // Pyodide raises the original exception again. Checked without running code of the value.
    thrownIntoPython: (error) => carrierOf(error, isPythonError),
    // target(...args) for an export called nested in Python code (signature.mjs): an
    // exception comes back as a Thrown instead of being raised through Pyodide. (A target that
    // is JS, a retired export's, is called as it is.)
    callCatching: (target, args) => (target instanceof ffi.PyProxy ? python.callCatching(target, args) : target(...args)),
    negativeZero: undefined,
  };
  return boundary;
}

// `fn` with whatever it throws turned into what may be thrown into Python: for the functions
// Python calls that run JS code of the values they touch (getters, Proxy traps, lookups).
function throwingIntoPython(boundary, fn) {
  return (...args) => {
    try {
      return fn(...args);
    } catch (error) {
      throw boundary.thrownIntoPython(error);
    }
  };
}

// The `_jsinterop_runtime` module; `modules` (modules.mjs) holds the JS modules stubs import from.
export function runtimeModule(boundary, modules, pyodide) {
  return {
    isNode,
    isBrowser,
    globalThis,
    bindImport: throwingIntoPython(boundary, (specJson, functionName, moduleName) =>
      bindImport(boundary, modules, specJson, functionName, moduleName ?? undefined)),
    importModule: (name, url, onPage) => modules.import(name, url, onPage == null ? undefined : Boolean(onPage)),
    ...errorFunctions(boundary),
    ...valueFunctions(boundary, pyodide),
    ...jsObjectFunctions(boundary),
    ...handleFunctions(boundary),
    collectGarbage,
  };
}

function errorFunctions({ handles }) {
  return {
    // Also `pythonException`: the Python exception an Error made from one keeps.
    describeError: (error) => {
      const { original, ...details } = describeError(error);
      return { ...details, pythonException: handles.exceptionOf(original) };
    },
    errorFromPython: (proxy, type, message, traceback) => exceptionFromPy(handles, proxy, type, message, traceback),
    thrown: (error) => new Thrown(originalOf(error)),
    weakRef: (value) => new WeakRef(value),
    keptExceptionCount: () => handles.keptExceptionCount,
    // A plain `def` stub's Promise (signature.mjs): what Python waits for, or undefined.
    pendingResult: (error) => (PendingResult.is(error) ? error : undefined),
    engineHasJspi,
    engineName: isNode ? `Node ${process.version}` : "this browser",
  };
}

// The shapes in which Python hands over values it prepared (marshal/values.mjs).
function valueFunctions({ ffi }, pyodide) {
  return {
    newMap: (entries) => new Map(entries),
    joinedStrings: (text) => new JoinedStrings(text),
    numberListReader: (floatType, intType) => numberListReader(pyodide._module, floatType, intType),
    pack: packer(ffi),
    describe: (value) => describeJs(value, ffi),
  };
}

// JSObject's property API: values cross as `object` (Any), or typed by a spec (readTyped).
function jsObjectFunctions(boundary) {
  const context = (where, spec, valueFrom, caller) => marshalContext({ where, spec, boundary, valueFrom, caller });
  const anyToJs = fromPy(ANY, context("JSObject", ANY, "python", "python"));
  const anyToPython = toPy(ANY, context("JSObject", ANY, "js", "python"));
  const typedReaders = new Map();
  const guard = (fn) => throwingIntoPython(boundary, fn);
  return {
    getProperty: guard((object, name) => anyToPython(object[name])),
    setProperty: guard((object, name, value) => {
      object[name] = anyToJs(value);
    }),
    hasProperty: guard((object, name) => name in Object(object)),
    typeOf: guard((object, name) => typeof object[name]),
    callMethod: guard((object, name, ...args) => {
      const method = object[name];
      if (typeof method !== "function") {
        throw errorRaisedInPython("TypeError", `JSObject.call(): '${name}' is ${describeJs(method, boundary.ffi)}, not a function`);
      }
      return anyToPython(method.apply(object, args.map(anyToJs)));
    }),
    readTyped: guard((object, name, specJson) => {
      const key = `${specJson}\u0000${name}`;
      let read = typedReaders.get(key);
      if (!read) {
        const spec = JSON.parse(specJson);
        read = toPy(spec, context(`JSObject property '${name}'`, spec, "js", "python"));
        typedReaders.set(key, read);
      }
      return read(object[name]);
    }),
  };
}

// The JS values standing for Python objects (handles.mjs).
function handleFunctions(boundary) {
  const handles = boundary.handles;
  return {
    newCallback: (id, specJson, name, target) => {
      const state = { id, name, target, original: target, released: false };
      return handles.add(pythonCallableForJs(boundary, specJson, state), state);
    },
    newObjectHandle: (id, original, typeName) => {
      const state = { id, name: typeName, typeName, target: original, original, released: false };
      return handles.add(new PythonObject(state), state);
    },
    liveHandle: (id) => handles.live(id),
    takeReleased: () => handles.takeReleased(),
    releaseHandle: (id) => handles.release(id),
  };
}

async function collectGarbage() {
  const gc = globalThis.gc;
  for (let round = 0; round < 3; round++) {
    gc?.();
    // FinalizationRegistry callbacks run in their own tasks, after the collection.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return typeof gc === "function";
}
