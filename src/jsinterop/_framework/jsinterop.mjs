// jsinterop's JS runtime: boots Python (Pyodide) for an app and connects it to JS.
//
//   import { python } from "./_framework/jsinterop.mjs";
//   const { setModuleImports, getExports, runMainAndExit } = await python
//     .withApplicationArguments(...process.argv.slice(2))
//     .create();
//
// Inside any module afterwards: `const { getExports } = globalThis.getPythonRuntime(0);`

import { reportLoadError } from "./loaderrors.mjs";
import { createRuntime, getPythonRuntime, loadConfig, registerRuntime } from "./runtime.mjs";
import { createWorkerRuntime, fallbackReason } from "./worker_page.mjs";

// Builds a Python runtime (the .NET host builder's role): the arguments and settings, then create().
class PythonRuntimeBuilder {
  #arguments = [];
  #config = {};
  #inWorker = undefined; // undefined: as the app's config says ([tool.jsinterop] worker)

  // Python in a dedicated worker, off the page's thread (worker_page.mjs); where the page is
  // not cross-origin isolated, on the main thread as before, said in one console line.
  // Without this call, the app's `worker` setting decides (app.json, written by the build).
  inWorker(enabled = true) {
    this.#inWorker = Boolean(enabled);
    return this;
  }

  // The arguments main(args) receives.
  withApplicationArguments(...args) {
    this.#arguments = args.map(String);
    return this;
  }

  // In a browser: the arguments from the page's query string (?arg=a&arg=b).
  withApplicationArgumentsFromQuery() {
    const params = new URLSearchParams(globalThis.location?.search ?? "");
    this.#arguments = params.getAll("arg");
    return this;
  }

  // Settings merged over _framework/app.json (written by `jsinterop build`).
  withConfig(config) {
    Object.assign(this.#config, config);
    return this;
  }

  // Boot the runtime; resolves to { setModuleImports, getExports, getConfig, runMain, runMainAndExit, pyodide }.
  create() {
    return this.#start({ ...this.#config }, [...this.#arguments]).catch((error) => {
      reportLoadError(error?.stack ?? error); // in a browser: the error bar, not "Loading..."
      throw error;
    });
  }

  async #start(userConfig, args) {
    // Read once here (the worker, or the main thread's runtime, gets it whole).
    const config = { ...await loadConfig(userConfig), configURL: null };
    if (!(this.#inWorker ?? Boolean(config.worker))) return createRuntime(config, args);
    const reason = fallbackReason();
    if (reason) {
      console.warn(`jsinterop: Python runs on the main thread, not in a worker: ${reason}`);
      return createRuntime(config, args);
    }
    const runtime = await createWorkerRuntime(config, args);
    registerRuntime(runtime);
    return runtime;
  }

  // create() then runMain(): resolves to main's exit code.
  async run() {
    const runtime = await this.create();
    return runtime.runMain();
  }
}

export const python = new PythonRuntimeBuilder();
export { getPythonRuntime };
export default python;
