export async function setMessage() {
  const { getExports } = await globalThis.getPythonRuntime(0);
  var exports = await getExports("sample");

  document.getElementById("result").innerText =
    await exports.sample.pages.call_python_1.CallPython1.get_message_from_python();
}
