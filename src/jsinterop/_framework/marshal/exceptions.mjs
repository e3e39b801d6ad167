// BaseException subclasses <-> Error. Python sends the Error itself (the original one of a
// JSException, or a new one keeping the Python exception: `exceptionFromPy`); JS passes an
// Error, which Python turns back into the original Python exception or a JSException and
// checks against the annotated class.
//
// Also here: `thrownFromPy`, the JS Error a JS caller sees for a Python exception thrown out
// of a call (an export, a callback, main).

import { errorMirroringPython, originalOf } from "../errors.mjs";
import { isPyProxy } from "./describe.mjs";

export function typeName(spec) {
  return spec.name;
}

export function jsTypeName() {
  return "Error";
}

// Python checked the exception's class and made (or kept) the JS value it stands for: for a
// JSException, what JS threw (the carrier that crossed stands for it, errors.mjs).
export function fromPy() {
  return (v) => originalOf(v);
}

export function toPy(spec, ctx) {
  return (v) => (v instanceof Error ? v : ctx.fail("type", v));
}

// A Python exception passed to JS as a value (an argument or a return value): a mirroring
// Error that keeps `proxy` (the exception), so that it goes back to Python as itself.
export function exceptionFromPy(handles, proxy, type, message, traceback) {
  const mirror = errorMirroringPython(type, message, traceback, "");
  handles.keepException(mirror, proxy);
  return mirror;
}

// A PythonError thrown out of a Python call, as the JS Error the JS caller should see.
// `python.lastExceptionDetails()` tells the exception itself (type, str(), formatted
// traceback): the PythonError's own text is empty when the app has replaced sys.stderr.
// `python.lastExceptionValue()` gives the original JS Error of a JSException (rethrown as it
// was), or a proxy of the Python exception, which the new Error keeps so that it goes back to
// Python as itself. Any other thrown value is returned as it is.
export function thrownFromPy(error, where, { ffi, handles }, python) {
  let isPythonError;
  try {
    isPythonError = error instanceof ffi.PythonError;
  } catch {
    isPythonError = false; // a Proxy whose trap throws: not Pyodide's
  }
  if (!isPythonError) return error;
  let found = python.lastExceptionDetails();
  const current = Boolean(found) && found.type === error.type;
  if (!current) {
    found = { type: error.type, message: String(error.message), traceback: String(error.message) };
  }
  // A marshalling check that failed in Python (a return value): thrown like one failed in JS.
  if (current && found.check) return found.check === "RangeError" ? new RangeError(found.message) : new TypeError(found.message);
  const value = current ? python.lastExceptionValue() : undefined;
  const isProxy = isPyProxy(value, ffi);
  if (value !== undefined && value !== null && !isProxy) return originalOf(value);
  const { type, message, traceback } = found;
  const mirror = errorMirroringPython(type, message, traceback, where);
  if (isProxy) handles.keepException(mirror, value);
  return mirror;
}
