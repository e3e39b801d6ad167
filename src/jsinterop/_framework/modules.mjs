// The modules stubs import from: ES modules imported by URL (JSHost.import_async) and plain
// objects registered from JS (setModuleImports), each under a unique name. A hot reload
// replaces an ES module by a fresh import of its URL (reload.mjs).

import { describeError, errorRaisedInPython } from "./errors.mjs";

// A package name for import_async: "uplot", "@scope/pkg", "pkg/sub". A URL starts with "./",
// "../", "/" or a scheme, or names a module file ("js/app.mjs", resolved against the app root
// as it always was; a package's file is "./node_modules/pkg/file.js").
function isBareSpecifier(url) {
  return !/^(\.{1,2}\/|\/|[A-Za-z][A-Za-z0-9+.-]*:)/.test(url) && !/\.[cm]?js$/.test(url);
}

export class ModuleRegistry {
  #entries = new Map();
  #appRoot;
  #pageImporter;

  #importsOnPage;

  // `pageImporter(name, url)`: in a worker (worker_main.mjs), imports a module on the page and
  // resolves to its stand-in here; on the main thread there is none (the page is here).
  // `importsOnPage`: every import goes to the page, as if asked with on_page=True (the
  // worker host's `importsOnPage` setting).
  constructor(appRoot, { pageImporter = undefined, importsOnPage = false } = {}) {
    this.#appRoot = appRoot;
    this.#pageImporter = pageImporter;
    this.#importsOnPage = importsOnPage;
  }

  set(name, value) {
    if (typeof name !== "string" || name === "") {
      throw new TypeError(`setModuleImports: the module name must be a non-empty string, got ${typeof name}`);
    }
    if (value === null || (typeof value !== "object" && typeof value !== "function")) {
      throw new TypeError(`setModuleImports("${name}"): the module must be an object, got ${value === null ? "null" : typeof value}`);
    }
    this.#entries.set(name, { url: null, value, promise: Promise.resolve(value) });
  }

  // A URL against the app root; a bare specifier ("uplot") as it is, for the page's import
  // map (browser) or node_modules (Node) to resolve.
  resolve(url) {
    return isBareSpecifier(url) ? url : new URL(url, this.#appRoot).href;
  }

  // `onPage`: in a worker, whether the module is imported on the page (its functions are called
  // there) or here; undefined: as the `importsOnPage` setting says.
  import(name, url, onPage = undefined) {
    const resolved = this.resolve(url);
    const entry = this.#entries.get(name);
    if (entry) {
      if (entry.url === resolved) return entry.promise;
      const origin = entry.url === null ? "registered with setModuleImports" : `imported from ${entry.url}`;
      return Promise.reject(errorRaisedInPython(
        "ValueError",
        `module '${name}' is already ${origin}; cannot import it again from ${resolved}`,
      ));
    }
    const load = (onPage ?? this.#importsOnPage) && this.#pageImporter
      ? (href) => this.#pageImporter(name, href)
      : (href) => import(href);
    const importing = load(resolved);
    const promise = importing.then(
      (namespace) => {
        created.value = namespace;
        return namespace;
      },
      (error) => {
        this.#entries.delete(name);
        // Read safely: a module may throw anything while it is evaluated.
        const { name: errorName, message } = describeError(error);
        const failure = new Error(`cannot import module '${name}' from ${resolved}: ${message}`, { cause: error });
        failure.name = errorName;
        throw failure;
      },
    );
    const created = { url: resolved, value: undefined, promise, load };
    this.#entries.set(name, created);
    return promise;
  }

  // Hot reload: the modules imported from `url` are imported again from `url?v=<version>`
  // (a URL the engine has not loaded), and later import_async() calls get the new module.
  // Resolves to their names; a module that fails to load rejects, and the old one stays.
  async replace(url, version) {
    const resolved = this.resolve(url);
    const replaced = [];
    for (const [name, entry] of this.#entries) {
      if (entry.url !== resolved || entry.value === undefined) continue;
      const fresh = new URL(resolved);
      fresh.searchParams.set("v", version);
      const namespace = await entry.load(fresh.href); // where it was imported: here or the page
      entry.value = namespace;
      entry.promise = Promise.resolve(namespace);
      replaced.push(name);
    }
    return replaced;
  }

  // The function at `path` in module `moduleName` (or in globalThis), and its `this`.
  lookup(path, moduleName) {
    let root;
    let where;
    if (moduleName === undefined || moduleName === null) {
      root = globalThis;
      where = "globalThis";
      path = path.replace(/^globalThis\./, "");
    } else {
      const entry = this.#entries.get(moduleName);
      if (!entry || entry.value === undefined) {
        throw errorRaisedInPython(
          "LookupError",
          `module '${moduleName}' was not imported yet, please call ` +
            `await JSHost.import_async('${moduleName}', url) first ` +
            `(or setModuleImports('${moduleName}', {...}) from JS)`,
        );
      }
      root = entry.value;
      where = `module '${moduleName}'`;
    }
    const parts = path.split(".").filter((part) => part !== "");
    let owner = undefined;
    let value = root;
    for (const part of parts) {
      if (value === null || value === undefined) break;
      owner = value;
      value = value[part];
      if (value === undefined || value === null) {
        throw errorRaisedInPython("LookupError", `${part} not found while looking up ${path} in ${where}`);
      }
    }
    if (typeof value !== "function") {
      const kind = value === null ? "null" : typeof value;
      throw errorRaisedInPython("LookupError", `${path} in ${where} is a ${kind}, not a function`);
    }
    return { fn: value, owner };
  }
}
