"""The app's start: shows the page for the current address inside the layout."""

from jsinterop.components import run_app

from .layout import MainLayout


async def main(args: list[str]) -> int:
    await run_app("#app", pages="charts.pages", layout=MainLayout)
    return 0
