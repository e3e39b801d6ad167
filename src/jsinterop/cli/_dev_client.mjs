// The dev server's page script (`jsinterop serve` adds it to every HTML page it sends): it
// applies the server's hot reload patches to the running page, or reloads the page, and
// says what it did in the console and, through the report path, in the terminal.
//
//   patch event: { python: { path: source or null }, scripts: [path], styles: [path], version }
//   reload event: { version, reason }
//
// Style sheets are swapped here (a new <link> under a new URL, the old one removed once the
// new one has loaded). Python sources and JS modules go to the runtime once it is ready
// (globalThis.__jsinteropHotReload, _framework/reload.mjs). A failure shows the error bar
// with the traceback, and the page goes on with the last working version; the next patch
// hides the bar first. What cannot be applied in place reloads the page, saying why.

const READY = "jsinterop:ready";
const STARTED = "jsinterop:start";
const ERROR_BAR = "jsinterop-error-ui";
const TRACEBACK_CLASS = "jsinterop-hot-reload-error";

let reportPath;
let applying = Promise.resolve();
let runtimeReady;

export function connect(events, report) {
  reportPath = report;
  // An app that fails while it loads (loaderrors.mjs) says so in the terminal too.
  addEventListener("jsinterop:error", (event) => tell(`the app failed in the browser:\n${event.detail.traceback}`));
  events.addEventListener("reload", (event) => reload(JSON.parse(event.data).reason));
  events.addEventListener("patch", (event) => {
    const patch = JSON.parse(event.data);
    applying = applying.then(() => apply(patch)).catch((error) => console.error("jsinterop:", error));
  });
}

async function apply(patch) {
  const started = performance.now();
  performance.mark("jsinterop:hot-reload-start");
  const styles = replaceStyles(patch.styles ?? [], patch.version);
  const needsRuntime = Object.keys(patch.python ?? {}).length > 0 || (patch.scripts ?? []).length > 0;
  let results = [];
  if (needsRuntime) {
    if (!(await waitForRuntime())) {
      reload("this page runs no jsinterop runtime to patch");
      return;
    }
    hideError();
    try {
      results = await globalThis.__jsinteropHotReload(patch);
    } catch (error) {
      failed(String(error?.stack ?? error));
      return;
    }
  }
  const stylesNotLinked = (await styles).filter(loadedByPage);
  const why = fullReloadReason(results, stylesNotLinked);
  if (why) {
    reload(why);
    return;
  }
  const failures = results.filter((result) => result.error);
  if (failures.length > 0) {
    // Modules imported and then an error (a listener's): the new code runs, not the last.
    const applied = failures.some((result) => result.reloaded.length > 0);
    failed(failures.map((result) => result.error).join("\n"), applied);
    return;
  }
  const elapsed = Math.round(performance.now() - started);
  performance.mark("jsinterop:hot-reload-end");
  const modules = results.flatMap((result) => [...result.reloaded, ...result.scripts]);
  const what = [...new Set([...modules, ...(patch.styles ?? [])])].join(", ") || "nothing to do";
  console.info(`jsinterop: hot reload applied in ${elapsed} ms: ${what}`);
  tell(`page: hot reload applied in ${elapsed} ms: ${what}`);
}

function fullReloadReason(results, stylesNotLinked) {
  for (const result of results) {
    if (result.fullReload) return result.fullReload;
    const loaded = result.scriptsNotImported.filter(loadedByPage);
    if (loaded.length > 0) {
      return `${loaded[0]} changed, and the page loaded it itself, not with JSHost.import_async`;
    }
  }
  if (stylesNotLinked.length > 0) return `${stylesNotLinked[0]} changed, and no <link> of the page names it`;
  return undefined;
}

function failed(traceback, applied = false) {
  performance.mark("jsinterop:hot-reload-failed");
  const what = applied
    ? "hot reload: the change was applied, then this failed"
    : "hot reload failed; the last working version keeps running";
  console.error(`jsinterop: ${what}\n${traceback}`);
  showError(what, traceback);
  tell(`page: ${what}:\n${traceback.trimEnd()}`);
}

function reload(reason) {
  console.info(`jsinterop: reloading the page: ${reason}`);
  tell(`page: reloading: ${reason}`).finally(() => location.reload());
}

// -- the runtime ----------------------------------------------------------------------------

// Resolves to true once the runtime is ready (at once if it is); false when the page has
// loaded without starting one.
function waitForRuntime() {
  runtimeReady ??= new Promise((resolve) => {
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName(READY).length > 0) {
        observer.disconnect();
        resolve(true);
      }
    });
    observer.observe({ type: "mark", buffered: true });
    const noRuntime = () => {
      if (performance.getEntriesByName(STARTED).length === 0) {
        observer.disconnect();
        resolve(false);
      }
    };
    if (document.readyState === "complete") noRuntime();
    else addEventListener("load", noRuntime, { once: true });
  });
  return runtimeReady;
}

// -- style sheets ---------------------------------------------------------------------------

// Replaces the <link>s of `paths`; resolves to the paths no <link> names.
async function replaceStyles(paths, version) {
  const notLinked = [];
  const loads = [];
  for (const path of paths) {
    const target = withoutQuery(new URL(path, document.baseURI));
    const links = [...document.querySelectorAll('link[rel="stylesheet"]')]
      .filter((link) => withoutQuery(new URL(link.href)) === target);
    if (links.length === 0) notLinked.push(path);
    loads.push(...links.map((link) => replaceLink(link, version)));
  }
  await Promise.all(loads);
  return notLinked;
}

function replaceLink(link, version) {
  const next = link.cloneNode();
  const href = new URL(link.href);
  href.searchParams.set("v", version);
  next.href = href.href;
  return new Promise((resolve) => {
    next.addEventListener("load", () => {
      link.remove();
      resolve();
    });
    next.addEventListener("error", () => {
      next.remove();
      resolve();
    });
    link.after(next);
  });
}

function withoutQuery(url) {
  return url.href.replace(/[?#].*$/, "");
}

// Whether the page fetched `path` (under any query): a module it imported, a style sheet.
function loadedByPage(path) {
  const target = withoutQuery(new URL(path, document.baseURI));
  return performance.getEntriesByType("resource").some((entry) => withoutQuery(new URL(entry.name)) === target);
}

// -- the error bar --------------------------------------------------------------------------

function showError(what, traceback) {
  let bar = document.getElementById(ERROR_BAR);
  if (!bar) {
    bar = document.createElement("div");
    bar.id = ERROR_BAR;
    bar.innerHTML = 'An unhandled error has occurred. <a href="" class="reload">Reload</a> <a class="dismiss">🗙</a>';
    bar.querySelector(".dismiss").addEventListener("click", () => { bar.style.display = "none"; });
    document.body.append(bar);
  }
  let shown = bar.querySelector(`.${TRACEBACK_CLASS}`);
  if (!shown) {
    shown = document.createElement("pre");
    shown.className = TRACEBACK_CLASS;
    shown.style.cssText = "max-height: 40vh; overflow: auto; margin: 0.5rem 0 0; white-space: pre-wrap;";
    bar.append(shown);
  }
  shown.textContent = `${what[0].toUpperCase()}${what.slice(1)}.\n${traceback}`;
  bar.dataset.message = traceback;
  bar.style.display = "block";
}

function hideError() {
  const bar = document.getElementById(ERROR_BAR);
  if (!bar) return;
  bar.querySelector(`.${TRACEBACK_CLASS}`)?.remove();
  bar.style.display = "none";
}

// -- the terminal ---------------------------------------------------------------------------

function tell(text) {
  return fetch(reportPath, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text }),
  }).catch(() => {});
}
