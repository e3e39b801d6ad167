// JS side of test_choices.py.

import { exportsOf } from "./exported.mjs";

export const identity = (value) => value;
export const returns = (value) => () => value;
export const blue = () => "blue";
export const seven = () => 7;

const exportsModule = () => exportsOf("test_choices");

// Calls export `name` with the JSON value (none for ""); answers "same" or the error.
export async function callExport(name, json) {
  const args = json === "" ? [] : [JSON.parse(json)];
  const argument = args[0];
  try {
    const result = exportsModule()[name](...args);
    return result === argument ? "same" : `different: ${JSON.stringify(result)}`;
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
}
