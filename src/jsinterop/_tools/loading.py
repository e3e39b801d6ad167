"""Import an app's Python package on CPython, the way the tools need it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from jsinterop._exports import (
    ExportEntry,
    exports_under,
    forget_exports_under,
    import_package_tree,
)

__all__ = ["app_exports", "forget_package", "node_json", "on_sys_path"]


@contextmanager
def on_sys_path(folder: Path) -> Iterator[None]:
    """``folder`` first on ``sys.path`` for the duration."""
    entry = str(folder.resolve())
    sys.path.insert(0, entry)
    try:
        yield
    finally:
        sys.path.remove(entry)


def app_exports(
    package_dir: Path, package: str, python_path: Sequence[Path] = ()
) -> list[ExportEntry]:
    """Import ``package`` (found in ``package_dir``'s parent) and all its submodules; return
    its exports. ``python_path`` (folders, or pure-Python wheels: zipimport reads them) is
    put on ``sys.path`` for the import too: the app's dependencies.

    Examples
    --------
    >>> from pathlib import Path
    >>> app_exports(Path("hello/hello"), "hello")  # doctest: +SKIP
    [ExportEntry(module='hello.program', path='hello.program.greeting', ...)]
    """
    forget_package(package)
    with ExitStack() as stack:
        for entry in [*python_path, package_dir.parent]:
            stack.enter_context(on_sys_path(entry))
        import_package_tree(package)
    return exports_under(package)


def forget_package(package: str) -> None:
    """Forget ``package``'s modules and exports, so the next import reads the files again
    (``serve`` rebuilds in one process)."""
    for name in [n for n in sys.modules if n == package or n.startswith(f"{package}.")]:
        del sys.modules[name]
    forget_exports_under(package)


def node_json(arguments: list[str], failure: str, cwd: Path | None = None) -> Any:
    """Run ``node`` with ``arguments`` and read its standard output as JSON.

    A non-zero exit raises ``RuntimeError`` starting with ``failure`` and ending with what
    Node printed on its standard error.
    """
    completed = subprocess.run(arguments, capture_output=True, text=True, check=False, cwd=cwd)
    if completed.returncode != 0:
        raise RuntimeError(f"{failure}: {completed.stderr.strip()}")
    return json.loads(completed.stdout)
