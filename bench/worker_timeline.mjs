// Run in the worker by bench/worker.mjs (runtime.runInWorker): the worker's clock origin, the
// runtime's marks (runtime.mjs) and the resources it fetched, for the page-ready split.

export default function timeline() {
  return {
    timeOrigin: performance.timeOrigin,
    marks: performance.getEntriesByType("mark").map(({ name, startTime }) => ({ name, startTime })),
    resources: performance.getEntriesByType("resource").map(({ name, startTime, responseEnd }) => ({ name, startTime, responseEnd })),
  };
}
