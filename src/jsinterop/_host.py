"""JSHost: modules and the global object."""

from __future__ import annotations

from typing import Any

from jsinterop import _bridge
from jsinterop._object import JSObject
from jsinterop._throws import translate_error

__all__ = ["JSHost", "is_browser", "is_node"]


class _JSHostMeta(type):
    @property
    def global_this(cls) -> JSObject:
        """The JS global object (``globalThis``) as a :class:`JSObject`."""
        return JSObject._wrap(_bridge.global_this())


class JSHost(metaclass=_JSHostMeta):
    """The JS side of the app: ES modules by name, and the global object.

    Examples
    --------
    In Pyodide::

        >>> from jsinterop import JSHost
        >>> module = await JSHost.import_async("Interop", "./js/interop.js")
        >>> JSHost.global_this.type_of("setTimeout")
        'function'
    """

    @staticmethod
    async def import_async(
        module_name: str, module_url: str, *, on_page: bool | None = None
    ) -> JSObject:
        """Import the ES module at ``module_url`` and register it as ``module_name``.

        Stubs declared with ``@js_import(..., module_name)`` find their functions in it.
        Calling it again with the same name and URL returns the module already imported;
        the same name with another URL raises ``ValueError``. A relative URL resolves
        against the app's root: the page's base URL in a browser, the app folder in Node.

        When Python runs in a worker, ``on_page=True`` has the page import the module, and
        its functions run on the page, called synchronously from the worker (for a module
        that uses ``document`` or ``window``); ``on_page=False`` imports it into the worker.
        Without it, the app's setting decides: an app built with ``[tool.jsinterop] worker =
        true`` imports on the page, ``python.inWorker()`` alone into the worker (the
        ``importsOnPage`` setting changes either). On the main thread ``on_page`` changes
        nothing.

        Examples
        --------
        In Pyodide::

            >>> module = await JSHost.import_async("CallJavaScript1", "./js/call1.js")
            >>> module.type_of("getMessage")
            'function'
        """
        if not isinstance(module_name, str) or not module_name:
            raise TypeError(
                f"import_async(): module_name must be a non-empty str, got {module_name!r}"
            )
        if not isinstance(module_url, str) or not module_url:
            raise TypeError(
                f"import_async(): module_url must be a non-empty str, got {module_url!r}"
            )
        if on_page is not None and not isinstance(on_page, bool):
            raise TypeError(f"import_async(): on_page must be a bool or None, got {on_page!r}")
        try:
            namespace: Any = await _bridge.import_module(module_name, module_url, on_page)
        except _bridge.JsException as error:
            raise translate_error(error) from None
        return JSObject._wrap(namespace)


def is_browser() -> bool:
    """Whether Python runs in a web browser.

    Examples
    --------
    >>> from jsinterop import is_browser
    >>> is_browser()  # on CPython, outside WebAssembly
    False
    """
    return _bridge.is_browser()


def is_node() -> bool:
    """Whether Python runs in Node.js.

    Examples
    --------
    >>> from jsinterop import is_node
    >>> is_node()  # on CPython, outside WebAssembly
    False
    """
    return _bridge.is_node()
