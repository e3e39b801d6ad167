"""The namespace a generated marshaller is compiled in."""

from __future__ import annotations

from typing import Any

__all__ = ["Env"]


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
