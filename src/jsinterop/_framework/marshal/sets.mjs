// set[T] and frozenset[T] <-> Set, copied. Every item goes through T's own converter; a
// failing item is reported with its place in iteration order (`argument 's'[2] must be int,
// ...`), as a sequence's is.
//
// From Python: a JS Array of the items, already converted; JS gets a new Set of the checked
// items. To Python: the value must be a Set (an Array is refused: it may hold duplicates);
// Python gets a JS Array of the checked items and builds the set or frozenset.

import { fromPy as itemFromPy, toPy as itemToPy, jsTypeName as itemJsTypeName, typeName as itemTypeName } from "./registry.mjs";

// Counts its items with the rest of the value's (registry.mjs): ctx.countItems.
export const holdsItems = true;

export function typeName(spec) {
  return `${spec.kind}[${itemTypeName(spec.item)}]`;
}

export function jsTypeName(spec) {
  return `Set of ${itemJsTypeName(spec.item)}`;
}

// Each item of `items` (an iterable) converted, into an Array; a failure names its index.
function convertItems(items, convert, ctx) {
  const out = [];
  try {
    for (const item of items) out.push(convert(item));
  } catch (error) {
    ctx.rethrowAt(error, `[${out.length}]`);
  }
  return out;
}

// A set Python produced (an Array of its items), on its way to JS as a Set.
export function fromPy(spec, ctx) {
  const convert = itemFromPy(spec.item, ctx.item(spec.item));
  return (v) => (Array.isArray(v) ? new Set(convertItems(v, convert, ctx)) : ctx.fail("type", v));
}

// A Set from JS, on its way to Python as an Array of checked items.
export function toPy(spec, ctx) {
  const convert = itemToPy(spec.item, ctx.item(spec.item));
  return (v) => {
    if (!(v instanceof Set)) return ctx.fail("type", v);
    ctx.countItems(v, v.size);
    return convertItems(v, convert, ctx);
  };
}
