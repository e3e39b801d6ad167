"""The Interop class (the seed's Interop.cs): one JS module used by several components."""

from jsinterop import js_export, js_import


class Interop:
    @staticmethod
    @js_import("getMessage", "Interop")
    def get_welcome_message() -> str: ...

    @staticmethod
    @js_import("setMessage", "Interop")
    def set_welcome_message() -> None: ...

    @staticmethod
    @js_export
    def get_message_from_python() -> str:
        return "Olá do Python!"
