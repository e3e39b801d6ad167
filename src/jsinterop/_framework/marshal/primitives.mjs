// bool, int, float and str. Pyodide carries these values across as they are; this half
// validates them, where checks cost least (typeof and Number.isSafeInteger in JS).

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_SAFE_BIG = BigInt(MAX_SAFE);

export const names = { bool: "bool", int: "int", float: "float", str: "str", none: "None" };
export const jsNames = { bool: "boolean", int: "safe integer number", float: "number", str: "string" };

// The checks are typeof and ===: no code of a value runs (registry.mjs leaves them unguarded).
export const runsNoValueCode = true;

const rangeText = `a safe integer within ±${MAX_SAFE}`;

// A value Python produced, on its way to JS.
export function fromPy(spec, ctx) {
  switch (spec.kind) {
    case "bool":
      return (v) => (typeof v === "boolean" ? v : ctx.fail("type", v));
    case "int":
      return (v) => {
        if (typeof v === "number" && Number.isSafeInteger(v)) return v;
        if (typeof v === "bigint") {
          // Pyodide sends ints from 2**53 - 1 on as BigInt; the safe edge still fits a number.
          if (v <= MAX_SAFE_BIG && v >= -MAX_SAFE_BIG) return Number(v);
          return ctx.fail("range", v, rangeText, `${v}`);
        }
        return ctx.fail("type", v);
      };
    case "float":
      return (v) => {
        if (typeof v === "number") return v;
        if (typeof v === "bigint") return Number(v);
        return ctx.fail("type", v);
      };
    case "str":
      return (v) => (typeof v === "string" ? v : ctx.fail("type", v));
    default:
      throw new Error(`jsinterop: no primitive marshaller for ${spec.kind}`);
  }
}

// A JS value, on its way to Python.
export function toPy(spec, ctx) {
  switch (spec.kind) {
    case "bool":
      return (v) => (typeof v === "boolean" ? v : ctx.fail("type", v));
    case "int":
      return (v) => {
        if (Number.isSafeInteger(v)) return v;
        if (Number.isInteger(v)) return ctx.fail("range", v, rangeText, `${v}`);
        return ctx.fail("type", v);
      };
    case "float": {
      // Pyodide reads a whole number as an int, so -0 would arrive as 0: it crosses as
      // Python's own -0.0, a copy of the proxy the boundary holds (Pyodide destroys the
      // proxies a call hands over once the call is done), keeping its sign.
      const boundary = ctx.boundary;
      return (v) => {
        if (typeof v !== "number") return ctx.fail("type", v);
        return v === 0 && 1 / v < 0 ? boundary.negativeZero.copy() : v;
      };
    }
    case "str":
      return (v) => (typeof v === "string" ? v : ctx.fail("type", v));
    default:
      throw new Error(`jsinterop: no primitive marshaller for ${spec.kind}`);
  }
}
