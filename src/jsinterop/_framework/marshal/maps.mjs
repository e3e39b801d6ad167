// dict[K, V] whose key type is not str <-> Map, copied. Each key and value goes through its
// own converter; a failing value is reported at its key (`argument 'm'[3] must be str, ...`),
// a failing key as the key (`argument 'm' key "x" must be int, ...`), as dict[str, V]'s are.
//
// From Python: a JS Map (Pyodide converted the keys and values); JS gets a new Map of the
// checked entries. To Python: the value must be a Map (a plain object is refused: its keys
// would all be strings); Python gets an Array of [key, value] pairs and builds the dict.

import { fromPy as partFromPy, toPy as partToPy, jsTypeName as partJsTypeName, typeName as partTypeName } from "./registry.mjs";

// Counts its items with the rest of the value's (registry.mjs): ctx.countItems.
export const holdsItems = true;

export function typeName(spec) {
  return `dict[${partTypeName(spec.key)}, ${partTypeName(spec.value)}]`;
}

export function jsTypeName(spec) {
  return `Map of ${partJsTypeName(spec.key)} to ${partJsTypeName(spec.value)}`;
}

// How a key reads in a path: ["text"] for a string, [3] for a number.
function keyText(key) {
  if (typeof key === "string") return JSON.stringify(key);
  if (typeof key !== "object" || key === null) return String(key);
  try {
    return JSON.stringify(key) ?? String(key);
  } catch {
    return String(key);
  }
}

function isPlainObject(v) {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

// The entries of the Map `v`, each key and value converted, passed to `add(key, value)`.
function convertEntries(spec, ctx, convert) {
  const convertKey = convert(spec.key, ctx.item(spec.key));
  const convertValue = convert(spec.value, ctx.item(spec.value));
  return (v, add) => {
    for (const [key, value] of v) {
      let convertedKey;
      try {
        convertedKey = convertKey(key);
      } catch (error) {
        ctx.rethrowAt(error, ` key ${keyText(key)}`);
      }
      let convertedValue;
      try {
        convertedValue = convertValue(value);
      } catch (error) {
        ctx.rethrowAt(error, `[${keyText(key)}]`);
      }
      add(convertedKey, convertedValue);
    }
  };
}

// A dict Python produced (a Map), on its way to JS as a new Map.
export function fromPy(spec, ctx) {
  const convertAll = convertEntries(spec, ctx, partFromPy);
  return (v) => {
    if (!(v instanceof Map)) return ctx.fail("type", v);
    const out = new Map();
    convertAll(v, (key, value) => out.set(key, value));
    return out;
  };
}

// A Map from JS, on its way to Python as an Array of [key, value] pairs.
export function toPy(spec, ctx) {
  const convertAll = convertEntries(spec, ctx, partToPy);
  return (v) => {
    if (!(v instanceof Map)) {
      const received = isPlainObject(v) ? "a plain object (its keys would be strings; pass a Map)" : undefined;
      return ctx.fail("type", v, undefined, received);
    }
    ctx.countItems(v, v.size);
    const out = [];
    convertAll(v, (key, value) => out.push([key, value]));
    return out;
  };
}
