// JS side of test_negative_zero.py: where -0 sits inside a value, values holding -0, and a
// caller of the exports that checks the sign of what they return.

// The paths of the -0s inside `value` ("" for the value itself, "[1]", ".x", ...).
export function negativeZeroPaths(value, path = "") {
  if (Object.is(value, -0)) return [path];
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return Array.from(value).flatMap((item, i) => negativeZeroPaths(item, `${path}[${i}]`));
  }
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => negativeZeroPaths(item, `${path}.${key}`));
  }
  return [];
}

export const negativeZero = () => -0;
export const array = () => [1.5, -0, 0];
export const float64Array = () => new Float64Array([1.5, -0, 0]);
export const record = () => ({ x: -0, y: 0 });
export const pair = () => [-0, 0];

async function exportsModule() {
  const { getExports } = globalThis.getPythonRuntime(0);
  return (await getExports("jsinterop_tests")).jsinterop_tests.test_negative_zero;
}

// Calls export `name` with `-0` and reports the -0 paths of what it returns.
export async function exportPathsFor(name, argument) {
  const value = { scalar: -0, array: [1.5, -0], typed: new Float64Array([-0, 2]) }[argument];
  // Awaited: in the worker host an export returns a Promise.
  return negativeZeroPaths(await (await exportsModule())[name](value));
}
