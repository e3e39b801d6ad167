// Make the memory snapshot of a built app with its own runtime, for `jsinterop build`
// (cli/_snapshot.py): boots Pyodide as the runtime does, imports the app, writes the snapshot.
//
//   node _snapshot.mjs REQUEST.json
//
// REQUEST: { runtime: path of the runtime.mjs that makes it (the one that will restore it),
//            config: what python.withConfig() would get (pyodideURL, archives, ...),
//            imports: { modules: [...], packages: [...] },
//            output: folder the snapshot is written to, brotli: also write <file>.br,
//            result: path of the JSON answer }
// Answer: { descriptor, brotliSize } (snapshot.mjs describeSnapshot), or { refused: message }
// when the app cannot be kept in a snapshot. What the imports print goes to stdout.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";

// Quality 6: 4 % larger than 9 and twice as fast on a 31 MB snapshot (11 takes a minute).
const BROTLI_QUALITY = 6;

const request = JSON.parse(readFileSync(process.argv[2], "utf8"));
const { makeSnapshot } = await import(pathToFileURL(request.runtime).href);
const answer = (value) => writeFileSync(request.result, JSON.stringify(value));

let made;
try {
  made = await makeSnapshot(request.config, request.imports);
} catch (error) {
  if (error?.name !== "SnapshotRefused") throw error;
  answer({ refused: error.message });
  process.exit(0);
}
const { bytes, descriptor } = made;
writeFileSync(join(request.output, descriptor.file), bytes);
let brotliSize = null;
if (request.brotli) {
  const compressed = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  writeFileSync(join(request.output, `${descriptor.file}.br`), compressed);
  brotliSize = compressed.length;
}
answer({ descriptor, brotliSize });
process.exit(0);
