// Called from Python; calls back into Python through the app's exports. `await` their
// results: with Python in a Web Worker ([tool.jsinterop] worker = true) they are Promises.
export async function getMessage() {
  const { getExports } = globalThis.getPythonRuntime(0);
  const exports = await getExports("hello");
  const name = await exports.hello.pages.interop.Interop.get_name();
  return `Hello from JavaScript, and hello back from ${name}!`;
}
