"""``jsinterop serve``'s hot reload on CPython: what a change means for the open pages
(``_hot_reload.plan_changes``), the patch and reload events, the patched files answered from
memory, and the report route, driven through the server's ASGI app."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from jsinterop.cli._app import read_app
from jsinterop.cli._build import StagedBuild
from jsinterop.cli._dev_server import (
    CLIENT_PATH,
    EVENTS_PATH,
    RELOAD_SCRIPT,
    REPORT_PATH,
    DevServer,
    create_server_app,
)
from jsinterop.cli._hot_reload import ChangePlan, plan_changes
from jsinterop.cli._scaffold import new_app


@pytest.fixture
def app_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A components app ``live``, as ``jsinterop new`` makes it."""
    monkeypatch.chdir(tmp_path)
    folder = new_app("components", "live")
    (folder / "wwwroot" / "js").mkdir(parents=True)
    (folder / "wwwroot" / "js" / "shared.js").write_text("export const x = 1;\n")
    return folder


def plan_for(folder: Path, *names: str) -> ChangePlan:
    built = {"wwwroot/css/gone.css", "index.html", "main.js", "wwwroot/css/app.css"}
    return plan_changes(read_app(folder), [folder / name for name in names], built=built)


# -- what a change means ---------------------------------------------------------------------


def test_modules_scripts_and_style_sheets_are_patched(app_folder: Path) -> None:
    plan = plan_for(
        app_folder,
        "live/pages/counter.py",
        "live/pages/interop.js",
        "wwwroot/css/app.css",
        "wwwroot/js/shared.js",
        "live/pages/__pycache__/counter.cpython-314.pyc",
        "live/.counter.py.swp",
        ".hidden/notes.css",
        "node_modules/x/index.js",
        "tools/script.py",  # not in the package: not the app's
        "live/sedK0Opiv",  # sed -i's temporary file, gone by now
        "wwwroot/css/never-built.css",  # gone, and no build had it
    )
    assert plan.is_hot and plan.full_reload is None
    counter = (app_folder / "live/pages/counter.py").read_text()
    assert plan.python == {"live/pages/counter.py": counter}
    assert plan.scripts == ["live/pages/interop.js", "wwwroot/js/shared.js"]
    assert plan.styles == ["wwwroot/css/app.css"]
    assert plan.web_files == {
        name: (app_folder / name).read_bytes()
        for name in ("live/pages/interop.js", "wwwroot/css/app.css", "wwwroot/js/shared.js")
    }
    assert plan.describe() == "1 Python file, 2 JS modules, 1 style sheet"


def test_a_deleted_module_is_sent_as_none(app_folder: Path) -> None:
    (app_folder / "live/pages/counter.py").unlink()
    assert plan_for(app_folder, "live/pages/counter.py").python == {"live/pages/counter.py": None}


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (
            "live/program.py",
            "live/program.py holds main (live.program:main), which has already run",
        ),
        ("pyproject.toml", "pyproject.toml changed: the app is set up again when the page loads"),
        ("index.html", "index.html changed: it is loaded once, when the app starts"),
        ("main.js", "main.js changed: it is loaded once, when the app starts"),
        (
            "wwwroot/logo.svg",
            "wwwroot/logo.svg changed: only Python, JS modules and style sheets are patched "
            "in place",
        ),
        (
            "live/data.json",
            "live/data.json changed: only Python, JS modules and style sheets are patched in place",
        ),
        ("wwwroot/css/gone.css", "wwwroot/css/gone.css was deleted"),
    ],
)
def test_what_cannot_be_patched_reloads_the_page_saying_why(
    app_folder: Path, name: str, reason: str
) -> None:
    for created in ("wwwroot/logo.svg", "live/data.json"):
        (app_folder / created).write_text("<svg/>")
    plan = plan_for(app_folder, name, "live/pages/counter.py")
    assert plan.full_reload == reason
    assert not plan.is_hot


def test_every_reason_is_said(app_folder: Path) -> None:
    plan = plan_for(app_folder, "pyproject.toml", "index.html")
    assert plan.full_reload == (
        "index.html changed: it is loaded once, when the app starts; "
        "pyproject.toml changed: the app is set up again when the page loads"
    )


def test_under_run_watch_the_module_of_main_is_patched_too(app_folder: Path) -> None:
    plan = plan_changes(
        read_app(app_folder), [app_folder / "live/program.py"], main_runs_again=True
    )
    assert plan.is_hot
    assert list(plan.python) == ["live/program.py"]


def test_a_module_that_is_not_utf8_reloads(app_folder: Path) -> None:
    (app_folder / "live/pages/counter.py").write_bytes(b"\xff\xfe")
    plan = plan_for(app_folder, "live/pages/counter.py")
    assert plan.full_reload == "live/pages/counter.py is not UTF-8 text"


# -- the server's side -----------------------------------------------------------------------


class Staged(StagedBuild):
    """A build already in place: swapping it in changes nothing on disk."""

    def __init__(self) -> None:
        pass

    def swap_in(self) -> Path | None:
        return None


def events(queue: asyncio.Queue[Any]) -> list[Any]:
    found = []
    while not queue.empty():
        found.append(queue.get_nowait())
    return found


def test_a_patch_goes_to_open_pages_and_its_web_files_are_answered_from_memory(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    (site / "wwwroot").mkdir(parents=True)
    (site / "wwwroot" / "app.css").write_text("old")

    async def scenario() -> None:
        server = DevServer(site)
        page = server._listen()
        plan = ChangePlan(
            python={"live/a.py": "x = 1"},
            styles=["wwwroot/app.css"],
            web_files={"wwwroot/app.css": b"new"},
        )
        number = server.patched(plan)
        [(name, data)] = events(page)
        patch = json.loads(data)
        assert name == "patch"
        assert patch == {
            "python": {"live/a.py": "x = 1"},
            "scripts": [],
            "styles": ["wwwroot/app.css"],
            "version": patch["version"],
        }
        opened = server.open("/wwwroot/app.css")
        assert opened is not None and opened[1].read() == b"new"

        # A page that connects now may have loaded the build before the patch: it gets it.
        late = server._listen()
        [(name, data)] = events(late)
        assert name == "patch" and json.loads(data)["python"] == {"live/a.py": "x = 1"}

        # Once a build made after the patch is in place, the files come from it again.
        server.swap_in(Staged(), number)
        opened = server.open("/wwwroot/app.css")
        assert opened is not None and opened[1].read() == b"old"
        assert events(server._listen()) == []

        server.reloaded("pyproject.toml changed")
        assert events(page) == [
            ("reload", json.dumps({"version": 1, "reason": "pyproject.toml changed"}))
        ]

    asyncio.run(scenario())


def test_a_build_older_than_a_patch_keeps_the_patched_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.css").write_text("built")

    async def scenario() -> None:
        server = DevServer(site)
        first = server.patched(ChangePlan(styles=["a.css"], web_files={"a.css": b"one"}))
        server.patched(ChangePlan(styles=["a.css"], web_files={"a.css": b"two"}))
        server.swap_in(Staged(), first)
        opened = server.open("/a.css")
        assert opened is not None and opened[1].read() == b"two"

    asyncio.run(scenario())


# -- routes, through the ASGI app ------------------------------------------------------------


async def request(
    app: Any, method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b""
) -> tuple[int, dict[str, str], bytes]:
    """One request to the ASGI ``app``; its status, headers and body."""
    all_headers = {"host": "127.0.0.1:8000", **(headers or {})}
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in all_headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    start = next(message for message in sent if message["type"] == "http.response.start")
    content = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    response_headers = {k.decode(): v.decode() for k, v in start["headers"]}
    return start["status"], response_headers, content


def test_pages_get_the_dev_client_and_the_client_is_served(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body><p>hi</p></body></html>")
    app = create_server_app(DevServer(site))

    async def scenario() -> None:
        status, _, page = await request(app, "GET", "/")
        assert status == 200
        assert page.decode() == f"<html><body><p>hi</p>{RELOAD_SCRIPT}</body></html>"
        assert f'from "{CLIENT_PATH}"' in RELOAD_SCRIPT
        assert f'new EventSource("{EVENTS_PATH}")' in RELOAD_SCRIPT
        status, headers, client = await request(app, "GET", CLIENT_PATH)
        assert status == 200 and headers["content-type"] == "text/javascript; charset=utf-8"
        assert headers["cache-control"] == "no-store"
        assert b"export function connect(events, report)" in client

    asyncio.run(scenario())


def test_every_response_is_cross_origin_isolated(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body></body></html>")
    (site / "app.mjs").write_text("export {};\n")
    app = create_server_app(DevServer(site))

    async def scenario() -> None:
        for path, status in [("/", 200), ("/app.mjs", 200), ("/missing.mjs", 404)]:
            got, headers, _ = await request(app, "GET", path)
            assert got == status, path
            assert headers["cross-origin-opener-policy"] == "same-origin", path
            assert headers["cross-origin-embedder-policy"] == "require-corp", path
            assert headers["cross-origin-resource-policy"] == "same-origin", path

    asyncio.run(scenario())


def test_a_page_reports_what_it_did_for_the_terminal(tmp_path: Path) -> None:
    said: list[str] = []
    app = create_server_app(DevServer(tmp_path, on_report=said.append))
    json_type = {"content-type": "application/json"}

    async def scenario() -> list[int]:
        statuses = []
        for headers, body in [
            (json_type, json.dumps({"text": "page: applied\x1b[31m red\nline 2"}).encode()),
            ({"content-type": "text/plain"}, b'{"text": "no"}'),  # a form a site could post
            ({**json_type, "origin": "http://evil.example"}, b'{"text": "no"}'),
            ({**json_type, "origin": "http://localhost:8000"}, b'{"text": "ok"}'),
            (json_type, b"[1, 2]"),
            (json_type, json.dumps({"text": "x" * 20_000}).encode()),
            ({**json_type, "host": "evil.example"}, b'{"text": "no"}'),
        ]:
            status, _, _ = await request(app, "POST", REPORT_PATH, headers, body)
            statuses.append(status)
        return statuses

    assert asyncio.run(scenario()) == [204, 415, 403, 204, 400, 413, 403]
    assert said == ["page: applied?[31m red\nline 2", "ok"]
