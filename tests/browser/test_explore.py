"""The Explore pages on a 1280x720 projector: long experiments keep their progress, the time
left and Stop in view while the curve grows; the Weights correlations are legible; every chart's
text has a contrast of at least 4.5:1; a screenshot of each page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    by_key,
    click_button,
    expect_no_exception,
    screenshot,
    wait_for_app_run,
)

SCREEN = {"width": 1280, "height": 720}


@pytest.fixture
def tab(browser, app_server: str):
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def _open(page: Page, url: str, path: str) -> None:
    page.goto(f"{url}/{path}")
    wait_for_app_run(page)
    expect_no_exception(page)


def _inside_viewport(page: Page, locator) -> None:
    box = locator.bounding_box()
    assert box is not None, "element not drawn"
    assert box["y"] >= 0 and box["y"] + box["height"] <= SCREEN["height"], box
    assert box["x"] >= 0 and box["x"] + box["width"] <= SCREEN["width"], box


def test_a_long_capacity_run_keeps_progress_time_left_and_stop_in_view(tab: Page, app_server):
    # Settings from a link: a run of tens of seconds that the work bound still allows
    # (about 30 s on two quiet cores: N = 576, 10 trials, the three default rules).
    _open(tab, app_server, "capacity?n=576&trials=10")
    alerts = " ".join(tab.get_by_test_id("stAlert").all_inner_texts())
    assert "Run experiment" in alerts and "could not be read" not in alerts
    assert "limit" not in alerts and "too big" not in alerts  # not refused
    tab.get_by_role("button", name="Run experiment").click()
    bar = tab.get_by_test_id("stProgress")
    expect(bar).to_be_visible(timeout=20_000)
    stop = by_key(tab, "capacity.stop").get_by_role("button")
    _inside_viewport(tab, bar)
    _inside_viewport(tab, stop)
    expect(bar).to_contain_text(re.compile(r"of \d+ loads|time left"))
    # The lecturer scrolls down to the settings: the results column stays on screen.
    tab.mouse.move(500, 500)
    tab.mouse.wheel(0, 400)
    tab.wait_for_timeout(500)
    _inside_viewport(tab, bar)
    _inside_viewport(tab, stop)
    screenshot(tab, "explore-capacity-running-1280")
    stop.click()
    wait_for_app_run(tab, timeout=120_000)
    expect_no_exception(tab)
    expect(tab.get_by_test_id("stProgress")).to_have_count(0)


def test_the_capacity_curve_grows_while_the_run_goes_on(tab: Page, app_server):
    """A chart is on screen beside the progress bar before the run has finished."""
    _open(tab, app_server, "capacity?n=256")  # a few seconds: long enough to be seen growing
    tab.get_by_role("button", name="Run experiment").click()
    tab.wait_for_function(
        """() => {
            const box = document.querySelector('.st-key-capacity-results');
            return !!box && !!box.querySelector('[data-testid=stProgress]')
                && !!box.querySelector('[data-testid=stPlotlyChart] .scatterlayer .trace');
        }""", timeout=120_000, polling=50)
    text = tab.get_by_test_id("stProgress").inner_text()
    assert re.search(r"\d+ of \d+ loads done", text), text
    screenshot(tab, "explore-capacity-growing-1280")
    wait_for_app_run(tab, timeout=180_000)
    expect_no_exception(tab)
    expect(by_key(tab, "capacity.chart")).to_be_visible()
    _inside_viewport(tab, by_key(tab, "capacity.chart"))
    assert min(_axis_text_contrasts(tab, by_key(tab, "capacity.chart"))) >= 4.5
    screenshot(tab, "explore-capacity-1280")


def _boxes(locator) -> list[dict]:
    return [b for b in (locator.nth(i).bounding_box() for i in range(locator.count())) if b]


def _overlap(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def _assert_apart(boxes: list[dict]) -> None:
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not _overlap(a, b), (a, b)


def _contrast(rgb: str, background=(255, 255, 255)) -> float:
    def lum(c):
        c = [v / 255 for v in c]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    values = [int(float(v)) for v in re.findall(r"[\d.]+", rgb)[:3]]
    hi, lo = sorted((lum(values), lum(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _axis_text_contrasts(page: Page, chart) -> list[float]:
    fills = chart.locator("svg .xtick text, svg .ytick text, svg .g-xtitle text, "
                          "svg .g-ytitle text, svg .legendtext, svg .annotation-text"
                          ).evaluate_all(
        "els => els.map(e => getComputedStyle(e).fill)")
    assert fills, "no axis text found"
    return [_contrast(f) for f in fills]


def test_weights_correlations_are_wide_and_their_numbers_apart(tab: Page, app_server):
    _open(tab, app_server, "weights")
    click_button(tab, key="weights.load_builtin")
    expect_no_exception(tab)
    expect(by_key(tab, "weights.matrix").locator("svg.main-svg").first).to_be_visible(
        timeout=30_000)
    screenshot(tab, "explore-weights-1280")
    tab.get_by_role("tab", name="Correlations of the memories").click()
    chart = by_key(tab, "weights.corr")
    expect(chart.locator(".heatmaplayer text").first).to_be_visible(timeout=30_000)
    box = chart.bounding_box()
    assert box["width"] >= 600, box
    _inside_viewport(tab, chart.locator(".heatmaplayer").first)
    numbers = chart.locator(".heatmaplayer text")
    assert numbers.count() == 36  # six digits: every correlation written in
    _assert_apart(_boxes(numbers))
    sizes = numbers.evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= 14, sizes
    _assert_apart(_boxes(chart.locator(".xtick text")))
    _assert_apart(_boxes(chart.locator(".ytick text")))
    assert min(_axis_text_contrasts(tab, chart)) >= 4.5
    screenshot(tab, "explore-weights-correlations-1280")


@pytest.mark.parametrize(("path", "run_key", "chart_key"), [
    ("basins", "basins.run", "basins.chart"),
    ("attractors", "attractors.run", "attractors.counts"),
])
def test_explore_page_results_fit_the_screen_with_readable_chart_text(tab: Page, app_server,
                                                                       path, run_key, chart_key):
    _open(tab, app_server, path)
    if path == "attractors":
        click_button(tab, key="attractors.load_builtin")
    click_button(tab, key=run_key)
    expect_no_exception(tab)
    chart = by_key(tab, chart_key)
    expect(chart.locator("svg.main-svg").first).to_be_visible(timeout=30_000)
    if path == "basins":
        _inside_viewport(tab, chart)
    assert min(_axis_text_contrasts(tab, chart)) >= 4.5
    _assert_apart(_boxes(chart.locator(".xtick text")))
    screenshot(tab, f"explore-{path}-1280")
