"""/ : what the app shows, and where its packages come from."""

from jsinterop.components import Child, Component, html, page


@page("/")
class Index(Component):
    title = "Home"

    def render(self) -> Child:
        return html(
            """<h1>Charts</h1>
<p>A chart drawn by <a href="https://github.com/leeoniya/uPlot">uPlot</a>, an npm package,
from data computed in Python with <code>perlin-noise</code> and described with
<code>humanize</code>, two PyPI packages.</p>
<p>Open the <a href="chart">chart</a>.</p>"""
        )
