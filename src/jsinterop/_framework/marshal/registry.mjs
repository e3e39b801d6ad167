// The dispatch table of the marshallers: each type family registers the spec kinds it
// handles (marshal/index.mjs does that, one line per family), and every converter, nested
// ones included, is found through here. Imports nothing: families recurse through this table
// instead of importing each other, so no family depends on another.
//
// Direction words as in Python: fromPy reads a value Python produced, on its way to JS; toPy
// checks a JS value on its way to Python. Each returns a converter closure built once per
// signature; `ctx` (context.mjs) is how a converter reports a wrong value.
//
// A family is { fromPy(spec, ctx), toPy(spec, ctx) } and names its types either by kind
// (`names` and `jsNames`: { kind: text }) or from the spec (`typeName(spec)`, `jsTypeName(spec)`;
// containers name theirs from their items' names).
//
// Reading a JS value may run its own code (a getter, a Proxy trap, `instanceof` on a Proxy),
// which may throw: every converter is guarded (`ctx.guarded`), so that such a value is
// reported as a wrong value of the expected type, except those of a family that declares
// `runsNoValueCode` (its checks are typeof and ===, and run nothing of the value). A family
// that declares `holdsItems` counts them (`ctx.countItems`) with the rest of the value's.

const families = new Map();

// Makes `family` the marshaller of every spec kind in `kinds`.
export function register(kinds, family) {
  for (const kind of kinds) families.set(kind, family);
}

function familyOf(spec) {
  const family = families.get(spec.kind);
  if (!family) throw new Error(`jsinterop: unknown type spec ${JSON.stringify(spec)}`);
  return family;
}

// The type as Python writes it: `list[int]`, `int | None`.
export function typeName(spec) {
  if (spec.kind === "optional") return `${typeName(spec.inner)} | None`;
  if (spec.kind === "none") return "None";
  const family = familyOf(spec);
  return family.typeName ? family.typeName(spec) : family.names[spec.kind];
}

// What a JS caller should pass: `Array of safe integer number`.
export function jsTypeName(spec) {
  if (spec.kind === "optional") return `${jsTypeName(spec.inner)}, null or undefined`;
  if (spec.kind === "none") return "undefined";
  const family = familyOf(spec);
  return family.jsTypeName ? family.jsTypeName(spec) : family.jsNames[spec.kind];
}

// The converter of a value Python produced. None reaches JS as null in an optional.
export function fromPy(spec, ctx) {
  if (spec.kind === "optional") {
    const inner = fromPy(spec.inner, ctx);
    return (v) => (v === undefined || v === null ? null : inner(v));
  }
  const family = familyOf(spec);
  return guarded(family, family.fromPy(spec, ctx), ctx);
}

function guarded(family, convert, ctx) {
  return family.runsNoValueCode ? convert : ctx.guarded(convert);
}

// The converter of a JS value on its way to Python. null and undefined reach Python as None.
export function toPy(spec, ctx) {
  if (spec.kind === "optional") {
    const inner = toPy(spec.inner, ctx);
    return (v) => (v === undefined || v === null ? undefined : inner(v));
  }
  const family = familyOf(spec);
  const convert = family.toPy(spec, ctx);
  return guarded(family, family.holdsItems ? ctx.countingItems(convert) : convert, ctx);
}
