"""hello: a component with a collocated module, a static file and an export."""

from jsinterop import js_export

from .greeting import Greeting

__all__ = ["Greeting", "greeting_text"]


@js_export
def greeting_text(name: str) -> str:
    """The text :class:`Greeting` shows; JS reaches it with getExports("hello")."""
    return f"Hello, {name}!"
