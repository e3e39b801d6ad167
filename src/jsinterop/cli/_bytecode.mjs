// Compile the .py files of a folder to bytecode with the Python inside a Pyodide distribution,
// for `jsinterop build` (cli/_bytecode.py): the host's CPython is another version, so its
// bytecode would not load in Pyodide.
//
//   node _bytecode.mjs PYODIDE_MJS FOLDER PREFIX NAME...
//
// Each NAME (a path relative to FOLDER, "/"-separated) is compiled with py_compile into
// FOLDER/<its __pycache__ file>, with unchecked-hash invalidation (the files' times do not
// matter once unpacked) and PREFIX/NAME as the file name in tracebacks. Prints JSON:
// {"cacheTag": ..., "compiled": {NAME: pyc name}, "failed": {NAME: message}}.

import { pathToFileURL } from "node:url";

const [pyodideMjs, folder, prefix, ...names] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(pyodideMjs).href);
const messages = [];
const pyodide = await loadPyodide({ stdout: () => {}, stderr: (line) => messages.push(line) });
pyodide.FS.mkdirTree("/compile");
pyodide.mountNodeFS("/compile", folder);
const compileAll = pyodide.runPython(`
def compile_all(prefix, names):
    import importlib.util, json, py_compile, sys

    compiled, failed = {}, {}
    for name in sorted(names):
        source = "/compile/" + name
        target = importlib.util.cache_from_source(source)
        try:
            py_compile.compile(
                source,
                cfile=target,
                dfile=f"{prefix}/{name}",
                doraise=True,
                invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
            )
        except py_compile.PyCompileError as error:
            failed[name] = error.msg.strip().splitlines()[-1]
        else:
            compiled[name] = target.removeprefix("/compile/")
    return json.dumps({"cacheTag": sys.implementation.cache_tag, "compiled": compiled, "failed": failed})
compile_all
`);
try {
  process.stdout.write(`${compileAll(prefix, pyodide.toPy(names))}\n`);
} catch (error) {
  process.stderr.write(`${error}\n${messages.join("\n")}\n`);
  process.exit(1);
}
process.exit(0);
