// The JS halves of the marshallers, one module per type family, composed per signature.
// Direction words as in Python: fromPy reads a value Python produced, toPy checks a JS value
// on its way to Python. Each returns a converter closure built once per signature.

import * as arrays from "./arrays.mjs";
import * as awaitables from "./awaitables.mjs";
import * as bigints from "./bigints.mjs";
import * as buffers from "./buffers.mjs";
import * as callables from "./callables.mjs";
import * as choices from "./choices.mjs";
import * as dates from "./dates.mjs";
import * as exceptions from "./exceptions.mjs";
import * as mappings from "./mappings.mjs";
import * as memoryviews from "./memoryviews.mjs";
import * as objects from "./objects.mjs";
import * as primitives from "./primitives.mjs";
import * as sequences from "./sequences.mjs";
import * as structs from "./structs.mjs";
import * as unions from "./unions.mjs";

const families = {
  bool: primitives,
  int: primitives,
  float: primitives,
  str: primitives,
  jsobject: objects,
  bigint: bigints,
  datetime: dates,
  bytes: buffers,
  bytearray: buffers,
  choice: choices,
  list: sequences,
  tuple: sequences,
  fixed_tuple: sequences,
  dict: mappings,
  struct: structs,
  union: unions,
  array: arrays,
  memoryview: memoryviews,
  exception: exceptions,
  callable: callables,
  any: callables,
  awaitable: awaitables,
};

function family(spec) {
  const found = families[spec.kind];
  if (!found) throw new Error(`jsinterop: unknown type spec ${JSON.stringify(spec)}`);
  return found;
}

// Families of containers name their types from their items' names: `typeName(spec)`.
export function typeName(spec) {
  if (spec.kind === "optional") return `${typeName(spec.inner)} | None`;
  if (spec.kind === "none") return "None";
  const found = family(spec);
  return found.typeName ? found.typeName(spec) : found.names[spec.kind];
}

export function jsTypeName(spec) {
  if (spec.kind === "optional") return `${jsTypeName(spec.inner)}, null or undefined`;
  if (spec.kind === "none") return "undefined";
  const found = family(spec);
  return found.jsTypeName ? found.jsTypeName(spec) : found.jsNames[spec.kind];
}

export function fromPy(spec, ctx) {
  if (spec.kind === "optional") {
    const inner = fromPy(spec.inner, ctx);
    return (v) => (v === undefined || v === null ? null : inner(v));
  }
  return family(spec).fromPy(spec, ctx);
}

export function toPy(spec, ctx) {
  if (spec.kind === "optional") {
    const inner = toPy(spec.inner, ctx);
    return (v) => (v === undefined || v === null ? undefined : inner(v));
  }
  return family(spec).toPy(spec, ctx);
}
