// JS side of test_bigints.py.

import { exportsOf } from "./exported.mjs";

export const identity = (value) => value;
export const typeOf = (value) => typeof value;
export const returnsNumber = () => 5;

const exportsModule = () => exportsOf("test_bigints");

// Calls export `name` with BigInt(text) (or the JSON value) and reports the outcome.
export async function callExport(name, text, asJson = false) {
  const argument = asJson ? JSON.parse(text) : BigInt(text);
  try {
    const result = exportsModule()[name](argument);
    return typeof result === "bigint" && result === argument ? "same" : `${typeof result} ${result}`;
  } catch (error) {
    return `${error.constructor.name}: ${error.message}`;
  }
}
