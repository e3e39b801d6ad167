"""/chart : an npm charting library (uPlot) owns a <div>; Python computes what it draws.

The data is a ``list[float]`` made in Python with a PyPI package (perlin-noise), the summary
is written with another (humanize), and uPlot, from npm, draws it into a canvas inside
``<div id="chart">``. The renderer leaves that element alone: its rendered HTML never
changes, so what uPlot put in it survives every render (the seed's note on a third-party
JS library driving part of the DOM).
"""

import humanize
from perlin_noise import PerlinNoise

from jsinterop import JSHost, js_import
from jsinterop.components import Child, Component, h, page

MODULE = "charts.pages.chart"
POINTS = 1_000


def noise_series(seed: int, points: int = POINTS) -> list[float]:
    """A smooth random curve: Perlin noise with three octaves, sampled ``points`` times."""
    noise = PerlinNoise(octaves=3, seed=seed)
    return [round(noise(step / points), 4) for step in range(points)]


@page("/chart")
class Chart(Component):
    title = "Chart"
    seed = 1
    values: list[float]

    @staticmethod
    @js_import("create", MODULE)
    def create_chart(element_id: str) -> None: ...

    @staticmethod
    @js_import("show", MODULE)
    def show(xs: list[float], ys: list[float]) -> None: ...

    @staticmethod
    @js_import("destroy", MODULE)
    def destroy_chart() -> None: ...

    def on_initialized(self) -> None:
        self.values = noise_series(self.seed)

    async def on_after_render_async(self, first_render: bool) -> None:
        if first_render:
            # The collocated module; it imports uPlot by its npm name.
            await JSHost.import_async(MODULE, "./charts/pages/chart.js")
            self.create_chart("chart")
            self.draw()

    def recompute(self) -> None:
        self.seed += 1
        self.values = noise_series(self.seed)
        self.draw()

    def draw(self) -> None:
        self.show([float(step) for step in range(len(self.values))], self.values)

    def dispose(self) -> None:
        self.destroy_chart()  # leaving the page: the next visit makes a new chart

    def render(self) -> Child:
        low, high = min(self.values), max(self.values)
        summary = (
            f"{humanize.intcomma(len(self.values))} points of Perlin noise, seed {self.seed}, "
            f"from {low:.2f} to {high:.2f}"
        )
        return [
            h.h1("Chart"),
            h.p(summary, id="summary"),
            h.div(id="chart", class_="chart"),
            h.button("Recompute", class_="btn btn-primary", on_click=self.recompute),
        ]
