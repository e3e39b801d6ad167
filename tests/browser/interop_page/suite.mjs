// Runs tests/interop with pytest in the Pyodide of `runtime` (jsinterop's runtime): on the
// page (interop.mjs), or in the worker host's worker (interop.mjs's ?worker=1, through
// runtime.runInWorker). Resolves to { code, output, environment, jspi, gcExposed }.

const decoder = new TextDecoder();

function mark(name) {
  performance.mark(`interop:${name}`);
}

// pytest's output, exactly as written, and each line on the console as "[pytest] line": what
// the test shows when the page never finishes (Pyodide's default in a page: console.log only).
function collector() {
  let line = "";
  const collect = {
    output: "",
    write(bytes) {
      const text = decoder.decode(bytes, { stream: true });
      collect.output += text;
      const lines = (line + text).split("\n");
      line = lines.pop();
      for (const complete of lines) console.log(`[pytest] ${complete}`);
      return bytes.length;
    },
  };
  return collect;
}

export default async function runSuite({ pyodide }, plan, root) {
  const collect = collector();
  pyodide.setStdout(collect);
  pyodide.setStderr(collect);
  try {
    const failures = [];
    await pyodide.loadPackage(plan.wheels.map((wheel) => new URL(wheel, root).href), {
      messageCallback: () => {},
      errorCallback: (message) => failures.push(message),
    });
    if (failures.length) throw new Error(`could not load the test wheels:\n${failures.join("\n")}`);
    mark("wheels");

    const environment = pyodide.runPython(`
import json
from jsinterop import is_browser, is_node
json.dumps({"is_browser": is_browser(), "is_node": is_node()})
`);
    pyodide.globals.set("pytest_args", pyodide.toPy(plan.args));
    // runPythonAsync: the entry JSPI needs for run_sync in the async tests.
    // From /lib/interop, test ids read jsinterop_tests/test_x.py::name.
    pyodide.globals.set("extract_dir", plan.extractDir);
    const code = await pyodide.runPythonAsync(`
import os, sys, pytest
os.chdir(extract_dir)
code = int(pytest.main(list(pytest_args)))
sys.stdout.flush()
sys.stderr.flush()
code
`);
    mark("done");
    return {
      code,
      output: collect.output,
      environment: JSON.parse(environment),
      jspi: typeof WebAssembly.Suspending === "function",
      gcExposed: typeof globalThis.gc === "function",
    };
  } catch (error) {
    error.message += `\n${collect.output}`;
    throw error;
  }
}
