// JS side of test_unions.py: an identity function for the imports, values of each JS type,
// and a caller of the exports that builds JS values itself.

import { exportsOf } from "./exported.mjs";

export const identity = (value) => value;
export const typeOf = (value) => (Array.isArray(value) ? "Array" : value instanceof Date ? "Date" : typeof value);
export const aBoolean = () => true;
export const aFloat = () => 1.5;
export const anObject = () => ({ a: 1 });
export const badItem = () => [1, "x"];
// str | Callable: JS calls a function, or answers the text.
export const applyOrSay = (handler, x) => (typeof handler === "function" ? `called: ${handler(x)}` : `said: ${handler}`);
export const handlerOrText = (kind) => (kind === "function" ? (x) => x * 10 : "no handler");
export async function callExportWith(kind) {
  const applyOr = exportsModule().apply_or_say;
  return kind === "function" ? applyOr((x) => x + 1, 41) : applyOr("plain", 41);
}

const exportsModule = () => exportsOf("test_unions");

function revive(key, value) {
  if (value && typeof value === "object" && "$date" in value) return new Date(value.$date);
  if (value && typeof value === "object" && "$float64" in value) return Float64Array.from(value.$float64);
  return value;
}

function same(a, b) {
  if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime();
  if (ArrayBuffer.isView(a)) a = Array.from(a);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  return Object.is(a, b) || a === b;
}

// Calls export `name` with the arguments in `argsJson`; answers whether the result equals
// `expectedJson` (or the first argument), or the error.
export async function roundTrip(name, argsJson, expectedJson) {
  const args = JSON.parse(argsJson, revive);
  const expected = expectedJson === undefined ? args[0] : JSON.parse(expectedJson, revive);
  try {
    const result = exportsModule()[name](...args);
    return same(expected, result) ? "same" : `different: ${typeof result} ${String(result)}`;
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
}
