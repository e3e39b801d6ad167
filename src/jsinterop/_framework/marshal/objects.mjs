// JSObject: any JS object or function, passed by reference. The Python half wraps and
// unwraps the JsProxy; this half checks that the value really is a JS object.

export const names = { jsobject: "JSObject" };
export const jsNames = { jsobject: "object or function" };

function isJsObject(v, ffi) {
  return ((typeof v === "object" && v !== null) || typeof v === "function") &&
    !(v instanceof ffi.PyProxy);
}

export function fromPy(spec, ctx) {
  const ffi = ctx.ffi;
  return (v) => (isJsObject(v, ffi) ? v : ctx.fail("type", v));
}

export function toPy(spec, ctx) {
  const ffi = ctx.ffi;
  return (v) => (isJsObject(v, ffi) ? v : ctx.fail("type", v));
}
