"""/ : the home page."""

from jsinterop.components import Child, Component, html, page


@page("/")
class Index(Component):
    title = "Home"

    def render(self) -> Child:
        return html("<h1>Hello, world!</h1>\n<p>Welcome to your new app.</p>")
