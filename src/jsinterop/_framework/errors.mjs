// The errors that cross the boundary, as values: made here, thrown and caught elsewhere.
// A leaf: it imports nothing, so every layer may use it.
//
// Two kinds go to Python: an Error the JS half throws on Python's behalf (a wrong argument to
// a stub, a failed lookup) carries `jsinteropPythonType`, and the Python bridge raises that
// Python type; any other thrown value becomes a JSException there (see `describeError`). One
// kind comes from Python: a JS Error that mirrors a Python exception, named after its type,
// its stack the Python traceback then the JS frames.

// A JS Error that the Python bridge raises as the Python exception `pythonType`.
export function errorRaisedInPython(pythonType, message, JsType = Error) {
  const error = new JsType(message);
  error.jsinteropPythonType = pythonType;
  return error;
}

// A JS Error standing for a Python exception of class `type`; `where` names the Python
// function it escaped from, if any.
export function errorMirroringPython(type, message, traceback, where) {
  const mirror = new Error(message);
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

// What Python needs to know about any thrown value. `pythonException` is the Python
// exception a mirroring Error stands for (it goes back to Python as that very object).
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

// A Python exception that a callback returned instead of raising: Pyodide keeps ~0.5 KB of JS
// heap for every Python exception raised into JS (measured with Pyodide 314), so the Python
// half catches it and the JS caller throws `error` (its mirroring Error) here.
export class Thrown {
  constructor(error) {
    this.error = error;
  }
}

// What the JS half of a plain `def` stub throws when its JS function returned a Promise:
// Python waits for `promise` (the value already converted for Python) with run_sync where
// JSPI lets it, else refuses the call naming `where` (see Python's _throws.py). Thrown
// rather than returned, so that the usual call pays nothing for it; an Error, since Pyodide
// wraps any other thrown value.
export class PendingResult extends Error {
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
