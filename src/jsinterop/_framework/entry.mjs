// The Python functions the JS runtime calls, all in one Python module: its name is here once.
// Imports nothing; the runtime loads the module once the app's Python code is installed.

export const ENTRY_MODULE = "jsinterop._entry";

export function pythonEntry(pyodide) {
  let module;
  const entry = () => (module ??= pyodide.pyimport(ENTRY_MODULE));
  let callCatching;
  return {
    // Imports the module now, so that a broken installation fails while the runtime boots.
    load() {
      entry();
    },
    // The exception that last crossed into JS: { type, message, traceback, check }, or undefined.
    lastExceptionDetails() {
      const details = entry().last_exception_details();
      return details === undefined ? undefined : JSON.parse(details);
    },
    // Its original JS Error (a JSException's), or a proxy of the Python exception.
    lastExceptionValue: () => entry().last_exception_value(),
    // Imports `packageName` and calls define(path, specJson, target) for each export under it.
    collectExports: (packageName, define) => entry().collect_exports(packageName, define),
    // target(...args), an exception returned (a Thrown) rather than raised through Pyodide.
    callCatching(target, args) {
      callCatching ??= entry().call_catching;
      return callCatching(target, ...args);
    },
    // Python's float -0.0, as a PyProxy that Python reads back as that very float.
    negativeZero: () => entry().negative_zero(),
    // Runs `main` ("module:function") with `args`: a PyProxy of the awaitable exit code.
    runMain: (main, args) => entry().run_main(main, args),
    // Imports `modules` and the trees of `packages` for a snapshot: undefined, or why the
    // app cannot be kept in one. Strings cross as JSON, so Python holds no JS object.
    prepareSnapshot: (modules, packages) =>
      entry().prepare_snapshot(JSON.stringify(modules), JSON.stringify(packages)),
    // Sets what a restored snapshot kept from the build to this start's (`env`: config.env).
    afterRestore: (env) => entry().after_restore(JSON.stringify(env ?? {})),
    // Writes new sources ({path under root: source or null}) and imports again what they
    // change, after the JS modules `scripts` (names) were replaced: { reloaded, error, fullReload }.
    hotReload: (root, files, scripts) =>
      JSON.parse(entry().hot_reload(root, JSON.stringify(files), JSON.stringify(scripts))),
    // The traceback (a string) of the exception that ended the last runMain, or undefined.
    lastMainFailure: () => entry().last_main_failure(),
  };
}
