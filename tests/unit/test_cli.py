"""The ``jsinterop`` CLI on plain CPython: parsing, scaffolding, reading apps, building.

Running a built app needs Node and lives in ``tests/e2e``. Builds here use a tiny stand-in
Pyodide distribution, so they need neither the network nor ``node_modules``.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from watchfiles import Change

import jsinterop
import jsinterop.cli
from jsinterop.cli import main
from jsinterop.cli._app import App, read_app
from jsinterop.cli._build import build_app, build_if_needed, is_up_to_date
from jsinterop.cli._dev_server import DevServer, allowed_host_names, content_type, host_name
from jsinterop.cli._hot_reload import watch_filter
from jsinterop.cli._messages import CliError
from jsinterop.cli._npm import MORPHDOM, find_npm_package
from jsinterop.cli._pyodide_dist import PYODIDE_FILES, PYODIDE_VERSION, cache_dir, find_pyodide
from jsinterop.cli._run import node_command, run_app
from jsinterop.cli._scaffold import new_app

REPO = Path(__file__).resolve().parents[2]
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE_SNAPSHOTS = os.environ.get("JSINTEROP_UPDATE_SNAPSHOTS") == "1"


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by posix relative path, with its text."""
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def file_names(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def make_fake_pyodide(folder: Path, version: str = PYODIDE_VERSION) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        (folder / name).write_text(f"stand-in {name}\n")
    (folder / "package.json").write_text(json.dumps({"name": "pyodide", "version": version}))
    return folder


@pytest.fixture
def fake_pyodide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = make_fake_pyodide(tmp_path / "fake-pyodide")
    monkeypatch.setenv("JSINTEROP_PYODIDE_DIR", str(folder))
    return folder


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def hello(in_tmp: Path) -> Path:
    """A console app called hello, as ``jsinterop new`` makes it, in the current folder."""
    return new_app("console", "hello")


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- parsing -------------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "--version") == (0, f"jsinterop {jsinterop.__version__}\n", "")


def test_a_command_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys)
    assert code == 2
    assert err.endswith("jsinterop: error: the following arguments are required: COMMAND\n")


def test_new_offers_console_browser_components_and_library(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = cli(capsys, "new", "gui", "hello")
    assert code == 2
    assert (
        "argument template: invalid choice: 'gui' (choose from 'console', 'browser', "
        "'components', 'library')"
    ) in err


def test_serve_listens_on_127_0_0_1_port_8000_unless_told_otherwise() -> None:
    parser = jsinterop.cli._parser()
    defaults = parser.parse_args(["serve"])
    assert (defaults.app, defaults.host, defaults.port, defaults.watch) == (
        ".",
        "127.0.0.1",
        8000,
        True,
    )
    chosen = parser.parse_args(["serve", "app", "--host", "0.0.0.0", "--port", "0", "--no-watch"])
    assert (chosen.app, chosen.host, chosen.port, chosen.watch) == ("app", "0.0.0.0", 0, False)
    assert defaults.allowed_hosts == []
    named = parser.parse_args(["serve", "--allowed-host", "a.test", "--allowed-host", "b.test"])
    assert named.allowed_hosts == ["a.test", "b.test"]


def test_run_watches_only_when_asked() -> None:
    parser = jsinterop.cli._parser()
    assert parser.parse_args(["run"]).watch is False
    watching = parser.parse_args(["run", "--watch", "app"])
    assert (watching.app, watching.watch) == ("app", True)
    assert watching.handler is jsinterop.cli._run


def test_arguments_after_double_dash_are_only_for_run(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "build", "hello", "--", "x")
    assert code == 2
    assert err.endswith("jsinterop: error: arguments after -- are only for 'run'\n")


def test_run_passes_everything_after_the_first_double_dash_to_the_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[object, ...]] = []

    def fake_run_app(folder: str, arguments: list[str], *, out: Path | None, snapshot: bool) -> int:
        calls.append((folder, arguments, out, snapshot))
        return 7

    monkeypatch.setattr(jsinterop.cli, "run_app", fake_run_app)
    assert main(["run", "hello", "-o", "out", "--", "-o", "x", "--", "python"]) == 7
    assert main(["run"]) == 7
    assert main(["run", "--no-snapshot", "--", "--no-snapshot"]) == 7
    assert calls == [
        ("hello", ["-o", "x", "--", "python"], Path("out"), True),
        (".", [], None, True),
        (".", ["--no-snapshot"], None, False),
    ]


# -- new -----------------------------------------------------------------------------------


def test_new_console_matches_the_snapshot(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "new", "console", "hello")
    assert (code, err) == (0, "")
    assert (
        out
        == f"Created the console app 'hello' in hello{os.sep}\nRun it with: jsinterop run hello\n"
    )
    snapshot = SNAPSHOTS / "console"
    if UPDATE_SNAPSHOTS:
        shutil.rmtree(snapshot, ignore_errors=True)
        shutil.copytree(in_tmp / "hello", snapshot)
    assert tree(in_tmp / "hello") == tree(snapshot)


def test_new_browser_matches_the_snapshot(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "new", "browser", "hello")
    assert (code, err) == (0, "")
    dist = os.path.join("hello", "dist")
    assert out == (
        f"Created the browser app 'hello' in hello{os.sep}\n"
        "Build it with: jsinterop build hello\n"
        f"then serve {dist} with any static file server, e.g. python3 -m http.server -d {dist}\n"
    )
    snapshot = SNAPSHOTS / "browser"
    if UPDATE_SNAPSHOTS:
        shutil.rmtree(snapshot, ignore_errors=True)
        shutil.copytree(in_tmp / "hello", snapshot)
    assert tree(in_tmp / "hello") == tree(snapshot)


def test_new_components_matches_the_snapshot(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "new", "components", "hello")
    assert (code, err) == (0, "")
    assert out == (
        f"Created the components app 'hello' in hello{os.sep}\n"
        "Serve it with: jsinterop serve hello\n"
        "(a saved change shows in the open page, hot reloaded where it can be)\n"
    )
    snapshot = SNAPSHOTS / "components"
    if UPDATE_SNAPSHOTS:
        shutil.rmtree(snapshot, ignore_errors=True)
        shutil.copytree(in_tmp / "hello", snapshot)
    assert tree(in_tmp / "hello") == tree(snapshot)


def test_new_components_with_worker_sets_worker_and_changes_nothing_else(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "new", "components", "hello", "--worker")
    assert (code, err) == (0, "")
    made, plain = tree(in_tmp / "hello"), tree(SNAPSHOTS / "components")
    assert {name for name in made if made[name] != plain.get(name)} == {"pyproject.toml"}
    assert read_app(in_tmp / "hello").worker is True
    assert read_app(SNAPSHOTS / "components").worker is False


def test_new_worker_is_for_web_apps_only(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "new", "console", "hello", "--worker")
    assert code == 2
    assert err.strip().endswith(
        "--worker runs Python in a Web Worker of a page; a console app has no page "
        "(use it with: browser, components)"
    )
    assert not (in_tmp / "hello").exists()


def test_worker_setting_must_be_a_bool(in_tmp: Path) -> None:
    folder = new_app("components", "hello")
    pyproject = folder / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('main = "', 'worker = "yes"\nmain = "'))
    with pytest.raises(CliError) as caught:
        read_app(folder)
    assert str(caught.value) == (
        f"{pyproject}: [tool.jsinterop] worker must be true or false (Python in a Web Worker "
        "in the browser), got 'yes'"
    )


def test_new_library_matches_the_snapshot(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "new", "library", "hello")
    assert (code, err) == (0, "")
    assert out == (
        f"Created the library 'hello' in hello{os.sep}\n"
        'Use it from an app: add "hello @ <path to hello>" to the app\'s [project] '
        "dependencies (see its README.md)\n"
    )
    snapshot = SNAPSHOTS / "library"
    if UPDATE_SNAPSHOTS:
        shutil.rmtree(snapshot, ignore_errors=True)
        shutil.copytree(in_tmp / "hello", snapshot)
    assert tree(in_tmp / "hello") == tree(snapshot)


def test_new_reads_dashes_as_underscores_for_the_package(in_tmp: Path) -> None:
    folder = new_app("console", "my-app")
    app = read_app(folder)
    assert (app.name, app.package, app.main) == ("my-app", "my_app", "my_app.program:main")
    assert app.package_dir == Path("my-app/my_app")
    assert "exports.my_app?.program?.greeting;" in (folder / "main.mjs").read_text()


def test_new_into_an_existing_empty_folder(in_tmp: Path) -> None:
    (in_tmp / "apps" / "first").mkdir(parents=True)
    assert main(["new", "console", "first", "-o", "apps/first"]) == 0
    assert read_app("apps/first").package_dir == Path("apps/first/first")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "1st",
            "'1st' is not a valid app name: with '-' read as '_' it must be a Python identifier "
            "(letters, digits and '_', not starting with a digit)",
        ),
        (
            "my app",
            "'my app' is not a valid app name: with '-' read as '_' it must be a Python "
            "identifier (letters, digits and '_', not starting with a digit)",
        ),
        ("class", "'class' is not a valid app name: 'class' is a Python keyword"),
        (
            "json",
            "'json' is not a valid app name: the package 'json' would hide the module 'json' "
            "that Python needs",
        ),
        (
            "jsinterop",
            "'jsinterop' is not a valid app name: the package 'jsinterop' would hide the module "
            "'jsinterop' that Python needs",
        ),
    ],
)
def test_new_refuses_names_that_are_not_packages(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    assert cli(capsys, "new", "console", name) == (2, "", f"jsinterop: error: {message}\n")
    assert list(in_tmp.iterdir()) == []


def test_new_refuses_a_folder_that_is_not_empty(
    hello: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree(hello)
    assert cli(capsys, "new", "console", "hello") == (
        2,
        "",
        "jsinterop: error: the folder hello already exists and is not empty\n",
    )
    assert tree(hello) == before


# ruff is a dev dependency, installed beside this Python (not necessarily on PATH).
RUFF = str(Path(sys.executable).with_name("ruff"))


def test_the_scaffolded_python_passes_ruff(hello: Path) -> None:
    ruff = RUFF
    for command in ([ruff, "check", "--no-cache", "."], [ruff, "format", "--check", "."]):
        result = subprocess.run(command, cwd=hello, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["alpha", "zeta"])  # imports sort the same either side of "j"
def test_the_scaffolded_components_app_passes_ruff(in_tmp: Path, name: str) -> None:
    ruff = RUFF
    folder = new_app("components", name)
    for command in ([ruff, "check", "--no-cache", "."], [ruff, "format", "--check", "."]):
        result = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


# -- serve -------------------------------------------------------------------------------


def test_serve_is_for_web_apps(hello: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "serve", "hello")
    assert code == 2
    assert err == (
        "jsinterop: error: hello has no index.html: serve is for web apps "
        "(jsinterop new browser/components NAME); run a console app with jsinterop run\n"
    )


def test_the_dev_server_finds_files_falls_back_to_the_page_and_refuses_escapes(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    write(site / "index.html", "<!doctype html>")
    write(site / "_framework" / "jsinterop.mjs", "")
    write(tmp_path / "secret.txt", "")
    (site / "link").symlink_to(tmp_path)
    server = DevServer(site)
    assert server.find("/") == (site / "index.html").resolve()
    assert server.find("/_framework/jsinterop.mjs") == (site / "_framework/jsinterop.mjs").resolve()
    assert server.find("/items/3") == site.resolve() / "index.html"  # a deep link
    assert server.find("/missing.js") is None
    assert server.find("/_framework/missing") is None
    for escape in ("/../secret.txt", "/a/../../secret.txt", "/link/secret.txt", "/..\\x"):
        with pytest.raises(PermissionError):
            server.find(escape)
    assert content_type(Path("a.mjs")) == "text/javascript; charset=utf-8"
    assert content_type(Path("a.wasm")) == "application/wasm"


def test_the_dev_server_answers_404_for_hidden_names_and_names_too_long_to_look_up(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    write(site / "index.html", "<!doctype html>")
    write(site / ".jsinterop-build", "")
    server = DevServer(site)
    for path in (
        "/" + "a" * 4096,  # longer than a file name may be
        "/" + "a" * 100_000,
        "/x/" + "a/" * 3000 + "b.js",  # longer than a path may be
        "/.jsinterop-build",
        "/_framework/.env",
    ):
        assert server.find(path) is None, path[:20]


def test_the_dev_server_serves_the_previous_builds_archive_and_nothing_else_of_it(
    tmp_path: Path,
) -> None:
    site, previous = tmp_path / "site", tmp_path / "previous"
    write(site / "main.js", "new")
    write(previous / "main.js", "old")
    write(previous / "old.js", "old")
    old_archive = write(previous / "_framework" / "app.0123456789ab.zip", "old")
    server = DevServer(site, previous=previous)
    assert server.find("/_framework/app.0123456789ab.zip") == old_archive.resolve()
    assert server.find("/main.js") == (site / "main.js").resolve()
    assert server.find("/old.js") is None
    assert DevServer(site).find("/_framework/app.0123456789ab.zip") is None


def test_the_dev_server_answers_this_machines_names_and_the_ones_it_is_told() -> None:
    this_machine = {"localhost", "127.0.0.1", "[::1]"}
    assert allowed_host_names("127.0.0.1") == this_machine
    assert allowed_host_names("[::1]") == this_machine
    assert allowed_host_names("0.0.0.0", ["Dev.Example", "fe80::1", "[fe80::2]", ""]) == {
        *this_machine,
        "0.0.0.0",
        "dev.example",
        "[fe80::1]",
        "[fe80::2]",
    }
    headers = ["localhost:8000", "LOCALHOST", "[::1]:8000", "[::1]", "evil.example:80", "", "[::1"]
    assert [host_name(header) for header in headers] == [
        "localhost",
        "localhost",
        "[::1]",
        "[::1]",
        "evil.example",
        "",
        "[::1",
    ]


def test_serve_refuses_an_output_folder_that_holds_the_app(
    in_tmp: Path, fake_pyodide: Path
) -> None:
    new_app("browser", "web")
    # A subprocess with a time limit: a serve that did not refuse would serve until stopped.
    completed = subprocess.run(
        [sys.executable, "-m", "jsinterop", "serve", "web", "-o", ".", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (completed.returncode, completed.stdout, completed.stderr) == (
        2,
        "",
        "jsinterop: error: the output folder . holds the app folder web; choose another with -o\n",
    )


def test_the_watcher_ignores_the_output_and_the_builds_beside_it(hello: Path) -> None:
    accepts = watch_filter(read_app("hello"), Path("hello/dist"))
    assert accepts(Change.modified, str(Path("hello/hello/program.py").resolve()))
    assert accepts(Change.added, str(Path("hello/.distant/x.js").resolve()))
    for ignored in (
        "hello/dist/main.mjs",
        "hello/.dist.staging-k2j4x9/index.html",
        "hello/.dist.old-3b9x1k/_framework/app.json",
        "hello/.dist.old-3b9x1k",
    ):
        assert not accepts(Change.deleted, str(Path(ignored).resolve())), ignored


# -- reading an app ------------------------------------------------------------------------

MAIN_MISSING = (
    'hello/pyproject.toml: [tool.jsinterop] main is missing; add main = "module:function"'
)


@pytest.mark.parametrize(
    ("pyproject", "message"),
    [
        (
            None,
            "hello is not a jsinterop app: it has no pyproject.toml (create an app with: "
            "jsinterop new console NAME)",
        ),
        ('[project]\nname = "hello"\n', MAIN_MISSING),
        ('[project]\nname = "hello"\n[tool.other]\n', MAIN_MISSING),
        ("tool = 3\n", "hello/pyproject.toml: [tool.jsinterop] must be a table"),
        ('[tool]\njsinterop = "x"\n', "hello/pyproject.toml: [tool.jsinterop] must be a table"),
        (
            '[project]\nname = "hello"\n[tool.jsinterop]\nmain = "hello.program"\n',
            'hello/pyproject.toml: [tool.jsinterop] main must look like "module:function", '
            "got 'hello.program'",
        ),
        (
            '[project]\nname = "hello"\n[tool.jsinterop]\nmain = 3\n',
            'hello/pyproject.toml: [tool.jsinterop] main must look like "module:function", got 3',
        ),
        (
            '[project]\nname = "hello"\n[tool.jsinterop]\nmain = "hello.program:main"\nmian = 1\n',
            "hello/pyproject.toml: unknown key 'mian' in [tool.jsinterop] "
            "(known keys: main, package, pyodide-packages-url, static, worker)",
        ),
        (
            '[project]\nname = "hello"\n[tool.jsinterop]\nmain = "hello.program:main"\n'
            'static = "package.json"\n',
            "hello/pyproject.toml: [tool.jsinterop] static must be a list of globs of files "
            'to ship, relative to the app folder (static = ["package.json", "data/*.csv"]), '
            "got 'package.json'",
        ),
        (
            '[project]\nname = "hello"\n[tool.jsinterop]\nmain = "hello.program:main"\n'
            'static = ["a.txt", 3]\n',
            "hello/pyproject.toml: [tool.jsinterop] static must be a list of globs of files "
            'to ship, relative to the app folder (static = ["package.json", "data/*.csv"]), '
            "got ['a.txt', 3]",
        ),
        *(
            (
                '[project]\nname = "hello"\n[tool.jsinterop]\nmain = "hello.program:main"\n'
                f"static = [{json.dumps(glob)}]\n",
                f"hello/pyproject.toml: [tool.jsinterop] static {glob!r} must name files inside "
                "the app folder, relative to it (no leading /, no .., / between folders)",
            )
            for glob in ("/etc/passwd", "../secrets/*", "data/../../x", ".", "data\\x.csv")
        ),
        (
            '[project]\nname = "hello"\n[tool.jsinterop]\nmain = "hello.program:main"\n'
            'static = ["data/**.csv"]\n',
            "hello/pyproject.toml: [tool.jsinterop] static 'data/**.csv': ** must be a whole "
            'part of the path ("data/**/*.csv")',
        ),
        (
            '[tool.jsinterop]\nmain = "hello.program:main"\n',
            "hello/pyproject.toml: [project] name is missing; add it, or name the package with "
            '[tool.jsinterop] package = "..."',
        ),
        (
            '[project]\nname = "hello.world"\n[tool.jsinterop]\nmain = "hello.program:main"\n',
            "hello/pyproject.toml: the package name 'hello.world' (from [project] name) is not "
            "a Python identifier",
        ),
        (
            '[project]\nname = "hello"\n[tool.jsinterop]\nmain = "hello.program:main"\n'
            'package = "greetings"\n',
            "hello/pyproject.toml: the app's package 'greetings' was not found (looked for "
            "hello/greetings/__init__.py and hello/src/greetings/__init__.py)",
        ),
        (
            '[project]\nname = "hello"\n[tool.jsinterop]\nmain = "other.program:main"\n',
            "hello/pyproject.toml: [tool.jsinterop] main 'other.program:main' is not in the "
            "app's package 'hello'",
        ),
        (
            '[project]\nname = "hello"\n[tool.jsinterop]\nmain = "hello.prgram:main"\n',
            "hello/pyproject.toml: the main module 'hello.prgram' was not found "
            "(no hello/hello/prgram.py)",
        ),
    ],
)
def test_pyproject_errors(
    hello: Path, capsys: pytest.CaptureFixture[str], pyproject: str | None, message: str
) -> None:
    if pyproject is None:
        (hello / "pyproject.toml").unlink()
    else:
        write(hello / "pyproject.toml", pyproject)
    assert cli(capsys, "build", "hello") == (2, "", f"jsinterop: error: {message}\n")


def test_pyproject_that_is_not_toml(hello: Path) -> None:
    write(hello / "pyproject.toml", "[project\n")
    with pytest.raises(CliError) as caught:
        read_app("hello")
    assert str(caught.value).startswith("hello/pyproject.toml: not valid TOML: ")


def test_missing_app_folder(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "run", "nowhere") == (
        2,
        "",
        "jsinterop: error: app folder not found: nowhere\n",
    )


def test_src_layout_and_explicit_package(in_tmp: Path) -> None:
    write(
        in_tmp / "app" / "pyproject.toml",
        '[project]\nname = "my-tool"\n[tool.jsinterop]\nmain = "tool.cli:run"\npackage = "tool"\n',
    )
    write(in_tmp / "app" / "src" / "tool" / "__init__.py", "")
    write(in_tmp / "app" / "src" / "tool" / "cli" / "__init__.py", "def run() -> None: ...\n")
    assert read_app("app") == App(
        root=Path("app"),
        name="my-tool",
        package="tool",
        package_dir=Path("app/src/tool"),
        main="tool.cli:run",
    )


# -- the Pyodide distribution --------------------------------------------------------------


def test_the_pinned_pyodide_matches_package_json_and_the_lock_file() -> None:
    package = json.loads((REPO / "package.json").read_text())
    lock = json.loads((REPO / "package-lock.json").read_text())
    assert package["dependencies"]["pyodide"] == PYODIDE_VERSION
    assert lock["packages"][""]["dependencies"]["pyodide"] == PYODIDE_VERSION
    assert lock["packages"]["node_modules/pyodide"]["version"] == PYODIDE_VERSION


def test_cache_dir_follows_xdg_cache_home() -> None:
    assert cache_dir({"XDG_CACHE_HOME": "/c"}) == Path("/c/jsinterop/pyodide-314.0.7")
    assert cache_dir({"XDG_CACHE_HOME": ""}) == Path.home() / ".cache/jsinterop/pyodide-314.0.7"


def test_find_pyodide_prefers_the_variable_then_the_cache(tmp_path: Path) -> None:
    configured = make_fake_pyodide(tmp_path / "configured")
    cached = make_fake_pyodide(tmp_path / "cache/jsinterop/pyodide-314.0.7/node_modules/pyodide")
    environ = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": ""}
    assert find_pyodide(environ={**environ, "JSINTEROP_PYODIDE_DIR": str(configured)}) == configured
    assert find_pyodide(environ=environ) == cached


def test_find_pyodide_checks_what_the_variable_names(tmp_path: Path) -> None:
    with pytest.raises(CliError) as caught:
        find_pyodide(environ={"JSINTEROP_PYODIDE_DIR": str(tmp_path)})
    assert str(caught.value) == f"JSINTEROP_PYODIDE_DIR={tmp_path} does not contain pyodide.mjs"

    old = make_fake_pyodide(tmp_path / "old", version="0.27.0")
    with pytest.raises(CliError) as caught:
        find_pyodide(environ={"JSINTEROP_PYODIDE_DIR": str(old)})
    assert str(caught.value) == f"Pyodide in {old} is version 0.27.0, but jsinterop needs 314.0.7"

    (old / "package.json").unlink()
    with pytest.raises(CliError) as caught:
        find_pyodide(environ={"JSINTEROP_PYODIDE_DIR": str(old)})
    assert str(caught.value) == (
        f"cannot tell the Pyodide version in {old}: no readable package.json"
    )

    partial = make_fake_pyodide(tmp_path / "partial")
    (partial / "pyodide.asm.wasm").unlink()
    with pytest.raises(CliError) as caught:
        find_pyodide(environ={"JSINTEROP_PYODIDE_DIR": str(partial)})
    assert str(caught.value) == f"Pyodide in {partial} is incomplete: missing pyodide.asm.wasm"


def test_fetching_needs_npm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(CliError) as caught:
        find_pyodide(environ={"XDG_CACHE_HOME": str(tmp_path)})
    assert str(caught.value) == (
        "npm not found on PATH; it is needed once to fetch Pyodide 314.0.7 (install Node.js "
        "with npm, or set JSINTEROP_PYODIDE_DIR to a folder holding Pyodide 314.0.7)"
    )


def test_run_needs_node(
    hello: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", str(hello / "empty"))
    assert cli(capsys, "run", "hello") == (
        2,
        "",
        "jsinterop: error: node not found on PATH; jsinterop run needs Node.js 20 or newer "
        "(22, 24 or 26; https://nodejs.org)\n",
    )


def fake_node(folder: Path, version: str, *, jspi: str) -> Path:
    """A ``node`` on PATH in ``folder`` that says it is ``version``; asked whether it has
    JSPI, it answers yes ``jspi="always"``, only with the flag ``"flag"``, or ``"never"``."""
    folder.mkdir(exist_ok=True)
    node = folder / "node"
    node.write_text(
        "#!/bin/sh\n"
        f'[ "$1" = --version ] && {{ echo {version}; exit 0; }}\n'
        f"case {jspi} in always) exit 0;; never) exit 1;; esac\n"
        '[ "$1" = --experimental-wasm-stack-switching ] && exit 0\n'
        "exit 1\n"
    )
    node.chmod(0o755)
    return node


def test_run_refuses_a_node_older_than_20(
    hello: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    node = fake_node(hello / "old", "v18.19.0", jspi="never")
    monkeypatch.setenv("PATH", str(node.parent))
    assert cli(capsys, "run", "hello") == (
        2,
        "",
        f"jsinterop: error: {node} is Node v18.19.0; jsinterop needs Node 20 or newer (22, 24 "
        "or 26: Node 20 is past its end of life); install a current Node from "
        "https://nodejs.org or with `npm install node@24`\n",
    )


@pytest.mark.parametrize(
    ("version", "jspi", "flags"),
    [
        ("v20.20.2", "flag", ["--experimental-wasm-stack-switching"]),
        ("v22.23.3", "flag", ["--experimental-wasm-stack-switching"]),
        ("v24.21.0", "always", []),
        ("v26.10.0", "always", []),
    ],
)
def test_run_gives_node_jspi_with_the_flag_only_where_it_needs_it(
    hello: Path, monkeypatch: pytest.MonkeyPatch, version: str, jspi: str, flags: list[str]
) -> None:
    node = fake_node(hello / "bin", version, jspi=jspi)
    monkeypatch.setenv("PATH", str(node.parent))
    assert node_command() == [str(node), *flags]


def test_run_needs_main_mjs(hello: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    (hello / "main.mjs").unlink()
    with pytest.raises(CliError) as caught:
        run_app("hello")
    assert str(caught.value) == "hello has no main.mjs, the Node entry point that run starts"


# -- build ---------------------------------------------------------------------------------


def archive_names(out: Path) -> list[str]:
    config = json.loads((out / "_framework/app.json").read_text())
    (archive,) = config["archives"]
    return zipfile.ZipFile(io.BytesIO((out / "_framework" / archive).read_bytes())).namelist()


def test_build_layout(hello: Path, fake_pyodide: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(hello / "wwwroot" / "index.html", "<!doctype html>\n")
    write(hello / "helpers.js", "export const x = 1;\n")
    write(hello / "tools.py", "# Python code next to the app stays out of the output\n")
    write(hello / ".env", "SECRET=1\n")
    write(hello / "hello" / "__pycache__" / "program.cpython-311.pyc", "")
    write(hello / "hello" / "data.json", "{}\n")
    # The tools' files: the app's own package.json is not the site's.
    write(hello / "package.json", '{"name": "hello", "devDependencies": {"typescript": "5"}}\n')
    write(hello / "package-lock.json", "{}\n")
    write(hello / "tsconfig.json", "{}\n")
    write(hello / "types" / "jsinterop.d.mts", "export {};\n")

    code, out, err = cli(capsys, "build", "hello")
    assert (code, out) == (0, "")
    assert err == f"jsinterop: building hello -> hello{os.sep}dist{os.sep} ...\n"

    dist = hello / "dist"
    config = json.loads((dist / "_framework/app.json").read_text())
    archive = config["archives"][0]
    assert config == {
        "mainPackage": "hello",
        "main": "hello.program:main",
        "archives": [archive],
        "pyodideVersion": "314.0.7",
        "jsinteropVersion": jsinterop.__version__,
    }
    framework = Path(jsinterop.__file__).parent / "_framework"
    framework_files = {
        f"_framework/{path.relative_to(framework).as_posix()}"
        for path in framework.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert framework_files >= {"_framework/jsinterop.mjs", "_framework/marshal/index.mjs"}
    assert file_names(dist) == {
        ".jsinterop-build",
        "main.mjs",
        "helpers.js",
        "wwwroot/index.html",
        "package.json",
        *framework_files,
        *(f"_framework/pyodide/{name}" for name in PYODIDE_FILES),
        f"_framework/{archive}",
        "_framework/app.json",
        "_framework/build.json",
        "_framework/jsinterop.d.mts",
    }
    assert "greeting(): string;" in (dist / "_framework/jsinterop.d.mts").read_text()
    assert json.loads((dist / "package.json").read_text()) == {"type": "module"}
    assert (dist / "main.mjs").read_text() == (hello / "main.mjs").read_text()

    names = archive_names(dist)
    assert names == sorted(names)
    assert {"hello/__init__.py", "hello/program.py", "hello/data.json"} <= set(names)
    assert {"jsinterop/__init__.py", "jsinterop/_bridge.py", "jsinterop/py.typed"} <= set(names)
    assert not [name for name in names if not name.startswith(("hello/", "jsinterop/"))]
    assert not [
        name
        for name in names
        if name.startswith(
            ("jsinterop/cli/", "jsinterop/_tools/", "jsinterop/_framework/", "jsinterop/__main__")
        )
    ]
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]


def test_build_into_another_folder_and_src_layout(in_tmp: Path, fake_pyodide: Path) -> None:
    write(
        in_tmp / "app" / "pyproject.toml",
        '[project]\nname = "tool"\n[tool.jsinterop]\nmain = "tool:main"\n',
    )
    write(in_tmp / "app" / "src" / "tool" / "__init__.py", "def main() -> None: ...\n")
    write(in_tmp / "app" / "main.mjs", "")
    assert main(["build", "app", "-o", "site"]) == 0
    assert {"tool/__init__.py", "jsinterop/__init__.py"} <= set(archive_names(in_tmp / "site"))
    assert (in_tmp / "site" / "main.mjs").exists()
    assert not (in_tmp / "site" / "src").exists()


def test_build_puts_a_browser_apps_page_at_the_top(in_tmp: Path, fake_pyodide: Path) -> None:
    folder = new_app("browser", "web")
    write(folder / "wwwroot" / "js" / "interop.js", "export const x = 1;\n")
    assert main(["build", "web"]) == 0
    dist = folder / "dist"
    assert {"index.html", "main.js", "wwwroot/js/interop.js"} <= file_names(dist)
    assert {"web/__init__.py", "web/program.py"} <= set(archive_names(dist))
    # A browser app without components gets neither the components runtime nor morphdom.
    assert not {"_framework/components.mjs", "_framework/morphdom.mjs"} & file_names(dist)


def test_build_writes_the_isolation_headers_a_static_host_must_send(
    in_tmp: Path, fake_pyodide: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = new_app("browser", "web")
    code, _, err = cli(capsys, "build", "web")
    assert code == 0
    assert (folder / "dist" / "_headers").read_text() == (
        "/*\n"
        "  Cross-Origin-Opener-Policy: same-origin\n"
        "  Cross-Origin-Embedder-Policy: require-corp\n"
        "  Cross-Origin-Resource-Policy: same-origin\n"
    )
    assert (
        "jsinterop: a static host must send Cross-Origin-Opener-Policy: same-origin and "
        "Cross-Origin-Embedder-Policy: require-corp with the page for Python to run in a worker "
        "(written to _headers for Netlify and Cloudflare Pages)\n"
    ) in err


def test_build_tells_the_runtime_to_start_a_worker_only_when_the_app_asks(
    in_tmp: Path, fake_pyodide: Path
) -> None:
    in_worker = new_app("browser", "web", worker=True)
    on_page = new_app("browser", "page")
    assert main(["build", "web"]) == 0
    assert main(["build", "page"]) == 0
    assert json.loads((in_worker / "dist/_framework/app.json").read_text())["worker"] is True
    assert "worker" not in json.loads((on_page / "dist/_framework/app.json").read_text())


def test_a_console_apps_build_has_no_headers_file(in_tmp: Path, fake_pyodide: Path) -> None:
    folder = new_app("console", "hello")
    assert main(["build", "hello"]) == 0
    assert not (folder / "dist" / "_headers").exists()


TOOL_FILES = {
    "package.json": '{"name": "web", "dependencies": {"uplot": "1.6.32"}}\n',
    "package-lock.json": "{}\n",
    "npm-shrinkwrap.json": "{}\n",
    "yarn.lock": "\n",
    "pnpm-lock.yaml": "\n",
    "tsconfig.json": "{}\n",
    "tsconfig.build.json": "{}\n",
    "jsconfig.json": "{}\n",
    "types/jsinterop.d.mts": "export {};\n",
    "wwwroot/js/package.json": "{}\n",
    ".gitignore": "dist/\n",
    ".well-known/security.txt": "Contact: mailto:me@example.com\n",
    "scripts/deploy.py": "print('deploying')\n",
}


def test_a_web_apps_site_holds_none_of_the_tools_files(in_tmp: Path, fake_pyodide: Path) -> None:
    folder = new_app("browser", "web")
    for name, text in TOOL_FILES.items():
        write(folder / name, text)
    write(folder / "wwwroot" / "types" / "shapes.json", "{}\n")  # types/ only at the top
    assert main(["build", "web"]) == 0
    names = file_names(folder / "dist")
    assert {"index.html", "main.js", "wwwroot/types/shapes.json"} <= names
    assert not set(TOOL_FILES) & names
    assert not [name for name in names if name.startswith("types/")]
    # A web app gets no package.json of the build's either: only Node reads one.
    assert "package.json" not in names


def test_static_ships_what_the_app_asks_for(in_tmp: Path, fake_pyodide: Path) -> None:
    folder = new_app("browser", "web")
    for name, text in TOOL_FILES.items():
        write(folder / name, text)
    write(folder / "types" / "more" / "extra.d.ts", "export {};\n")
    write(folder / "node_modules" / "uplot" / "package.json", "{}\n")
    pyproject = folder / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace(
            'main = "web.program:main"\n',
            'main = "web.program:main"\n'
            'static = ["**/package.json", "types", ".well-known/*", "tsconfig*.json"]\n',
        )
    )
    assert read_app("web").static == (
        "**/package.json",
        "types",
        ".well-known/*",
        "tsconfig*.json",
    )
    assert main(["build", "web"]) == 0
    dist = folder / "dist"
    names = file_names(dist)
    shipped = {
        "package.json",
        "wwwroot/js/package.json",
        "types/jsinterop.d.mts",
        "types/more/extra.d.ts",
        ".well-known/security.txt",
        "tsconfig.json",
        "tsconfig.build.json",
    }
    assert shipped <= names
    assert (dist / "package.json").read_text() == TOOL_FILES["package.json"]  # the app's own
    left_out = {"package-lock.json", "jsconfig.json", ".gitignore", "scripts/deploy.py"}
    assert not left_out & names
    assert "node_modules/uplot/package.json" not in names  # never, even when named
    assert is_up_to_date(read_app("web"), dist)
    write(folder / "types" / "more" / "extra.d.ts", "export const x: number;\n")
    assert not is_up_to_date(read_app("web"), dist)  # a shipped file is an input


def test_a_static_glob_that_names_nothing_stops_the_build(
    in_tmp: Path, fake_pyodide: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = new_app("browser", "web")
    write(folder / "node_modules" / "uplot" / "package.json", "{}\n")
    pyproject = folder / "pyproject.toml"
    original = pyproject.read_text()
    for glob in ("pakage.json", "node_modules/**"):
        pyproject.write_text(
            original.replace(
                'main = "web.program:main"\n', f'main = "web.program:main"\nstatic = ["{glob}"]\n'
            )
        )
        assert cli(capsys, "build", "web") == (
            2,
            "",
            f"jsinterop: error: web/pyproject.toml: [tool.jsinterop] static '{glob}' names no "
            "file in web (node_modules, __pycache__, the output folder and a top dist/ or "
            "_framework/ are never shipped); fix the glob or remove it\n",
        )
    assert not (folder / "dist").exists()


def versions(page: str) -> dict[str, str]:
    """The import map of a built index.html."""
    start = page.index('<script type="importmap">') + len('<script type="importmap">')
    imports: dict[str, str] = json.loads(page[start : page.index("</script>", start)])["imports"]
    return imports


def test_build_versions_every_module_url_by_content(in_tmp: Path, fake_pyodide: Path) -> None:
    folder = new_app("browser", "web")
    write(folder / "wwwroot" / "js" / "interop.js", "export const x = 1;\n")
    assert main(["build", "web"]) == 0
    dist = folder / "dist"
    page = (dist / "index.html").read_text()
    imports = versions(page)
    for name in ("main.js", "wwwroot/js/interop.js", "_framework/runtime.mjs"):
        digest = hashlib.sha256((dist / name).read_bytes()).hexdigest()[:12]
        assert imports[f"./{name}"] == f"./{name}?v={digest}"
    assert not [name for name in imports if "pyodide/" in name]
    # The import map comes before the first module load; the page's own URLs are versioned.
    assert page.index("importmap") < page.index("modulepreload") < page.index('type="module"')
    assert f'src="{imports["./main.js"]}"' in page
    assert f'href="{imports["./_framework/jsinterop.mjs"]}"' in page
    # Pyodide's wasm (and the snapshot, when there is one) download while the modules load.
    fetch = (
        '<link rel="preload" href="./_framework/pyodide/pyodide.asm.wasm" as="fetch" crossorigin>\n'
    )
    assert page.index(fetch) < page.index("modulepreload")
    # Without the versions and that preload, the page is the template's.
    original = (folder / "index.html").read_text()
    unversioned = re.sub(r"\?v=[0-9a-f]{12}", "", page).replace(fetch, "")
    assert re.sub(r'<script type="importmap">.*?</script>\n', "", unversioned) == original

    write(folder / "wwwroot" / "js" / "interop.js", "export const x = 2;\n")
    assert main(["build", "web"]) == 0
    rebuilt = versions((dist / "index.html").read_text())
    changed = {name for name in imports if imports[name] != rebuilt[name]}
    assert changed == {"./wwwroot/js/interop.js"}


def test_build_of_a_components_app(
    in_tmp: Path, fake_pyodide: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    morphdom = write(in_tmp / "modules" / "morphdom" / "dist" / "morphdom-esm.js", "// stand-in\n")
    write(in_tmp / "modules" / "morphdom" / "package.json", '{"version": "2.7.8"}')
    monkeypatch.setenv("JSINTEROP_NODE_MODULES", str(in_tmp / "modules"))
    folder = new_app("components", "web")
    assert main(["build", "web"]) == 0
    dist = folder / "dist"
    names = file_names(dist)
    assert {"_framework/components.mjs", "_framework/morphdom.mjs", "web/pages/interop.js"} <= names
    assert (dist / "_framework/morphdom.mjs").read_bytes() == morphdom.read_bytes()
    assert "web/pages/counter.py" not in names  # Python code travels in the archive only
    assert "web/pages/interop.js" in archive_names(dist)
    page = (dist / "index.html").read_text()
    assert '<link rel="modulepreload" href="./_framework/components.mjs?v=' in page
    assert "./web/pages/interop.js" in versions(page)


def test_build_with_a_base_href_for_hosting_under_a_path(
    in_tmp: Path, fake_pyodide: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = new_app("browser", "web")
    write(
        folder / "index.html",
        (folder / "index.html").read_text().replace("<head>", '<head><base href="/">'),
    )
    assert main(["build", "web", "--base-href", "/apps/web"]) == 0
    page = (folder / "dist" / "index.html").read_text()
    assert '<base href="/apps/web/">' in page
    assert not is_up_to_date(read_app("web"), folder / "dist")  # serve/run build their own
    assert main(["build", "web"]) == 0
    assert '<base href="/">' in (folder / "dist" / "index.html").read_text()
    assert is_up_to_date(read_app("web"), folder / "dist")
    write(folder / "index.html", "<!doctype html>")
    capsys.readouterr()
    code, _, err = cli(capsys, "build", "web", "--base-href", "/x/")
    assert code == 2
    assert err.endswith(
        'jsinterop: error: --base-href: index.html has no <base href="..."> to change\n'
    )


def test_the_dom_library_is_found_beside_pyodide_or_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    modules = tmp_path / "node_modules"
    make_fake_pyodide(modules / "pyodide")
    write(modules / "morphdom" / "dist" / "morphdom-esm.js", "")
    write(modules / "morphdom" / "package.json", '{"version": "2.7.7"}')
    environ = {"JSINTEROP_PYODIDE_DIR": str(modules / "pyodide"), "XDG_CACHE_HOME": str(tmp_path)}
    with pytest.raises(CliError) as caught:
        find_npm_package(MORPHDOM, environ=environ)
    assert str(caught.value) == (
        f"morphdom in {modules / 'morphdom'} is version 2.7.7, but jsinterop needs 2.7.8"
    )
    write(modules / "morphdom" / "package.json", '{"version": "2.7.8"}')
    assert find_npm_package(MORPHDOM, environ=environ) == (
        modules / "morphdom" / "dist" / "morphdom-esm.js"
    )


def test_morphdom_is_pinned_in_package_json_and_the_lock_file() -> None:
    package = json.loads((REPO / "package.json").read_text())
    lock = json.loads((REPO / "package-lock.json").read_text())
    assert package["dependencies"]["morphdom"] == MORPHDOM.version
    assert lock["packages"]["node_modules/morphdom"]["version"] == MORPHDOM.version


def test_build_refuses_links_that_lead_out_of_the_app(
    hello: Path, fake_pyodide: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = write(
        hello.resolve().parent / "secret" / "passwd", "root:x:0:0:root:/root:/bin/bash\n"
    )
    (hello / "wwwroot").mkdir()
    (hello / "wwwroot" / "passwd").symlink_to(secret)  # copied into the site
    (hello / "hello" / "notes.txt").symlink_to(secret)  # packed into the archive
    (hello / "hello" / "data").symlink_to(secret.parent)  # a folder: its files in the archive
    code, out, err = cli(capsys, "build", "hello")
    target, folder = secret.resolve(), secret.parent.resolve()
    assert (code, out) == (2, "")
    assert err == (
        "jsinterop: error: hello has links that lead out of the app folder, and a build "
        f"copies no file from outside it: hello/wwwroot/passwd -> {target}, "
        f"hello/hello/data -> {folder}, hello/hello/notes.txt -> {target}; copy the files "
        "into the app instead, or remove the links\n"
    )
    assert not (hello / "dist").exists()
    assert sorted(path.name for path in hello.iterdir() if path.name.startswith(".")) == []


def test_build_follows_links_inside_the_app(hello: Path, fake_pyodide: Path) -> None:
    write(hello / "assets" / "logo.svg", "<svg/>")
    (hello / "wwwroot").mkdir()
    (hello / "wwwroot" / "logo.svg").symlink_to(Path("..", "assets", "logo.svg"))
    assert main(["build", "hello"]) == 0
    assert (hello / "dist" / "wwwroot" / "logo.svg").read_text() == "<svg/>"


def test_build_refuses_output_folders_it_does_not_own(
    hello: Path, fake_pyodide: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = write(Path("notes", "todo.txt"), "buy milk\n")
    write(Path("file.txt"), "")
    refusals = {
        ".": "the output folder . holds the app folder hello; choose another with -o",
        "notes": (
            "the output folder notes has files that jsinterop build did not write (there is "
            "no .jsinterop-build in it); a build replaces the whole folder, so choose a new or "
            "empty folder with -o"
        ),
        "hello/hello": (
            "the output folder hello/hello has files that jsinterop build did not write (there "
            "is no .jsinterop-build in it); a build replaces the whole folder, so choose a new "
            "or empty folder with -o"
        ),
        "file.txt": "the output folder file.txt is a file; choose a folder with -o",
    }
    for out, message in refusals.items():
        assert cli(capsys, "build", "hello", "-o", out) == (2, "", f"jsinterop: error: {message}\n")
    assert notes.read_text() == "buy milk\n"
    assert not (hello / "hello" / "_framework").exists()


def test_build_owns_its_output_folder_and_replaces_it_whole(
    in_tmp: Path, hello: Path, fake_pyodide: Path
) -> None:
    (in_tmp / "empty").mkdir()
    assert main(["build", "hello", "-o", "empty"]) == 0
    assert (in_tmp / "empty" / ".jsinterop-build").read_text() == (
        "This folder is written by jsinterop build; each build replaces all of it.\n"
    )
    write(in_tmp / "empty" / "stray.txt", "")
    assert main(["build", "hello", "-o", "empty"]) == 0
    assert not (in_tmp / "empty" / "stray.txt").exists()
    # The output of a build made before the marker existed is the build's too.
    write(in_tmp / "earlier" / "_framework" / "build.json", "{}")
    write(in_tmp / "earlier" / "main.mjs", "")
    assert main(["build", "hello", "-o", "earlier"]) == 0
    assert (in_tmp / "earlier" / ".jsinterop-build").is_file()
    # Nothing is left beside them: no staging folder, no replaced build.
    assert sorted(path.name for path in in_tmp.iterdir()) == [
        "earlier",
        "empty",
        "fake-pyodide",
        "hello",
    ]


def test_build_refuses_to_write_into_the_app_folder(hello: Path, fake_pyodide: Path) -> None:
    with pytest.raises(CliError) as caught:
        build_app(read_app("hello"), Path("hello"))
    assert str(caught.value) == "the output folder hello is the app folder; choose another with -o"


def test_the_archive_is_deterministic(hello: Path, fake_pyodide: Path) -> None:
    app = read_app("hello")
    first = build_app(app, Path("one"), progress=lambda _: None)
    for path in hello.rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    second = build_app(app, Path("two"), progress=lambda _: None)
    assert first.archive == second.archive
    assert (Path("one/_framework") / first.archive).read_bytes() == (
        Path("two/_framework") / second.archive
    ).read_bytes()

    write(
        hello / "hello" / "program.py",
        (hello / "hello" / "program.py").read_text() + "\n# changed\n",
    )
    third = build_app(app, Path("one"), progress=lambda _: None)
    assert third.archive != first.archive
    assert sorted(path.name for path in Path("one/_framework").glob("app.*.zip")) == [third.archive]


def test_the_stamp_skips_unchanged_builds_and_cleans_up_stale_files(
    hello: Path, fake_pyodide: Path
) -> None:
    app = read_app("hello")
    out = Path("hello/dist")
    lines: list[str] = []
    write(hello / "extra.mjs", "export {};\n")
    assert not is_up_to_date(app, out)
    assert build_if_needed(app, progress=lines.append)
    assert is_up_to_date(app, out)
    assert not build_if_needed(app, progress=lines.append)
    assert lines == [f"building hello -> {out}{os.sep} ..."]

    (hello / "extra.mjs").unlink()
    assert not is_up_to_date(app, out)
    assert build_if_needed(app, progress=lines.append)
    assert not (out / "extra.mjs").exists()
    assert (out / "main.mjs").exists()

    (out / "_framework" / "runtime.mjs").unlink()  # a damaged output is rebuilt
    assert build_if_needed(app, progress=lines.append)
    assert (out / "_framework" / "runtime.mjs").exists()
