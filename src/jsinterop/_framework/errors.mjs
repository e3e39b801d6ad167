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
    // `path` names the item inside a container: `[3]`, `["key"]`.
    fail(kind, value, expectedText = expected, receivedText = undefined, path = "") {
      let message = `${where}${path} must be ${expectedText}, got ${receivedText ?? describe(value, ffi)}`;
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
  constructor(kind, value, expectedText, receivedText, path) {
    Object.assign(this, { kind, value, expectedText, receivedText, path });
  }
}

function rethrowAt(error, step) {
  if (!(error instanceof ItemFailure)) throw error;
  return this.fail(error.kind, error.value, error.expectedText, error.receivedText, `${step}${error.path}`);
}

function itemContext(spec, ffi, expectedFor, describe) {
  const expected = expectedFor(spec);
  return {
    ffi,
    fail(kind, value, expectedText = expected, receivedText = undefined, path = "") {
      throw new ItemFailure(kind, value, expectedText, receivedText ?? describe(value, ffi), path);
    },
    item(itemSpec) {
      return itemContext(itemSpec, ffi, expectedFor, describe);
    },
    rethrowAt,
  };
}

// What Python needs to know about any thrown value.
export function describeError(error) {
  if (error instanceof Error || (error && typeof error === "object" && "message" in error)) {
    return {
      name: String(error.name ?? "Error"),
      message: String(error.message ?? ""),
      stack: String(error.stack ?? ""),
      pythonType: error.jsinteropPythonType,
    };
  }
  return { name: "Error", message: String(error), stack: "", pythonType: undefined };
}

// A PythonError thrown out of a Python call, as the JS Error the JS caller should see.
// `details()` asks Python for the exception itself (type, str(), formatted traceback):
// the PythonError's own text is empty when the app has replaced sys.stderr.
export function fromPythonError(error, ffi, where, details) {
  if (!(error instanceof ffi.PythonError)) return error;
  let found = details();
  if (!found || found.type !== error.type) {
    found = { type: error.type, message: String(error.message), traceback: String(error.message) };
  }
  const { type, message, traceback } = found;
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
  converted.stack = `${type}: ${message}\n${pythonFrames}\n    at ${where} (Python)\n${jsFrames}`;
  return converted;
}
