// The errors that cross the boundary, as values: made here, thrown and caught elsewhere.
// A leaf: it imports nothing, so every layer may use it.
//
// Two kinds go to Python: an Error the JS half throws on Python's behalf (a wrong argument to
// a stub, a failed lookup) carries `jsinteropPythonType`, and the Python bridge raises that
// Python type; any other thrown value becomes a JSException there (see `describeError`),
// crossing as a carrier that is safe to read (`carrierOf`). One kind comes from Python: a JS
// Error that mirrors a Python exception, named after its type, its stack the Python traceback
// then the JS frames.

// A JS Error that the Python bridge raises as the Python exception `pythonType`.
export function errorRaisedInPython(pythonType, message, JsType = Error) {
  const error = new JsType(message);
  error.jsinteropPythonType = pythonType;
  return error;
}

// The JS Error class a Python exception is mirrored as: JS's own name for the same failure
// where there is one (a RecursionError is JS's stack overflow, a RangeError), else Error.
const JS_ERROR_FOR = { RecursionError: RangeError };

// A JS Error standing for a Python exception of class `type`; `where` names the Python
// function it escaped from, if any.
export function errorMirroringPython(type, message, traceback, where) {
  const mirror = new (JS_ERROR_FOR[type] ?? Error)(message);
  mirror.name = type;
  // Not enumerable: Node prints an uncaught Error's own properties after its stack, which
  // already shows the traceback.
  Object.defineProperty(mirror, "pythonType", { value: type, writable: true, configurable: true });
  Object.defineProperty(mirror, "pythonTraceback", { value: traceback, writable: true, configurable: true });
  const jsFrames = String(new Error().stack ?? "")
    .split("\n")
    .slice(1)
    .filter((line) => !line.includes("/_framework/"))
    .join("\n");
  const pythonFrames = traceback
    .replace(/^Traceback \(most recent call last\):\n/, "")
    .replace(/\n$/, "");
  const at = where ? `\n    at ${where} (Python)` : "";
  mirror.stack = `${type}: ${message}\n${pythonFrames}${at}\n${jsFrames}`;
  return mirror;
}

// -- reading what JS threw -------------------------------------------------------------------
//
// A thrown value is whatever JS code made it: reading its `message` may run a getter, a Proxy
// trap or a `toString` that throws again, and Pyodide, if handed such a value, fails for good
// ("Pyodide has suffered a fatal error"). So every read here is guarded, what cannot be read
// is described instead (`<unprintable object>`), and a JS throw goes on into Python only as a
// carrier: a plain Error made here holding the text read once, which goes back to JS as the
// original value (`originalOf`).

// V8's message for a stack overflow; JS's RecursionError.
const STACK_OVERFLOW = "Maximum call stack size exceeded";

// `read()` as a string; `absent` when it is null or undefined, `unreadable()` when reading
// or converting it throws.
function textOf(read, absent, unreadable) {
  try {
    const value = read();
    return value === undefined || value === null ? absent : String(value);
  } catch {
    return unreadable();
  }
}

// How a value whose text cannot be read is named: `<unprintable Error>`, `<unprintable object>`.
function unprintable(value) {
  const constructorName = textOf(() => {
    const constructor = value.constructor;
    return typeof constructor === "function" ? constructor.name : undefined;
  }, "", () => "");
  return `<unprintable ${constructorName || typeof value}>`;
}

// Whether a thrown value reads like an Error (it has a message); true when asking throws,
// so that its reads are attempted, and fail, one by one.
function isErrorLike(value) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return false;
  try {
    return value instanceof Error || (typeof value === "object" && "message" in value);
  } catch {
    return true;
  }
}

// What Python needs to know about a thrown value, each part a string read once; never throws.
// `pythonType` names the Python exception to raise instead of a JSException: set by
// errorRaisedInPython, and RecursionError for a stack overflow.
function readThrown(value) {
  if (!isErrorLike(value)) {
    const message = textOf(() => value, "", () => unprintable(value));
    return { name: "Error", message, stack: "", pythonType: undefined };
  }
  const name = textOf(() => value.name, "Error", () => "Error");
  const message = textOf(() => value.message, "", () => unprintable(value));
  const stack = textOf(() => value.stack, "", () => "");
  let pythonType = textOf(() => value.jsinteropPythonType, undefined, () => undefined);
  if (pythonType === undefined && name === "RangeError" && message.startsWith(STACK_OVERFLOW)) {
    pythonType = "RecursionError";
  }
  return { name, message, stack, pythonType };
}

const carried = new WeakMap(); // carrier -> { original, details }
const carriers = new WeakMap(); // an object thrown -> its carrier

// The value to throw into Python for `error`, thrown by JS code: `error` itself when
// `passesThrough(error)` (Pyodide's own PythonError, which carries a Python exception on),
// else a carrier of what it reads as: one per thrown object (read once, however many
// nested calls it unwinds through).
export function carrierOf(error, passesThrough) {
  if (carried.has(error) || passesThrough(error)) return error;
  const known = isObject(error) ? carriers.get(error) : undefined;
  if (known !== undefined) return known;
  const details = readThrown(error);
  const carrier = new Error(details.message);
  carrier.name = details.name;
  carrier.stack = details.stack;
  carried.set(carrier, { original: error, details });
  if (isObject(error)) carriers.set(error, carrier);
  return carrier;
}

function isObject(value) {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

// What JS threw, for a carrier; any other value as it is.
export function originalOf(value) {
  const entry = carried.get(value);
  return entry === undefined ? value : entry.original;
}

// What Python needs to know about any thrown value (a carrier or an Error passed as a value):
// name, message, stack, and `pythonType` when it stands for a Python exception type. The
// original value is returned too, for the caller to look its Python exception up.
export function describeError(value) {
  const entry = carried.get(value);
  return entry === undefined ? { ...readThrown(value), original: value } : { ...entry.details, original: entry.original };
}

// A JS RangeError for a stack about to overflow (Python gets a RecursionError).
export function stackOverflowError(detail) {
  return new RangeError(`${STACK_OVERFLOW}: ${detail}`);
}

// A Python exception that a callback returned instead of raising: Pyodide keeps ~0.5 KB of JS
// heap for every Python exception raised into JS (measured with Pyodide 314), so the Python
// half catches it and the JS caller throws `error` (its mirroring Error) here.
export class Thrown {
  #thrown = true;

  constructor(error) {
    this.error = error;
  }

  // Whether `value` is a Thrown: a brand check, which runs no code of `value` (a Proxy's traps).
  static is(value) {
    return typeof value === "object" && value !== null && #thrown in value;
  }
}

// What the JS half of a plain `def` stub throws when its JS function returned a Promise:
// Python waits for `promise` (the value already converted for Python) with run_sync where
// JSPI lets it, else refuses the call naming `where` (see Python's _throws.py). Thrown
// rather than returned, so that the usual call pays nothing for it; an Error, since Pyodide
// wraps any other thrown value.
export class PendingResult extends Error {
  #pending = true;

  // Whether `value` is a PendingResult: a brand check, which runs no code of `value`.
  static is(value) {
    return typeof value === "object" && value !== null && #pending in value;
  }

  constructor(promise, where) {
    super(`${where} is a Promise`);
    // Handled here: a refused call drops the Promise, and its rejection must not end Node.
    // Python's run_sync still sees the rejection.
    promise.catch(() => {});
    this.promise = promise;
    this.where = where;
  }
}

// Whether this engine has JSPI (WebAssembly stack switching), in the standard form or in the
// older one Node 20 and 22 have behind their flag.
export const engineHasJspi = typeof WebAssembly !== "undefined" &&
  (typeof WebAssembly.Suspending === "function" || typeof WebAssembly.Suspender === "function");

// The TypeError for a call with the wrong number of arguments; `max` is Infinity when extra
// arguments are ignored.
export function arityError(where, required, max, got) {
  const expected = required === max || max === Infinity ? `${required}` : `${required} to ${max}`;
  const noun = expected === "1" ? "argument" : "arguments";
  return new TypeError(`${where}: expected ${expected} ${noun}, got ${got}`);
}
