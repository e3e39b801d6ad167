"""The output folder of a build: one the build owns, replaced whole by each build.

A build writes into a fresh staging folder beside the output folder and then swaps it in
with two renames, so the output folder always holds one complete build: never a page of one
build beside the archive of another, never a half-written file. Because the swap replaces
the whole folder, a build only writes into a folder it owns: a new or empty one, or one that
holds the marker file an earlier build wrote (:data:`MARKER`). It refuses the app folder, a
folder that holds the app folder, and any other folder with files in it, which could
otherwise be deleted, or served by ``jsinterop serve`` (dotfiles, sources).

Staging folders and replaced builds are hidden siblings of the output folder
(``.<name>.staging-*``, ``.<name>.old-*``) on the same file system, so the renames are
atomic.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from jsinterop.cli._messages import CliError

__all__ = [
    "MARKER",
    "MARKER_TEXT",
    "claim_output",
    "discard",
    "is_build_output",
    "new_staging",
    "swap_in",
]

MARKER = ".jsinterop-build"
"""The file every build writes at the top of its output folder: the folder is the build's."""

MARKER_TEXT = "This folder is written by jsinterop build; each build replaces all of it.\n"

# What builds wrote before the marker existed: their output folders are the build's too.
_EARLIER_RECORD = "_framework/build.json"


def claim_output(app_root: Path, out: Path) -> None:
    """Check that a build of the app in ``app_root`` may replace ``out``.

    Raises
    ------
    CliError
        When ``out`` is the app folder, holds it, is a file, or is a folder with files in
        it that no build wrote; the message says to choose another folder with ``-o``.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._output import claim_output
    >>> claim_output(Path("hello"), Path("hello/dist"))  # doctest: +SKIP
    """
    app, target = app_root.resolve(), out.resolve()
    if target == app:
        raise CliError(f"the output folder {out} is the app folder; choose another with -o")
    if app.is_relative_to(target):
        raise CliError(
            f"the output folder {out} holds the app folder {app_root}; choose another with -o"
        )
    if target.exists() and not target.is_dir():
        raise CliError(f"the output folder {out} is a file; choose a folder with -o")
    if target.is_dir() and not is_build_output(target) and any(target.iterdir()):
        raise CliError(
            f"the output folder {out} has files that jsinterop build did not write (there is "
            f"no {MARKER} in it); a build replaces the whole folder, so choose a new or empty "
            "folder with -o"
        )


def is_build_output(folder: Path) -> bool:
    """Whether ``folder`` was written by a build (it holds :data:`MARKER`, or the record of
    a build made before the marker existed).

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._output import is_build_output
    >>> is_build_output(Path("hello/dist"))  # doctest: +SKIP
    True
    """
    return (folder / MARKER).is_file() or (folder / _EARLIER_RECORD).is_file()


def new_staging(out: Path) -> Path:
    """A new empty folder beside ``out`` to build into, holding :data:`MARKER`.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._output import new_staging
    >>> new_staging(Path("hello/dist")).name  # doctest: +SKIP
    '.dist.staging-k2j4x9'
    """
    target = out.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    return staging


def swap_in(staging: Path, out: Path) -> Path | None:
    """Make the complete build in ``staging`` the output folder ``out``.

    Returns
    -------
    Path or None
        Where the build ``out`` held before now is (a hidden sibling, for the caller to
        :func:`discard` when nothing reads it any more), or ``None`` if there was none.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._output import discard, new_staging, swap_in
    >>> out = Path("hello/dist")
    >>> discard(swap_in(new_staging(out), out))  # doctest: +SKIP
    """
    target = out.resolve()
    previous = None
    if target.exists():
        # A unique name, never reused: a dev server may still be reading the folder.
        previous = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        previous.rmdir()
        target.rename(previous)
    staging.replace(target)
    return previous


def discard(folder: Path | None) -> None:
    """Delete a staging folder or a replaced build (``None``: nothing to do).

    Examples
    --------
    >>> from jsinterop.cli._output import discard
    >>> discard(None)
    """
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
