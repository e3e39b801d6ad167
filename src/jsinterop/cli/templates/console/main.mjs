import { python } from "./_framework/jsinterop.mjs";

const { setModuleImports, getExports, runMainAndExit } = await python
  .withApplicationArguments(...process.argv.slice(2))
  .create();

setModuleImports("main.mjs", {
  node: { process: { version: () => globalThis.process.version } },
});

// `greeting` is the @js_export function in {{package}}/program.py; without it, nothing is said.
const exports = await getExports("{{package}}");
const greeting = exports.{{package}}?.program?.greeting;
if (greeting) console.log(greeting());

await runMainAndExit();
