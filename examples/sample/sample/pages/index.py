"""/ : the index, with a link to each interop page."""

from jsinterop.components import Child, Component, html, page


@page("/")
class Index(Component):
    title = "Home"

    def render(self) -> Child:
        return html(
            """<h1>Hello, world!</h1>
<p>Welcome to the Python port of the BlazorSample app: Python components running in
WebAssembly, calling JavaScript with <code>@js_import</code> and called from JavaScript
with <code>@js_export</code>.</p>
<ul class="interop-pages">
  <li><a href="call-javascript-1">Call JS 1</a>: a collocated module,
    imported in <code>on_initialized_async</code></li>
  <li><a href="call-python-1">Call Python 1</a>: collocated JS that calls
    a Python export</li>
  <li><a href="call-javascript-2">Call JS 2</a>: one shared module
    (<code>wwwroot/js/interop.js</code>)</li>
  <li><a href="call-python-2">Call Python 2</a>: the shared module calls Python</li>
</ul>"""
        )
