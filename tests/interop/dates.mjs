// JS side of test_dates.py.
export const identity = (value) => value;
export const iso = (value) => value.toISOString();
export const invalid = () => new Date(NaN);
export const farFuture = () => new Date(8.64e15);
export const timestamp = () => new Date(Date.UTC(2024, 0, 1));

// Fetched once, when this module loads, so that the helpers below call the exports before
// any `await`: during Python's call (in the worker host, Python is waiting for the page then,
// and the exports answer synchronously, as on the main thread).
const exportsTree = await globalThis.getPythonRuntime(0).getExports("jsinterop_tests");

function exportsModule() {
  return exportsTree.jsinterop_tests.test_dates;
}

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
