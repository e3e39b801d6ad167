export function getMessage() {
  return 'Olá do JavaScript!';
}

export async function setMessage() {
  const { getExports } = await globalThis.getPythonRuntime(0);
  var exports = await getExports("sample");

  document.getElementById("result").innerText =
    await exports.sample.interop.Interop.get_message_from_python();
}
