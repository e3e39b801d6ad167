"""jsinterop: typed, declarative Python <-> JavaScript interop for Python in WebAssembly.

Examples
--------
>>> from jsinterop import js_export, js_import
>>> @js_import("getMessage", "Interop")
... def get_welcome_message() -> str: ...
>>> @js_export
... def get_message() -> str:
...     return "Olá do Python!"

This module is also the composition root: the few needs of a lower layer that a higher one
meets are wired here, once, by passing functions down (never by importing upward).
"""

from jsinterop import _compile, _object
from jsinterop._errors import JSException, JSRangeError, JSTypeError, ObjectDisposedError
from jsinterop._exports import js_export
from jsinterop._handles import release
from jsinterop._host import JSHost, is_browser, is_node
from jsinterop._imports import js_import
from jsinterop._marshal import callables as _callables
from jsinterop._marshal import registry as _registry
from jsinterop._object import JSObject
from jsinterop._spec_types import JSType

__all__ = [
    "JSException",
    "JSHost",
    "JSObject",
    "JSRangeError",
    "JSType",
    "JSTypeError",
    "ObjectDisposedError",
    "is_browser",
    "is_node",
    "js_export",
    "js_import",
    "release",
]

__version__ = "0.1.0"

_object.wire(object_to_js=_callables.object_to_js, typed_reader=_compile.typed_reader)
_registry.compiler.compiler = _compile
