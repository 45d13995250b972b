"""Story: the lecturer downloads the run as a GIF and a figure for the slides, then
presents the run full-screen on a 1280x720 projector."""

from __future__ import annotations

import io
import re

import numpy as np
from PIL import Image
from playwright.sync_api import expect

from hopfield_app.lecture import experiment as ex
from tests.browser import helpers
from tests.browser import playground_ui as ui
from tests.browser.helpers import by_key, wait_for_app_run

LINK = ex.to_query(ex.Experiment(grid=(24, 24), memories=(
    ex.MemoryBlock("set", name="digits", count=5),), probe_memory=2, noise=0.3, steps=8,
    frames_per_sweep=4, seed=3, ran=True))


def _open(page, base_url: str, extra: str = "") -> None:
    from urllib.parse import urlencode

    page.goto(f"{base_url.rstrip('/')}/playground?{urlencode(LINK)}{extra}")
    wait_for_app_run(page)
    expect(ui.player(page)).to_be_visible(timeout=60_000)
    root = ui.player(page)
    # the run plays once by itself: wait until it rests on its last frame
    page.wait_for_function(
        "(el) => el.dataset.count && el.dataset.frame === String(el.dataset.count - 1)"
        " && el.dataset.playing === 'false'", arg=root.element_handle(), timeout=60_000)


def _choose_format(page, label: str) -> None:
    """Pick ``label`` in the figure's format box (reopened if a rerun closed it)."""
    for _ in range(3):
        by_key(page, "lecture.fig_format").get_by_role("combobox").click()
        option = page.get_by_role("option", name=label, exact=True)
        try:
            option.click(timeout=5_000)
            break
        except Exception:
            page.keyboard.press("Escape")
            wait_for_app_run(page)
    wait_for_app_run(page)


def _download(page, button_label: str) -> bytes:
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=re.compile(re.escape(button_label))).first.click()
    return open(info.value.path(), "rb").read()


def test_the_gif_and_the_figure_download(page, app_server):
    _open(page, app_server)
    page.get_by_text("Share · save · export").click()
    helpers.click_button(page, key="lecture.make_anim")
    gif = _download(page, "Download GIF")
    im = Image.open(io.BytesIO(gif))
    assert im.format == "GIF" and im.size == (504, 504)  # 24 units x 21 px, under 512
    assert 2 <= im.n_frames <= 33  # 8 sweeps x 4 frames + start, equal frames merged
    im.seek(im.n_frames - 1)
    assert np.asarray(im.convert("L")).std() > 50  # a black-and-white picture, not blank

    _choose_format(page, "SVG")
    helpers.click_button(page, key="lecture.make_fig")
    svg = _download(page, "Download figure").decode()
    for text in ("Energy", "Overlap with each memory", "sweeps", "digit 2"):
        assert text in svg, text

    _choose_format(page, "PNG, 300 dpi")
    helpers.click_button(page, key="lecture.make_fig")
    png = Image.open(io.BytesIO(_download(page, "Download figure")))
    assert png.size == (4000, 2250) and round(png.info["dpi"][0]) == 300
    csv = _download(page, "Energy and overlaps (CSV)").decode()
    assert csv.startswith("frame,sweeps,energy,overlap digit 0")
    helpers.expect_no_exception(page)


def test_presenter_mode_fills_a_1280x720_screen(browser, app_server):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        _open(page, app_server, "&present=1")
        path = helpers.screenshot(page, "lecture_presenter_1280x720")
        assert path.exists()
        expect(page.get_by_test_id("stSidebar")).to_be_hidden()
        expect(by_key(page, "playground.run")).to_be_hidden()
        canvas = page.get_by_test_id("player-canvas").bounding_box()
        energy = page.get_by_test_id("player-energy").bounding_box()
        assert canvas and energy
        # picture and charts in the first screen, the picture large
        assert canvas["y"] + canvas["height"] <= 720 and energy["y"] + energy["height"] <= 720
        assert canvas["height"] >= 380, canvas
        # the transport row too: Play and the scrubber are on the first screen
        for part in ("player-play", "player-scrub"):
            box = page.get_by_test_id(part).bounding_box()
            assert box and box["y"] + box["height"] <= 720, (part, box)
        # type: body text at least 20 px, chart labels at least 18 px on screen
        verdict_px = page.get_by_text(re.compile("^Whole run")).first.evaluate(
            "(el) => parseFloat(getComputedStyle(el.closest('p') || el).fontSize)")
        assert verdict_px >= 20, verdict_px
        zoom = by_key(page, "playground.player").evaluate(
            "(el) => parseFloat(getComputedStyle(el).zoom || 1)")
        assert 16 * zoom >= 18, zoom  # the player draws its chart labels at 16 CSS px
        # leaving presenter mode brings the controls back
        helpers.click_button(page, key="lecture.present_exit")
        helpers.screenshot(page, "lecture_presenter_exit")
        expect(by_key(page, "playground.run").locator("button")).to_be_visible(timeout=20_000)
        assert "present=1" not in page.url
        helpers.expect_no_exception(page)
    finally:
        context.close()


def test_the_f_key_switches_presenter_mode(page, app_server):
    _open(page, app_server)
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    page.mouse.click(5, 700)  # focus the page, not a field
    page.keyboard.press("f")
    wait_for_app_run(page)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden(timeout=20_000)
    expect(page).to_have_url(re.compile(r"[?&]present=1"))
    expect(ui.player(page)).to_be_visible()
    page.mouse.click(5, 400)
    page.keyboard.press("f")
    wait_for_app_run(page)
    expect(page.get_by_test_id("stSidebar")).to_be_visible(timeout=20_000)
    helpers.expect_no_exception(page)
