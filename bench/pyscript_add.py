"""The Python half of bench/pyscript.html, run by PyScript in its worker: the loop of
bench/pybench/worker.py's ``call_add``, calling the page's ``add`` through PyScript's proxy."""

import json
import time

from pyscript import window  # type: ignore[import-not-found]  # PyScript's worker module


def per_call(call, count: int, runs: int = 5) -> float:
    """Microseconds per ``call(i, 2)``: the median of ``runs`` loops of ``count`` calls."""
    loops = []
    for _ in range(runs):
        start = time.perf_counter()
        for i in range(count):
            call(i, 2)
        loops.append((time.perf_counter() - start) / count * 1e6)
    return sorted(loops)[runs // 2]


calls = int(window.benchCalls)
add = window.add  # looked up once, as a stub binds once: one proxy round trip per call
window.pyscriptDone(
    json.dumps(
        {
            "addMicroseconds": per_call(add, calls),
            # PyScript's everyday form: the property read is a round trip of its own.
            "windowAddMicroseconds": per_call(lambda a, b: window.add(a, b), max(calls // 100, 20)),
            "pyodide": __import__("pyodide").__version__,
            "crossOriginIsolated": bool(window.crossOriginIsolated),
        }
    )
)
