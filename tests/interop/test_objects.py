"""JSObject: typed and dynamic access to JS objects, identity and disposal."""

from __future__ import annotations

import pytest

from jsinterop import JSHost, JSObject, ObjectDisposedError, js_import

from .conftest import import_js

HERE = "jsinterop_tests.test_objects"


@pytest.fixture(autouse=True, scope="module")
def module() -> None:
    import_js("objects", "objects.mjs")


@js_import("makeThing", "objects")
def make_thing() -> JSObject: ...


@js_import("same", "objects")
def same(a: JSObject, b: JSObject) -> bool: ...


@js_import("identity", "objects")
def maybe_object(value: JSObject | None) -> JSObject | None: ...


@js_import("identity", "objects")
def object_as_str(value: JSObject) -> str: ...


@js_import("identity", "objects")
def str_as_object(value: str) -> JSObject: ...


@js_import("nothing", "objects")
def nothing() -> JSObject: ...


def test_dynamic_reads_convert_primitives_and_wrap_objects() -> None:
    thing = make_thing()
    assert thing["count"] == 3
    assert thing["ratio"] == 0.5
    assert thing["label"] == "thing"
    assert thing["flag"] is True
    assert thing["empty"] is None
    nested = thing["nested"]
    assert isinstance(nested, JSObject)
    assert nested["inner"] == "deep"


def test_missing_property_is_key_error() -> None:
    with pytest.raises(KeyError):
        make_thing()["nope"]


def test_typed_get_validates() -> None:
    thing = make_thing()
    assert thing.get("count", int) == 3
    assert thing.get("label", str) == "thing"
    assert thing.get("empty", str | None) is None
    assert thing.get("nope", int | None) is None
    assert thing.get("nested", JSObject).get("inner", str) == "deep"
    with pytest.raises(TypeError) as info:
        thing.get("label", int)
    assert str(info.value) == "JSObject property 'label' must be int, got string \"thing\""
    with pytest.raises(TypeError) as info:
        thing.get("nope", str)
    assert str(info.value) == "JSObject property 'nope' must be str, got undefined"
    with pytest.raises(TypeError) as info:
        thing.get("count", list[int])
    assert str(info.value) == "JSObject property 'count' must be list[int], got number 3"
    with pytest.raises(TypeError, match=r"unsupported type 'complex'"):
        thing.get("count", complex)


def test_set_contains_type_of_and_call() -> None:
    thing = make_thing()
    thing["count"] = 10
    thing["child"] = make_thing()
    thing["gone"] = None
    assert thing.get("count", int) == 10
    assert thing["child"]["label"] == "thing"
    assert thing["gone"] is None
    assert "count" in thing and "nope" not in thing
    assert thing.type_of("total") == "function"
    assert thing.type_of("nope") == "undefined"
    assert thing.call("total", 1, 2) == 13
    with pytest.raises(TypeError, match="'label' is string \"thing\", not a function"):
        thing.call("label")
    with pytest.raises(OverflowError):
        thing["count"] = 2**60
    # Other Python objects are stored as opaque handles and come back as themselves.
    numbers = [1, 2]
    thing["count"] = numbers
    assert thing["count"] is numbers
    # A Python callable becomes a JS function taking and returning values as Any.
    thing["double"] = lambda x: 2 * x
    assert thing.type_of("double") == "function"
    assert thing.call("double", 4) == 8
    assert thing.call("double", numbers) == [1, 2, 1, 2]


def test_objects_keep_identity_both_ways() -> None:
    thing = make_thing()
    assert same(thing, thing)
    assert not same(thing, make_thing())
    back = maybe_object(thing)
    assert back is not None and same(back, thing)
    assert maybe_object(None) is None


def test_wrong_values_for_object_types() -> None:
    with pytest.raises(TypeError) as info:
        same("text", make_thing())  # type: ignore[arg-type]
    assert str(info.value) == f"{HERE}.same(): argument 'a' must be JSObject, got str"
    with pytest.raises(TypeError) as info:
        object_as_str(make_thing())
    assert str(info.value) == (
        f"{HERE}.object_as_str(): the value returned by JS 'identity' must be str, "
        "got object (Object)"
    )
    with pytest.raises(TypeError, match="must be JSObject, got string"):
        str_as_object("x")
    with pytest.raises(TypeError, match="must be JSObject, got null"):
        nothing()


def test_dispose_and_context_manager() -> None:
    thing = make_thing()
    assert not thing.is_disposed
    thing.dispose()
    assert thing.is_disposed
    thing.dispose()  # twice is harmless
    with pytest.raises(ObjectDisposedError, match="after dispose"):
        thing["count"]
    with pytest.raises(ObjectDisposedError, match="after dispose"):
        thing.call("total", 1, 2)
    with pytest.raises(ObjectDisposedError) as info:
        same(thing, make_thing())
    assert str(info.value) == f"{HERE}.same(): argument 'a' is a JSObject that was disposed"
    with make_thing() as scoped:
        assert scoped["count"] == 3
    assert scoped.is_disposed
    assert repr(scoped) == "<JSObject (disposed)>"


def test_global_this() -> None:
    math = JSHost.global_this.get("Math", JSObject)
    assert math.call("max", 1, 5, 3) == 5
    assert math.get("PI", float) == pytest.approx(3.14159265)
    assert JSHost.global_this.type_of("setTimeout") == "function"


def test_jsobject_cannot_be_constructed() -> None:
    with pytest.raises(TypeError, match="created by jsinterop"):
        JSObject()
