"""The app's start: the port of BlazorSample's Program.cs."""

from jsinterop import JSHost
from jsinterop.components import run_app
from sample.layout import MainLayout, NotFound


async def main(args: list[str]) -> int:
    # Program.cs: load the shared module once, before the app runs; the Interop class
    # (sample/interop.py) and the pages that use it rely on it being there.
    await JSHost.import_async("Interop", "./wwwroot/js/interop.js")
    await run_app("#app", pages="sample.pages", layout=MainLayout, not_found=NotFound)
    return 0
