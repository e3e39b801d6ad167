// The API a JS app gets from python.create(): setModuleImports, getExports, getConfig,
// runMain, runMainAndExit and the Pyodide instance.

import { collectExports } from "./exports.mjs";
import { isNode } from "./host.mjs";
import { reportLoadError } from "./loaderrors.mjs";

// `python`: entry.mjs; `boundary`: bridge.mjs; `modules`: modules.mjs.
export function createApi({ config, appRoot, applicationArguments, pyodide, python, boundary, modules }) {
  const runMain = mainRunner(config, python, boundary, applicationArguments);
  return {
    setModuleImports: (name, value) => modules.set(name, value),
    getExports: exportsGetter(python, boundary),
    getConfig: () => ({ ...config, appRoot, applicationArguments: [...applicationArguments] }),
    runMain,
    runMainAndExit: mainRunnerThenExit(runMain, pyodide),
    pyodide,
  };
}

// getExports(packageName): the package's exports object, made once (again after a failure).
function exportsGetter(python, boundary) {
  const cache = new Map();
  return function getExports(packageName) {
    let exports = cache.get(packageName);
    if (!exports) {
      exports = (async () => {
        try {
          return collectExports(python, boundary, packageName);
        } catch (error) {
          throw boundary.thrownFromPy(error, `getExports("${packageName}")`);
        }
      })();
      cache.set(packageName, exports);
      exports.catch(() => cache.delete(packageName));
    }
    return exports;
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

// runMainAndExit(args): runMain, then in Node the process exits with its code.
function mainRunnerThenExit(runMain, pyodide) {
  return async function runMainAndExit(args) {
    let code;
    try {
      code = await runMain(args);
    } catch (error) {
      console.error(error);
      code = 1;
    }
    if (isNode) {
      pyodide.runPython("import sys; sys.stdout.flush(); sys.stderr.flush()");
      process.exit(code);
    }
    return code;
  };
}
