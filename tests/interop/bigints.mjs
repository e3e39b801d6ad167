// JS side of test_bigints.py.
export const identity = (value) => value;
export const typeOf = (value) => typeof value;
export const returnsNumber = () => 5;

// Fetched once, when this module loads, so that the helpers below call the exports before
// any `await`: during Python's call (in the worker host, Python is waiting for the page then,
// and the exports answer synchronously, as on the main thread).
const exportsTree = await globalThis.getPythonRuntime(0).getExports("jsinterop_tests");

function exportsModule() {
  return exportsTree.jsinterop_tests.test_bigints;
}

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
