"""The marshal registry: the dispatch table the type families fill, and the namespace their
generated code is compiled in.

Each family module (``primitives``, ``sequences``, ...) names the spec kinds it handles in
``KINDS`` and offers ``to_js(spec, value, env, where)`` and ``from_js(spec, value, env,
where)``: they return the source of a Python expression converting ``value`` on its way to
JS, or back from JS, or ``None`` when the value crosses as it is (Pyodide converts primitives
itself, and the JS half validates them). ``env`` collects the helpers the expression names.
Families are registered by the package's ``__init__`` (one line each) and recurse through
:func:`to_js` / :func:`from_js` here for their items, never through each other.

The callables family compiles whole signatures; it reaches the marshaller compiler, a layer
above it, through :data:`compiler`, which the composition root fills in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from jsinterop._spec_types import CallableSpec, OptionalSpec, TypeSpec

__all__ = ["Env", "Family", "SignatureCompiler", "compiler", "from_js", "register", "to_js"]


class Env:
    """Names that generated code may use, each bound once at compile time."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {}
        self._fresh = 0

    def add(self, hint: str, value: Any) -> str:
        """Bind ``value`` under a fresh name starting with ``hint`` and return that name."""
        for existing, bound in self.names.items():
            if bound is value and existing.startswith(f"_jsi_{hint}"):
                return existing
        name = f"_jsi_{hint}{len(self.names)}"
        self.names[name] = value
        return name

    def fresh(self, hint: str) -> str:
        """A new local variable name for generated code (comprehension variables)."""
        self._fresh += 1
        return f"_jsi_{hint}_{self._fresh}"


class Family(Protocol):
    """A type family module: the kinds it handles and its two expression builders."""

    @property
    def KINDS(self) -> tuple[str, ...]:
        """The spec kinds the family converts."""
        ...

    def to_js(self, spec: Any, value: str, env: Env, where: str) -> str | None: ...

    def from_js(self, spec: Any, value: str, env: Env, where: str) -> str | None: ...


_families: dict[str, Family] = {}


def register(family: Family) -> None:
    """Make ``family`` the converter of each kind in its ``KINDS``."""
    for kind in family.KINDS:
        if kind in _families:
            raise ValueError(f"the spec kind {kind!r} is registered twice")
        _families[kind] = family


def _family(spec: TypeSpec) -> Family:
    try:
        return _families[spec.kind]
    except KeyError:
        raise RuntimeError(f"no marshal family is registered for {spec.kind!r}") from None


def to_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Expression sending Python ``value`` to JS as ``spec``, or ``None`` for as-is."""
    if isinstance(spec, OptionalSpec):
        inner = to_js(spec.inner, value, env, where)
        return None if inner is None else f"(None if {value} is None else {inner})"
    return _family(spec).to_js(spec, value, env, where)


def from_js(spec: TypeSpec, value: str, env: Env, where: str) -> str | None:
    """Expression reading JS ``value`` (already validated by the JS half) as ``spec``."""
    if isinstance(spec, OptionalSpec):
        inner = from_js(spec.inner, value, env, where)
        return None if inner is None else f"(None if {value} is None else {inner})"
    return _family(spec).from_js(spec, value, env, where)


class SignatureCompiler(Protocol):
    """What the callables family needs from the marshaller compiler (``jsinterop._compile``)."""

    def callback_factory(self, spec: CallableSpec, where: str) -> Callable[[Any], Any]:
        """``make(fn)``: the function JS calls for the Python callable ``fn``."""
        ...

    def js_caller_factory(self, spec: CallableSpec, where: str) -> Callable[[Any], Any]:
        """``make(js_function)``: the typed Python callable calling a JS function."""
        ...


class _Slot:
    """Holds the compiler once the composition root has wired it."""

    def __init__(self) -> None:
        self.compiler: SignatureCompiler | None = None

    def get(self) -> SignatureCompiler:
        if self.compiler is None:
            raise RuntimeError("jsinterop's marshaller compiler is not wired yet")
        return self.compiler


compiler = _Slot()
"""``compiler.get()``: the marshaller compiler, set by the composition root."""
