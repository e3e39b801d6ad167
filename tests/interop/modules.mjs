// JS side of test_modules.py. Counts its own evaluations to prove imports are cached.
globalThis.modulesEvaluations = (globalThis.modulesEvaluations ?? 0) + 1;

export const evaluations = () => globalThis.modulesEvaluations;
export const counter = {
  n: 41,
  next() {
    this.n += 1;
    return this.n;
  },
};
export const notAFunction = "just a string";
export const getMessage = () => "Olá do JavaScript!";

export function registerFromJs() {
  globalThis.getPythonRuntime(0).setModuleImports("fromJs", {
    node: { process: { version: () => globalThis.process.version } },
  });
}
