// Errors crossing the boundary, both ways.
//
// Errors that the JS half raises on behalf of Python (a wrong argument to a stub, a failed
// lookup) carry `jsinteropPythonType`; the Python bridge raises that Python type. Python
// exceptions escaping an export become JS Errors carrying the Python type and traceback.

import { describeJs, describePython, isThenable } from "./marshal/describe.mjs";
import { jsTypeName, typeName } from "./marshal/index.mjs";

export function pythonError(pythonType, message, JsType = Error) {
  const error = new JsType(message);
  error.jsinteropPythonType = pythonType;
  return error;
}

// The context a converter reports through. `valueFrom` says which language produced the
// value (it decides how the value is described); `caller` says who gets the error.
export function marshalContext({ where, spec, ffi, valueFrom, caller, ownsValue = false }) {
  const expectedFor = (s) => (caller === "python" ? typeName(s) : `${typeName(s)} (${jsTypeName(s)})`);
  const describe = valueFrom === "python" ? describePython : describeJs;
  const expected = expectedFor(spec);
  return {
    ffi,
    where,
    // `path` names the item inside a container: `[3]`, `["key"]`. A `sentence` replaces
    // "must be ..., got ..." (`is missing field 'y'`).
    fail(kind, value, expectedText = expected, receivedText = undefined, path = "", sentence = undefined) {
      let message = sentence === undefined
        ? `${where}${path} must be ${expectedText}, got ${receivedText ?? describe(value, ffi)}`
        : `${where}${path} ${sentence}`;
      if (valueFrom === "js" && caller === "python" && isThenable(value)) {
        message += " (declare the stub with 'async def' to await it)";
      }
      if (ownsValue && value instanceof ffi.PyProxy) value.destroy();
      const range = kind === "range";
      if (caller === "python") {
        throw pythonError(range ? "OverflowError" : "TypeError", message, range ? RangeError : TypeError);
      }
      throw range ? new RangeError(message) : new TypeError(message);
    },
    item(itemSpec) {
      return itemContext(itemSpec, ffi, expectedFor, describe);
    },
    rethrowAt,
  };
}

// A failing item inside a container, on its way out to the container's converter, which
// adds the index or key to `path` and reports it through its own context.
class ItemFailure {
  constructor(kind, value, expectedText, receivedText, path, sentence) {
    Object.assign(this, { kind, value, expectedText, receivedText, path, sentence });
  }
}

function rethrowAt(error, step) {
  if (!(error instanceof ItemFailure)) throw error;
  return this.fail(error.kind, error.value, error.expectedText, error.receivedText, `${step}${error.path}`, error.sentence);
}

function itemContext(spec, ffi, expectedFor, describe) {
  const expected = expectedFor(spec);
  return {
    ffi,
    fail(kind, value, expectedText = expected, receivedText = undefined, path = "", sentence = undefined) {
      const received = sentence === undefined ? receivedText ?? describe(value, ffi) : undefined;
      throw new ItemFailure(kind, value, expectedText, received, path, sentence);
    },
    item(itemSpec) {
      return itemContext(itemSpec, ffi, expectedFor, describe);
    },
    rethrowAt,
  };
}

// What Python needs to know about any thrown value. `pythonException` is the Python
// exception a JS Error stands for (it goes back to Python as that very object).
export function describeError(error) {
  if (error instanceof Error || (error && typeof error === "object" && "message" in error)) {
    return {
      name: String(error.name ?? "Error"),
      message: String(error.message ?? ""),
      stack: String(error.stack ?? ""),
      pythonType: error.jsinteropPythonType,
      pythonException: error.pythonException,
    };
  }
  return { name: "Error", message: String(error), stack: "", pythonType: undefined, pythonException: undefined };
}

// A JS Error made for a Python exception keeps a proxy of it (`pythonException`), released
// when the Error is collected. The Error is the proxy's only owner, so no table is needed
// (handles.mjs keeps the tables of callbacks and opaque handles).
let keptCount = 0;
const keptExceptions = new FinalizationRegistry((proxy) => {
  keptCount--;
  try {
    proxy.destroy();
  } catch {
    // already destroyed
  }
});

function keepException(error, proxy) {
  Object.defineProperty(error, "pythonException", { value: proxy, configurable: true, writable: false, enumerable: false });
  keptExceptions.register(error, proxy);
  keptCount++;
}

// How many Python exceptions JS Errors keep alive now (jsinterop.debug counts them).
export function keptExceptionCount() {
  return keptCount;
}

// An Error named after the Python type, its stack the Python traceback then the JS frames.
function errorForPython(type, message, traceback, where) {
  const converted = new Error(message);
  converted.name = type;
  converted.pythonType = type;
  converted.pythonTraceback = traceback;
  const jsFrames = String(new Error().stack ?? "")
    .split("\n")
    .slice(1)
    .filter((line) => !line.includes("/_framework/"))
    .join("\n");
  const pythonFrames = traceback
    .replace(/^Traceback \(most recent call last\):\n/, "")
    .replace(/\n$/, "");
  const at = where ? `\n    at ${where} (Python)` : "";
  converted.stack = `${type}: ${message}\n${pythonFrames}${at}\n${jsFrames}`;
  return converted;
}

// A Python exception passed to JS as a value (an argument or a return value).
export function errorFromPython(proxy, type, message, traceback) {
  const converted = errorForPython(type, message, traceback, "");
  keepException(converted, proxy);
  return converted;
}

// A PythonError thrown out of a Python call, as the JS Error the JS caller should see.
// `details()` asks Python for the exception itself (type, str(), formatted traceback):
// the PythonError's own text is empty when the app has replaced sys.stderr. `original()`
// gives the original JS Error of a JSException (rethrown as it was), or a proxy of the
// Python exception, which the new Error keeps so that it goes back to Python as itself.
export function fromPythonError(error, ffi, where, details, original = undefined) {
  if (!(error instanceof ffi.PythonError)) return error;
  let found = details();
  const current = Boolean(found) && found.type === error.type;
  if (!current) {
    found = { type: error.type, message: String(error.message), traceback: String(error.message) };
  }
  // A marshalling check that failed in Python (a return value): thrown like one failed in JS.
  if (current && found.check) return found.check === "RangeError" ? new RangeError(found.message) : new TypeError(found.message);
  const value = current && original ? original() : undefined;
  if (value !== undefined && value !== null && !(value instanceof ffi.PyProxy)) return value;
  const { type, message, traceback } = found;
  const converted = errorForPython(type, message, traceback, where);
  if (value instanceof ffi.PyProxy) keepException(converted, value);
  return converted;
}
