// Boots Pyodide, installs the app's Python code and the bridge, and returns the runtime API.

import { describeError, errorFromPython, fromPythonError, keptExceptionCount, marshalContext, pythonError } from "./errors.mjs";
import { bindImport } from "./imports.mjs";
import { buildExport, define } from "./exports.mjs";
import { describeJs } from "./marshal/describe.mjs";
import { Thrown, anyFromPy, anyToPy, pythonCallableForJs } from "./marshal/callables.mjs";
import { PythonObject, handlesFor } from "./handles.mjs";
import { toPy } from "./marshal/index.mjs";
import { JoinedStrings } from "./marshal/sequences.mjs";
import { numberListReader } from "./marshal/pymemory.mjs";
import { packer } from "./marshal/packed.mjs";
import { ModuleRegistry } from "./modules.mjs";
import { unpackZip } from "./archive.mjs";
import { defaultAppRoot, hostPath, isBrowser, isNode, nodeWriter, readBytes, readJson } from "./host.mjs";

const frameworkURL = new URL("./", import.meta.url);
const runtimes = [];

export function getPythonRuntime(index = 0) {
  const runtime = runtimes[index];
  if (!runtime) {
    throw new Error(`jsinterop: no Python runtime #${index}; create one with python.create() first`);
  }
  return runtime;
}

function mark(name) {
  globalThis.performance?.mark?.(`jsinterop:${name}`);
}

async function loadConfig(userConfig) {
  const fromBuild = userConfig.configURL === null
    ? undefined
    : await readJson(new URL(userConfig.configURL ?? "app.json", frameworkURL), { optional: true });
  return { ...(fromBuild ?? {}), ...userConfig };
}

async function collectGarbage() {
  const gc = globalThis.gc;
  for (let round = 0; round < 3; round++) {
    gc?.();
    // FinalizationRegistry callbacks run in their own tasks, after the collection.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return typeof gc === "function";
}

function internalsFor(registry, ffi, pyodide) {
  const typedReaders = new Map();
  const handles = handlesFor(ffi);
  const toJs = anyFromPy(handles);
  const toPython = anyToPy(handles);
  return {
    isNode,
    isBrowser,
    globalThis,
    bindImport: (specJson, functionName, moduleName) =>
      bindImport(registry, ffi, specJson, functionName, moduleName ?? undefined),
    importModule: (name, url) => registry.import(name, url),
    describeError,
    errorFromPython,
    newMap: (entries) => new Map(entries),
    joinedStrings: (text) => new JoinedStrings(text),
    numberListReader: (floatType, intType) => numberListReader(pyodide._module, floatType, intType),
    pack: packer(ffi.PyProxy),
    describe: (value) => describeJs(value, ffi),
    getProperty: (object, name) => toPython(object[name]),
    setProperty: (object, name, value) => {
      object[name] = toJs(value);
    },
    hasProperty: (object, name) => name in Object(object),
    typeOf: (object, name) => typeof object[name],
    callMethod: (object, name, ...args) => {
      const method = object[name];
      if (typeof method !== "function") {
        throw pythonError("TypeError", `JSObject.call(): '${name}' is ${describeJs(method, ffi)}, not a function`);
      }
      return toPython(method.apply(object, args.map(toJs)));
    },
    readTyped: (object, name, specJson) => {
      const key = `${specJson}\u0000${name}`;
      let read = typedReaders.get(key);
      if (!read) {
        const spec = JSON.parse(specJson);
        read = toPy(spec, marshalContext({ where: `JSObject property '${name}'`, spec, ffi, valueFrom: "js", caller: "python" }));
        typedReaders.set(key, read);
      }
      return read(object[name]);
    },
    newCallback: (id, specJson, name, target) => {
      const state = { id, name, target, original: target, released: false };
      return handles.add(pythonCallableForJs(ffi, specJson, state), state);
    },
    newObjectHandle: (id, original, typeName) => {
      const state = { id, name: typeName, typeName, target: original, original, released: false };
      return handles.add(new PythonObject(state), state);
    },
    liveHandle: (id) => handles.live(id),
    takeReleased: () => handles.takeReleased(),
    releaseHandle: (id) => handles.release(id),
    handleCount: () => handles.count,
    keptExceptionCount,
    thrown: (error) => new Thrown(error),
    collectGarbage,
  };
}

// The archives' bytes, fetched while Pyodide boots.
function fetchArchives(config) {
  const pending = (config.archives ?? []).map((archive) => readBytes(new URL(archive, frameworkURL)));
  // Not awaited until Pyodide is ready: a failure is reported then, not as an unhandled rejection.
  pending.forEach((promise) => promise.catch(() => {}));
  return pending;
}

async function installPythonCode(pyodide, config, archives) {
  const sys = pyodide.pyimport("sys");
  try {
    const extractDir = config.extractDir ?? "/app";
    for (const archive of archives) {
      await unpackZip(pyodide, await archive, extractDir);
      if (!sys.path.includes(extractDir)) sys.path.insert(0, extractDir);
    }
    mark("python-code");
    for (const { host, path } of config.mounts ?? []) {
      if (!isNode) throw new Error("jsinterop: config.mounts works in Node only");
      pyodide.FS.mkdirTree(path);
      pyodide.mountNodeFS(path, await hostPath(host));
    }
    for (const entry of [...(config.pythonPath ?? [])].reverse()) {
      sys.path.insert(0, entry);
    }
  } finally {
    sys.destroy();
  }
}

export async function createRuntime(userConfig, applicationArguments) {
  mark("start");
  const config = await loadConfig(userConfig);
  const appRoot = config.appRoot ?? defaultAppRoot(frameworkURL);
  const pyodideURL = new URL(config.pyodideURL ?? "pyodide/pyodide.mjs", frameworkURL);
  const { loadPyodide } = await import(pyodideURL.href);
  mark("pyodide-start");
  const archives = fetchArchives(config);
  const pyodide = await loadPyodide(config.env ? { env: { ...config.env } } : {});
  mark("pyodide-ready");
  if (isNode && config.stdio !== "console") {
    pyodide.setStdout(await nodeWriter(1));
    pyodide.setStderr(await nodeWriter(2));
  }
  const ffi = pyodide.ffi;
  const registry = new ModuleRegistry(appRoot);
  pyodide.registerJsModule("_jsinterop_runtime", internalsFor(registry, ffi, pyodide));
  await installPythonCode(pyodide, config, archives);
  const bridge = pyodide.pyimport("jsinterop._entry");
  const exportsCache = new Map();
  const toJsError = (error, where) =>
    fromPythonError(error, ffi, where, () => {
      const details = bridge.last_exception_details();
      return details === undefined ? undefined : JSON.parse(details);
    }, () => bridge.last_exception_value());
  handlesFor(ffi).toJsError = toJsError;

  function getExports(packageName) {
    let exports = exportsCache.get(packageName);
    if (!exports) {
      exports = (async () => {
        const root = {};
        try {
          bridge.collect_exports(packageName, (path, specJson, target) =>
            define(root, path, buildExport(ffi, toJsError, specJson, target)));
        } catch (error) {
          throw toJsError(error, `getExports("${packageName}")`);
        }
        return root;
      })();
      exportsCache.set(packageName, exports);
      exports.catch(() => exportsCache.delete(packageName));
    }
    return exports;
  }

  async function runMain(args = applicationArguments) {
    if (!config.main) {
      throw new Error("jsinterop: no entry point; set [tool.jsinterop] main = \"module:function\" in pyproject.toml or config.main");
    }
    let pending;
    try {
      pending = bridge.run_main(config.main, args);
      return await pending;
    } catch (error) {
      throw toJsError(error, config.main);
    } finally {
      pending?.destroy?.();
    }
  }

  async function runMainAndExit(args = applicationArguments) {
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
  }

  const api = {
    setModuleImports: (name, value) => registry.set(name, value),
    getExports,
    getConfig: () => ({ ...config, appRoot, applicationArguments: [...applicationArguments] }),
    runMain,
    runMainAndExit,
    pyodide,
  };
  runtimes.push(api);
  globalThis.getPythonRuntime ??= getPythonRuntime;
  mark("ready");
  return api;
}
