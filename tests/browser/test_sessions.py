"""Several people on one server at once: each sees only their own app, and every Run plays.

- Two visitors who arrive together by deep links on a freshly started server both
  get the app's navigation (7 pages by title), not the page files (8 names, ``app``
  included); then what one does (memories, settings, runs, a demo) never shows up
  for the other, both ways.
- In several sessions at once, every press of Run plays a run in the page, also
  when the settings did not change since the previous press.
"""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import playground_ui as ui
from tests.browser.helpers import (
    StreamlitServer,
    by_key,
    expect_no_exception,
    nav_links,
    nav_page_names,
    wait_for_app_run,
)

APP_PAGES = ["Home", "Playground", "Lecture demos", "Weights", "Capacity", "Basins", "Attractors"]
VIEWPORT = {"width": 1280, "height": 720}

# Counts the playbacks the frame player starts: it starts playing, or jumps back while
# playing (a new run replacing one still playing on a slow machine). The player lives in
# a shadow root, so it is looked up through the shadow hosts.
_COUNT_PLAYS = """() => {
  if (window.__plays !== undefined) return;
  window.__plays = 0;
  let was = false, last = 0, root = null;
  const find = () => {
    for (const host of document.querySelectorAll('*')) {
      if (!host.shadowRoot) continue;
      const r = host.shadowRoot.querySelector('[data-testid=player-root]');
      if (r) return r;
    }
    return null;
  };
  setInterval(() => {
    if (!root || !root.isConnected) root = find();
    const now = !!root && root.dataset.playing === 'true';
    const frame = root ? Number(root.dataset.frame) : 0;
    if (now && (!was || frame < last)) window.__plays += 1;
    was = now;
    last = frame;
  }, 15);
}"""


def _tab(browser: Browser) -> Page:
    return browser.new_context(viewport=VIEWPORT).new_page()


def _steps(page: Page) -> str:
    ui.open_tab(page, "Settings")
    return by_key(page, ui.KEYS["steps"]).locator("input").input_value()


def test_two_visitors_on_a_fresh_server_get_the_app_and_never_see_each_other(
        browser: Browser) -> None:
    with StreamlitServer("app.py") as server:
        a, b = _tab(browser), _tab(browser)
        try:
            # Both deep links at once, before any session has run app.py.
            a.goto(f"{server.url}/weights", wait_until="commit")
            b.goto(f"{server.url}/capacity", wait_until="commit")
            for page in (a, b):
                wait_for_app_run(page)
                expect_no_exception(page)
                # The repair reruns through app.py: on a loaded machine the folder-mode page can
                # look finished for a moment before that rerun starts. It must not stay.
                expect(nav_links(page).first).to_contain_text(APP_PAGES[0], timeout=30_000)
                wait_for_app_run(page)
                assert nav_page_names(page) == APP_PAGES

            # A stores five pictures and runs; B has neither memories nor a run.
            for page in (a, b):
                ui.open_playground(page, server.url)
            ui.setup_builtin(a, "Pictures", 5)
            ui.press_run(a)
            ui.open_tab(b, "Memories")
            expect(ui.stored_count(b)).to_have_count(0)
            expect(ui.player(b)).to_have_count(0)

            # B changes a setting and opens a demo; A keeps its own settings and memories.
            ui.open_tab(b, "Settings")
            ui.set_number(b, ui.KEYS["steps"], 7)
            assert _steps(a) == "20"
            assert _steps(b) == "7"
            b.goto(f"{server.url}/demos?demo=two-digits")
            wait_for_app_run(b)
            by_key(b, "demos.detail.open.two-digits").get_by_role("button").click()
            wait_for_app_run(b)
            expect(ui.player(b)).to_be_visible()
            ui.open_tab(b, "Memories")
            expect(ui.stored_count(b)).to_be_visible()  # the demo's memories

            # A, after all B did: still its own five pictures, its run, its settings.
            ui.open_tab(a, "Memories")
            expect(ui.stored_count(a)).to_contain_text("Stored: 5 ")
            assert ui.stored_count(b).inner_text() != ui.stored_count(a).inner_text()
            expect(ui.player(a)).to_be_visible()
            expect(a.get_by_test_id("stAlert").filter(has_text="Whole run:")).to_contain_text("boat")
            assert _steps(a) == "20"
        finally:
            a.context.close()
            b.context.close()


def test_every_run_press_plays_in_each_of_several_sessions(browser: Browser,
                                                           app_server: str) -> None:
    """Three people each store a set and press Run three times with the same settings."""
    pages = [_tab(browser) for _ in range(3)]
    try:
        for page in pages:
            page.goto(f"{app_server}/playground")
        for page in pages:
            wait_for_app_run(page)
            page.evaluate(_COUNT_PLAYS)
            ui.open_tab(page, "Memories")
            by_key(page, ui.KEYS["builtin_add"]).get_by_role("button").click()
        for page in pages:
            wait_for_app_run(page)
        for press in range(1, 4):
            for page in pages:  # all at once, as in a lecture hall
                ui.run_button(page).click()
            for page in pages:
                try:
                    page.wait_for_function(f"window.__plays >= {press}", timeout=20_000,
                                           polling=50)
                except PlaywrightTimeout:
                    pass  # counted below
            for page in pages:
                wait_for_app_run(page)
                expect_no_exception(page)
            plays = [page.evaluate("window.__plays") for page in pages]
            assert plays == [press] * len(pages), (
                f"after {press} presses of Run the sessions played {plays} runs")
    finally:
        for page in pages:
            page.context.close()
