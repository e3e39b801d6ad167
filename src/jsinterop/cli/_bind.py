"""``jsinterop bind``: ``@js_import`` stubs from a TypeScript declaration file.

The declarations are read with TypeScript's compiler API. jsinterop pins the TypeScript it
reads with (:data:`jsinterop.cli._npm.TYPESCRIPT`) and fetches it from npm into the user cache
on first use, the way it fetches Pyodide; ``--typescript PATH`` names another 5.x instead.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from jsinterop._tools.bind import BindResult, bind_declarations, read_declarations
from jsinterop.cli._messages import CliError, Progress, print_progress
from jsinterop.cli._npm import TYPESCRIPT, find_npm_package

__all__ = ["bind_file", "find_node", "find_typescript", "run_bind", "typescript_at"]


def find_node(command: str) -> str:
    """The ``node`` executable, or a :class:`CliError` saying ``command`` needs it."""
    node = shutil.which("node")
    if node is None:
        raise CliError(f"Node.js (`node`) is not on PATH; `{command}` reads JavaScript with it")
    return node


def find_typescript(
    explicit: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    progress: Progress = print_progress,
) -> Path:
    """TypeScript's ``lib/typescript.js``: ``explicit`` if given, else the pinned version.

    The pinned version is looked up like every npm package jsinterop uses (see
    :func:`jsinterop.cli._npm.find_npm_package`) and fetched into the user cache once.

    Examples
    --------
    >>> find_typescript(environ={"JSINTEROP_NODE_MODULES": "node_modules"})  # doctest: +SKIP
    PosixPath('node_modules/typescript/lib/typescript.js')
    """
    if explicit is not None:
        return typescript_at(explicit)
    return find_npm_package(TYPESCRIPT, environ=environ, progress=progress)


def typescript_at(path: Path) -> Path:
    """The compiler API of the TypeScript at ``path`` (its folder, ``lib/typescript.js``, or a
    ``node_modules`` folder that holds it), refused unless it is TypeScript 5 or 6.

    Examples
    --------
    >>> typescript_at(Path("node_modules/typescript"))  # doctest: +SKIP
    PosixPath('node_modules/typescript/lib/typescript.js')
    """
    folder = path.parent.parent if path.is_file() else path
    if (folder / "typescript" / "package.json").is_file():
        folder = folder / "typescript"
    try:
        package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
        version = str(package["version"])
        major = int(version.split(".")[0])
    except (OSError, ValueError, KeyError, TypeError):
        raise CliError(
            f"--typescript {path}: not a TypeScript package (no readable package.json with a "
            "version); name the folder npm installed typescript into"
        ) from None
    pinned = f"leave out --typescript to use TypeScript {TYPESCRIPT.version}, fetched once"
    if major >= 7:
        raise CliError(
            f"--typescript {path}: TypeScript {version} cannot be used: from version 7 "
            "TypeScript is a native program without the JavaScript compiler API "
            f"(lib/typescript.js) that bind reads declarations with; install typescript@5, "
            f"or {pinned}"
        )
    if major < 5:
        raise CliError(
            f"--typescript {path}: TypeScript {version} is too old: bind needs 5.x; {pinned}"
        )
    compiler = folder / "lib" / "typescript.js"
    if not compiler.is_file():
        raise CliError(f"--typescript {path}: {compiler} is missing (an incomplete install?)")
    return compiler


def bind_file(dts: Path, out: Path, module_name: str, typescript: Path | None = None) -> BindResult:
    """Read ``dts`` with the TypeScript compiler and write the stubs module ``out``.

    Examples
    --------
    >>> from pathlib import Path
    >>> bind_file(Path("node_modules/change-case/dist/index.d.ts"), Path("change_case.py"),
    ...           "change-case").stubs  # doctest: +SKIP
    14
    """
    if not dts.is_file():
        raise CliError(f"{dts} does not exist")
    node = find_node("bind")
    compiler = find_typescript(typescript)
    try:
        [data] = read_declarations([dts], compiler, node)
    except RuntimeError as error:
        raise CliError(str(error)) from None
    result = bind_declarations(data, module_name, dts.name)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(result.source, encoding="utf-8")
    return result


def run_bind(dts: Path, out: Path, module_name: str, typescript: Path | None = None) -> int:
    """``bind`` as the command runs it: every declaration not bound on stderr with its reason,
    then ``OUT: N stubs, M not bound``; exit code 2 when nothing could be bound."""
    result = bind_file(dts, out, module_name, typescript)
    for line in result.unmapped:
        print(f"not bound: {line}", file=sys.stderr)
    print(f"{out}: {result.stubs} stubs, {len(result.unmapped)} not bound (module {module_name!r})")
    if result.stubs == 0:
        raise CliError(f"nothing in {dts} could be bound (see the reasons above)")
    return 0
