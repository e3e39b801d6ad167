"""JSHost.import_async, setModuleImports and how stubs find their functions."""

from __future__ import annotations

import re

import pytest

from jsinterop import JSException, JSHost, is_browser, is_node, js_import

URL = "./tests/interop/modules.mjs"


@js_import("getMessage", "modules")
def get_message() -> str: ...


@js_import("evaluations", "modules")
def evaluations() -> int: ...


@js_import("counter.next", "modules")
def counter_next() -> int: ...


@js_import("registerFromJs", "modules")
def register_from_js() -> None: ...


@js_import("node.process.version", "fromJs")
def node_version() -> str: ...


@js_import("getMessage", "neverImported")
def never_imported() -> str: ...


@js_import("counter.missing.deeper", "modules")
def missing_member() -> int: ...


@js_import("notAFunction", "modules")
def not_a_function() -> str: ...


@js_import("Math.max")
def js_max(a: float, b: float) -> float: ...


@js_import("globalThis.Math.min")
def js_min(a: float, b: float) -> float: ...


async def test_import_async_imports_once_and_binds_stubs() -> None:
    module = await JSHost.import_async("modules", URL)
    assert module.type_of("getMessage") == "function"
    assert get_message() == "Olá do JavaScript!"
    loads = evaluations()
    again = await JSHost.import_async("modules", URL)
    again_absolute = await JSHost.import_async("modules", "tests/interop/modules.mjs")
    assert evaluations() == loads
    assert again["notAFunction"] == module["notAFunction"] == again_absolute["notAFunction"]


async def test_same_name_other_url_is_value_error() -> None:
    await JSHost.import_async("modules", URL)
    with pytest.raises(ValueError) as info:
        await JSHost.import_async("modules", "./tests/interop/modules_other.mjs")
    message = str(info.value)
    # file:// in Node, http:// in the browser: the app root's own scheme.
    assert re.match(
        r"module 'modules' is already imported from (file|http)://\S+/tests/interop/modules\.mjs",
        message,
    )
    assert message.endswith("modules_other.mjs")
    assert get_message() == "Olá do JavaScript!"


async def test_missing_module_file_raises_and_can_be_retried() -> None:
    with pytest.raises(JSException) as info:
        await JSHost.import_async("missing", "./tests/interop/does-not-exist.mjs")
    assert re.search(
        r"cannot import module 'missing' from (file|http)://\S+/tests/interop/does-not-exist\.mjs",
        info.value.message,
    )
    other = await JSHost.import_async("missing", "./tests/interop/modules_other.mjs")
    assert other.type_of("getMessage") == "function"


def test_stub_before_import_says_what_to_do() -> None:
    with pytest.raises(LookupError) as info:
        never_imported()
    assert str(info.value) == (
        "module 'neverImported' was not imported yet, please call "
        "await JSHost.import_async('neverImported', url) first "
        "(or setModuleImports('neverImported', {...}) from JS)"
    )


async def test_missing_member_and_non_function() -> None:
    await JSHost.import_async("modules", URL)
    with pytest.raises(LookupError) as info:
        missing_member()
    assert str(info.value) == (
        "missing not found while looking up counter.missing.deeper in module 'modules'"
    )
    with pytest.raises(LookupError) as info:
        not_a_function()
    assert str(info.value) == "notAFunction in module 'modules' is a string, not a function"


async def test_dotted_path_binds_this() -> None:
    await JSHost.import_async("modules", URL)
    first = counter_next()
    assert counter_next() == first + 1


def test_global_paths_with_and_without_prefix() -> None:
    assert js_max(1, 7) == 7.0
    assert js_min(1, 7) == 1.0


async def test_set_module_imports_from_js() -> None:
    await JSHost.import_async("modules", URL)
    register_from_js()
    assert node_version().startswith("v")


def test_environment() -> None:
    assert is_node()
    assert not is_browser()


async def test_bad_arguments_to_import_async() -> None:
    with pytest.raises(TypeError, match="module_name must be a non-empty str"):
        await JSHost.import_async("", URL)
    with pytest.raises(TypeError, match="module_url must be a non-empty str"):
        await JSHost.import_async("x", None)  # type: ignore[arg-type]
