// The JS half of jsinterop.components: patches the DOM with what Python rendered, sends
// events and navigation to Python, and shows the error bar.
//
// Patching is morphdom's (the DOM differ Phoenix LiveView uses), with one rule added: an
// element whose rendered HTML is the same as last time is skipped entirely, so changes JS
// made to it (a third-party widget, the seed's setMessage) survive the re-render, as
// they do in Blazor, which diffs against its last render tree rather than the live DOM.

import morphdom from "./morphdom.mjs";

const EVENT_ATTRIBUTE = "data-jsi-on-";
const PREVENT_ATTRIBUTE = "data-jsi-prevent"; // prevent_default=...: "click submit"
// The events handlers can be bound to (on_click=..., on_input=..., ...).
const EVENTS = ["click", "dblclick", "input", "change", "submit", "keydown", "keyup", "focusin", "focusout"];

const renderedHtml = new WeakMap(); // element -> its outerHTML when it was last rendered
let root;
let pythonHost;
let firstPatch = true;

function python() {
  pythonHost ??= globalThis.getPythonRuntime(0).getExports("jsinterop.components")
    .then((exports) => exports.jsinterop.components._host);
  return pythonHost;
}

function logFailure(error) {
  console.error("jsinterop.components:", error);
}

export function baseUri() {
  return document.baseURI;
}

export function start(rootSelector) {
  root = document.querySelector(rootSelector);
  if (!root) throw new Error(`jsinterop.components: no element matches ${rootSelector}`);
  for (const type of EVENTS) root.addEventListener(type, onEvent);
  document.addEventListener("click", onLinkClick);
  window.addEventListener("popstate", () => locationChanged(location.href));
  const dismiss = document.querySelector("#jsinterop-error-ui .dismiss");
  dismiss?.addEventListener("click", (event) => {
    event.preventDefault();
    document.getElementById("jsinterop-error-ui").style.display = "none";
  });
  return location.href;
}

export function patch(html, title) {
  const next = root.cloneNode(false);
  next.innerHTML = html;
  morphdom(root, next, {
    childrenOnly: true,
    onBeforeElUpdated(fromElement, toElement) {
      const rendered = toElement.outerHTML;
      if (renderedHtml.get(fromElement) === rendered) return false;
      renderedHtml.set(fromElement, rendered);
      return true;
    },
    onNodeAdded(node) {
      if (node.nodeType === Node.ELEMENT_NODE) renderedHtml.set(node, node.outerHTML);
      return node;
    },
  });
  if (title) document.title = title;
  if (firstPatch) {
    firstPatch = false;
    performance.mark("jsinterop:first-render");
  }
}

export function navigateTo(url, replace) {
  const target = new URL(url, document.baseURI).href;
  if (replace) history.replaceState(null, "", target);
  else history.pushState(null, "", target);
  locationChanged(target);
}

export function showError(message) {
  let bar = document.getElementById("jsinterop-error-ui");
  if (!bar) {
    bar = document.createElement("div");
    bar.id = "jsinterop-error-ui";
    bar.innerHTML = 'An unhandled error has occurred. <a href="" class="reload">Reload</a> <a class="dismiss" href="#">×</a>';
    document.body.append(bar);
  }
  bar.dataset.message = message;
  bar.style.display = "block";
}

function locationChanged(url) {
  python().then((host) => host.location_changed(url)).catch(logFailure);
}

function eventArgs(event, element) {
  const args = { type: event.type };
  if ("value" in element && typeof element.value === "string") args.value = element.value;
  if (element.type === "checkbox" || element.type === "radio") args.checked = element.checked;
  if (typeof event.key === "string") args.key = event.key;
  if (event.type === "submit" && element instanceof HTMLFormElement) {
    args.form = Object.fromEntries(
      [...new FormData(element)].filter(([, value]) => typeof value === "string"));
  }
  return args;
}

// prevent_default=...: decided here, during the event, since Python hears of it only after
// (at once on the main thread, but a worker's Python cannot answer within the event).
function preventIfAsked(event) {
  for (let node = event.target; node instanceof Element && root.contains(node); node = node.parentElement) {
    if (node.getAttribute(PREVENT_ATTRIBUTE)?.split(" ").includes(event.type)) {
      event.preventDefault();
      return;
    }
  }
}

function onEvent(event) {
  preventIfAsked(event);
  const attribute = EVENT_ATTRIBUTE + event.type;
  const element = event.target instanceof Element ? event.target.closest(`[${attribute}]`) : null;
  if (!element || !root.contains(element)) return;
  if (event.type === "submit") event.preventDefault(); // the app handles it, as in Blazor
  const handlerId = element.getAttribute(attribute);
  const args = JSON.stringify(eventArgs(event, element));
  python().then((host) => host.dispatch_event(handlerId, args)).catch(logFailure);
}

// Blazor's rules: a plain left click on a link inside the app's base URL is a navigation.
function onLinkClick(event) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!anchor || anchor.hasAttribute("download")) return;
  if (anchor.target && anchor.target !== "_self") return;
  if (anchor.closest("#jsinterop-error-ui")) return;
  const url = new URL(anchor.href, document.baseURI);
  if (!url.href.startsWith(document.baseURI.replace(/[?#].*$/, ""))) return;
  const here = new URL(location.href);
  if (url.pathname === here.pathname && url.search === here.search && url.hash) return;
  event.preventDefault();
  if (url.href !== location.href) history.pushState(null, "", url.href);
  locationChanged(url.href);
}
