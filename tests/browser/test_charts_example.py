"""The charts example (examples/charts) in Chromium: uPlot, an npm package imported by its
name, draws data computed in Python with two PyPI packages (perlin-noise, humanize); a button
recomputes; leaving the page and coming back makes one chart, not two."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    BOOT_TIMEOUT_MS,
    REPO,
    DevServer,
    PageLog,
    attach_log,
    save_screenshot,
    start_dev_server,
)

CHARTS = REPO / "examples" / "charts"
# The chart's state, read from uPlot itself, and whether its canvas has drawn pixels.
CHART_STATE = """() => {
  const element = document.getElementById("chart");
  const chart = element?.uplot;
  const canvas = element?.querySelector("canvas");
  if (!chart || !canvas) return null;
  // Read from a copy: reading uPlot's own canvas back makes Chromium warn.
  const copy = document.createElement("canvas");
  copy.width = canvas.width;
  copy.height = canvas.height;
  const context = copy.getContext("2d", { willReadFrequently: true });
  context.drawImage(canvas, 0, 0);
  const pixels = context.getImageData(0, 0, copy.width, copy.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
  return {
    points: chart.data[1].length,
    first: chart.data[1][0],
    charts: document.querySelectorAll(".uplot").length,
    painted,
  };
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    if not (CHARTS / "node_modules" / "uplot").is_dir():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not on PATH (make bootstrap installs the example's packages)")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=CHARTS, check=True)
    running = start_dev_server(
        CHARTS,
        tmp_path_factory.mktemp("charts-dist"),
        tmp_path_factory.mktemp("cache"),
        "--no-watch",
    )
    yield running
    running.stop()


@pytest.fixture(scope="module")
def shared(browser: Browser, server: DevServer) -> Iterator[tuple[Page, PageLog]]:
    context = browser.new_context(viewport={"width": 1100, "height": 560})
    page = context.new_page()
    log = attach_log(page)
    page.goto(server.url)
    expect(page.get_by_role("heading", name="Charts")).to_be_visible(timeout=BOOT_TIMEOUT_MS)
    yield page, log
    context.close()


def chart_state(page: Page) -> dict[str, int | float]:
    page.wait_for_function(f"({CHART_STATE})()?.painted > 0")
    state: dict[str, int | float] = page.evaluate(CHART_STATE)
    return state


def test_the_chart_draws_what_python_computed(shared: tuple[Page, PageLog]) -> None:
    page, log = shared
    page.get_by_role("link", name="Chart", exact=True).first.click()
    summary = page.locator("#summary")
    expect(summary).to_contain_text("1,000 points of Perlin noise, seed 1, from")
    state = chart_state(page)
    assert state["points"] == 1000
    assert state["charts"] == 1
    assert state["painted"] > 1000  # the curve, axes and grid
    # The first point is Perlin noise at 0: exactly 0.0 for any seed.
    assert state["first"] == 0.0
    save_screenshot(page, "example-charts.png", commit=True)
    assert log.problems() == []


def test_recompute_draws_new_data(shared: tuple[Page, PageLog]) -> None:
    page, log = shared
    before = page.evaluate("() => [...document.getElementById('chart').uplot.data[1]]")
    page.get_by_role("button", name="Recompute").click()
    expect(page.locator("#summary")).to_contain_text("seed 2")
    page.wait_for_function(
        "before => document.getElementById('chart').uplot.data[1].some((y, i) => y !== before[i])",
        arg=before,
    )
    assert chart_state(page)["charts"] == 1
    assert log.problems() == []


def test_leaving_and_coming_back_makes_one_chart(shared: tuple[Page, PageLog]) -> None:
    page, log = shared
    page.get_by_role("link", name="Home").click()
    expect(page.get_by_role("heading", name="Charts")).to_be_visible()
    assert page.locator(".uplot").count() == 0  # disposed with its page
    page.get_by_role("link", name="Chart", exact=True).first.click()
    expect(page.locator("#summary")).to_contain_text("seed 1")
    state = chart_state(page)
    assert (state["charts"], state["points"]) == (1, 1000)
    assert log.problems() == []
