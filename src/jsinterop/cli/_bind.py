"""``jsinterop bind``: ``@js_import`` stubs from a TypeScript declaration file."""

from __future__ import annotations

import shutil
from pathlib import Path

from jsinterop._tools.bind import BindResult, bind_declarations, find_typescript, read_declarations
from jsinterop.cli._messages import CliError

__all__ = ["bind_file"]


def bind_file(dts: Path, out: Path, module_name: str) -> BindResult:
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
    node = shutil.which("node")
    if node is None:
        raise CliError("Node.js (`node`) is not on PATH; `bind` reads .d.ts files with it")
    typescript = find_typescript(dts.parent, Path.cwd())
    if typescript is None:
        raise CliError(
            "bind reads .d.ts files with the TypeScript compiler: run `npm install typescript` "
            "in your project (or beside the .d.ts file)"
        )
    try:
        data = read_declarations(dts, typescript, node)
    except RuntimeError as error:
        raise CliError(str(error)) from None
    result = bind_declarations(data, module_name, dts.name)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(result.source, encoding="utf-8")
    return result
