// JS side of test_arrays.py: an identity function, typed arrays of each kind, and a caller of
// the exports that builds typed arrays itself.

import { exportsOf } from "./exported.mjs";

export const identity = (value) => value;
export const describe = (value) => `${value.constructor.name} ${Array.from(value).join(",")}`;
export const typeName = (value) => value.constructor.name;
export const int32 = () => new Int32Array([1, -2, 3]);
export const plainArray = () => [1, 2];
export const buffer = () => Buffer.from([1, 2, 3]);

const exportsModule = () => exportsOf("test_arrays");

// Calls export `name` with `new globalThis[type](items)`; answers with the result's type
// and items, or the error.
export async function callWith(name, type, itemsJson) {
  const items = JSON.parse(itemsJson);
  const Type = globalThis[type];
  const value = type === "none" ? undefined : Type === Array ? items : new Type(items.map((x) => (type.startsWith("Big") ? BigInt(x) : x)));
  try {
    const exports = exportsModule();
    const result = type === "none" ? exports[name]() : exports[name](value);
    return `${result.constructor.name} ${Array.from(result).join(",")}`;
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
}
