"""/call-javascript-2 : the seed's CallJavaScript2, through the shared Interop module."""

from jsinterop.components import Child, Component, html, page
from sample.interop import Interop


@page("/call-javascript-2")
class CallJavaScript2(Component):
    title = "Call JS 2"
    message: str | None = None

    def on_initialized(self) -> None:
        self.message = Interop.get_welcome_message()

    def render(self) -> Child:
        return html(
            "<h1>Python JS <code>@js_import</code>/<code>@js_export</code> "
            "Interop 2 (Call JS)</h1>\n{message}",
            message=self.message if self.message is not None else "",
        )
