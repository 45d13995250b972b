"""Story 5: every page in the navigation opens without an exception on screen."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    expect_no_exception,
    nav_links,
    nav_page_names,
    screenshot,
    wait_for_app_run,
)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def test_every_page_in_the_navigation_opens_without_an_exception(app: Page) -> None:
    """Click through every navigation link: each page shows a title and no exception box."""
    links = nav_links(app)
    # app.py lists seven pages; a missing link means the navigation broke.
    expect(links).to_have_count(7)
    names = nav_page_names(app)
    assert len(set(names)) == len(names), f"duplicate page names in the navigation: {names}"

    for index, name in enumerate(names):
        link = nav_links(app).nth(index)
        link.click()
        wait_for_app_run(app)
        expect_no_exception(app)
        # Every page starts with a title; its absence means the page never rendered.
        expect(app.locator("h1").first).to_be_visible()
        screenshot(app, f"story5-page-{index + 1}-{_slug(name)}")


def test_direct_url_opens_the_playground(page: Page, app_server: str) -> None:
    """Typing /playground into the address bar opens the Playground, not the home page."""
    page.goto(f"{app_server}/playground")
    wait_for_app_run(page)
    expect_no_exception(page)
    expect(page.locator("h1").first).to_contain_text("Playground")
