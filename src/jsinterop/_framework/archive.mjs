// Unpacks the app's archive (a zip written by `jsinterop build`) into Pyodide's file system.
//
// Pyodide's own unpackArchive() extracts with Python's zipfile, file by file (~15 ms in
// Chromium for jsinterop's modules and their bytecode). Here JS reads the zip's directory,
// one Python call inflates and CRC-checks every entry with zlib (native code inside the
// wasm; the engine's DecompressionStream costs ~0.5 ms an entry) and JS writes the files
// (~7 ms). An archive this does not handle (zip64, encryption, another compression method)
// goes to pyodide.unpackArchive().

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

class Unsupported extends Error {}

// The zip's entries: { name, method, flags, offset, compressedSize, size, crc }.
function readDirectory(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error("jsinterop: the app archive is not a zip file");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff) throw new Unsupported("zip64");
  const decoder = new TextDecoder();
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== DIRECTORY_ENTRY) throw new Error("jsinterop: the app archive's directory is damaged");
    const nameLength = view.getUint16(at + 28, true);
    const entry = {
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    };
    if (entry.flags & 0x1) throw new Unsupported("encrypted entry");
    if (entry.method !== STORED && entry.method !== DEFLATED) throw new Unsupported(`compression method ${entry.method}`);
    if ([entry.compressedSize, entry.size, entry.offset].includes(0xffffffff)) throw new Unsupported("zip64");
    entries.push(entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { view, entries };
}

// The entry's path under extractDir; a name that would leave it is refused.
function targetPath(extractDir, name) {
  const parts = name.split("/");
  if (name.startsWith("/") || parts.some((part) => part === ".." || part.includes("\\"))) {
    throw new Error(`jsinterop: the app archive holds an unsafe path: ${name}`);
  }
  return `${extractDir.replace(/\/+$/, "")}/${name}`;
}

// Inflates the entries and checks their CRCs; returns their contents as one bytes object,
// or the index of the first entry that fails its check. `spans`: start, compressed size,
// deflated (1) or stored (0) and CRC of each entry, in a row.
const INFLATE = `
def inflate(archive, spans):
    import zlib

    view = memoryview(archive.to_bytes())
    spans = spans.to_py()
    out = []
    for i in range(0, len(spans), 4):
        start, compressed_size, deflated, crc = spans[i:i + 4]
        chunk = view[start:start + compressed_size]
        content = zlib.decompress(chunk, -15) if deflated else bytes(chunk)
        if zlib.crc32(content) != crc:
            return i // 4
        out.append(content)
    return b"".join(out)
`;

// INFLATE's function. Compiled with the builtins: runPython() parses it as a notebook cell
// would (~1.9 ms against ~0.6 ms in Chromium).
function inflater(pyodide) {
  const builtins = pyodide.pyimport("builtins");
  const namespace = pyodide.toPy({});
  const code = builtins.compile(INFLATE, "<jsinterop archive>", "exec");
  try {
    builtins.exec(code, namespace);
    return namespace.get("inflate");
  } finally {
    code.destroy();
    namespace.destroy();
    builtins.destroy();
  }
}

function dataStart(view, entry) {
  const at = entry.offset;
  if (view.getUint32(at, true) !== LOCAL_HEADER) throw new Error(`jsinterop: the app archive is damaged at ${entry.name}`);
  return at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
}

// Unpack the zip `bytes` into `extractDir` of `pyodide`'s file system.
export async function unpackZip(pyodide, bytes, extractDir) {
  let directory;
  try {
    directory = readDirectory(bytes);
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    pyodide.unpackArchive(bytes, "zip", { extractDir });
    return;
  }
  const { view, entries } = directory;
  const paths = entries.map((entry) => targetPath(extractDir, entry.name.replace(/\/$/, "")));
  const files = [];
  const spans = [];
  entries.forEach((entry, i) => {
    if (entry.name.endsWith("/")) return;
    files.push(i);
    spans.push(dataStart(view, entry), entry.compressedSize, entry.method === DEFLATED ? 1 : 0, entry.crc);
  });
  const inflate = inflater(pyodide);
  let joined;
  let buffer;
  try {
    joined = inflate(bytes, spans);
    if (typeof joined === "number") {
      throw new Error(`jsinterop: the app archive is damaged: ${entries[files[joined]].name} fails its CRC check`);
    }
    buffer = joined.getBuffer("u8");
    const contents = buffer.data;
    const { FS } = pyodide;
    const made = new Set();
    const makeFolder = (folder) => {
      if (!made.has(folder)) {
        FS.mkdirTree(folder);
        made.add(folder);
      }
    };
    makeFolder(extractDir);
    entries.forEach((entry, i) => {
      if (entry.name.endsWith("/")) makeFolder(paths[i]);
    });
    let at = 0;
    for (const i of files) {
      const path = paths[i];
      const { size } = entries[i];
      if (at + size > contents.length) throw new Error(`jsinterop: the app archive is damaged: ${entries[i].name} is short`);
      makeFolder(path.slice(0, path.lastIndexOf("/")));
      FS.writeFile(path, contents.subarray(at, at + size));
      at += size;
    }
    if (at !== contents.length) throw new Error("jsinterop: the app archive is damaged: its sizes do not add up");
  } finally {
    buffer?.release();
    if (typeof joined === "object") joined.destroy();
    inflate.destroy();
  }
}
