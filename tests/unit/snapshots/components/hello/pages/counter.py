"""/counter : state, an event handler and a render after each click."""

from jsinterop.components import Child, Component, h, page


@page("/counter")
class Counter(Component):
    title = "Counter"
    current_count = 0

    def increment(self) -> None:
        self.current_count += 1

    def render(self) -> Child:
        return [
            h.h1("Counter"),
            h.p(f"Current count: {self.current_count}", role="status"),
            h.button("Click me", class_="btn btn-primary", on_click=self.increment),
        ]
