// The JS halves of the marshallers, one module per type family, composed per signature.
// Direction words as in Python: fromPy reads a value Python produced, toPy checks a JS value
// on its way to Python. Each returns a converter closure built once per signature.

import * as objects from "./objects.mjs";
import * as primitives from "./primitives.mjs";

const families = {
  bool: primitives,
  int: primitives,
  float: primitives,
  str: primitives,
  jsobject: objects,
};

function family(spec) {
  const found = families[spec.kind];
  if (!found) throw new Error(`jsinterop: unknown type spec ${JSON.stringify(spec)}`);
  return found;
}

export function typeName(spec) {
  if (spec.kind === "optional") return `${typeName(spec.inner)} | None`;
  if (spec.kind === "none") return "None";
  return family(spec).names[spec.kind];
}

export function jsTypeName(spec) {
  if (spec.kind === "optional") return `${jsTypeName(spec.inner)}, null or undefined`;
  if (spec.kind === "none") return "undefined";
  return family(spec).jsNames[spec.kind];
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
