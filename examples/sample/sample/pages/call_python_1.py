"""/call-python-1 : the seed's CallDotNet1, calling Python from JavaScript."""

from jsinterop import JSHost, js_export, js_import
from jsinterop.components import Child, Component, html, page


@page("/call-python-1")
class CallPython1(Component):
    title = "Call Python 1"

    @staticmethod
    @js_import("setMessage", "CallPython1")
    def set_welcome_message() -> None: ...

    @staticmethod
    @js_export
    def get_message_from_python() -> str:
        return "Olá do Python!"

    async def on_initialized_async(self) -> None:
        await JSHost.import_async("CallPython1", "./sample/pages/call_python_1.js")

    def on_after_render(self, first_render: bool) -> None:
        self.set_welcome_message()

    def render(self) -> Child:
        return html(
            "<h1>Python JS <code>@js_import</code>/<code>@js_export</code> "
            "Interop 1 (Call Python)</h1>\n"
            '<p><span id="result">Python method not executed yet</span></p>'
        )
