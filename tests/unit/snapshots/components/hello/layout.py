"""The layout around every page: a navigation menu and the page."""

from jsinterop.components import Child, LayoutComponent, h, html

NAV_ITEMS = (("", "Home"), ("counter", "Counter"), ("interop", "Interop"))


class MainLayout(LayoutComponent):
    title = "hello"

    def nav_link(self, href: str, text: str) -> Child:
        current = self.navigation.to_base_relative_path(self.navigation.uri).strip("/")
        active = "nav-link active" if current == href else "nav-link"
        return h.li(h.a(text, href=href or "./", class_=active), class_="nav-item")

    def render(self) -> Child:
        return html(
            """<div class="page">
  <div class="sidebar">
    <div class="top-row"><a class="navbar-brand" href="./">{name}</a></div>
    <nav>{links}</nav>
  </div>
  <main><article class="content">{body}</article></main>
</div>""",
            name="hello",
            links=h.ul(*(self.nav_link(href, text) for href, text in NAV_ITEMS)),
            body=self.body,
        )
