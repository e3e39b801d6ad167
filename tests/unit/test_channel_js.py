"""Nested synchronous calls between the page and the worker (channel.mjs), in Node.

``js/channel_nested.mjs`` runs channel.mjs and wire.mjs between Node's main thread (the
page's side, woken by ``Atomics.waitAsync``, spinning while it waits for an answer) and a
worker thread (the worker's side, in ``Atomics.wait``): the worker calls a page function,
which calls the worker back synchronously (a comparator, 30 levels of mutual recursion, an
error), and a reply that cannot be written makes the waiting call throw instead of spinning.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).parent / "js" / "channel_nested.mjs"


def test_the_page_calls_the_worker_back_while_the_worker_waits() -> None:
    node = shutil.which("node") or "node"
    done = subprocess.run([node, str(SCRIPT)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["worker"] == [
        42,
        [1, 2, 3],
        30,
        "RangeError: from the worker",
        "Error: jsinterop: the other side of a synchronous call failed while answering it (see "
        "its console",
        4,
    ]
    # Outside a call from the worker, the page does not call it synchronously.
    assert report["outsideACall"] == "not during a call: posted"
