// An app that fails while it loads (importing its modules, running main) says so on the page:
// the error bar shows the Python traceback, so no page waits on "Loading..." in silence. The
// `jsinterop:error` event carries it too (`jsinterop serve` prints it in its terminal).

import { isBrowser } from "./host.mjs";

const BAR_ID = "jsinterop-error-ui";
const BAR_HTML = 'An unhandled error has occurred. <a href="" class="reload">Reload</a> <a class="dismiss" href="#">×</a>';

// The error bar, the page's own (#jsinterop-error-ui) or one made like it.
function errorBar() {
  let bar = document.getElementById(BAR_ID);
  if (!bar) {
    bar = document.createElement("div");
    bar.id = BAR_ID;
    bar.innerHTML = BAR_HTML;
    bar.style.cssText = "position:fixed;bottom:0;left:0;right:0;background:lightyellow;padding:0.6rem 1.25rem;z-index:1000";
    document.body.append(bar);
  }
  bar.querySelector(".dismiss")?.addEventListener("click", (event) => {
    event.preventDefault();
    bar.style.display = "none";
  });
  return bar;
}

// Where a worker's load errors go (its page), or undefined: shown here.
let forwarding;

// In the worker host's worker, which has no page: hand every load error to `forward` (which
// posts it to the page, where reportLoadError shows it).
export function forwardLoadErrors(forward) {
  forwarding = forward;
}

// Show `details` (a Python traceback, or a JS error's stack) in the error bar.
export function reportLoadError(details) {
  if (forwarding) {
    forwarding(String(details));
    return;
  }
  if (!isBrowser || typeof document === "undefined") return;
  const text = String(details);
  const show = () => {
    const bar = errorBar();
    let block = bar.querySelector("pre.jsinterop-traceback");
    if (!block) {
      block = document.createElement("pre");
      block.className = "jsinterop-traceback";
      block.style.cssText = "max-height:40vh;overflow:auto;margin:0.5rem 0 0;white-space:pre-wrap";
      bar.append(block);
    }
    block.textContent = text;
    bar.dataset.message = text.trimEnd().split("\n").at(-1);
    bar.style.display = "block";
  };
  if (document.body) show();
  else document.addEventListener("DOMContentLoaded", show, { once: true });
  globalThis.dispatchEvent?.(new CustomEvent("jsinterop:error", { detail: { traceback: text } }));
}
