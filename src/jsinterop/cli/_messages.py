"""What the CLI tells its user: errors they can fix, and progress lines on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable

__all__ = ["CliError", "Progress", "print_progress"]

Progress = Callable[[str], None]
"""Receives one progress line (without the ``jsinterop:`` prefix) for a long step."""


class CliError(Exception):
    """A problem the user can fix; the CLI prints it as ``jsinterop: error: <message>``.

    Examples
    --------
    >>> from jsinterop.cli._messages import CliError
    >>> str(CliError("app folder not found: hello"))
    'app folder not found: hello'
    """


def print_progress(message: str) -> None:
    """Write ``jsinterop: <message>`` to stderr, so that stdout stays the app's own.

    Parameters
    ----------
    message : str
        The progress line, e.g. ``"fetching Pyodide 314.0.7 ..."``.

    Examples
    --------
    >>> from jsinterop.cli._messages import print_progress
    >>> print_progress("building hello -> hello/dist/ ...")  # doctest: +SKIP
    """
    print(f"jsinterop: {message}", file=sys.stderr, flush=True)
