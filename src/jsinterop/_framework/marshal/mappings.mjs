// dict[str, T] <-> plain object, copied. Each value goes through T's own converter; errors
// name the key (`argument 'scores'["bob"] must be int, ...`).
//
// From Python: the keys joined by NUL and the values, packed by one call (values.mjs),
// when every key is a str without NUL and no value is a Python object the pack cannot keep;
// else a Map (it keeps each key's own type, so a non-str key is caught here). To Python: a
// Map of the checked values, which Python copies into a dict in one call.

import { fromPy as valueFromPy, toPy as valueToPy, jsTypeName as valueJsTypeName, typeName as valueTypeName } from "./registry.mjs";
import { Packed } from "./values.mjs";

// Counts its items with the rest of the value's (registry.mjs): ctx.countItems.
export const holdsItems = true;

export function typeName(spec) {
  return `dict[str, ${valueTypeName(spec.value)}]`;
}

export function jsTypeName(spec) {
  return `plain object of ${valueJsTypeName(spec.value)}`;
}

function isPlainObject(v) {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const keyStep = (key) => `[${JSON.stringify(key)}]`;

function setOwn(out, key, value) {
  // `out.__proto__ = x` would set the prototype; the key must become an own property.
  if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

const SEPARATOR = "\u0000";

// Packed as [joinedKeys, ...values].
function fromPacked(v, convert, ctx) {
  const values = v.values;
  const keys = values[0].split(SEPARATOR);
  const n = keys.length;
  if (n !== values.length - 1) return ctx.fail("type", v);
  const out = {};
  let i = 0;
  try {
    for (; i < n; i++) setOwn(out, keys[i], convert(values[i + 1]));
  } catch (error) {
    ctx.rethrowAt(error, keyStep(keys[i]));
  }
  return out;
}

// A dict Python produced (Packed or a Map), on its way to JS as a plain object.
export function fromPy(spec, ctx) {
  const convert = valueFromPy(spec.value, ctx.item(spec.value));
  const keyContext = ctx.item({ kind: "str" });
  return (v) => {
    if (v instanceof Packed) return fromPacked(v, convert, ctx);
    if (!(v instanceof Map)) return ctx.fail("type", v);
    const out = {};
    for (const [key, x] of v) {
      if (typeof key !== "string") {
        try {
          keyContext.fail("type", key);
        } catch (error) {
          ctx.rethrowAt(error, ` key ${describeKey(key)}`);
        }
      }
      let converted;
      try {
        converted = convert(x);
      } catch (error) {
        ctx.rethrowAt(error, keyStep(key));
      }
      setOwn(out, key, converted);
    }
    return out;
  };
}

function describeKey(key) {
  return typeof key === "bigint" ? `${key}` : String(key);
}

// A plain object from JS, on its way to Python as a Map.
export function toPy(spec, ctx) {
  const convert = valueToPy(spec.value, ctx.item(spec.value));
  return (v) => {
    if (!isPlainObject(v)) return ctx.fail("type", v);
    const keys = Object.keys(v);
    ctx.countItems(v, keys.length);
    const out = new Map();
    let key;
    try {
      for (key of keys) out.set(key, convert(v[key]));
    } catch (error) {
      ctx.rethrowAt(error, keyStep(key));
    }
    return out;
  };
}
