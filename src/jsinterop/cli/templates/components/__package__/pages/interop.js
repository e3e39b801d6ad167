// Called from Python; calls back into Python through the app's exports.
export async function getMessage() {
  const { getExports } = globalThis.getPythonRuntime(0);
  const exports = await getExports("{{package}}");
  return `Hello from JavaScript, and hello back from ${exports.{{package}}.pages.interop.Interop.get_name()}!`;
}
