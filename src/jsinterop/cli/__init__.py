"""The ``jsinterop`` command: ``new``, ``build`` and ``run`` for apps on Node.js and the web.

The command line only parses; the work is done by the library modules beside it
(``_scaffold``, ``_app``, ``_build``, ``_pyodide_dist``, ``_run``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias

from jsinterop import __version__
from jsinterop.cli._app import read_app
from jsinterop.cli._bind import run_bind
from jsinterop.cli._build import build_app
from jsinterop.cli._check import format_report, run_check
from jsinterop.cli._messages import CliError
from jsinterop.cli._run import run_app, watch_app
from jsinterop.cli._scaffold import TEMPLATES, new_app, next_steps
from jsinterop.cli._serve import DEFAULT_HOST, DEFAULT_PORT, serve_app
from jsinterop.cli._typings import write_typings

__all__ = ["main"]

_Handler = Callable[[argparse.Namespace, list[str]], int]


def main(argv: list[str] | None = None) -> int:
    """Run the ``jsinterop`` command line; return its exit code.

    Parameters
    ----------
    argv : list[str], optional
        The arguments after the program name; ``sys.argv[1:]`` by default. For ``run``,
        everything after the first ``--`` goes to the app.

    Returns
    -------
    int
        0 on success, 2 for a usage or app error (printed as ``jsinterop: error: ...`` on
        stderr), and for ``run`` the app's own exit code.

    Examples
    --------
    >>> from jsinterop.cli import main
    >>> main(["new", "console", "hello"])  # doctest: +SKIP
    0
    >>> main(["run", "hello", "--", "python", "is", "great!"])  # doctest: +SKIP
    Hello, World! Greetings from node version: v20.20.2
    python is great!
    0
    """
    arguments = sys.argv[1:] if argv is None else list(argv)
    app_arguments: list[str] = []
    if "--" in arguments:
        split = arguments.index("--")
        arguments, app_arguments = arguments[:split], arguments[split + 1 :]
    parser = _parser()
    try:
        options = parser.parse_args(arguments)
        if app_arguments and options.command != "run":
            parser.error("arguments after -- are only for 'run'")
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    handler: _Handler = options.handler
    try:
        return handler(options, app_arguments)
    except CliError as error:
        print(f"jsinterop: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jsinterop",
        description=(
            "Create, build and run Python apps for WebAssembly (Pyodide) on Node.js "
            "and in the browser."
        ),
    )
    parser.add_argument("--version", action="version", version=f"jsinterop {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add_command in (
        _add_new,
        _add_build,
        _add_run,
        _add_serve,
        _add_typings,
        _add_check,
        _add_bind,
    ):
        add_command(commands)
    return parser


# What add_subparsers returns: argparse has no public name for it.
_Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _add_new(commands: _Commands) -> None:
    new = commands.add_parser("new", help="create an app (or a library for apps) from a template")
    new.add_argument("template", choices=TEMPLATES, help="the kind of app, or library")
    new.add_argument("name", help="the app's name; its package is the name with '-' as '_'")
    new.add_argument("-o", "--output", type=Path, help="the folder to create (default: ./NAME)")
    new.add_argument(
        "--worker",
        action="store_true",
        help="a web app whose Python runs in a Web Worker ([tool.jsinterop] worker = true)",
    )
    new.set_defaults(handler=_new)


def _add_build(commands: _Commands) -> None:
    build = commands.add_parser(
        "build", help="build an app into a folder Node or a static web server can run"
    )
    _add_app_arguments(build)
    build.add_argument(
        "--base-href",
        metavar="PATH",
        help="the path the site is served under, e.g. /myapp/ (sets <base href> in index.html)",
    )
    _add_dependency_options(build)
    build.set_defaults(handler=_build)


def _add_run(commands: _Commands) -> None:
    run = commands.add_parser(
        "run",
        help="build an app if it changed, then run it with Node",
        usage="jsinterop run [-h] [-o OUT] [--watch] [DIR] [-- ARGS ...]",
        epilog="Arguments after -- are passed to the app's main(args).",
    )
    _add_app_arguments(run)
    run.add_argument(
        "--watch",
        action="store_true",
        help=(
            "keep Node running and run main again after each change of the app's Python "
            "code (Node starts again for other changes)"
        ),
    )
    run.set_defaults(handler=_run)


def _add_serve(commands: _Commands) -> None:
    serve = commands.add_parser(
        "serve",
        help=(
            "build a web app, serve it for development; on changes patch (hot reload) or "
            "reload the page"
        ),
    )
    _add_app_arguments(serve)
    serve.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default: {DEFAULT_HOST}, this machine only)",
    )
    serve.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"0 picks a free one (default: {DEFAULT_PORT})",
    )
    serve.add_argument(
        "--allowed-host",
        dest="allowed_hosts",
        action="append",
        default=[],
        metavar="NAME",
        help=(
            "also answer requests for this Host name (repeatable); by default only "
            "localhost, 127.0.0.1, [::1] and the --host address are answered"
        ),
    )
    serve.add_argument(
        "--no-watch",
        dest="watch",
        action="store_false",
        help="do not watch for changes (no hot reload, no rebuild)",
    )
    serve.set_defaults(handler=_serve)


def _add_typings(commands: _Commands) -> None:
    typings = commands.add_parser(
        "typings", help="write the TypeScript declarations of an app's exports and runtime API"
    )
    _add_app_folder(typings)
    typings.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="where to write (default: DIR/types/jsinterop.d.mts)",
    )
    typings.add_argument(
        "--check",
        action="store_true",
        help="write nothing; fail if FILE no longer matches the exports (for CI)",
    )
    typings.set_defaults(handler=_typings)


def _add_check(commands: _Commands) -> None:
    check = commands.add_parser(
        "check", help="report every bad stub or export, and stubs whose JS function is wrong"
    )
    _add_app_folder(check)
    check.set_defaults(handler=_check)


def _add_bind(commands: _Commands) -> None:
    bind = commands.add_parser(
        "bind", help="generate @js_import stubs from a TypeScript declaration file (.d.ts)"
    )
    bind.add_argument("declarations", type=Path, metavar="FILE.d.ts", help="the .d.ts to read")
    bind.add_argument(
        "-o", "--output", type=Path, required=True, metavar="STUBS.py", help="the module to write"
    )
    bind.add_argument(
        "--module-name",
        required=True,
        metavar="NAME",
        help="the module name the stubs import from (JSHost.import_async(NAME, url))",
    )
    bind.add_argument(
        "--typescript",
        type=Path,
        metavar="PATH",
        help="a TypeScript 5.x to read with (default: the pinned one, fetched once)",
    )
    bind.set_defaults(handler=_bind)


def _add_dependency_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--upgrade",
        action="store_true",
        help="resolve [project] dependencies again and rewrite pylock.toml",
    )
    parser.add_argument(
        "--copy-pyodide-packages",
        action="store_true",
        help=(
            "copy the Pyodide packages the app needs (numpy, ...) into the site, for "
            "hosting without the Pyodide package URL"
        ),
    )


def _add_app_folder(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "app", nargs="?", default=".", metavar="DIR", help="the app folder (default: .)"
    )


def _add_app_arguments(parser: argparse.ArgumentParser) -> None:
    _add_app_folder(parser)
    parser.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help="the output folder (default: DIR/dist)"
    )
    parser.add_argument(
        "--no-snapshot",
        dest="snapshot",
        action="store_false",
        help="build without the memory snapshot that starts the app without booting Python",
    )


def _new(options: argparse.Namespace, _: list[str]) -> int:
    folder = new_app(options.template, options.name, options.output, worker=options.worker)
    kind = "library" if options.template == "library" else f"{options.template} app"
    print(f"Created the {kind} {options.name!r} in {folder}{os.sep}")
    print(next_steps(options.template, folder))
    return 0


def _build(options: argparse.Namespace, _: list[str]) -> int:
    build_app(
        read_app(options.app),
        options.output,
        base_href=options.base_href,
        snapshot=options.snapshot,
        upgrade=options.upgrade,
        copy_pyodide_packages=options.copy_pyodide_packages,
    )
    return 0


def _run(options: argparse.Namespace, app_arguments: list[str]) -> int:
    if options.watch:
        return watch_app(options.app, app_arguments, out=options.output)
    return run_app(options.app, app_arguments, out=options.output, snapshot=options.snapshot)


def _serve(options: argparse.Namespace, _: list[str]) -> int:
    return serve_app(
        options.app,
        host=options.host,
        port=options.port,
        out=options.output,
        watch=options.watch,
        allowed_hosts=options.allowed_hosts,
        snapshot=options.snapshot,
    )


def _typings(options: argparse.Namespace, _: list[str]) -> int:
    target = write_typings(read_app(options.app), options.output, check=options.check)
    print(f"{target} {'is up to date' if options.check else 'written'}")
    return 0


def _check(options: argparse.Namespace, _: list[str]) -> int:
    app = read_app(options.app)
    report = run_check(app)
    print(format_report(app, report))
    return 0 if report.ok else 1


def _bind(options: argparse.Namespace, _: list[str]) -> int:
    return run_bind(options.declarations, options.output, options.module_name, options.typescript)
