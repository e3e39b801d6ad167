// The JS engine the runtime finds itself in, and how it reads files and writes output.

export const isNode = typeof process !== "undefined" && Boolean(process.versions?.node);
export const isBrowser =
  !isNode &&
  (typeof window !== "undefined" || typeof WorkerGlobalScope !== "undefined");

// Whether `value` is a real Error object (not a Proxy of one), asked without running any of its
// code: Error.isError where the engine has it (Chromium 134 on), Node's util.types.isNativeError
// in Node 20; elsewhere nothing counts as one (callers then take the careful path).
export const isNativeError = Error.isError
  ?? (isNode ? globalThis.process.getBuiltinModule?.("node:util")?.types.isNativeError : undefined)
  ?? (() => false);

let nodeModules;
async function node() {
  if (!nodeModules) {
    const [fs, path, url] = await Promise.all([
      import("node:fs"),
      import("node:path"),
      import("node:url"),
    ]);
    nodeModules = { fs, path, url };
  }
  return nodeModules;
}

export async function readBytes(url, init = undefined) {
  const href = String(url);
  if (isNode && href.startsWith("file:")) {
    const { fs, url: nodeUrl } = await node();
    return new Uint8Array(await fs.promises.readFile(nodeUrl.fileURLToPath(href)));
  }
  const response = await fetch(href, init);
  if (!response.ok) throw new Error(`jsinterop: cannot load ${href}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// JSON is always revalidated: app.json names the content-hashed files of the current build.
export async function readJson(url, { optional = false } = {}) {
  try {
    return JSON.parse(new TextDecoder().decode(await readBytes(url, isBrowser ? { cache: "no-cache" } : undefined)));
  } catch (error) {
    if (optional && (error.code === "ENOENT" || /HTTP 404/.test(error.message))) return undefined;
    throw error;
  }
}

// The URL that relative module URLs resolve against: the page's base URL in a browser,
// the app folder (the folder that holds _framework/) in Node.
export function defaultAppRoot(frameworkURL) {
  if (isBrowser && typeof document !== "undefined") return document.baseURI;
  return new URL("../", frameworkURL).href;
}

// Writes that never drop output: a pipe may answer EAGAIN while it is full.
export async function nodeWriter(fd) {
  const { fs } = await node();
  return {
    write(bytes) {
      let offset = 0;
      while (offset < bytes.length) {
        try {
          offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
        } catch (error) {
          if (error.code !== "EAGAIN") throw error;
        }
      }
      return bytes.length;
    },
  };
}

// A path or file: URL as a path in the host's (Node's) file system, for mounting into Pyodide's.
export async function hostFilePath(pathOrUrl) {
  const { path, url } = await node();
  const text = String(pathOrUrl);
  return text.startsWith("file:") ? url.fileURLToPath(text) : path.resolve(text);
}

// The files under the folder `folderURL` (Node), as "/"-separated paths relative to it.
export async function listFiles(folderURL) {
  const { fs, path, url } = await node();
  const root = url.fileURLToPath(folderURL);
  const entries = await fs.promises.readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join("/"));
}
