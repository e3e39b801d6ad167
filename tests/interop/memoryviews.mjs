// JS side of test_memoryviews.py: functions that use, keep and write MemoryViews.
let kept;

export const describe = (view) =>
  `${view[Symbol.toStringTag]} ${view.length} ${view.byteLength} ${view.format} ${view.isReadOnly} ${view.isDisposed}`;
export const sum = (view) => view.slice().reduce((a, b) => a + b, 0);
export const fill = (view, value) => view.set(new Array(view.length).fill(value));
export const writeAt = (view, offset, values) => view.set(values, offset);
export const copyOut = (view, from, count) => {
  const target = new Uint8Array(count);
  view.copyTo(target, from);
  return Array.from(target);
};
export const itemAt = (view, index) => view.at(index);
export const keep = (view) => {
  kept = view;
  return view.length;
};
export const usedAfterCall = () => {
  const results = [String(kept.isDisposed)];
  for (const use of [() => kept.length, () => kept.slice(), () => kept.set([1]), () => kept.at(0)]) {
    try {
      use();
      results.push("no error");
    } catch (error) {
      results.push(`${error.name}: ${error.message}`);
    }
  }
  return results.join("\n");
};
export const optionalLength = (view) => (view === null ? -1 : view.length);

// Grows wasm memory in the middle of the call (through a Python export that allocates),
// then reads and writes the view again: it must see the same Python memory.
export async function exportsModule() {
  const { getExports } = globalThis.getPythonRuntime(0);
  return (await getExports("jsinterop_tests")).jsinterop_tests.test_memoryviews;
}
let exportsObject;
export async function loadExports() {
  exportsObject = await exportsModule();
}
export const growThenRead = (view) => {
  const before = view.slice(0, 4).join(",");
  const grown = exportsObject.allocate(64 * 1024 * 1024);
  view.set([9, 9], 0);
  return `${before} ${view.slice(0, 4).join(",")} ${grown}`;
};

// Calls an export with a MemoryView made by an outer import call (Python gets its object),
// or with a typed array (Python gets a read-only copy).
export const passBack = (view) => exportsObject.export_describe(view);
export const passTyped = () => exportsObject.export_describe(new Float64Array([1.5, 2.5]));
export const passBad = () => {
  try {
    return exportsObject.export_describe([1, 2]);
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
};
export const passDisposed = () => {
  try {
    return exportsObject.export_describe(kept);
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
};
export const bench = (view) => view.length;
