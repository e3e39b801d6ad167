"""Placeholder: re-exports _bridge's four JS entry points; the Python-core refactor replaces it."""

from jsinterop._bridge import (
    collect_exports,
    last_exception_details,
    last_exception_value,
    run_main,
)

__all__ = ["collect_exports", "last_exception_details", "last_exception_value", "run_main"]
