"""/call-python-2 : the seed's CallDotNet2, through the shared Interop module."""

from jsinterop.components import Child, Component, html, page
from sample.interop import Interop


@page("/call-python-2")
class CallPython2(Component):
    title = "Call Python 2"

    def on_after_render(self, first_render: bool) -> None:
        Interop.set_welcome_message()

    def render(self) -> Child:
        return html(
            "<h1>Python JS <code>@js_import</code>/<code>@js_export</code> "
            "Interop 2 (Call Python)</h1>\n"
            '<p><span id="result">Python method not executed</span></p>'
        )
