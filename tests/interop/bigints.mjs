// JS side of test_bigints.py.
export const identity = (value) => value;
export const typeOf = (value) => typeof value;
export const returnsNumber = () => 5;

async function exportsModule() {
  const { getExports } = globalThis.getPythonRuntime(0);
  return (await getExports("jsinterop_tests")).jsinterop_tests.test_bigints;
}

// Calls export `name` with BigInt(text) (or the JSON value) and reports the outcome.
export async function callExport(name, text, asJson = false) {
  const argument = asJson ? JSON.parse(text) : BigInt(text);
  try {
    const result = (await exportsModule())[name](argument);
    return typeof result === "bigint" && result === argument ? "same" : `${typeof result} ${result}`;
  } catch (error) {
    return `${error.constructor.name}: ${error.message}`;
  }
}
