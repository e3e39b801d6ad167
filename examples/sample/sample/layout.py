"""MainLayout with its NavMenu, and the page for an unknown address."""

from jsinterop.components import Child, Component, LayoutComponent, NavLink, h, html

NAV_ITEMS = (
    ("", "Home"),
    ("call-javascript-1", "Call JS 1"),
    ("call-python-1", "Call Python 1"),
    ("call-javascript-2", "Call JS 2"),
    ("call-python-2", "Call Python 2"),
)


def nav_item(href: str, text: str) -> Child:
    # NavLink adds "active" while its page is shown.
    return h.li(h.component(NavLink, href=href, content=text), class_="nav-item")


class MainLayout(LayoutComponent):
    title = "sample"

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
            links=h.ul(*(nav_item(href, text) for href, text in NAV_ITEMS)),
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
