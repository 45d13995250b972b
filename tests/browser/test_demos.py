"""The Demos page on a 1280x720 projector: every gallery card shows its buttons, no title
or teaser breaks inside a word, every demo renders without an exception (screenshot each),
and Previous / Next step through the demos like slides."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from hopfield_app.demos import catalogue
from tests.browser import helpers

PROJECTOR = {"width": 1280, "height": 720}

# For every text node under ``root``: the words whose glyphs lie on more than one line box
# (a word broken inside, "Temperat / ure"). Ranges over a single word give one client rect
# per line they occupy. Hyphenated words may break at their hyphen.
_BROKEN_WORDS_JS = """
(root) => {
  const broken = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const text = node.textContent;
    const re = /[^\\s\\-\u2010\u2013]+/g;  // a hyphen or dash is a legitimate break
    let m;
    while ((m = re.exec(text))) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set(Array.from(range.getClientRects())
        .filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}
"""


@pytest.fixture
def projector(browser, request):
    context = browser.new_context(viewport=PROJECTOR)
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()


def _open(tab, url: str) -> None:
    tab.goto(url)
    helpers.wait_for_app_run(tab)
    helpers.expect_no_exception(tab)


def test_every_gallery_card_shows_its_buttons_and_no_word_breaks(projector, app_server):
    _open(projector, f"{app_server}/demos")
    helpers.screenshot(projector, "demos-gallery-1280", full_page=True)
    for demo in catalogue.DEMOS:
        card = helpers.by_key(projector, f"demos.card.{demo.slug}")
        expect(card).to_have_count(1)
        card.scroll_into_view_if_needed()
        box = card.bounding_box()
        # the card is not a scroll box hiding part of its content
        clipped = card.evaluate("el => el.scrollHeight - el.clientHeight")
        assert clipped <= 1, f"{demo.slug}: {clipped} px of the card scroll out of sight"
        for key in (f"demos.show.{demo.slug}", f"demos.open.{demo.slug}"):
            button = helpers.by_key(projector, key).get_by_role("button")
            expect(button).to_be_visible()
            b = button.bounding_box()
            assert box["y"] <= b["y"] and b["y"] + b["height"] <= box["y"] + box["height"] + 1, (
                f"{key} lies outside its card")
        broken = card.evaluate(_BROKEN_WORDS_JS)
        assert not broken, f"{demo.slug}: words broken across lines: {broken}"


def test_first_card_buttons_are_in_the_first_screen(projector, app_server):
    _open(projector, f"{app_server}/demos")
    button = helpers.by_key(projector, f"demos.open.{catalogue.SLUGS[0]}").get_by_role("button")
    b = button.bounding_box()
    assert b["y"] + b["height"] <= PROJECTOR["height"], b


@pytest.mark.parametrize("slug", catalogue.SLUGS)
def test_every_demo_renders_at_1280_with_look_at_and_next_in_the_first_screen(
        projector, app_server, slug):
    _open(projector, f"{app_server}/demos?demo={slug}")
    expect(projector.get_by_test_id("stError")).to_have_count(0)
    helpers.screenshot(projector, f"demo-{slug}-1280")
    helpers.screenshot(projector, f"demo-{slug}-1280-full", full_page=True)
    for key in ("demos.look", "demos.next", f"demos.detail.open.{slug}"):
        el = helpers.by_key(projector, key)
        box = el.first.bounding_box()
        assert box is not None and box["y"] + min(box["height"], 60) <= PROJECTOR["height"], (
            key, box)
    for key in ("demos.bar", "demos.look", "demos.body"):
        broken = helpers.by_key(projector, key).first.evaluate(_BROKEN_WORDS_JS)
        assert not broken, f"{key}: words broken across lines: {broken}"


def test_next_and_previous_step_through_the_demos(projector, app_server):
    _open(projector, f"{app_server}/demos?demo={catalogue.SLUGS[0]}")
    for slug in catalogue.SLUGS[1:3]:
        helpers.click_button(projector, key="demos.next")
        helpers.expect_no_exception(projector)
        assert f"demo={slug}" in projector.url
        expect(helpers.by_key(projector, "demos.look")).to_contain_text(
            catalogue.get(slug).text.look[:30])
    helpers.click_button(projector, key="demos.prev")
    assert f"demo={catalogue.SLUGS[1]}" in projector.url
    # the keys N and P (a clicker's or the keyboard's) do the same
    projector.mouse.click(1200, 700)  # focus the page, not a widget
    projector.keyboard.press("n")
    helpers.wait_for_app_run(projector)
    projector.wait_for_url(f"**demo={catalogue.SLUGS[2]}**", timeout=30_000)
    projector.keyboard.press("p")
    helpers.wait_for_app_run(projector)
    projector.wait_for_url(f"**demo={catalogue.SLUGS[1]}**", timeout=30_000)


@pytest.mark.parametrize("slug", ["sync-cycle", "temperature", "storkey-pictures", "halfway"])
def test_open_in_playground_runs_without_exception(projector, app_server, slug):
    """The demos that open in the Compare view (sync cycle, temperature, Storkey's seven
    pictures) or with the overlap plane (halfway) reach the Playground and run there."""
    _open(projector, f"{app_server}/demos?demo={slug}")
    demo = catalogue.get(slug)
    key = (f"demos.detail.variant.{slug}.0" if slug == "storkey-pictures"
           else f"demos.detail.open.{slug}")
    helpers.click_button(projector, key=key)
    helpers.wait_for_app_run(projector)
    helpers.expect_no_exception(projector)
    assert "playground" in projector.url
    expect(projector.get_by_text(f"Demo: {(demo.variants[0][1]() if slug == 'storkey-pictures' else demo.scenario()).title}",
                                 exact=False).first).to_be_visible(timeout=60_000)
    projector.wait_for_timeout(1500)
    helpers.screenshot(projector, f"demo-{slug}-playground-1280")
