// The chart page's collocated module: uPlot (from npm, imported by its package name) owns
// the element Python rendered; Python hands it the data.
import uPlot from "uplot";

let chart = null;

export function create(elementId) {
  destroy();
  const element = document.getElementById(elementId);
  const options = {
    width: 720,
    height: 320,
    scales: { x: { time: false } },
    series: [{ label: "step" }, { label: "noise", stroke: "#1b6ec2", width: 2 }],
  };
  chart = new uPlot(options, [[], []], element);
  element.uplot = chart; // the library's own state, for tests and the console
}

export function show(xs, ys) {
  chart.setData([xs, ys]);
}

export function destroy() {
  chart?.destroy();
  chart = null;
}
