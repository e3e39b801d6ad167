"""/interop : Python calls a function of the JS module next to this file, and back."""

from jsinterop import JSHost, js_export, js_import
from jsinterop.components import Child, Component, h, page


@page("/interop")
class Interop(Component):
    title = "Interop"
    message = ""

    @staticmethod
    @js_import("getMessage", "hello.pages.interop")
    async def get_message() -> str: ...

    @staticmethod
    @js_export
    def get_name() -> str:
        return "Python"

    async def on_initialized_async(self) -> None:
        # A module collocated with its component is served at <package>/<path>.js.
        await JSHost.import_async("hello.pages.interop", "./hello/pages/interop.js")
        self.message = await self.get_message()

    def render(self) -> Child:
        return [h.h1("Interop"), h.p(self.message, id="message")]
