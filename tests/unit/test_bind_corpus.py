"""`jsinterop bind` over real npm packages (the corpus, pinned in package.json).

All the packages' declarations are read in one Node run. The stubs generated from them are
committed in tests/interop/bound/ (the interop suite calls them inside Pyodide), and the
table of what was bound is committed in docs/typing.md; both must match what bind makes
today. ``JSINTEROP_UPDATE_SNAPSHOTS=1`` rewrites them.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import NamedTuple

import pytest

from jsinterop._tools.bind import BindResult, bind_declarations, read_declarations

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
COMPILER = NODE_MODULES / "typescript" / "lib" / "typescript.js"
BOUND = ROOT / "tests" / "interop" / "bound"
DOCS = ROOT / "docs" / "typing.md"
START = "<!-- corpus table: tests/unit/test_bind_corpus.py checks it -->"
END = "<!-- end of corpus table -->"


class Package(NamedTuple):
    module: str  # the stubs module in tests/interop/bound/
    name: str  # the npm package (and the module name the stubs import from)
    declarations: str  # under node_modules/
    shape: str


CORPUS = [
    Package("change_case", "change-case", "change-case/dist/index.d.ts", "options, callbacks"),
    Package("dayjs", "dayjs", "dayjs/index.d.ts", "`export =` of function, namespace, class"),
    Package(
        "marked",
        "marked",
        "marked/lib/marked.d.ts",
        "function-typed constants, callable objects, overloads, classes",
    ),
    Package("ms", "ms", "@types/ms/index.d.ts", "`export =` in @types, overloads"),
    Package("nanoid", "nanoid", "nanoid/index.d.ts", "generics"),
    Package("pretty_bytes", "pretty-bytes", "pretty-bytes/index.d.ts", "a default export"),
    Package("slugify", "slugify", "slugify/slugify.d.ts", "`export =`, an inline options type"),
    Package("uuid", "uuid", "uuid/dist/index.d.ts", "re-exports from 15 files, generic overloads"),
]

pytestmark = pytest.mark.skipif(not COMPILER.is_file(), reason="needs `npm ci` (TypeScript)")


def version(package: Package) -> str:
    """``1.2.3``, or ``2.1.3 + @types/ms 2.1.0`` when the declarations come from @types."""
    installed = json.loads((NODE_MODULES / package.name / "package.json").read_text())["version"]
    if not package.declarations.startswith("@types/"):
        return str(installed)
    types = "/".join(package.declarations.split("/")[:2])
    typed = json.loads((NODE_MODULES / types / "package.json").read_text())["version"]
    return f"{installed} + {types} {typed}"


@pytest.fixture(scope="module")
def corpus() -> dict[str, BindResult]:
    data = read_declarations([NODE_MODULES / p.declarations for p in CORPUS], COMPILER)
    results = {}
    for package, listing in zip(CORPUS, data, strict=True):
        label = f"{package.declarations.rsplit('/', 2)[0]}'s {Path(package.declarations).name}"
        results[package.module] = bind_declarations(listing, package.name, label)
    return results


def update_or_compare(path: Path, text: str) -> None:
    if os.environ.get("JSINTEROP_UPDATE_SNAPSHOTS"):
        path.write_text(text)
    assert text == path.read_text(), f"{path} is out of date: run with JSINTEROP_UPDATE_SNAPSHOTS=1"


@pytest.mark.parametrize("package", CORPUS, ids=[package.module for package in CORPUS])
def test_committed_stubs_are_current(package: Package, corpus: dict[str, BindResult]) -> None:
    update_or_compare(BOUND / f"{package.module}.py", corpus[package.module].source)


def render_table(corpus: dict[str, BindResult]) -> str:
    """The table and the not-bound list, as docs/typing.md shows them."""
    rows = [
        "| package | declarations | shape | functions bound | class methods bound |",
        "|---|---|---|---|---|",
    ]
    notes = []
    for package in CORPUS:
        result = corpus[package.module]
        methods = f"{result.bound_methods} / {result.methods}" if result.methods else "-"
        rows.append(
            f"| {package.name} {version(package)} | `{package.declarations}` | {package.shape} "
            f"| {result.bound_functions} / {result.functions} | {methods} |"
        )
        notes += [f"- {package.name}: `{line.split(': ', 1)[0]}`: {line.split(': ', 1)[1]}"
                  for line in result.unmapped]  # fmt: skip
    bound = sum(result.bound_functions for result in corpus.values())
    total = sum(result.functions for result in corpus.values())
    bound_methods = sum(result.bound_methods for result in corpus.values())
    methods = sum(result.methods for result in corpus.values())
    rows.append(
        f"| **all {len(CORPUS)}** | | | **{bound} / {total} ({100 * bound // total}%)** "
        f"| **{bound_methods} / {methods}** |"
    )
    return "\n".join([START, *rows, "", "What `bind` lists as not bound, with its reasons:", "",
                      *notes, END])  # fmt: skip


def test_the_table_in_docs_typing_md_is_current(corpus: dict[str, BindResult]) -> None:
    text = DOCS.read_text()
    found = re.search(re.escape(START) + ".*?" + re.escape(END), text, re.DOTALL)
    assert found is not None, f"docs/typing.md has no corpus table ({START} ... {END})"
    table = render_table(corpus)
    if os.environ.get("JSINTEROP_UPDATE_SNAPSHOTS"):
        DOCS.write_text(text.replace(found.group(0), table))
        return
    assert found.group(0) == table, "run with JSINTEROP_UPDATE_SNAPSHOTS=1 to update the table"


def test_nine_in_ten_exported_functions_are_bound(corpus: dict[str, BindResult]) -> None:
    bound = sum(result.bound_functions for result in corpus.values())
    total = sum(result.functions for result in corpus.values())
    assert total >= 60
    assert bound / total >= 0.9, f"{bound} of {total} bound"


def test_every_unbound_function_is_listed_with_its_reason(corpus: dict[str, BindResult]) -> None:
    for result in corpus.values():
        for name in result.unbound_functions:
            assert any(
                re.match(rf"(new )?{re.escape(name)}( \(overload \d+ of \d+\))?: .+", line)
                for line in result.unmapped
            ), name
