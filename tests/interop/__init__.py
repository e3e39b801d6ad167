"""Interop tests: each test_x.py runs inside Pyodide and talks to the real JS module x.mjs."""
