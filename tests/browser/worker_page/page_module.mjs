// Imported by worker_app with JSHost.import_async: on the page (on_page=True) or in the worker.
export const where = () => (typeof document === "undefined" ? "worker" : "page");
