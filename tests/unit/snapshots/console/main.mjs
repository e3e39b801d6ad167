import { python } from "./_framework/jsinterop.mjs";

const { setModuleImports, getExports, getConfig, runMainAndExit } = await python
  .withApplicationArguments(...process.argv.slice(2))
  .create();

setModuleImports("main.mjs", {
  node: { process: { version: () => globalThis.process.version } },
});

const { mainPackage } = getConfig();
const exports = await getExports(mainPackage);
console.log(exports.hello.program.greeting());

await runMainAndExit();
