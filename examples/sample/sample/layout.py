"""MainLayout with its NavMenu, and the page for an unknown address."""

from jsinterop.components import Child, Component, LayoutComponent, h, html

NAV_ITEMS = (
    ("", "Home"),
    ("call-javascript-1", "Call JS 1"),
    ("call-python-1", "Call Python 1"),
    ("call-javascript-2", "Call JS 2"),
    ("call-python-2", "Call Python 2"),
)


class MainLayout(LayoutComponent):
    title = "sample"

    def nav_link(self, href: str, text: str) -> Child:
        # Blazor's NavLink: "active" when the current address is the link's.
        current = self.navigation.to_base_relative_path(self.navigation.uri).strip("/")
        active = "nav-link active" if current == href else "nav-link"
        return h.li(h.a(text, href=href or "./", class_=active), class_="nav-item")

    def render(self) -> Child:
        return html(
            """<div class="page">
  <div class="sidebar">
    <div class="top-row"><a class="navbar-brand" href="./">sample</a></div>
    <nav>{links}</nav>
  </div>
  <main>
    <div class="top-row about">Python in WebAssembly with jsinterop</div>
    <article class="content">{body}</article>
  </main>
</div>""",
            links=h.ul(*(self.nav_link(href, text) for href, text in NAV_ITEMS)),
            body=self.body,
        )


class NotFound(Component):
    title = "Not found"

    def render(self) -> Child:
        return html(
            "<h1>Not found</h1>"
            '<p role="alert">Sorry, there\'s nothing at this address.</p>'
            '<p><a href="./">Back to the home page</a></p>'
        )
