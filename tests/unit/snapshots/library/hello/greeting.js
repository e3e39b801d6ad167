// Greeting's collocated module: JS that owns part of what the component rendered.
export function decorate(elementId) {
  const element = document.getElementById(elementId);
  element.dataset.decorated = "true";
  element.title = "decorated by greeting.js";
}
