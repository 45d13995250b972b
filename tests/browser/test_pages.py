"""Story 5: every page in the navigation opens without an exception on screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    StreamlitServer,
    expect_no_exception,
    nav_links,
    nav_page_names,
    screenshot,
    wait_for_app_run,
)

# The pages app.py lists, in order: the navigation a person sees.
APP_PAGES = ["Home", "Playground", "Lecture demos", "Weights", "Capacity", "Basins", "Attractors"]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _heading(page: Page):
    """The page's first heading in the main area (pages use a title or a ### or #### line)."""
    return page.get_by_test_id("stMain").locator("h1, h2, h3, h4").first


def test_every_page_in_the_navigation_opens_without_an_exception(app: Page) -> None:
    """Click through every navigation link: each page shows a heading and no exception box."""
    expect(nav_links(app)).to_have_count(len(APP_PAGES))
    assert nav_page_names(app) == APP_PAGES

    for index, name in enumerate(APP_PAGES):
        nav_links(app).nth(index).click()
        wait_for_app_run(app)
        expect_no_exception(app)
        # A heading is the first thing every page draws; without it the page never rendered.
        expect(_heading(app)).to_be_visible()
        screenshot(app, f"story5-page-{index + 1}-{_slug(name)}")


def test_switching_pages_keeps_the_address_in_step(app: Page) -> None:
    """Each page has its own address, so a lecturer can bookmark it."""
    nav_links(app).nth(APP_PAGES.index("Playground")).click()
    wait_for_app_run(app)
    # The Playground keeps its experiment in the query string (a shareable link).
    expect(app).to_have_url(re.compile(r"/playground(\?.*)?$"))


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("playground", "Playground"),
        ("demos", "Lecture demos"),
        ("weights", "Weights"),
        ("capacity", "Capacity"),
        ("basins", "Basins"),
        ("attractors", "Attractors"),
    ],
)
def test_direct_link_on_a_fresh_server_shows_the_app(page: Page, path: str, title: str) -> None:
    """A bookmark opened first thing after the server starts shows that page in the app.

    With a pages/ folder beside app.py, Streamlit runs pages/<name>.py on its own
    until some session has run app.py; every page repairs that itself
    (hopfield_app.router.ensure_router), which this test checks.
    """
    # A server of its own: the module's server has already run app.py, which hides the case.
    with StreamlitServer("app.py") as server:
        page.goto(f"{server.url}/{path}")
        wait_for_app_run(page)
        expect_no_exception(page)
        # The repair reruns through app.py: on a loaded machine the folder-mode page can
        # look finished for a moment before that rerun starts. It must not stay.
        expect(nav_links(page).first).to_contain_text(APP_PAGES[0], timeout=30_000)
        wait_for_app_run(page)
        assert nav_page_names(page) == APP_PAGES
        current = page.get_by_test_id("stSidebarNav").locator("a[aria-current='page']")
        expect(current).to_contain_text(title)
