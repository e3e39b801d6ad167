"""The app's entry point, and a function JavaScript calls (see main.mjs)."""

from jsinterop import js_export, js_import


@js_import("node.process.version", "main.mjs")
def get_node_version() -> str: ...


@js_export
def greeting() -> str:
    return f"Hello, World! Greetings from node version: {get_node_version()}"


def main(args: list[str]) -> int:
    print(" ".join(args))
    return 0
