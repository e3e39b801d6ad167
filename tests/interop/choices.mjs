// JS side of test_choices.py.
export const identity = (value) => value;
export const returns = (value) => () => value;
export const blue = () => "blue";
export const seven = () => 7;

// Fetched once, when this module loads, so that the helpers below call the exports before
// any `await`: during Python's call (in the worker host, Python is waiting for the page then,
// and the exports answer synchronously, as on the main thread).
const exportsTree = await globalThis.getPythonRuntime(0).getExports("jsinterop_tests");

function exportsModule() {
  return exportsTree.jsinterop_tests.test_choices;
}

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
