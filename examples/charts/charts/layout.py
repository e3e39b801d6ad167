"""The layout around every page: a navigation menu and the page."""

from jsinterop.components import Child, LayoutComponent, NavLink, h, html

NAV_ITEMS = (("", "Home"), ("chart", "Chart"))


def nav_item(href: str, text: str) -> Child:
    # NavLink adds "active" while its page is shown.
    return h.li(h.component(NavLink, href=href, content=text), class_="nav-item")


class MainLayout(LayoutComponent):
    title = "charts"

    def render(self) -> Child:
        return html(
            """<div class="page">
  <div class="sidebar">
    <div class="top-row"><a class="navbar-brand" href="./">{name}</a></div>
    <nav>{links}</nav>
  </div>
  <main><article class="content">{body}</article></main>
</div>""",
            name="charts",
            links=h.ul(*(nav_item(href, text) for href, text in NAV_ITEMS)),
            body=self.body,
        )
