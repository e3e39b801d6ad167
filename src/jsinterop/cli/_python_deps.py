"""An app's Python dependencies: resolved by pip for Pyodide, locked in ``pylock.toml``,
cached as wheels in the user cache.

The app's ``[project] dependencies`` (PEP 621) are resolved with pip's own resolver
(``pip install --dry-run --report``) for the app's target: Pyodide's Python 3.14 on wasm32,
so only wheels that run there count: pure-Python wheels and wheels with Pyodide's platform
tag (PEP 783). Environment markers are evaluated for Pyodide too (``sys_platform ==
"emscripten"``, ``python_version == "3.14"``): pip itself evaluates them for the Python it
runs on, so the resolver runs with its marker environment set to Pyodide's
(:data:`PYODIDE_MARKERS`).

Packages that Pyodide's own distribution builds (its ``pyodide-lock.json``: numpy, pandas,
...) are taken from there: pip sees each lock entry as a wheel of that exact version (a
metadata-only stand-in with the entry's dependencies), so its resolver chooses them as it
would any wheel, and the result names the entry's file and hash. Those files are fetched at
run time from the Pyodide package URL (``[tool.jsinterop] pyodide-packages-url``, the pinned
version's by default), or copied into the site by ``jsinterop build
--copy-pyodide-packages``.

The result is written to ``pylock.toml`` (PEP 751) beside ``pyproject.toml``, with each
file's URL and sha256. Builds use it as long as the dependencies are the ones it was made
from (``[tool.jsinterop] inputs`` in it) and ``--upgrade`` is not given. Wheels are fetched
with ``pip download`` into the user cache, by hash, so an offline rebuild needs no index.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import urllib.request
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jsinterop import __version__ as jsinterop_version
from jsinterop.cli._app import App
from jsinterop.cli._libraries import Library, content_files, path_libraries, wheel_content
from jsinterop.cli._messages import CliError, Progress, print_progress
from jsinterop.cli._pyodide_dist import PYODIDE_VERSION
from jsinterop.cli._sources import FRAMEWORK

__all__ = [
    "DEFAULT_PYODIDE_PACKAGES_URL",
    "LOCK_NAME",
    "PYODIDE_MARKERS",
    "PYODIDE_PYTHON",
    "LockedWheel",
    "PyodideTarget",
    "PythonPackages",
    "cached_wheels",
    "dependencies_stamp",
    "distribution_wheel",
    "locked_wheels",
    "pyodide_packages_url",
    "python_packages",
    "python_requirements",
    "read_lock",
    "render_lock",
    "wheel_cache_dir",
]

LOCK_NAME = "pylock.toml"
"""The lock file beside ``pyproject.toml`` (PEP 751's default name)."""

PYODIDE_PYTHON = "3.14"
"""The Python version of the pinned Pyodide."""

DEFAULT_PYODIDE_PACKAGES_URL = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE_VERSION}/full/"
"""Where the pinned Pyodide's own packages are published."""

PYODIDE_MARKERS: Mapping[str, str] = {
    "implementation_name": "cpython",
    "implementation_version": "3.14.2",
    "os_name": "posix",
    "platform_machine": "wasm32",
    "platform_release": "5.0.3",
    "platform_system": "Emscripten",
    "platform_version": "#1",
    "platform_python_implementation": "CPython",
    "python_full_version": "3.14.2",
    "python_version": PYODIDE_PYTHON,
    "sys_platform": "emscripten",
}
"""The environment markers of the pinned Pyodide (as its Python reports them)."""

_LOCK_FORMAT = 1
"""Bumped when what the lock records changes, so that older locks are made again."""
_SETTINGS_URL_KEY = "pyodide-packages-url"
_PIP_TIMEOUT_S = 600
# pip's own resolver, with the marker environment of the target: pip evaluates markers for
# the Python it runs on, and has no option for another. Only `default_environment` of pip's
# vendored `packaging` is replaced; everything else is pip as installed.
_PIP_FOR_PYODIDE = """
import json, sys
from pip._vendor.packaging import markers
target = json.loads(sys.argv.pop(1))
host = markers.default_environment
markers.default_environment = lambda: {**host(), **target}
from pip._internal.cli.main import main
sys.exit(main())
"""
_NO_MATCH = re.compile(r"No matching distribution found for (\S+)")
# pip lists the versions that have a file for the target, "none" when none has.
_USABLE_VERSIONS = re.compile(r"satisfies the requirement \S+ \(from versions: ([^)]*)\)")
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")

Source = Literal["index", "pyodide"]


@dataclass(frozen=True, slots=True)
class LockedWheel:
    """One package of the lock: the wheel the app ships or installs.

    Attributes
    ----------
    name : str
        The project's normalized name (``python-slugify``).
    version : str
        Its version.
    file_name : str
        The wheel's file name.
    url : str
        Where the lock found it (for a Pyodide package, the default package URL's file).
    sha256 : str
        The wheel's hash.
    source : {"index", "pyodide"}
        A package index (shipped in the site), or Pyodide's distribution (fetched from
        the Pyodide package URL, or copied).

    Examples
    --------
    >>> from jsinterop.cli._python_deps import LockedWheel
    >>> LockedWheel("six", "1.17.0", "six-1.17.0-py2.py3-none-any.whl", "https://x/", "ab",
    ...             "pyodide").source
    'pyodide'
    """

    name: str
    version: str
    file_name: str
    url: str
    sha256: str
    source: Source


@dataclass(frozen=True, slots=True)
class PyodideTarget:
    """What the pinned Pyodide distribution says about its target and its packages.

    Attributes
    ----------
    platform : str
        Its wheel platform tag (PEP 783), e.g. ``pyemscripten_2026_0_wasm32``.
    packages : Mapping[str, Mapping[str, Any]]
        The entries of ``pyodide-lock.json`` by normalized name.
    """

    platform: str
    packages: Mapping[str, Mapping[str, Any]]

    @classmethod
    def read(cls, pyodide_dir: Path) -> PyodideTarget:
        """The target of the distribution in ``pyodide_dir`` (its ``pyodide-lock.json``)."""
        lock_path = pyodide_dir / "pyodide-lock.json"
        try:
            lock = json.loads(lock_path.read_text(encoding="utf-8"))
            info = lock["info"]
            platform = f"pyemscripten_{info['abi_version']}_{info['arch']}"
            packages = {_normalized(name): entry for name, entry in lock["packages"].items()}
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CliError(f"cannot read Pyodide's package list {lock_path}: {error}") from None
        return cls(platform=platform, packages=packages)

    def pip_target_options(self) -> list[str]:
        """pip's options that make it choose wheels for this target only."""
        return [
            "--only-binary=:all:",
            "--python-version",
            PYODIDE_PYTHON,
            "--implementation",
            "cp",
            "--abi",
            f"cp{PYODIDE_PYTHON.replace('.', '')}",
            "--platform",
            self.platform,
        ]


@dataclass(frozen=True, slots=True)
class PythonPackages:
    """What a build ships for the app's Python dependencies.

    Attributes
    ----------
    files : list[tuple[str, Path]]
        Output names and the cached files to copy there: each wheel from a package index at
        ``_framework/packages/<hash>/<wheel>`` (content-versioned), and with
        ``copy_pyodide_packages`` each Pyodide package at ``_framework/pyodide/<file>``.
    config : dict[str, Any]
        ``app.json``'s ``packages``: ``wheels`` (URLs relative to ``_framework/``),
        ``pyodide`` (the distribution's files) and ``pyodideURL`` (where those are fetched
        from; None when they are in the site, loaded by name and checked by Pyodide).
        Empty when the app has no dependencies.
    host_path : list[Path]
        The pure-Python wheels, for ``sys.path`` when the build imports the app on CPython.
    pyodide_modules : frozenset[str]
        The top-level modules of the other packages (Pyodide's, wasm wheels): importable
        in Pyodide only.
    """

    files: list[tuple[str, Path]]
    config: dict[str, Any]
    host_path: list[Path] = field(default_factory=list)
    pyodide_modules: frozenset[str] = frozenset()
    content: list[tuple[str, bytes]] = field(default_factory=list)
    """The libraries' static files, by their name in the site (``_content/<package>/...``)."""
    archive_files: list[tuple[str, Path]] = field(default_factory=list)
    """The folder libraries' package files, for the app's archive."""


def python_packages(
    app: App,
    pyodide_dir: Path,
    *,
    upgrade: bool = False,
    copy_pyodide_packages: bool = False,
    progress: Progress = print_progress,
) -> PythonPackages:
    """The files and settings a build of ``app`` needs for its Python dependencies: locked
    (see :func:`locked_wheels`), fetched into the cache, named for the site.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._python_deps import python_packages
    >>> python_packages(read_app("hello"), Path("pyodide")).config  # doctest: +SKIP
    {'wheels': ['packages/b1186eb9f5a9/humanize-4.15.0-py3-none-any.whl'], ...}
    """
    _, libraries = _pip_requirements(app)
    wheels = locked_wheels(app, pyodide_dir, upgrade=upgrade, progress=progress)
    content = [(name, path.read_bytes()) for name, path in content_files(libraries)]
    archive_files = [file for library in libraries for file in library.package_files()]
    host_path = [library.package_dir.parent for library in libraries]
    if not wheels:
        return PythonPackages([], {}, host_path, frozenset(), content, archive_files)
    target = PyodideTarget.read(pyodide_dir)
    from_index = [wheel for wheel in wheels if wheel.source == "index"]
    paths = cached_wheels(from_index, target)
    files = [
        (f"{FRAMEWORK}/packages/{wheel.sha256[:12]}/{wheel.file_name}", path)
        for wheel, path in zip(from_index, paths, strict=True)
    ]
    distribution = [wheel for wheel in wheels if wheel.source == "pyodide"]
    packages_url: str | None = pyodide_packages_url(app)
    if copy_pyodide_packages and distribution:
        for wheel in distribution:
            path = distribution_wheel(wheel, pyodide_packages_url(app))
            files.append((f"{FRAMEWORK}/pyodide/{wheel.file_name}", path))
        packages_url = None
    config = {
        "wheels": [name.removeprefix(f"{FRAMEWORK}/") for name, _ in files if "/packages/" in name],
        "pyodide": [{"name": wheel.name, "file": wheel.file_name} for wheel in distribution],
        "pyodideURL": packages_url,
    }
    pure = [path for path in paths if path.name.endswith("-none-any.whl")]
    pyodide_modules = {
        module
        for wheel in distribution
        for module in target.packages.get(wheel.name, {}).get("imports", [])
    }
    for path in paths:
        if path not in pure:
            pyodide_modules.update(_top_level_modules(path))
        content += wheel_content(path)
    return PythonPackages(
        files, config, host_path + pure, frozenset(pyodide_modules), content, archive_files
    )


def _pip_requirements(app: App) -> tuple[list[str], list[Library]]:
    """What pip resolves for the app (its requirements and its folder libraries'), and the
    folder libraries (see ``_libraries``)."""
    for_pip, libraries = path_libraries(python_requirements(app), app.root)
    for library in libraries:
        for_pip += [dependency for dependency in library.dependencies if dependency not in for_pip]
    return for_pip, libraries


def _top_level_modules(wheel: Path) -> set[str]:
    """The top-level module names a wheel installs (its folders and modules at the root)."""
    with zipfile.ZipFile(wheel) as archive:
        names = {name.split("/")[0] for name in archive.namelist()}
    return {
        name.split(".")[0]
        for name in names
        if not name.endswith((".dist-info", ".data"))
        and (name.isidentifier() or ".py" in name or ".so" in name)
    }


def python_requirements(app: App) -> list[str]:
    """The app's ``[project] dependencies``, without jsinterop (always shipped).

    Raises
    ------
    CliError
        When ``dependencies`` is not a list of strings.

    Examples
    --------
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._python_deps import python_requirements
    >>> python_requirements(read_app("hello"))  # doctest: +SKIP
    ['humanize==4.15.0']
    """
    project = _pyproject(app).get("project", {})
    requirements = project.get("dependencies", []) if isinstance(project, dict) else []
    if not isinstance(requirements, list) or not all(isinstance(r, str) for r in requirements):
        raise CliError(
            f"{app.root / 'pyproject.toml'}: [project] dependencies must be a list of "
            'requirement strings, e.g. ["humanize==4.15.0"]'
        )
    return [r for r in requirements if _requirement_name(r) != "jsinterop"]


def pyodide_packages_url(app: App) -> str:
    """Where Pyodide's own packages are fetched from: ``[tool.jsinterop]
    pyodide-packages-url`` (a URL, or a folder relative to the app), else
    :data:`DEFAULT_PYODIDE_PACKAGES_URL`. Always ends with ``/``.

    Examples
    --------
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._python_deps import pyodide_packages_url
    >>> pyodide_packages_url(read_app("hello"))  # doctest: +SKIP
    'https://cdn.jsdelivr.net/pyodide/v314.0.7/full/'
    """
    settings = _pyproject(app).get("tool", {}).get("jsinterop", {})
    configured = settings.get(_SETTINGS_URL_KEY, DEFAULT_PYODIDE_PACKAGES_URL)
    if not isinstance(configured, str) or not configured:
        raise CliError(
            f"{app.root / 'pyproject.toml'}: [tool.jsinterop] {_SETTINGS_URL_KEY} must be a "
            "URL or a folder"
        )
    if "://" not in configured:
        configured = (app.root / configured).resolve().as_uri()
    return configured if configured.endswith("/") else configured + "/"


def dependencies_stamp(app: App) -> str:
    """What a build's output depends on beyond the app's files: its requirements, the
    package URL and the lock file's bytes, as one hash (for the build's input stamp).

    Examples
    --------
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._python_deps import dependencies_stamp
    >>> len(dependencies_stamp(read_app("hello")))  # doctest: +SKIP
    64
    """
    lock = app.root / LOCK_NAME
    requirements, libraries = _pip_requirements(app)
    digest = hashlib.sha256(json.dumps([requirements, pyodide_packages_url(app)]).encode())
    digest.update(lock.read_bytes() if lock.is_file() else b"")
    for library in libraries:  # folders of the developer's, edited like the app
        for name, path in library.package_files():
            digest.update(f"\0{name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def locked_wheels(
    app: App,
    pyodide_dir: Path,
    *,
    upgrade: bool = False,
    progress: Progress = print_progress,
) -> list[LockedWheel]:
    """The wheels the app needs: from ``pylock.toml`` while it matches the requirements,
    else resolved again by pip and written there.

    Parameters
    ----------
    app : App
        The app.
    pyodide_dir : Path
        The pinned Pyodide distribution (its ``pyodide-lock.json``).
    upgrade : bool, optional
        Resolve again even if the lock is current (newest versions allowed).
    progress : Progress, optional
        Receives the ``resolving ...`` line.

    Raises
    ------
    CliError
        When a requirement has no wheel usable in Pyodide, the requirements conflict, or
        pip fails; the message says which package and what to do.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._app import read_app
    >>> from jsinterop.cli._python_deps import locked_wheels
    >>> [w.file_name for w in locked_wheels(read_app("hello"), Path("pyodide"))]
    ... # doctest: +SKIP
    ['humanize-4.15.0-py3-none-any.whl']
    """
    requirements, _ = _pip_requirements(app)
    lock_path = app.root / LOCK_NAME
    inputs = _lock_inputs(requirements)
    if not upgrade and lock_path.is_file():
        recorded, wheels = read_lock(lock_path)
        if recorded == inputs:
            return wheels
    if not requirements:
        if lock_path.is_file():
            lock_path.unlink()
        return []
    progress(
        f"resolving Python dependencies for Pyodide {PYODIDE_VERSION}: " + ", ".join(requirements)
    )
    wheels = _resolve(requirements, PyodideTarget.read(pyodide_dir))
    lock_path.write_text(render_lock(wheels, inputs), encoding="utf-8")
    return wheels


def wheel_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The folder wheels are cached in, one folder per sha256.

    Examples
    --------
    >>> from jsinterop.cli._python_deps import wheel_cache_dir
    >>> wheel_cache_dir({"XDG_CACHE_HOME": "/tmp/cache"}).as_posix()
    '/tmp/cache/jsinterop/wheels'
    """
    environ = os.environ if environ is None else environ
    cache_home = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home) / "jsinterop" / "wheels"


def cached_wheels(wheels: Sequence[LockedWheel], target: PyodideTarget) -> list[Path]:
    """The cached files of ``wheels`` (from a package index), fetched with ``pip download``
    (all missing ones in one call) and checked against their hashes.

    Raises
    ------
    CliError
        Naming each wheel that is neither cached nor downloadable (offline, say).

    Examples
    --------
    >>> from jsinterop.cli._python_deps import cached_wheels
    >>> cached_wheels(wheels, target)  # doctest: +SKIP
    [PosixPath('/home/me/.cache/jsinterop/wheels/b118.../humanize-4.15.0-py3-none-any.whl')]
    """
    cache = wheel_cache_dir()
    paths = [cache / wheel.sha256 / wheel.file_name for wheel in wheels]
    missing = [wheel for wheel, path in zip(wheels, paths, strict=True) if not path.is_file()]
    if missing:
        _download(missing, target, cache)
    return paths


def distribution_wheel(wheel: LockedWheel, packages_url: str) -> Path:
    """The cached file of a Pyodide-distribution package, fetched from ``packages_url`` (a
    folder or a web address) the first time, and checked against the lock's hash.

    Raises
    ------
    CliError
        When it cannot be fetched, or its hash differs.

    Examples
    --------
    >>> from jsinterop.cli._python_deps import distribution_wheel
    >>> distribution_wheel(numpy, "file:///srv/pyodide/")  # doctest: +SKIP
    PosixPath('/home/me/.cache/jsinterop/wheels/a292.../numpy-2.4.6-cp314-...wasm32.whl')
    """
    target = wheel_cache_dir() / wheel.sha256 / wheel.file_name
    if target.is_file():
        return target
    url = packages_url + wheel.file_name
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            content = response.read()
    except (OSError, ValueError) as error:
        raise CliError(
            f"cannot fetch {wheel.name} {wheel.version} ({wheel.file_name}), a package of "
            f"Pyodide's distribution, from {url}: {error}; set [tool.jsinterop] "
            f"{_SETTINGS_URL_KEY} to a folder or address that has Pyodide {PYODIDE_VERSION}'s "
            "packages"
        ) from None
    _store(target, content, wheel, url)
    return target


def read_lock(path: Path) -> tuple[str | None, list[LockedWheel]]:
    """The inputs ``path`` was made from (None when it was not made by jsinterop), and its
    wheels.

    Raises
    ------
    CliError
        When it is not a lock jsinterop can read.

    Examples
    --------
    >>> from pathlib import Path
    >>> from jsinterop.cli._python_deps import read_lock
    >>> read_lock(Path("hello/pylock.toml"))  # doctest: +SKIP
    ('0f1e...', [LockedWheel(name='humanize', ...)])
    """
    try:
        lock = tomllib.loads(path.read_text(encoding="utf-8"))
        tool = lock.get("tool", {}).get("jsinterop", {})
        wheels = [
            LockedWheel(
                name=package["name"],
                version=package["version"],
                file_name=package["wheels"][0]["name"],
                url=package["wheels"][0]["url"],
                sha256=package["wheels"][0]["hashes"]["sha256"],
                source=package.get("tool", {}).get("jsinterop", {}).get("source", "index"),
            )
            for package in lock.get("packages", [])
        ]
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CliError(f"{path}: not a readable lock file: {error}") from None
    except (KeyError, IndexError, TypeError, AttributeError):
        raise CliError(
            f"{path}: not a lock file jsinterop wrote (a package without one wheel, URL and "
            "sha256); delete it or build with --upgrade to make it again"
        ) from None
    inputs = tool.get("inputs")
    return (inputs if isinstance(inputs, str) else None), wheels


def render_lock(wheels: Iterable[LockedWheel], inputs: str) -> str:
    """``pylock.toml`` (PEP 751) for ``wheels``, with the inputs it was made from.

    Examples
    --------
    >>> from jsinterop.cli._python_deps import LockedWheel, render_lock
    >>> wheel = LockedWheel("humanize", "4.15.0", "humanize-4.15.0-py3-none-any.whl",
    ...                     "https://files.example/humanize-4.15.0-py3-none-any.whl", "b118",
    ...                     "index")
    >>> print(render_lock([wheel], "f00d"))  # doctest: +NORMALIZE_WHITESPACE
    # This file is @generated by jsinterop build from [project] dependencies; ...
    lock-version = "1.0"
    environments = ["sys_platform == 'emscripten' and platform_machine == 'wasm32'"]
    requires-python = "==3.14.*"
    created-by = "jsinterop"
    <BLANKLINE>
    [[packages]]
    name = "humanize"
    version = "4.15.0"
    wheels = [{name = "humanize-4.15.0-py3-none-any.whl", url = "https://files.example/humanize-4.15.0-py3-none-any.whl", hashes = {sha256 = "b118"}}]
    <BLANKLINE>
    [tool.jsinterop]
    inputs = "f00d"
    pyodide = "314.0.7"
    <BLANKLINE>
    """  # noqa: E501 - the doctest shows one TOML line as written
    lines = [
        "# This file is @generated by jsinterop build from [project] dependencies; "
        "`jsinterop build --upgrade` makes it again.",
        'lock-version = "1.0"',
        "environments = [\"sys_platform == 'emscripten' and platform_machine == 'wasm32'\"]",
        f'requires-python = "=={PYODIDE_PYTHON}.*"',
        'created-by = "jsinterop"',
        "",
    ]
    for wheel in sorted(wheels, key=lambda wheel: wheel.name):
        file = (
            f"{{name = {_toml(wheel.file_name)}, url = {_toml(wheel.url)}, "
            f"hashes = {{sha256 = {_toml(wheel.sha256)}}}}}"
        )
        lines += [
            "[[packages]]",
            f"name = {_toml(wheel.name)}",
            f"version = {_toml(wheel.version)}",
            f"wheels = [{file}]",
        ]
        if wheel.source != "index":
            lines.append(f"tool.jsinterop.source = {_toml(wheel.source)}")
        lines.append("")
    lines += [
        "[tool.jsinterop]",
        f"inputs = {_toml(inputs)}",
        f"pyodide = {_toml(PYODIDE_VERSION)}",
        "",
    ]
    return "\n".join(lines)


def _resolve(requirements: Sequence[str], target: PyodideTarget) -> list[LockedWheel]:
    """Run pip's resolver for ``target``; the wheels it chose."""
    with tempfile.TemporaryDirectory(prefix="jsinterop-resolve-") as scratch:
        folder = Path(scratch)
        distribution = _distribution_stand_ins(target, folder / "pyodide")
        constraints = folder / "pyodide-constraints.txt"
        pins = {name: entry["version"] for name, entry in target.packages.items()}
        pins["jsinterop"] = jsinterop_version
        constraints.write_text(
            "".join(f"{name}=={version}\n" for name, version in pins.items()), encoding="utf-8"
        )
        command = [
            "install",
            "--dry-run",
            "--ignore-installed",
            "--quiet",
            "--report",
            "-",
            *target.pip_target_options(),
            "--find-links",
            str(distribution),
            "--constraint",
            str(constraints),
            *requirements,
        ]
        completed = _pip(command)
    if completed.returncode != 0:
        raise _resolution_error(requirements, completed.stderr, target)
    report = json.loads(completed.stdout)
    wheels = []
    for item in report["install"]:
        name = _normalized(item["metadata"]["name"])
        version = item["metadata"]["version"]
        if name == "jsinterop":
            continue  # shipped with every app
        entry = target.packages.get(name)
        if entry is not None:
            wheels.append(
                LockedWheel(
                    name,
                    entry["version"],
                    entry["file_name"],
                    DEFAULT_PYODIDE_PACKAGES_URL + entry["file_name"],
                    entry["sha256"],
                    "pyodide",
                )
            )
            continue
        url = item["download_info"]["url"]
        hashes = item["download_info"].get("archive_info", {}).get("hashes", {})
        if "sha256" not in hashes:
            raise CliError(
                f"{name} {version} resolved to {url}, which is not a wheel file with a hash; "
                "depend on a released version or on a wheel file (name @ file:///path.whl)"
            )
        wheels.append(
            LockedWheel(name, version, url.rsplit("/", 1)[-1], url, hashes["sha256"], "index")
        )
    return sorted(wheels, key=lambda wheel: wheel.name)


def _distribution_stand_ins(target: PyodideTarget, folder: Path) -> Path:
    """A folder of metadata-only wheels, one per package of Pyodide's distribution, named
    as its lock entry's file and requiring what the entry depends on: what pip resolves the
    distribution's packages against."""
    folder.mkdir(parents=True)
    for name, entry in target.packages.items():
        file_name = str(entry["file_name"])
        if not file_name.endswith(".whl"):
            continue  # shared libraries come as zips; packages name them in their depends
        distribution = f"{name.replace('-', '_')}-{entry['version']}"
        requires = "".join(
            f"Requires-Dist: {dependency}\n"
            for dependency in entry.get("depends", [])
            if _normalized(dependency) in target.packages
            and str(target.packages[_normalized(dependency)]["file_name"]).endswith(".whl")
        )
        metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {entry['version']}\n{requires}"
        _write_stand_in(folder / file_name, distribution, metadata)
    # jsinterop is always shipped, at this version: what a library's "jsinterop" resolves to.
    shipped = f"jsinterop-{jsinterop_version}"
    metadata = f"Metadata-Version: 2.1\nName: jsinterop\nVersion: {jsinterop_version}\n"
    _write_stand_in(folder / f"{shipped}-py3-none-any.whl", shipped.replace("-", "_"), metadata)
    return folder


def _write_stand_in(path: Path, distribution: str, metadata: str) -> None:
    """A wheel holding only ``metadata`` (its dist-info), at ``path``."""
    with zipfile.ZipFile(path, "w") as stand_in:
        stand_in.writestr(f"{distribution}.dist-info/METADATA", metadata)
        stand_in.writestr(
            f"{distribution}.dist-info/WHEEL",
            "Wheel-Version: 1.0\nGenerator: jsinterop\nRoot-Is-Purelib: false\n",
        )
        stand_in.writestr(f"{distribution}.dist-info/RECORD", "")


def _resolution_error(requirements: Sequence[str], stderr: str, target: PyodideTarget) -> CliError:
    """A failed resolution, said in the app's terms: which package has no usable wheel and
    what exists instead, or pip's own explanation."""
    found = _NO_MATCH.search(stderr)
    if found is None:
        details = "\n".join(
            line for line in stderr.splitlines() if line.strip() and "is ignored" not in line
        )
        return CliError(
            f"pip could not resolve the app's dependencies ({', '.join(requirements)}) for "
            f"Pyodide {PYODIDE_VERSION}:\n{details}"
        )
    requirement = found.group(1)
    usable = _USABLE_VERSIONS.search(stderr)
    if usable is not None and usable.group(1) != "none":
        versions = usable.group(1).split(", ")
        return CliError(
            f"{requirement}: no version of it that matches has a wheel Pyodide "
            f"{PYODIDE_VERSION} can use; the versions that have one are "
            f"{', '.join(versions[-5:])}{' (the newest five)' if len(versions) > 5 else ''}. "
            "Change the requirement in [project] dependencies"
        )
    return CliError(
        f"{requirement} has no wheel that Pyodide {PYODIDE_VERSION} can use (pure Python "
        f"py3-none-any, or {target.platform}): {_what_exists(requirement)}. Depend on a "
        "version or a package that publishes such a wheel, or build one for Pyodide "
        "(pyodide build) and depend on its file (name @ file:///path/to/name-1.0-py3-none-any.whl)"
    )


def _what_exists(requirement: str) -> str:
    """What the package index has for ``requirement``, when it has nothing for Pyodide."""
    host = _pip(
        [
            "install",
            "--dry-run",
            "--ignore-installed",
            "--quiet",
            "--no-deps",
            "--report",
            "-",
            "--only-binary=:all:",
            requirement,
        ]
    )
    if host.returncode == 0:
        installs = json.loads(host.stdout)["install"]
        if installs:
            file_name = installs[0]["download_info"]["url"].rsplit("/", 1)[-1]
            return f"found only wheels for other platforms, such as {file_name}"
    name = _requirement_name(requirement) or requirement
    versions = _pip(["index", "versions", name])
    if versions.returncode == 0 and versions.stdout.strip():
        return "found only a source distribution, which cannot be built for WebAssembly here"
    return "found no release of it on the package index"


def _download(wheels: Sequence[LockedWheel], target: PyodideTarget, cache: Path) -> None:
    """``pip download`` the ``wheels`` into the cache: each from the URL the lock names,
    pinned by its hash."""
    with tempfile.TemporaryDirectory(prefix="jsinterop-wheels-") as scratch:
        folder = Path(scratch)
        requirements = folder / "requirements.txt"
        requirements.write_text(
            "".join(
                f"{wheel.name} @ {wheel.url} --hash=sha256:{wheel.sha256}\n" for wheel in wheels
            ),
            encoding="utf-8",
        )
        command = ["download", "--quiet", "--no-deps", *target.pip_target_options()]
        completed = _pip([*command, "--dest", str(folder / "out"), "-r", str(requirements)])
        for wheel in wheels:
            downloaded = folder / "out" / wheel.file_name
            if downloaded.is_file():
                _store(cache / wheel.sha256 / wheel.file_name, downloaded.read_bytes(), wheel, "")
    still_missing = [w for w in wheels if not (cache / w.sha256 / w.file_name).is_file()]
    if still_missing:
        names = ", ".join(f"{w.name} {w.version} ({w.file_name})" for w in still_missing)
        last = [line for line in completed.stderr.splitlines() if line.startswith("ERROR")]
        raise CliError(
            f"cannot fetch {names}: not in the wheel cache ({cache}) and pip could not "
            f"download it ({last[-1] if last else f'exit code {completed.returncode}'}); "
            "connect to the package index once, and later builds work offline"
        )


def _store(target: Path, content: bytes, wheel: LockedWheel, url: str) -> None:
    """Put ``content`` in the cache at ``target`` after checking it against the lock."""
    actual = hashlib.sha256(content).hexdigest()
    if actual != wheel.sha256:
        source = f" from {url}" if url else ""
        raise CliError(
            f"{wheel.file_name}{source} has sha256 {actual}, but the lock says {wheel.sha256}; "
            "the file changed since it was locked (build with --upgrade to lock it again)"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    partial.write_bytes(content)
    partial.replace(target)  # a reader sees the whole file or none


def _pip(arguments: list[str]) -> subprocess.CompletedProcess[str]:
    """pip, run by this Python with Pyodide's marker environment."""
    if shutil.which(sys.executable) is None and not Path(sys.executable).is_file():
        raise CliError("cannot find this Python to run pip with")
    command = [sys.executable, "-c", _PIP_FOR_PYODIDE, json.dumps(dict(PYODIDE_MARKERS))]
    environment = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    try:
        completed = subprocess.run(
            [*command, *arguments],
            capture_output=True,
            text=True,
            check=False,
            env=environment,
            timeout=_PIP_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        raise CliError(
            f"pip did not finish within {_PIP_TIMEOUT_S} s: pip {' '.join(arguments)}"
        ) from None
    if completed.returncode != 0 and "No module named pip" in completed.stderr:
        raise CliError(
            f"pip is not installed for {sys.executable}; the build resolves the app's "
            "[project] dependencies with it (python -m ensurepip)"
        )
    return completed


def _lock_inputs(requirements: Sequence[str]) -> str:
    """What a lock is made from, as one hash: the requirements and the Pyodide version."""
    made_from = json.dumps([_LOCK_FORMAT, PYODIDE_VERSION, list(requirements)])
    return hashlib.sha256(made_from.encode()).hexdigest()


def _pyproject(app: App) -> dict[str, Any]:
    # read_app checked it parses.
    return tomllib.loads((app.root / "pyproject.toml").read_text(encoding="utf-8"))


def _requirement_name(requirement: str) -> str | None:
    found = _NAME.match(requirement)
    return _normalized(found.group(1)) if found else None


def _normalized(name: str) -> str:
    """A project name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _toml(text: str) -> str:
    """``text`` as a TOML basic string (JSON's escapes are TOML's, for these characters)."""
    return json.dumps(text, ensure_ascii=False)
