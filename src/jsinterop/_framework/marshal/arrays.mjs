// array.array <-> the typed array of its typecode, copied. Python sends a typed array it
// copied from the array's buffer; JS passes the typed array of one of the allowed typecodes,
// and Python copies its bytes into a new array.array.

const TYPED_ARRAYS = {
  b: Int8Array, B: Uint8Array, h: Int16Array, H: Uint16Array, i: Int32Array, I: Uint32Array,
  f: Float32Array, d: Float64Array, q: BigInt64Array, Q: BigUint64Array,
};

export function typeName(spec) {
  if (spec.typecodes === "fd") return "array.array[float]";
  if (spec.typecodes === "bBhHiIqQ") return "array.array[int]";
  return "array.array";
}

export function jsTypeName(spec) {
  if (spec.typecodes === "fd") return "Float32Array or Float64Array";
  if (spec.typecodes === "bBhHiIqQ") return "an integer typed array";
  return "a typed array";
}

function check(spec, ctx) {
  const allowed = [...spec.typecodes].map((code) => TYPED_ARRAYS[code]);
  return (v) => {
    const Type = allowed.find((candidate) => v instanceof candidate);
    if (!Type) return ctx.fail("type", v);
    // A subclass (Node's Buffer) as its own typed array, which Python knows by name.
    return v.constructor === Type ? v : new Type(v.buffer, v.byteOffset, v.length);
  };
}

export function fromPy(spec, ctx) {
  return check(spec, ctx);
}

export function toPy(spec, ctx) {
  return check(spec, ctx);
}
