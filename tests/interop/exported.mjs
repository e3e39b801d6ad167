// The tests' exports (package jsinterop_tests) for the helper modules beside them, fetched
// once, when the first of them loads: the helpers call exports before any `await`, that is
// during Python's call (in the worker host Python is waiting for the page then, and the
// exports answer synchronously, as on the main thread).
export const exportsTree = await globalThis.getPythonRuntime(0).getExports("jsinterop_tests");

// The exports of the test module `module` ("test_arrays", ...).
export function exportsOf(module) {
  return exportsTree.jsinterop_tests[module];
}
