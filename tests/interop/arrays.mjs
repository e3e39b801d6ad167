// JS side of test_arrays.py: an identity function, typed arrays of each kind, and a caller of
// the exports that builds typed arrays itself.
export const identity = (value) => value;
export const describe = (value) => `${value.constructor.name} ${Array.from(value).join(",")}`;
export const typeName = (value) => value.constructor.name;
export const int32 = () => new Int32Array([1, -2, 3]);
export const plainArray = () => [1, 2];
export const buffer = () => Buffer.from([1, 2, 3]);

// Fetched once, when this module loads, so that the helpers below call the exports before
// any `await`: during Python's call (in the worker host, Python is waiting for the page then,
// and the exports answer synchronously, as on the main thread).
const exportsTree = await globalThis.getPythonRuntime(0).getExports("jsinterop_tests");

function exportsModule() {
  return exportsTree.jsinterop_tests.test_arrays;
}

// Calls export `name` with `new globalThis[type](items)`; answers with the result's type
// and items, or the error.
export async function callWith(name, type, itemsJson) {
  const items = JSON.parse(itemsJson);
  const Type = globalThis[type];
  const value = type === "none" ? undefined : Type === Array ? items : new Type(items.map((x) => (type.startsWith("Big") ? BigInt(x) : x)));
  try {
    const exports = exportsModule();
    const result = type === "none" ? exports[name]() : exports[name](value);
    return `${result.constructor.name} ${Array.from(result).join(",")}`;
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
}
