// Installs the app's Python packages (its [project] dependencies, locked by the build) before
// its code runs: the wheels the build shipped beside the runtime, and the packages of Pyodide's
// own distribution, from the Pyodide package URL or, when the build copied them into the site,
// by name from Pyodide's folder (where Pyodide checks each file against its lock's hash).

// `config.packages` (app.json): { wheels: [URL relative to _framework/], pyodide: [{ name, file }],
// pyodideURL: string | null }.
export async function installPackages(pyodide, config, frameworkURL) {
  const { wheels = [], pyodide: distribution = [], pyodideURL = null } = config.packages ?? {};
  const targets = [
    ...distribution.map(({ name, file }) => (pyodideURL === null ? name : new URL(file, pyodideURL).href)),
    ...wheels.map((wheel) => new URL(wheel, frameworkURL).href),
  ];
  if (targets.length === 0) return;
  const errors = [];
  // loadPackage reports a failure only to errorCallback; its messages go nowhere (the app's
  // output is the app's).
  await pyodide.loadPackage(targets, { messageCallback: () => {}, errorCallback: (message) => errors.push(message) });
  if (errors.length > 0) {
    throw new Error(`jsinterop: cannot install the app's Python packages: ${errors.join(" ")}`);
  }
}
