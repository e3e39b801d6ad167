// JS side of test_structs.py: an identity function for the imports, and callers of the
// exports that build plain objects themselves.

import { exportsOf } from "./exported.mjs";

export const identity = (value) => value;
export const keys = (value) => Object.keys(value).join(",");
export const wrongField = () => ({ x: "a", y: 2 });
export const missingField = () => ({ x: 1 });
export const extraField = () => ({ x: 1, y: 2, z: 3 });
export const nestedWrong = () => ({ name: "n", points: [{ x: 1, y: 2 }, { x: 1, y: "2" }], corner: null });
export const notAnObject = () => [1, 2];
export const withUndefined = () => ({ x: 1, y: 2, label: undefined });

const exportsModule = () => exportsOf("test_structs");

function same(a, b) {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && typeof a === "object") {
    const keys = Object.keys(a);
    return b && typeof b === "object" && Object.getPrototypeOf(b) === Object.prototype &&
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
  }
  return Object.is(a, b) || a === b;
}

// Calls export `name` with the arguments in `argsJson`; answers whether the result equals
// `expectedJson` (or the first argument), or the error.
export async function roundTrip(name, argsJson, expectedJson) {
  const args = JSON.parse(argsJson);
  const expected = expectedJson === undefined ? args[0] : JSON.parse(expectedJson);
  try {
    const result = exportsModule()[name](...args);
    return same(expected, result) ? "same" : `different: ${JSON.stringify(result)}`;
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
}
