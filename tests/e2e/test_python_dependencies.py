"""An app's ``[project] dependencies`` in Node: resolved by pip for Pyodide, locked in
``pylock.toml``, cached, shipped in the output and installed before ``main``.

The packages are real and pinned: humanize (one pure-Python package, no dependencies) and
python-slugify (pure Python, with the transitive dependency text-unidecode); python-dateutil
and six come from Pyodide's distribution, installed from a local folder standing in for the
Pyodide package URL.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.e2e.conftest import LOCAL_PYODIDE
from tests.pyodide_standin import make_distribution

pytestmark = pytest.mark.network  # pip reaches the package index the first time

PROGRAM = """\
import humanize
import slugify


def main(args: list[str]) -> int:
    print(humanize.intcomma(1234567), slugify.slugify("Grüße aus Pyodide"))
    return 0
"""
DATEUTIL_PROGRAM = """\
from dateutil.relativedelta import relativedelta


def main(args: list[str]) -> int:
    print(relativedelta(months=+14).normalized())
    return 0
"""


def jsinterop(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jsinterop", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def offline(env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """``env`` with pip cut off from every index and the network."""
    empty = tmp_path / "no-links"
    empty.mkdir(exist_ok=True)
    return {
        **env,
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(empty),
        "https_proxy": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
    }


def new_app(
    cwd: Path, env: dict[str, str], name: str, dependencies: list[str], program: str
) -> Path:
    created = jsinterop(cwd, env, "new", "console", name)
    assert created.returncode == 0, created.stderr
    app = cwd / name
    pyproject = app / "pyproject.toml"
    listed = ", ".join(json.dumps(d) for d in ["jsinterop", *dependencies])
    pyproject.write_text(
        pyproject.read_text().replace('dependencies = ["jsinterop"]', f"dependencies = [{listed}]")
    )
    (app / name / "program.py").write_text(program)
    (app / "main.mjs").write_text(
        'import { python } from "./_framework/jsinterop.mjs";\n'
        "await (await python.create()).runMainAndExit();\n"
    )
    return app


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One user cache for the module: wheels are downloaded once."""
    if shutil.which("node") is None or not (LOCAL_PYODIDE / "pyodide.mjs").is_file():
        pytest.skip("needs node and the repo's Pyodide (make bootstrap)")
    return {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path_factory.mktemp("cache")),
        "JSINTEROP_PYODIDE_DIR": str(LOCAL_PYODIDE),
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """An app using humanize and python-slugify, run once (which builds it)."""
    cwd = tmp_path_factory.mktemp("apps")
    app = new_app(cwd, env, "deps", ["humanize==4.15.0", "python-slugify==8.0.4"], PROGRAM)
    result = jsinterop(cwd, env, "run", "deps")
    assert (result.returncode, result.stdout) == (0, "1,234,567 grusse-aus-pyodide\n"), (
        result.stderr
    )
    assert "resolving Python dependencies for Pyodide 314.0.7: humanize==4.15.0, " in result.stderr
    return app


def test_two_pypi_packages_are_locked_with_hashes(built: Path) -> None:
    lock = tomllib.loads((built / "pylock.toml").read_text())
    assert lock["lock-version"] == "1.0"
    packages = {package["name"]: package for package in lock["packages"]}
    assert {name: package["version"] for name, package in packages.items()} == {
        "humanize": "4.15.0",
        "python-slugify": "8.0.4",
        "text-unidecode": "1.3",
    }
    humanize = packages["humanize"]["wheels"][0]
    assert humanize["name"] == "humanize-4.15.0-py3-none-any.whl"
    assert humanize["hashes"]["sha256"] == (
        "b1186eb9f5a9749cd9cb8565aee77919dd7c8d076161cf44d70e59e3301e1769"
    )


def test_the_wheels_are_in_the_output_content_hashed(built: Path) -> None:
    config = json.loads((built / "dist" / "_framework" / "app.json").read_text())
    wheels = config["packages"]["wheels"]
    assert [wheel.rsplit("/", 1)[-1] for wheel in wheels] == [
        "humanize-4.15.0-py3-none-any.whl",
        "python_slugify-8.0.4-py2.py3-none-any.whl",
        "text_unidecode-1.3-py2.py3-none-any.whl",
    ]
    for wheel in wheels:
        content = (built / "dist" / "_framework" / wheel).read_bytes()
        assert wheel.split("/")[1] == hashlib.sha256(content).hexdigest()[:12]
    assert not (built / "dist" / "pylock.toml").exists()


def test_pure_python_packages_are_in_the_snapshot(built: Path) -> None:
    """The snapshot is made after the wheels are installed, so the modules that import them
    are kept; the run that built it (the fixture) started from it."""
    config = json.loads((built / "dist" / "_framework" / "app.json").read_text())
    assert (built / "dist" / "_framework" / config["snapshot"]["file"]).is_file()


def test_the_lock_is_reused_offline(built: Path, env: dict[str, str], tmp_path: Path) -> None:
    shutil.rmtree(built / "dist")
    lock = (built / "pylock.toml").read_bytes()
    result = jsinterop(built, offline(env, tmp_path), "run", ".")
    assert (result.returncode, result.stdout) == (0, "1,234,567 grusse-aus-pyodide\n"), (
        result.stderr
    )
    assert "resolving" not in result.stderr
    assert (built / "pylock.toml").read_bytes() == lock


def test_offline_without_the_cache_fails_naming_the_package(
    built: Path, env: dict[str, str], tmp_path: Path
) -> None:
    empty_cache = {**offline(env, tmp_path), "XDG_CACHE_HOME": str(tmp_path / "empty-cache")}
    result = jsinterop(built, empty_cache, "build", ".", "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "jsinterop: error: cannot fetch humanize 4.15.0 (humanize-4.15.0-py3-none-any.whl)" in (
        result.stderr
    )
    assert "not in the wheel cache" in result.stderr
    assert "later builds work offline" in result.stderr


def test_a_changed_dependency_list_is_resolved_again(
    built: Path, env: dict[str, str], tmp_path: Path
) -> None:
    app = shutil.copytree(built, tmp_path / "copy", ignore=shutil.ignore_patterns("dist"))
    pyproject = app / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace(', "python-slugify==8.0.4"', ""))
    (app / "deps" / "program.py").write_text(
        PROGRAM.replace("import slugify\n", "").replace(
            ', slugify.slugify("Grüße aus Pyodide")', ""
        )
    )
    result = jsinterop(app, env, "run", ".")
    assert (result.returncode, result.stdout) == (0, "1,234,567\n"), result.stderr
    assert "resolving Python dependencies for Pyodide 314.0.7: humanize==4.15.0\n" in result.stderr
    names = [
        package["name"]
        for package in tomllib.loads(pyproject.with_name("pylock.toml").read_text())["packages"]
    ]
    assert names == ["humanize"]


def test_a_dependency_without_a_usable_wheel_fails_the_build(
    env: dict[str, str], tmp_path: Path
) -> None:
    app = new_app(tmp_path, env, "nowheel", ["docopt==0.6.2"], "def main() -> None: ...\n")
    result = jsinterop(tmp_path, env, "build", "nowheel")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "jsinterop: error: docopt==0.6.2 has no wheel that Pyodide 314.0.7 can use (pure "
        "Python py3-none-any, or pyemscripten_2026_0_wasm32): found only a source "
        "distribution, which cannot be built for WebAssembly here. Depend on a version or a "
        "package that publishes such a wheel, or build one for Pyodide (pyodide build) and "
        "depend on its file (name @ file:///path/to/name-1.0-py3-none-any.whl)"
    )
    assert not (app / "pylock.toml").exists()
    assert not (app / "dist").exists()


@pytest.fixture(scope="module")
def distribution(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> dict[str, Path]:
    """A Pyodide folder and a package folder standing in for the Pyodide package URL."""
    return make_distribution(tmp_path_factory.mktemp("distribution"))


@pytest.fixture
def dateutil_app(tmp_path: Path, env: dict[str, str], distribution: dict[str, Path]) -> Path:
    app = new_app(tmp_path, env, "dates", ["python-dateutil"], DATEUTIL_PROGRAM)
    pyproject = app / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace(
            "[tool.jsinterop]\n",
            "[tool.jsinterop]\npyodide-packages-url = "
            f"{json.dumps(str(distribution['packages']))}\n",
        )
    )
    return app


def test_a_pyodide_package_comes_from_the_package_url(
    dateutil_app: Path, env: dict[str, str], distribution: dict[str, Path]
) -> None:
    env = {**env, "JSINTEROP_PYODIDE_DIR": str(distribution["pyodide"])}
    result = jsinterop(dateutil_app, env, "run", ".")
    assert (result.returncode, result.stdout) == (0, "relativedelta(years=+1, months=+2)\n"), (
        result.stderr
    )
    lock = tomllib.loads((dateutil_app / "pylock.toml").read_text())
    assert [(p["name"], p["tool"]["jsinterop"]["source"]) for p in lock["packages"]] == [
        ("python-dateutil", "pyodide"),
        ("six", "pyodide"),
    ]
    config = json.loads((dateutil_app / "dist" / "_framework" / "app.json").read_text())
    assert config["packages"]["pyodideURL"] == distribution["packages"].as_uri() + "/"
    assert not list((dateutil_app / "dist" / "_framework" / "pyodide").glob("*.whl"))
    assert "snapshot" not in config  # the build cannot fetch them: it says so
    assert (
        "no snapshot (Pyodide's package python-dateutil is fetched from "
        f"{distribution['packages'].as_uri()}/ when the app starts (build with "
        "--copy-pyodide-packages to keep it)): the app boots Python at each start"
    ) in result.stderr


def test_a_build_option_copies_pyodide_packages_into_the_site(
    dateutil_app: Path, env: dict[str, str], distribution: dict[str, Path], tmp_path: Path
) -> None:
    env = {**env, "JSINTEROP_PYODIDE_DIR": str(distribution["pyodide"])}
    built = jsinterop(dateutil_app, env, "build", ".", "--copy-pyodide-packages", "-o", "site")
    assert built.returncode == 0, built.stderr
    site = dateutil_app / "site"
    copied = sorted(path.name for path in (site / "_framework" / "pyodide").glob("*.whl"))
    assert copied == [
        "python_dateutil-2.9.0.post0-py2.py3-none-any.whl",
        "six-1.17.0-py2.py3-none-any.whl",
    ]
    config = json.loads((site / "_framework" / "app.json").read_text())
    assert config["packages"]["pyodideURL"] is None
    assert (site / "_framework" / config["snapshot"]["file"]).is_file()  # copied: kept
    hidden = distribution["packages"].with_name("hidden")
    distribution["packages"].rename(hidden)  # the site needs no package URL now
    try:
        result = subprocess.run(
            ["node", "site/main.mjs"], cwd=dateutil_app, capture_output=True, text=True, check=False
        )
    finally:
        hidden.rename(distribution["packages"])
    assert (result.returncode, result.stdout) == (0, "relativedelta(years=+1, months=+2)\n"), (
        result.stderr
    )
