"""Greeting: a component whose collocated module (greeting.js) decorates what it renders."""

from jsinterop import JSHost, js_import
from jsinterop.components import Child, Component, h

MODULE = "hello.greeting"
# Where an app's build serves this package's greeting.js.
MODULE_URL = "./_content/hello/greeting.js"


@js_import("decorate", MODULE)
def decorate(element_id: str) -> None: ...


class Greeting(Component):
    """``h.component(Greeting, name="world")`` in a page."""

    name: str = "world"
    element_id: str = "hello-greeting"

    def render(self) -> Child:
        return h.p(f"Hello, {self.name}!", id=self.element_id, class_="hello-greeting")

    async def on_after_render_async(self, first_render: bool) -> None:
        if first_render:
            await JSHost.import_async(MODULE, MODULE_URL)
            decorate(self.element_id)
