// Enum and Literal[...] <-> string or number. One Set lookup checks a value; a value that
// is not allowed is reported with the allowed ones. (Python maps Enum members to values.)

// The checks are a Set lookup and typeof: no code of a value runs (registry.mjs leaves them
// unguarded).
export const runsNoValueCode = true;

// How a value reads in Python: 'text' or 3.
export function pythonRepr(value) {
  if (typeof value !== "string") return String(value);
  return value.includes("'") || value.includes("\\") ? JSON.stringify(value) : `'${value}'`;
}

export function typeName(spec) {
  return spec.name ?? `Literal[${spec.values.map(pythonRepr).join(", ")}]`;
}

export function jsTypeName(spec) {
  return spec.values.map((value) => JSON.stringify(value)).join(" | ");
}

function check(spec, ctx, describeMiss) {
  const allowed = new Set(spec.values);
  const expected = `one of ${spec.values.map(pythonRepr).join(", ")}`;
  return (v) => {
    if (allowed.has(v)) return v;
    if (typeof v === "string" || typeof v === "number") return ctx.fail("type", v, expected, describeMiss(v));
    return ctx.fail("type", v);
  };
}

export function fromPy(spec, ctx) {
  return check(spec, ctx, pythonRepr);
}

export function toPy(spec, ctx) {
  return check(spec, ctx, () => undefined);
}
