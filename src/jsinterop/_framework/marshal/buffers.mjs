// bytes and bytearray <-> Uint8Array, copied. Python sends a Uint8Array it copied from the
// buffer; JS may pass a Uint8Array, an ArrayBuffer or any other view, and Python copies the
// bytes out of a Uint8Array on the same memory.

export const names = { bytes: "bytes", bytearray: "bytearray" };
const jsText = "Uint8Array, ArrayBuffer or DataView";
export const jsNames = { bytes: jsText, bytearray: jsText };

export function fromPy(spec, ctx) {
  return (v) => (v instanceof Uint8Array ? v : ctx.fail("type", v));
}

// Pyodide converts a Uint8Array by its constructor, and refuses subclasses such as Node's
// Buffer ("Unknown typed array type"): those cross as a plain view on the same memory.
export function toPy(spec, ctx) {
  return (v) => {
    if (v instanceof Uint8Array) {
      return v.constructor === Uint8Array ? v : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    }
    if (v instanceof ArrayBuffer) return new Uint8Array(v);
    if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    return ctx.fail("type", v);
  };
}
