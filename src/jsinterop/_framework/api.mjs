// The API a JS app gets from python.create(): setModuleImports, getExports, getConfig,
// runMain, runMainAndExit and the Pyodide instance.

import { isNode } from "./host.mjs";
import { reportLoadError } from "./loaderrors.mjs";
import { rerunMainOnPatches, watchChannel } from "./reload.mjs";

// `python`: entry.mjs; `boundary`: bridge.mjs; `modules`: modules.mjs; `exportedPackages`:
// exports.mjs.
export function createApi({ config, appRoot, applicationArguments, pyodide, python, boundary, modules, exportedPackages }) {
  const runMain = mainRunner(config, python, boundary, applicationArguments);
  return {
    setModuleImports: (name, value) => modules.set(name, value),
    getExports: function getExports(packageName) {
      return exportedPackages.get(packageName);
    },
    getConfig: () => ({ ...config, appRoot, applicationArguments: [...applicationArguments] }),
    runMain,
    runMainAndExit: mainRunnerThenExit(runMain, pyodide),
    pyodide,
    inWorker: false, // the worker host's page half says true (worker_page.mjs)
  };
}

// runMain(args): main's exit code.
function mainRunner(config, python, boundary, applicationArguments) {
  return async function runMain(args = applicationArguments) {
    if (!config.main) {
      throw new Error("jsinterop: no entry point; set [tool.jsinterop] main = \"module:function\" in pyproject.toml or config.main");
    }
    let pending;
    try {
      pending = python.runMain(config.main, args);
      const code = await pending;
      const failure = code === 0 ? undefined : python.lastMainFailure();
      if (failure) reportLoadError(failure); // the traceback is printed already
      return code;
    } catch (error) {
      throw boundary.thrownFromPy(error, config.main);
    } finally {
      pending?.destroy?.();
    }
  };
}

// runMainAndExit(args): runMain, then in Node the process exits with its code. Under
// `jsinterop run --watch`, main runs again after each change instead (reload.mjs).
function mainRunnerThenExit(runMain, pyodide) {
  return async function runMainAndExit(args) {
    const runOnce = async () => {
      let code;
      try {
        code = await runMain(args);
      } catch (error) {
        console.error(error);
        code = 1;
      }
      if (isNode) pyodide.runPython("import sys; sys.stdout.flush(); sys.stderr.flush()");
      return code;
    };
    const channel = isNode ? watchChannel() : undefined;
    if (channel !== undefined) return rerunMainOnPatches(channel, runOnce);
    const code = await runOnce();
    if (isNode) process.exit(code);
    return code;
  };
}
