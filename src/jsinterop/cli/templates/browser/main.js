import { python } from "./_framework/jsinterop.mjs";

const { setModuleImports, getExports, getConfig, runMain } = await python
  .withApplicationArgumentsFromQuery()
  .create();

setModuleImports("main.js", {
  window: { location: { href: () => globalThis.window.location.href } },
});

const { mainPackage } = getConfig();
const exports = await getExports(mainPackage);
document.getElementById("out").textContent = exports.{{package}}.program.greeting();

await runMain();
