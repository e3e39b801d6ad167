import { python } from "./_framework/jsinterop.mjs";

const { setModuleImports, getExports, runMain } = await python
  .withApplicationArgumentsFromQuery()
  .create();

setModuleImports("main.js", {
  window: { location: { href: () => globalThis.window.location.href } },
});

// `greeting` is the @js_export function in hello/program.py; without it, nothing is shown.
const exports = await getExports("hello");
const greeting = exports.hello?.program?.greeting;
const out = document.getElementById("out");
// `await`: with Python in a Web Worker ([tool.jsinterop] worker = true) exports return Promises.
if (out && greeting) out.textContent = await greeting();

await runMain();
