import { python } from "./_framework/jsinterop.mjs";

const { setModuleImports, getExports, runMainAndExit } = await python
  .withApplicationArguments(...process.argv.slice(2))
  .create();

setModuleImports("main.mjs", {
  node: { process: { version: () => globalThis.process.version } },
});

// `greeting` is the @js_export function in hello/program.py; without it, nothing is said.
const exports = await getExports("hello");
const greeting = exports.hello?.program?.greeting;
if (greeting) console.log(greeting());

await runMainAndExit();
