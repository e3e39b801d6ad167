// JS side of test_leaks.py: the other end of a million mixed calls, and the memory numbers.
export const callWith = (fn, x) => fn(x);
export const identity = (value) => value;
export const newObject = (i) => ({ i });
export const bytesLength = (bytes) => bytes.length;
export const fail = (message) => {
  throw new RangeError(message);
};
export const callCatching = (fn, x) => {
  try {
    return fn(x);
  } catch (error) {
    return error.name === "ValueError" ? -1 : -2;
  }
};

// Wasm memory (it never shrinks: growth is what a leak leaves) and the JS heap after a full GC.
export function memory() {
  globalThis.gc();
  const { pyodide } = globalThis.getPythonRuntime(0);
  return JSON.stringify({ wasm: pyodide._module.HEAP8.length, js: process.memoryUsage().heapUsed });
}

// Full collections, each followed by a turn of the event loop, where the FinalizationRegistry
// callbacks run.
export async function collect() {
  for (let round = 0; round < 2; round++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

export const gcExposed = () => typeof globalThis.gc === "function";
