"""The Python half of ``bench/calls.mjs``: exports JS calls and loops JS starts.

``getExports("pybench")`` imports every submodule, so the stubs in :mod:`pybench.loops`
are decorated (not bound) before the first loop runs.
"""
