"""Story: a lecturer builds an experiment, copies its link; a student opens it on another
server and sees the same run; a reload of the tab keeps the experiment."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit, urlunsplit

from playwright.sync_api import expect

from tests.browser import helpers
from tests.browser import playground_ui as ui
from tests.browser.helpers import by_key, wait_for_app_run


def _build_experiment(page) -> None:
    helpers.navigate_to_page(page, "Playground")
    ui.setup_builtin(page, "Digits 0–9", 6, rows=20, cols=20)
    ui.open_tab(page, "Settings")
    ui.set_number(page, ui.KEYS["seed"], 31)
    ui.set_number(page, ui.KEYS["steps"], 7)
    ui.press_run(page)
    ui.wait_for_playback_end(page)


def _shown_link(page) -> str:
    """Open "Share · save · export" and read the link shown to copy."""
    panel = page.get_by_test_id("stExpander").filter(has_text="Share · save · export")
    if panel.locator("details[open]").count() == 0 and panel.get_attribute("open") is None:
        panel.get_by_text("Share · save · export").click()
    code = panel.get_by_test_id("stCode")
    expect(code).to_be_visible()
    return code.inner_text().strip()


def test_a_link_opened_on_a_fresh_server_shows_the_same_final_frame(app, browser):
    _build_experiment(app)
    final = ui.canvas_data_url(app, "player-canvas")
    assert ui.frame_of(app) > 0
    # The address bar holds the experiment; the shown link is the same address.
    query = parse_qs(urlsplit(app.url).query)
    assert query["g"] == ["20x20"] and query["m"] == ["s.digits.6"] and query["seed"] == ["31"]
    link = _shown_link(app)
    assert parse_qs(urlsplit(link).query) == query
    assert len(link) < 2000

    with helpers.StreamlitServer("app.py") as other:
        there = urlsplit(other.url)
        moved = urlunsplit((there.scheme, there.netloc, urlsplit(link).path,
                            urlsplit(link).query, ""))
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        try:
            student = context.new_page()
            student.goto(moved)
            wait_for_app_run(student)
            expect(ui.player(student)).to_be_visible(timeout=60_000)
            ui.wait_for_playback_end(student)
            # the last frame's paint can trail the end of playback on a busy machine
            shown = ui.canvas_data_url(student, "player-canvas")
            for _ in range(20):
                if shown == final:
                    break
                student.wait_for_timeout(250)
                shown = ui.canvas_data_url(student, "player-canvas")
            assert shown == final
            expect(student.get_by_text(re.compile("Opened the experiment from the link"))
                   ).to_be_visible()
            helpers.screenshot(student, "lecture_link_opened")
        finally:
            context.close()


def _summary(page) -> str:
    """The line under Run that names the memories, the probe and the settings."""
    return page.get_by_text(re.compile(r"^\d+ memor")).first.locator("xpath=..").inner_text()


def test_a_reload_keeps_the_experiment(app):
    helpers.navigate_to_page(app, "Playground")
    ui.setup_builtin(app, "Letters A–Z", 4)
    ui.open_tab(app, "Settings")
    ui.set_number(app, ui.KEYS["seed"], 12)
    # the address follows the change (once that run has finished)
    expect(app).to_have_url(re.compile(r"[?&]seed=12(&|$)"), timeout=30_000)
    before_url, before_summary = app.url, _summary(app)
    stored = ui.stored_count(app).inner_text()
    assert "4 memories" in before_summary
    app.reload()
    wait_for_app_run(app)
    expect(ui.stored_count(app)).to_have_text(stored)
    assert _summary(app) == before_summary
    ui.open_tab(app, "Settings")
    expect(by_key(app, ui.KEYS["seed"]).locator("input")).to_have_value("12")
    assert parse_qs(urlsplit(app.url).query) == parse_qs(urlsplit(before_url).query)
    helpers.expect_no_exception(app)
