// JS side of test_sequences.py: an identity function for the imports, and callers of the
// exports that build JS values (Arrays, typed arrays, plain objects, bigints) themselves.

import { exportsOf } from "./exported.mjs";

export const identity = (value) => value;
export const describe = (value) => Object.prototype.toString.call(value);
export const floats = () => new Float32Array([0.5, 1.5]);
export const badNested = () => [[1, 2], [3, "x"]];
export const badDict = () => ({ a: [1], b: [2, 2.5] });
export const mapValue = () => new Map([["a", 1]]);
export const shortPair = () => [1];
export const numberForBigint = () => 5;
export const protoKey = () => JSON.parse('{"__proto__": 1, "b": 2}');
// Strings around the marshal-format path's edges: lengths 255/256, non-ASCII, NUL, astral.
// Repeated past the 64 items from which the buffer path is taken; shorter lists go item by item.
const edges = ["", "x".repeat(255), "y".repeat(256), "é", "a\u0000b", "😀", "z".repeat(254) + "é", "\u007f"];
export const edgeStrings = (times) => Array.from({ length: times }, () => edges).flat();
export const loneSurrogate = () => [...Array(100).fill("a"), "\ud800", "b"];
export const oneLoneSurrogate = () => "\ud800";

const exportsModule = () => exportsOf("test_sequences");

function revive(key, value) {
  if (value && typeof value === "object" && "$bigint" in value) return BigInt(value.$bigint);
  if (value && typeof value === "object" && "$float64" in value) return Float64Array.from(value.$float64);
  if (value && typeof value === "object" && "$int32" in value) return Int32Array.from(value.$int32);
  return value;
}

function same(a, b) {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b) || a === b;
  if (ArrayBuffer.isView(a)) a = Array.from(a);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && typeof a === "object") {
    const keys = Object.keys(a);
    return b && typeof b === "object" && Object.getPrototypeOf(b) === Object.prototype &&
      keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
  }
  return a === b;
}

function show(value) {
  return JSON.stringify(value, (key, v) => (typeof v === "bigint" ? `${v}n` : v));
}

// Calls export `name` with the arguments in `argsJson` ($bigint, $float64, $int32 revived);
// answers whether the result equals `expectedJson` (or the first argument), or the error.
export async function roundTrip(name, argsJson, expectedJson) {
  const args = JSON.parse(argsJson, revive);
  const expected = expectedJson === undefined ? args[0] : JSON.parse(expectedJson, revive);
  try {
    const result = exportsModule()[name](...args);
    return same(expected, result) ? "same" : `different: ${show(result)}`;
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
}

// Calls export `name` with the value `make()` builds; reports the error message.
export async function callWith(name, make) {
  try {
    return show(exportsModule()[name](make()));
  } catch (error) {
    return `${error.constructor.name}: ${error.message}`;
  }
}
