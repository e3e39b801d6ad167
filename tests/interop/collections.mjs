// JS side of test_sets.py, test_maps.py and test_uuids.py.

import { exportsOf } from "./exported.mjs";

export const identity = (value) => value;
export const plainObject = () => ({ 1: "a" });
export const arrayForSet = () => [1, 2];
export const setOfStrings = () => new Set(["a", "b"]);
export const mapWithStringKey = () => new Map([[1, "a"], ["2", "b"]]);
export const badUuid = () => "not-a-uuid";
export const upperUuid = () => "6FA459EA-EE8A-3CA4-894E-DB77E160355E";
export const uuidInBraces = () => "{6fa459ea-ee8a-3ca4-894e-db77e160355e}";
export const describe = (value) => {
  if (value instanceof Set) return `Set(${[...value].map(String).sort().join(",")})`;
  if (value instanceof Map) return `Map(${[...value].map(([k, v]) => `${typeof k}:${k}=${v}`).sort().join(",")})`;
  return `${typeof value}:${value}`;
};

// Calls export `name` of `module` with `make()`'s value; returns describe(result) or the error.
async function callWith(module, name, value) {
  try {
    return describe(exportsOf(module)[name](value));
  } catch (error) {
    return `${error.constructor.name}: ${error.message}`;
  }
}

export const callSetExport = (name, items) => callWith("test_sets", name, new Set(items));
export const callSetExportWith = (name, value) => callWith("test_sets", name, value);
export const callMapExport = (name, entries) => callWith("test_maps", name, new Map(entries));
export const callMapExportWith = (name, value) => callWith("test_maps", name, value);
export const callUuidExport = (name, value) => callWith("test_uuids", name, value);
