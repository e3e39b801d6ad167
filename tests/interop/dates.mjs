// JS side of test_dates.py.

import { exportsOf } from "./exported.mjs";

export const identity = (value) => value;
export const iso = (value) => value.toISOString();
export const invalid = () => new Date(NaN);
export const farFuture = () => new Date(8.64e15);
export const timestamp = () => new Date(Date.UTC(2024, 0, 1));

const exportsModule = () => exportsOf("test_dates");

// Calls export `name` with new Date(ms) (or `ms` itself when `raw`); reports the outcome.
export async function callExport(name, ms, raw = false) {
  const argument = raw ? ms : new Date(ms);
  try {
    const result = exportsModule()[name](argument);
    if (!(result instanceof Date)) return `not a Date: ${result}`;
    return result.getTime() === ms ? "same" : `different: ${result.toISOString()}`;
  } catch (error) {
    return `${error.constructor.name}: ${error.message}`;
  }
}
