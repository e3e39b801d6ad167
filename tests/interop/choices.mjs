// JS side of test_choices.py.
export const identity = (value) => value;
export const returns = (value) => () => value;
export const blue = () => "blue";
export const seven = () => 7;

async function exportsModule() {
  const { getExports } = globalThis.getPythonRuntime(0);
  return (await getExports("jsinterop_tests")).jsinterop_tests.test_choices;
}

// Calls export `name` with the JSON value (none for ""); answers "same" or the error.
export async function callExport(name, json) {
  const args = json === "" ? [] : [JSON.parse(json)];
  const argument = args[0];
  try {
    const result = (await exportsModule())[name](...args);
    return result === argument ? "same" : `different: ${JSON.stringify(result)}`;
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
}
