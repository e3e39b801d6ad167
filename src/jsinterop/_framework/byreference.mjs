// Which values of a call hold JSObjects (or Any), for the worker host (wire.mjs): there a page
// object crosses to the worker by value when it is plain data, unless the side that knows the
// signature asks for it by reference, so that a JSObject is the page's object itself, as on the
// main thread. Registered Symbols: the runtime marks its functions without importing the wire.
//
// Imports nothing.

// On a page function's stand-in in the worker: the same call, its result's plain objects by
// reference (for a @js_import stub whose result holds a JSObject).
export const RESULT_BY_REFERENCE = Symbol.for("jsinterop.resultByReference");

// On an export: the indices of its parameters that hold a JSObject, whose plain objects the
// page sends by reference.
export const ARGUMENTS_BY_REFERENCE = Symbol.for("jsinterop.argumentsByReference");

// Whether a value of `spec` is, or holds, a JSObject or an Any (which is one for a JS object).
export function holdsJsObjects(spec) {
  if (!spec) return false;
  if (spec.kind === "jsobject" || spec.kind === "any") return true;
  return holdsJsObjects(spec.inner) || holdsJsObjects(spec.item);
}
