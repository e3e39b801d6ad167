// uuid.UUID <-> string in the canonical 8-4-4-4-12 hex form. Python sends str(uuid) (lower
// case); JS passes the string in either case, without braces or a urn:uuid: prefix, and
// Python builds the UUID from it.

export const names = { uuid: "UUID" };
export const jsNames = { uuid: "UUID string" };

// The checks are typeof and ===: no code of a value runs (registry.mjs leaves them unguarded).
export const runsNoValueCode = true;

const CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function fromPy(spec, ctx) {
  return (v) => (typeof v === "string" ? v : ctx.fail("type", v));
}

export function toPy(spec, ctx) {
  return (v) => (typeof v === "string" && CANONICAL.test(v) ? v : ctx.fail("type", v));
}
