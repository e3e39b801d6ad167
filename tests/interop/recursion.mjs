// JS side of test_recursion.py: the JS half of a mutual recursion through an export, and a
// JS function that recurses until V8's stack overflows.
import { exportsOf } from "./exported.mjs";

const exportsModule = () => exportsOf("test_recursion");

let exported;

export async function prepare() {
  exported = exportsModule();
}

// Calls the export `down` one level deeper (Python's `down` calls this back).
export function bounce(level) {
  return exported.down(level + 1);
}

// Calls `down` from JS and reports what JS caught.
export function callDownFromJs() {
  try {
    exported.down(0);
    return "no error";
  } catch (error) {
    return `${error instanceof RangeError ? "RangeError" : "not a RangeError"} ${error.name}: ${error.message}`;
  }
}

function recurse(n) {
  return recurse(n + 1) + 1;
}

export function overflowInJs() {
  return recurse(0);
}
