"""``jsinterop serve`` probed as an attacker would, from this machine: other ``Host`` names,
paths too long to look up, IPv6 and every-address listening, Ctrl-C with open event
streams, and clients reading while the app is rebuilt again and again. Every request goes
to 127.0.0.1 or [::1]; every loop is bounded in count and time."""

from __future__ import annotations

import hashlib
import http.client
import json
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import DevServer, jsinterop_env, start_dev_server

IMPORT_MAP = b'<script type="importmap">'


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A browser app ``live`` in a folder of its own, and the cache its builds share."""
    folder = tmp_path_factory.mktemp("hardening")
    subprocess.run(
        [sys.executable, "-m", "jsinterop", "new", "browser", "live"],
        cwd=folder,
        env=jsinterop_env(folder / "cache"),
        check=True,
        capture_output=True,
        timeout=60,
    )
    return folder


def serve(work: Path, out: str, *extra: str) -> DevServer:
    """``jsinterop serve live -o OUT --port 0 --no-watch EXTRA...`` in ``work``."""
    return start_dev_server(work / "live", work / out, work / "cache", "--no-watch", *extra)


@pytest.fixture(scope="module")
def server(work: Path) -> Iterator[DevServer]:
    running = serve(work, "site", "--allowed-host", "dev.example")
    yield running
    running.stop()


def request(
    url: str, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """A GET of ``path`` (sent as written) from the server at ``url``."""
    address = urlsplit(url)
    assert address.hostname in ("127.0.0.1", "::1")
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


# -- Host: only this machine's names (DNS rebinding) ---------------------------------------


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example", "localhost.", ""]
)
@pytest.mark.parametrize("path", ["/", "/_framework/app.json", "/_jsinterop/events"])
def test_requests_for_other_host_names_are_refused(server: DevServer, host: str, path: str) -> None:
    port = urlsplit(server.url).port
    name = host.format(port=port).partition(":")[0]
    status, _, body = request(server.url, path, {"Host": host.format(port=port)})
    assert status == 403
    assert body.decode() == (
        "jsinterop serve answers only for 127.0.0.1, [::1], dev.example, localhost, not for "
        f"the Host {name!r}; to allow a name, start it with --allowed-host NAME\n"
    )


@pytest.mark.parametrize(
    "host",
    ["localhost", "localhost:{port}", "127.0.0.1:{port}", "[::1]:{port}", "DEV.example:{port}"],
)
def test_this_machines_names_and_allowed_ones_are_answered(server: DevServer, host: str) -> None:
    port = urlsplit(server.url).port
    status, _, body = request(server.url, "/", {"Host": host.format(port=port)})
    assert status == 200
    assert IMPORT_MAP in body


# -- paths the file system cannot look up --------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/" + "a" * 4096,
        "/" + "b" * 20_000 + ".js",
        "/" + "c" * 100_000,
        "/_framework/" + "d/" * 3000 + "e.mjs",
        "/.jsinterop-build",
    ],
)
def test_long_and_hidden_paths_are_not_found(server: DevServer, path: str) -> None:
    status, _, body = request(server.url, path)
    assert (status, body) == (404, b"not found")


# -- IPv6, every address -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "shown"),
    [
        ("::1", "[::1]"),
        ("::", "[::1]"),
        ("", "[::1]" if socket.has_dualstack_ipv6() else "127.0.0.1"),
    ],
)
def test_it_listens_on_ipv6_and_every_address(work: Path, host: str, shown: str) -> None:
    running = serve(work, "site", "--host", host)
    try:
        assert urlsplit(running.url).netloc.rpartition(":")[0] == shown
        status, _, body = request(running.url, "/")
        assert status == 200 and IMPORT_MAP in body
    finally:
        running.stop()


# -- Ctrl-C --------------------------------------------------------------------------------


def test_ctrl_c_with_open_event_streams_stops_without_a_traceback(work: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "jsinterop", "serve", "live", "-o", "site", "--port", "0"],
        cwd=work,
        env=jsinterop_env(work / "cache"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().split(" at ", 1)[1].split(" ", 1)[0]
        address = urlsplit(url)
        streams = []
        for _ in range(2):
            connection = http.client.HTTPConnection("127.0.0.1", address.port, timeout=10)
            connection.request("GET", "/_jsinterop/events")
            response = connection.getresponse()
            assert response.readline() == b"event: hello\n"
            streams.append(connection)
        started = time.monotonic()
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=30)
        assert time.monotonic() - started < 5
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130
    assert "Traceback" not in errors, errors
    for connection in streams:
        connection.close()


# -- rebuilds while clients read -----------------------------------------------------------

READERS = 3
REBUILDS = 20
REBUILD_TIMEOUT_S = 20.0


class Reader(threading.Thread):
    """Reads the page, app.json and the archives it names until stopped; keeps what was
    wrong."""

    def __init__(self, url: str, stop: threading.Event, deadline: float) -> None:
        super().__init__(daemon=True)
        self.url, self.stop, self.deadline = url, stop, deadline
        self.problems: list[str] = []
        self.rounds = 0

    def run(self) -> None:
        while not self.stop.is_set() and time.monotonic() < self.deadline:
            try:
                self.read_once()
            except (OSError, ValueError, http.client.HTTPException) as error:
                self.problems.append(f"{type(error).__name__}: {error}")
            self.rounds += 1

    def read_once(self) -> None:
        status, _, page = request(self.url, "/index.html")
        if status != 200 or IMPORT_MAP not in page:
            self.problems.append(f"index.html: {status}, {len(page)} bytes, no import map")
        status, _, config = request(self.url, "/_framework/app.json")
        if status != 200:
            self.problems.append(f"app.json: {status}")
            return
        for archive in json.loads(config)["archives"]:
            status, headers, content = request(self.url, f"/_framework/{archive}")
            digest = hashlib.sha256(content).hexdigest()[:12]
            if status != 200 or archive != f"app.{digest}.zip":
                length = headers.get("content-length")
                self.problems.append(f"{archive}: {status}, {len(content)} of {length} bytes")


def test_clients_see_one_whole_build_while_the_app_is_rebuilt(tmp_path: Path, work: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "jsinterop", "new", "browser", "busy"],
        cwd=tmp_path,
        env=jsinterop_env(work / "cache"),
        check=True,
        capture_output=True,
        timeout=60,
    )
    running = start_dev_server(tmp_path / "busy", tmp_path / "site", work / "cache")
    program = tmp_path / "busy" / "busy" / "program.py"
    saves = 0

    def save_and_wait_for_rebuild(*, again_after_s: float) -> None:
        nonlocal saves
        done = sum("rebuilt" in line for line in running.output) + 1
        deadline = time.monotonic() + REBUILD_TIMEOUT_S
        saved_at = 0.0
        while sum("rebuilt" in line for line in running.output) < done:
            assert time.monotonic() < deadline, "".join(running.output)
            if time.monotonic() - saved_at > again_after_s:
                saves += 1
                program.write_text(program.read_text() + f"# save {saves}\n")
                saved_at = time.monotonic()
            time.sleep(0.05)

    # The watcher starts after the server prints its URL: save until it has seen one.
    save_and_wait_for_rebuild(again_after_s=1.0)
    stop = threading.Event()
    readers = [Reader(running.url, stop, time.monotonic() + 120) for _ in range(READERS)]
    try:
        for reader in readers:
            reader.start()
        for _ in range(REBUILDS):
            save_and_wait_for_rebuild(again_after_s=REBUILD_TIMEOUT_S)
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=30)
        running.stop()
    assert [problem for reader in readers for problem in reader.problems] == []
    assert all(reader.rounds >= REBUILDS for reader in readers)
    assert not any("build failed" in line for line in running.output)
    leftovers = [path.name for path in tmp_path.iterdir() if path.name.startswith(".site.")]
    assert leftovers == []
