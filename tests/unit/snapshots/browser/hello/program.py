"""The app's entry point, and a function JavaScript calls (see main.js)."""

from jsinterop import js_export, js_import


@js_import("window.location.href", "main.js")
def get_href() -> str: ...


@js_export
def greeting() -> str:
    return f"Hello, World! Greetings from {get_href()}"


def main(args: list[str]) -> int:
    print("Hello, browser!")
    return 0
