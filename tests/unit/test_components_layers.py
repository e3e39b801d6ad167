"""The layers of ``jsinterop.components`` stay one-way: a module imports only the modules
below it (at run time or for type checking alike), so there is no import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import jsinterop.components

PACKAGE = Path(jsinterop.components.__file__).parent

# Bottom first. Each module may import only modules listed before it.
LAYERS = (
    "_routing",
    "_markup",
    "_navigation",
    "_component",
    "_builtin_components",
    "_renderer",
    "_hot_reload",
    "_host",
    "__init__",
)


def imported_components_modules(path: Path) -> set[str]:
    """The ``jsinterop.components`` modules ``path`` imports, wherever the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "jsinterop.components":
                found.update(alias.name for alias in node.names)
            elif node.module.startswith("jsinterop.components."):
                found.add(node.module.rsplit(".", 1)[1])
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.rsplit(".", 1)[1]
                for alias in node.names
                if alias.name.startswith("jsinterop.components.")
            )
    return found


def test_every_module_has_a_layer() -> None:
    assert {path.stem for path in PACKAGE.glob("*.py")} == set(LAYERS)


def test_modules_import_only_lower_layers() -> None:
    upward = {
        module: sorted(
            imported
            for imported in imported_components_modules(PACKAGE / f"{module}.py")
            if imported in LAYERS and LAYERS.index(imported) >= LAYERS.index(module)
        )
        for module in LAYERS
    }
    assert {module: names for module, names in upward.items() if names} == {}
