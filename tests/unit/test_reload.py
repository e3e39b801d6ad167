"""Hot reload on CPython: ``jsinterop._reload`` writes new sources into a folder on
``sys.path`` and imports again what they change, as the runtime does inside Pyodide."""

from __future__ import annotations

import importlib
import itertools
import py_compile
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType

import pytest

from jsinterop import _exports, _reload
from jsinterop._compile import ImportBinding, unbind_imports

_packages = itertools.count()


class App:
    """A package ``name`` under ``root`` (on ``sys.path``), its files written and imported."""

    def __init__(self, root: Path, name: str) -> None:
        self.root = root
        self.name = name

    def write(self, files: Mapping[str, str]) -> None:
        for relative, source in files.items():
            path = self.root / self.name / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(source)

    def module(self, relative: str) -> ModuleType:
        dotted = relative.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        return sys.modules[f"{self.name}.{dotted}" if dotted != "__init__" else self.name]

    def apply(self, files: Mapping[str, str | None]) -> _reload.ReloadResult:
        return _reload.apply_changes(
            str(self.root),
            {f"{self.name}/{relative}": source for relative, source in files.items()},
        )

    def names(self, *relatives: str) -> tuple[str, ...]:
        return tuple(f"{self.name}.{relative}" for relative in relatives)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    made = App(tmp_path, f"hot_app_{next(_packages)}")
    made.write({"__init__.py": ""})
    sys.path.insert(0, str(tmp_path))
    try:
        yield made
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name.split(".")[0] == made.name]:
            del sys.modules[name]
        _exports.forget_exports_under(made.name)
        _reload._pending.clear()


LIBRARY = "def greeting() -> str:\n    return 'hello'\n"
USER = (
    "from {package}.library import greeting\n\ndef shown() -> str:\n    return greeting() + '!'\n"
)


def test_a_changed_module_and_its_importers_are_imported_again_dependencies_first(
    app: App,
) -> None:
    app.write(
        {
            "library.py": LIBRARY,
            "user.py": USER.format(package=app.name),
            "other.py": "VALUE = 1\n",
        }
    )
    user = importlib.import_module(f"{app.name}.user")
    other = importlib.import_module(f"{app.name}.other")
    assert user.shown() == "hello!"

    result = app.apply({"library.py": "def greeting() -> str:\n    return 'hi'\n"})

    assert result == _reload.ReloadResult(reloaded=app.names("library", "user"))
    assert app.module("user.py") is not user and app.module("user.py").shown() == "hi!"
    assert app.module("other.py") is other  # it imports nothing that changed
    assert app.module("__init__.py").user is app.module("user.py")  # the package's attribute


def test_names_deleted_from_a_module_are_gone(app: App) -> None:
    app.write({"library.py": LIBRARY + "OLD = 1\n"})
    importlib.import_module(f"{app.name}.library")
    app.apply({"library.py": LIBRARY})
    assert not hasattr(app.module("library.py"), "OLD")


def test_stale_unchecked_bytecode_is_not_used(app: App) -> None:
    app.write({"library.py": LIBRARY})
    source = app.root / app.name / "library.py"
    py_compile.compile(str(source), invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    importlib.import_module(f"{app.name}.library")
    app.apply({"library.py": "def greeting() -> str:\n    return 'new'\n"})
    assert app.module("library.py").greeting() == "new"


def test_a_syntax_error_keeps_the_last_version_and_the_next_good_save_applies(app: App) -> None:
    app.write({"library.py": LIBRARY, "user.py": USER.format(package=app.name)})
    user = importlib.import_module(f"{app.name}.user")
    library = app.module("library.py")

    failed = app.apply({"library.py": "def greeting(:\n"})

    assert failed.reloaded == () and failed.full_reload is None
    assert failed.error is not None
    assert 'library.py", line 1' in failed.error and "SyntaxError" in failed.error
    assert app.module("library.py") is library and app.module("user.py") is user
    assert user.shown() == "hello!"

    # A change elsewhere retries the file that failed (and fails again).
    app.write({"other.py": "VALUE = 1\n"})
    importlib.import_module(f"{app.name}.other")
    again = app.apply({"other.py": "VALUE = 2\n"})
    assert again.error is not None and "SyntaxError" in again.error
    assert app.module("other.py").VALUE == 1

    fixed = app.apply({"library.py": "def greeting() -> str:\n    return 'fixed'\n"})
    assert fixed.error is None
    assert set(fixed.reloaded) == set(app.names("library", "user", "other"))
    assert app.module("user.py").shown() == "fixed!"


def test_an_exception_at_import_time_puts_everything_back(app: App) -> None:
    app.write(
        {
            "library.py": LIBRARY,
            "user.py": USER.format(package=app.name) + "from jsinterop import js_export\n",
        }
    )
    importlib.import_module(f"{app.name}.user")
    exports_before = [entry.path for entry in _exports.exports_under(app.name)]
    failing = (
        "from jsinterop import js_export\n"
        f"from {app.name}.library import greeting\n"
        "@js_export\n"
        "def added() -> str:\n"
        "    return greeting()\n"
        "raise RuntimeError('broken at import')\n"
    )

    result = app.apply(
        {"library.py": "def greeting() -> str:\n    return 'x'\n", "user.py": failing}
    )

    assert result.error is not None
    assert result.error.startswith("Traceback (most recent call last):\n")
    assert 'user.py", line 6, in <module>' in result.error
    assert result.error.rstrip().endswith("RuntimeError: broken at import")
    assert "importlib" not in result.error and "_reload.py" not in result.error
    assert [entry.path for entry in _exports.exports_under(app.name)] == exports_before
    assert app.module("library.py").greeting() == "hello"


def test_exports_of_a_module_imported_again_are_registered_anew(app: App) -> None:
    exported = (
        "from jsinterop import js_export\n"
        "@js_export\n"
        "def kept() -> int:\n"
        "    return {value}\n"
        "{extra}"
    )
    removed = "@js_export\ndef removed() -> int:\n    return 0\n"
    app.write({"api.py": exported.format(value=1, extra=removed)})
    importlib.import_module(f"{app.name}.api")
    paths = {entry.path for entry in _exports.exports_under(app.name)}
    assert paths == {f"{app.name}.api.kept", f"{app.name}.api.removed"}

    app.apply({"api.py": exported.format(value=2, extra="")})

    entries = _exports.exports_under(app.name)
    assert [entry.path for entry in entries] == [f"{app.name}.api.kept"]
    assert entries[0].target() == 2


def test_a_new_module_of_a_loaded_package_is_imported(app: App) -> None:
    importlib.import_module(app.name)
    result = app.apply({"pages/__init__.py": "", "pages/new.py": "VALUE = 3\n"})
    assert result.error is None
    assert set(result.reloaded) == {f"{app.name}.pages", f"{app.name}.pages.new"}
    assert app.module("pages/new.py").VALUE == 3


def test_a_module_never_imported_is_not_imported_by_its_change(app: App) -> None:
    app.write({"for_cpython.py": "import tkinter_is_not_in_pyodide\n"})
    importlib.import_module(app.name)
    result = app.apply({"for_cpython.py": "import still_not_in_pyodide\n"})
    assert result == _reload.ReloadResult()
    assert f"{app.name}.for_cpython" not in sys.modules


def test_a_deleted_module_is_dropped_and_its_importers_fail_until_they_change(app: App) -> None:
    app.write({"library.py": LIBRARY, "user.py": USER.format(package=app.name)})
    user = importlib.import_module(f"{app.name}.user")

    result = app.apply({"library.py": None})

    assert result.error is not None and "ModuleNotFoundError" in result.error
    assert app.module("user.py") is user  # kept, with the library it imported
    assert not (app.root / app.name / "library.py").exists()

    fixed = app.apply({"user.py": "def shown() -> str:\n    return 'alone'\n"})
    assert fixed.error is None
    assert f"{app.name}.library" not in sys.modules
    assert not hasattr(app.module("__init__.py"), "library")
    assert app.module("user.py").shown() == "alone"


def test_a_module_that_declines_asks_for_a_full_reload(app: App) -> None:
    app.write(
        {
            "library.py": LIBRARY,
            "user.py": USER.format(package=app.name) + "__hot_reload__ = False\n",
        }
    )
    user = importlib.import_module(f"{app.name}.user")
    result = app.apply({"library.py": "def greeting() -> str:\n    return 'x'\n"})
    assert result.full_reload == (
        f"{app.name}.user sets __hot_reload__ = False, and this change needs it imported again"
    )
    assert result.reloaded == () and app.module("user.py") is user


def test_listeners_hear_of_the_modules_imported_and_removed(app: App) -> None:
    app.write({"library.py": LIBRARY, "gone.py": ""})
    importlib.import_module(f"{app.name}.library")
    importlib.import_module(f"{app.name}.gone")
    heard: list[dict[str, ModuleType | None]] = []
    _reload.add_listener(lambda replaced: heard.append(dict(replaced)))
    listener = _reload._listeners[-1]
    try:
        app.apply({"library.py": LIBRARY + "X = 1\n", "gone.py": None})
    finally:
        _reload.remove_listener(listener)
    assert len(heard) == 1
    assert heard[0] == {
        f"{app.name}.library": app.module("library.py"),
        f"{app.name}.gone": None,
    }


def test_a_failing_listener_is_reported_after_the_modules_applied(app: App) -> None:
    app.write({"library.py": LIBRARY})
    importlib.import_module(f"{app.name}.library")

    def failing(_: Mapping[str, ModuleType | None]) -> None:
        raise ValueError("render failed")

    _reload.add_listener(failing)
    try:
        result = app.apply({"library.py": LIBRARY + "X = 1\n"})
    finally:
        _reload.remove_listener(failing)
    assert result.reloaded == app.names("library")
    assert result.error is not None and "ValueError: render failed" in result.error
    assert app.module("library.py").X == 1


def test_registries_kept_by_add_state_are_put_back_after_a_failure(app: App) -> None:
    registry = ["before"]

    def snapshot() -> object:
        kept = list(registry)
        return lambda: registry.__setitem__(slice(None), kept)

    app.write({"library.py": LIBRARY})
    importlib.import_module(f"{app.name}.library")
    _reload.add_state(snapshot)  # type: ignore[arg-type]
    try:
        registry.append("during")
        app.apply({"library.py": "raise ValueError\n"})
    finally:
        _reload.remove_state(snapshot)  # type: ignore[arg-type]
    assert registry == ["before", "during"]  # the snapshot was taken before the imports


def test_paths_that_leave_the_app_are_refused(app: App) -> None:
    with pytest.raises(ValueError) as raised:
        _reload.apply_changes(str(app.root), {"../outside.py": "x = 1\n"})
    assert str(raised.value) == "hot reload: '../outside.py' is not a path inside the app"


def test_import_order_and_imported_names() -> None:
    dependencies = {"a.c": {"a.b"}, "a.b": {"a.a"}, "a.x": {"a.y"}, "a.y": {"a.x"}}
    assert _reload.import_order(["a.c", "a.x", "a.b", "a.a", "a.y"], dependencies) == [
        "a.a",
        "a.b",
        "a.c",
        "a.x",
        "a.y",
    ]
    source = "from .. import up\nfrom ...too_far import x\nimport a.b as c\nfrom m import *\n"
    assert _reload.imported_names(source, "p.q.r", is_package=False) == frozenset(
        {"p", "p.up", "a.b", "m"}
    )


def test_js_modules_imported_again_alone_are_heard_of(app: App) -> None:
    heard: list[dict[str, ModuleType | None]] = []
    _reload.add_listener(lambda replaced: heard.append(dict(replaced)))
    listener = _reload._listeners[-1]
    try:
        result = _reload.apply_changes(str(app.root), {}, ["SomeModule"])
    finally:
        _reload.remove_listener(listener)
    assert result == _reload.ReloadResult()
    assert heard == [{}]


def test_stubs_of_a_js_module_imported_again_bind_again() -> None:
    from jsinterop import js_import

    @js_import("f", "hot_reload_test_module")
    def f() -> int: ...

    binding: ImportBinding = f.__jsinterop_binding__  # type: ignore[attr-defined]
    cell = f.__closure__[f.__code__.co_freevars.index("_jsi_call")]  # type: ignore[attr-defined]
    first_call = cell.cell_contents
    cell.cell_contents = lambda: 42  # as if bound to a JS function
    assert f() == 42
    assert unbind_imports(["hot_reload_test_module", "another"]) == 1
    assert cell.cell_contents is first_call
    assert binding.module_name == "hot_reload_test_module"
