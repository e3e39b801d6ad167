// Annotated[int, JSType.BigInt] <-> bigint, any size. Pyodide sends a Python int as a number
// while it is a safe integer and as a bigint beyond; both become a bigint here.

export const names = { bigint: "int" };
export const jsNames = { bigint: "bigint" };

// The checks are typeof and ===: no code of a value runs (registry.mjs leaves them unguarded).
export const runsNoValueCode = true;

export function fromPy(spec, ctx) {
  return (v) => {
    if (typeof v === "bigint") return v;
    if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
    return ctx.fail("type", v);
  };
}

export function toPy(spec, ctx) {
  return (v) => (typeof v === "bigint" ? v : ctx.fail("type", v));
}
