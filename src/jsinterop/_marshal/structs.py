"""``@dataclass``, ``TypedDict`` and ``NamedTuple`` <-> plain JS object with those fields.

On the way to JS, Python checks the class, converts the fields that need it and hands over
the field values of a dataclass or NamedTuple in field order, packed by one JS call (no key
crosses), or a JS Map of the fields (the present keys of a TypedDict, or any record holding a
value with no JS form, so that the JS half can name it); the JS half checks every field's
value, reports missing and unexpected fields, and builds the object. On the way back, the JS
half checks the object the same way and hands over a Map of the converted fields; Python
converts what needs it and builds the instance, so a dataclass's defaults fill the fields JS
left out. Errors name the field:
``argument 'p'.x must be int, got str``.

Each class's converters are compiled once, whatever signature uses it: they are built with
an empty ``where`` and the signature's converter puts its own ``where`` in front.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from jsinterop import _bridge
from jsinterop._marshal import item_converters, packed
from jsinterop._marshal.registry import Env
from jsinterop._spec_types import StructSpec, TypeSpec

__all__ = ["KINDS", "from_js", "struct_to_js", "to_js"]

KINDS = ("struct",)

_CONVERTED = (TypeError, ValueError, OverflowError)

_to_js_cache: dict[StructSpec, Callable[[Any], Any]] = {}
_from_js_cache: dict[StructSpec, Callable[[Any], Any]] = {}


def _to_js_converter(spec: StructSpec) -> Callable[[Any], Any]:
    convert = _to_js_cache.get(spec)
    if convert is None:
        convert = _to_js_cache[spec] = _build_to_js(spec)
    return convert


def _from_js_converter(spec: StructSpec) -> Callable[[Any], Any]:
    convert = _from_js_cache.get(spec)
    if convert is None:
        convert = _from_js_cache[spec] = _build_from_js(spec)
    return convert


def _build_to_js(spec: StructSpec) -> Callable[[Any], Any]:
    env = Env()
    converters = {f.name: item_converters.to_js_function(f.type, env, "") for f in spec.fields}
    cls = spec.cls
    name = cls.__qualname__
    map_to_js = _bridge.map_to_js

    def wrong(value: Any) -> TypeError:
        return TypeError(f" must be {name}, got {type(value).__name__}")

    if spec.flavor == "typeddict":

        def typed_dict_to_js(value: Any) -> Any:
            if type(value) is not dict:
                raise wrong(value)
            out = {}
            key = ""
            try:
                for key, item in value.items():
                    field = converters.get(key)
                    out[key] = item if field is None else field(item)
            except _CONVERTED as error:
                raise item_converters.at(error, "", f".{key}") from None
            return map_to_js(out)

        return typed_dict_to_js

    names = tuple(converters)
    # attrgetter of two or more names returns a tuple (read in C); of one, the bare value.
    read: Callable[[Any], tuple[Any, ...]] = (
        attrgetter(*names) if len(names) > 1 else lambda v: tuple(getattr(v, n) for n in names)
    )
    converted = tuple((i, key, f) for i, (key, f) in enumerate(converters.items()) if f is not None)

    def instance_to_js(value: Any) -> Any:
        if not isinstance(value, cls):
            raise wrong(value)
        values: Sequence[Any] = read(value)
        if converted:
            values = list(values)
            key = ""
            try:
                for i, key, field in converted:  # noqa: B007 -- the key names a failing field
                    values[i] = field(values[i])
            except _CONVERTED as error:
                raise item_converters.at(error, "", f".{key}") from None
        record = packed.pack_values(*values)
        if record is None:  # a value with no JS form: a Map lets the JS half name it
            return map_to_js(dict(zip(names, values, strict=True)))
        return record

    return instance_to_js


def _build_from_js(spec: StructSpec) -> Callable[[Any], Any]:
    env = Env()
    converters = tuple(
        (f.name, item_converters.from_js_function(f.type, env, ""))
        for f in spec.fields
        if f.type.kind not in ("bool", "int", "str")
    )
    cls = spec.cls
    build = dict if spec.flavor == "typeddict" else cls

    def struct_from_js(value: Any) -> Any:
        items: dict[str, Any] = value.to_py(depth=1)
        for key, field in converters:
            if key in items:
                items[key] = field(items[key])
        return build(**items)

    return struct_from_js


def struct_to_js(value: Any, convert: Callable[[Any], Any], where: str) -> Any:
    """``convert(value)``, its errors naming ``where`` first."""
    try:
        return convert(value)
    except _CONVERTED as error:
        raise item_converters.at(error, "", where) from None


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``struct_to_js(value, converter, where)``."""
    assert isinstance(spec, StructSpec)
    convert = env.add("struct_to_js_converter", _to_js_converter(spec))
    return f"{env.add('struct_to_js', struct_to_js)}({value}, {convert}, {env.add('where', where)})"


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """``converter(value)``: the class's own compiled reader."""
    assert isinstance(spec, StructSpec)
    return f"{env.add('struct_from_js', _from_js_converter(spec))}({value})"
