"""/call-javascript-1 : the seed's CallJavaScript1 (Pages/CallJavaScript1.razor + .cs)."""

from jsinterop import JSHost, js_import
from jsinterop.components import Child, Component, html, page


@page("/call-javascript-1")
class CallJavaScript1(Component):
    title = "Call JS 1"
    message: str | None = None

    @staticmethod
    @js_import("getMessage", "CallJavaScript1")
    def get_welcome_message() -> str: ...

    async def on_initialized_async(self) -> None:
        await JSHost.import_async("CallJavaScript1", "./sample/pages/call_javascript_1.js")
        self.message = self.get_welcome_message()

    def render(self) -> Child:
        return html(
            "<h1>Python JS <code>@js_import</code>/<code>@js_export</code> "
            "Interop 1 (Call JS)</h1>\n{message}",
            message=self.message if self.message is not None else "",
        )
