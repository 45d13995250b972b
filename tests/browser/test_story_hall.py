"""Story 4: the Playground on a lecture hall's projector (1280x720, also 1920x1080 and
1280x720 at 125 % zoom), offline, read from the back row.

After Run and after "Open in Playground" the audience sees the run without anyone
scrolling: the state picture, both charts, Play, the scrubber and the verdict. The
drawing canvas can be drawn on to its last column; chart text is dark enough; every
request goes to the app itself; no widget setting ends in a traceback.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from tests.browser import playground_ui as ui
from tests.browser.helpers import (by_key, expect_no_exception, navigate_to_page, screenshot,
                                   wait_for_app_run)

# (width, height, device scale): 125 % zoom of a 1280x720 screen is a 1024x576 CSS viewport.
SCREENS = {"1280x720": (1280, 720, 1.0), "1920x1080": (1920, 1080, 1.0),
           "1280x720-zoom125": (1024, 576, 1.25)}
# What the audience must see after Run: (test id or role, name).
# The second chart is the overlaps over time or, where the run has a plane of two
# memories, that plane (the player shows one of the two at a time).
RUN_PARTS = ("player-canvas", "player-energy", "player-play", "player-scrub")
SECOND_CHART = ("player-overlap", "player-plane")


def _new_page(browser, screen: str) -> Page:
    width, height, scale = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=scale)
    return context.new_page()


def _outside(page: Page) -> list[str]:
    """The parts of the run that are not wholly inside the viewport, with their boxes."""
    size = page.viewport_size
    parts = {name: page.get_by_test_id(name).first for name in RUN_PARTS}
    shown = [n for n in SECOND_CHART if page.get_by_test_id(n).count()
             and page.get_by_test_id(n).first.is_visible()]
    assert shown, "neither the overlap chart nor the plane is shown"
    parts[shown[0]] = page.get_by_test_id(shown[0]).first
    parts["verdict"] = page.get_by_test_id("stAlert").filter(has_text="Whole run").first
    bad = []
    for name, loc in parts.items():
        expect(loc).to_be_visible()
        box = loc.bounding_box()
        if box is None or box["x"] < 0 or box["y"] < 0 or \
                box["x"] + box["width"] > size["width"] + 0.5 or \
                box["y"] + box["height"] > size["height"] + 0.5:
            bad.append(f"{name} at {box}")
    return bad


def _run_digit_2(page: Page, url: str) -> None:
    ui.open_playground(page, url)
    ui.setup_builtin(page, "Digits 0–9", 10)
    ui.open_tab(page, "Probe")
    ui.choose_option(page, ui.KEYS["probe_memory"], "3: digit 2")
    ui.press_run(page)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_after_run_the_whole_run_is_on_the_first_screen(browser, app_server: str,
                                                        screen: str) -> None:
    page = _new_page(browser, screen)
    try:
        _run_digit_2(page, app_server)
        page.wait_for_timeout(500)  # the player lays out its charts after mounting
        screenshot(page, f"hall-{screen}-after-run")
        assert _outside(page) == []
        expect(page.get_by_test_id("stSidebar")).to_be_visible()  # not collapsed
        expect_no_exception(page)
    finally:
        page.context.close()


@pytest.mark.parametrize("screen", list(SCREENS))
def test_after_open_in_playground_the_run_is_on_the_first_screen(browser, app_server: str,
                                                                 screen: str) -> None:
    page = _new_page(browser, screen)
    try:
        page.goto(app_server)
        wait_for_app_run(page)
        navigate_to_page(page, "Lecture demos")
        page.get_by_role("button", name="Open in Playground").first.click()
        wait_for_app_run(page)
        expect(ui.player(page)).to_be_visible(timeout=30_000)
        page.wait_for_timeout(500)
        screenshot(page, f"hall-{screen}-open-in-playground")
        assert _outside(page) == []
        expect_no_exception(page)
    finally:
        page.context.close()


def test_every_playground_tab_is_on_screen_at_125_percent_zoom(browser, app_server: str) -> None:
    """No tab hides behind a scroll arrow: each tab lies inside the tab list's box."""
    page = _new_page(browser, "1280x720-zoom125")
    try:
        ui.open_playground(page, app_server)
        tablist = page.get_by_role("tablist").first.bounding_box()
        for name in ("Memories", "Probe", "Settings"):
            box = page.get_by_role("tab", name=re.compile(name)).bounding_box()
            assert box is not None
            assert box["x"] >= tablist["x"] - 0.5, name
            assert box["x"] + box["width"] <= tablist["x"] + tablist["width"] + 0.5, name
        ui.open_tab(page, "Settings")
        expect(by_key(page, ui.KEYS["rule"])).to_be_visible()
    finally:
        page.context.close()


def test_the_drawing_canvas_is_drawable_to_its_last_column_at_1280(browser,
                                                                    app_server: str) -> None:
    """The canvas fits its column, and a stroke that starts in the last column is kept."""
    rows = cols = 32
    page = _new_page(browser, "1280x720")
    try:
        page.goto(app_server)
        wait_for_app_run(page)
        ui.open_drawing(page, rows, cols)
        surface = ui.drawing_surface(page)
        box = surface.bounding_box()
        column = page.get_by_test_id("stColumn").filter(has=surface).last.bounding_box()
        assert box["x"] + box["width"] <= column["x"] + column["width"] + 0.5, (box, column)
        cw, ch = box["width"] / cols, box["height"] / rows
        # The top-most element at the centre of the last column's cells is the canvas.
        x_last, y_mid = box["x"] + (cols - 0.5) * cw, box["y"] + 10.5 * ch
        hit = page.evaluate(_TOP_ELEMENT_JS, [x_last, y_mid])
        assert hit == "CANVAS", hit
        page.mouse.move(x_last, y_mid)
        page.mouse.down()
        page.mouse.move(box["x"] + (cols - 6.5) * cw, y_mid, steps=8)
        page.mouse.up()
        expected = -np.ones((rows, cols), dtype=int)
        expected[10, cols - 6:] = 1
        shown = ui.drawing_cells(page, rows, cols, expected)
        assert shown[10, cols - 1] == 1 and shown[10, cols - 6] == 1, shown[10]
        screenshot(page, "hall-1280x720-drawing")
    finally:
        page.context.close()


# The top-most element at a point, looking inside components' shadow roots.
_TOP_ELEMENT_JS = """([x, y]) => {
  let el = document.elementFromPoint(x, y);
  while (el && el.shadowRoot) {
    const inner = el.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === el) break;
    el = inner;
  }
  return el ? el.tagName : null;
}"""


_CONTRAST_JS = """() => {
  const lum = (c) => {
    const m = c.match(/[\\d.]+/g).map(Number);
    const a = m.length > 3 ? m[3] : 1;
    const v = m.slice(0, 3).map((x) => x / 255 * a + (1 - a))  // over white paper
      .map((x) => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  };
  const sel = ['.xtick text', '.ytick text', '.xtitle', '.ytitle', '.gtitle', '.legendtext',
               '.cbaxis text'].map((s) => '.js-plotly-plot .main-svg ' + s).join(',');
  return [...document.querySelectorAll(sel)].filter((el) => el.textContent.trim())
    .map((el) => {
      const st = getComputedStyle(el);
      let op = parseFloat(st.fillOpacity) * parseFloat(st.opacity);
      const l = lum(st.fill);
      const ink = l * op + 1 * (1 - op);  // the ink blended over white
      return {text: el.textContent.trim(), ratio: 1.05 / (ink + 0.05)};
    });
}"""


def test_chart_text_has_at_least_4_5_to_1_contrast(browser, app_server: str) -> None:
    """Axis titles, tick labels and chart titles read from the back: computed fill colour
    (and opacity) over the white paper gives a contrast of at least 4.5:1."""
    page = _new_page(browser, "1280x720")
    try:
        ui.open_playground(page, app_server)
        ui.setup_builtin(page, "Digits 0–9", 10)
        navigate_to_page(page, "Weights")
        expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)
        page.wait_for_timeout(500)
        texts = page.evaluate(_CONTRAST_JS)
        assert len(texts) >= 5, texts
        low = [t for t in texts if t["ratio"] < 4.5]
        assert low == [], low[:10]
    finally:
        page.context.close()


def test_every_request_goes_to_the_app_itself(browser, app_server: str) -> None:
    """Offline lecture hall: home, Playground (a run), demos; no other host is asked."""
    page = _new_page(browser, "1280x720")
    app_host = urlparse(app_server).netloc
    foreign: list[str] = []

    def note(request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != app_host:
            foreign.append(request.url)

    page.on("request", note)
    try:
        _run_digit_2(page, app_server)
        navigate_to_page(page, "Lecture demos")
        navigate_to_page(page, "Home")
        page.wait_for_timeout(1000)
        assert foreign == []
        icon = page.evaluate("() => document.querySelector('link[rel~=icon]')?.href || ''")
        assert urlparse(icon).netloc in ("", app_host), icon
    finally:
        page.context.close()


def test_the_heaviest_run_the_widgets_allow_ends_without_a_traceback(browser,
                                                                     app_server: str) -> None:
    """128x128, ten digits, stochastic, 500 steps, 16 frames per sweep: the run records
    fewer frames, says so, and plays; no exception box."""
    page = _new_page(browser, "1280x720")
    try:
        ui.open_playground(page, app_server)
        ui.setup_builtin(page, "Digits 0–9", 10, rows=128, cols=128)
        ui.open_tab(page, "Settings")
        ui.choose_segment(page, ui.KEYS["mode"], "Stochastic")
        ui.set_number(page, ui.KEYS["steps"], 500)
        # 16 frames per sweep (the default) already make 8,001 frames of 16,384 units here:
        # more than a page can hold (64 is checked the same way in the AppTest).
        ui.run_button(page).click()
        wait_for_app_run(page, timeout=120_000)
        expect(ui.player(page)).to_be_visible(timeout=120_000)
        screenshot(page, "hall-1280x720-heaviest-run")
        expect(page.get_by_text(re.compile(r"per sweep instead of 16"))).to_have_count(1)
        expect(page.get_by_test_id("stException")).to_have_count(0)
    finally:
        page.context.close()
