"""Walking the files of a folder on disk or inside the installed package, in a fixed order."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources.abc import Traversable

__all__ = ["walk_files"]


def walk_files(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    """The files under ``folder``, sorted, skipping hidden names and Python caches.

    Parameters
    ----------
    folder : Traversable
        A folder: a :class:`pathlib.Path`, or one from :func:`importlib.resources.files`.
    prefix : str, optional
        Put before each relative name, e.g. ``"hello/"``.

    Yields
    ------
    tuple[str, Traversable]
        ``prefix`` + the file's posix path relative to ``folder``, and the file.

    Examples
    --------
    >>> from importlib import resources
    >>> from jsinterop.cli._files import walk_files
    >>> templates = resources.files("jsinterop.cli") / "templates" / "console"
    >>> [name for name, _ in walk_files(templates)]
    ['__package__/__init__.py.tmpl', '__package__/program.py.tmpl', 'main.mjs', 'pyproject.toml']
    """
    for child in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if child.name.startswith(".") or child.name == "__pycache__":
            continue
        if child.is_dir():
            yield from walk_files(child, f"{prefix}{child.name}/")
        elif child.is_file() and not child.name.endswith(".pyc"):
            yield f"{prefix}{child.name}", child
