// Awaitable[T] / Coroutine[..., T] <-> Promise resolving to T.
//
// From Python: an awaitable (a borrowed or owned PyProxy, whose `then` must be called during
// the call that hands it over); it becomes a real Promise whose value goes through T's
// converter. To Python: a thenable, whose value goes through T's converter before Python's
// `await` sees it. A converter failing inside the Promise rejects it with the same error.

import { isThenable } from "./describe.mjs";
import { fromPy as innerFromPy, toPy as innerToPy, jsTypeName as innerJsTypeName, typeName as innerTypeName } from "./registry.mjs";

// The receiver may subscribe only later (Python awaits when its coroutine gets there): a
// rejection before then must not count as unhandled, which ends a Node process.
function handled(promise) {
  promise.catch(() => {});
  return promise;
}

export function typeName(spec) {
  return `Awaitable[${innerTypeName(spec.inner)}]`;
}

export function jsTypeName(spec) {
  return `Promise of ${innerJsTypeName(spec.inner)}`;
}

function innerConverter(spec, convert, ctx) {
  return spec.inner.kind === "none" ? () => undefined : convert(spec.inner, ctx);
}

export function fromPy(spec, ctx) {
  const convert = innerConverter(spec, innerFromPy, ctx);
  const ffi = ctx.ffi;
  return (v) => {
    if (!(v instanceof ffi.PyProxy) || typeof v.then !== "function") return ctx.fail("type", v);
    // The Python side settles with [true, value] or [false, Error].
    const promise = new Promise((resolve, reject) =>
      v.then(([ok, payload]) => (ok ? resolve(payload) : reject(payload)), reject));
    promise.then(() => v.destroy(), () => v.destroy());
    return handled(promise.then(convert));
  };
}

export function toPy(spec, ctx) {
  const convert = innerConverter(spec, innerToPy, ctx);
  // A rejection reaches Python the way a throw does: as a carrier, safe to read.
  const { boundary } = ctx;
  const rejected = (reason) => {
    throw boundary.thrownIntoPython(reason);
  };
  return (v) => (isThenable(v) ? handled(Promise.resolve(v).then(convert, rejected)) : ctx.fail("type", v));
}
