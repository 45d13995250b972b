"""Stories 3 and 4: upload a picture and store it; bad uploads get a clear message."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from playwright.sync_api import Locator, Page, expect

from tests.browser import playground_ui as ui
from tests.browser.helpers import (
    REPO_ROOT,
    by_key,
    expect_no_exception,
    navigate_to_page,
    screenshot,
    wait_for_app_run,
)

# A 96x96 drawing of a smiley (tests/browser/fixtures) and the upload test files
# that hopfield_app.images is tested with (tests/fixtures, see make_fixtures.py).
SMILEY = Path(__file__).parent / "fixtures" / "smiley.png"
CORRUPT = REPO_ROOT / "tests" / "fixtures" / "corrupt.png"
HUGE = REPO_ROOT / "tests" / "fixtures" / "huge.png"  # a 20000x20000 PNG of 76 kB


def _open_upload_tab(page: Page) -> None:
    navigate_to_page(page, "Playground")
    ui.open_tab(page, "Memories")
    ui.choose_segment(page, ui.KEYS["mem_source"], "Upload")


def _upload(page: Page, path: Path) -> None:
    by_key(page, ui.KEYS["upload"]).locator("input[type='file']").set_input_files(str(path))
    wait_for_app_run(page)


def _store_button(page: Page) -> Locator:
    return by_key(page, ui.KEYS["upload_store"]).get_by_role("button")


def _grey_levels(image: Locator) -> list[int]:
    """The distinct grey levels of a shown picture (read back from a canvas)."""
    return image.evaluate(
        """(img) => {
          const c = document.createElement('canvas');
          c.width = img.naturalWidth; c.height = img.naturalHeight;
          const g = c.getContext('2d');
          g.drawImage(img, 0, 0);
          const px = g.getImageData(0, 0, c.width, c.height).data;
          const seen = new Set();
          for (let i = 0; i < px.length; i += 4) seen.add(px[i]);
          return [...seen].sort((a, b) => a - b);
        }"""
    )


def test_upload_a_png_see_its_binarised_preview_and_store_it(app: Page) -> None:
    """Upload a greyscale PNG: a black-and-white preview at the grid size, then one memory."""
    _open_upload_tab(app)
    expect(_store_button(app)).to_be_disabled()  # nothing to store before an upload

    _upload(app, SMILEY)
    preview = app.get_by_test_id("stImage").filter(has_text=re.compile(r"smiley as \d+×\d+"))
    expect(preview).to_be_visible()
    rows, cols = (int(v) for v in re.search(r"(\d+)×(\d+)", preview.inner_text()).groups())
    picture = preview.locator("img")
    expect(picture).to_have_js_property("complete", True)
    # Binarised: only ink and paper, no grey in between (the file has antialiased grey edges).
    assert _grey_levels(picture) == [0, 255]
    expect_no_exception(app)

    _store_button(app).click()
    wait_for_app_run(app)
    expect(ui.stored_count(app)).to_contain_text("Stored: 1")
    expect(ui.gallery_items(app)).to_have_count(1)
    # What is stored is exactly the preview: some ink, some paper, cell for cell.
    shown = ui.picture_cells(picture, rows, cols)
    assert 0 < int((shown == 1).sum()) < rows * cols
    assert np.array_equal(ui.picture_cells(ui.gallery_thumbnail(app, 0), rows, cols), shown)
    expect(app.get_by_text("Stored 1 memory").first).to_be_visible()
    screenshot(app, "story3-upload-preview-stored")


def test_bad_uploads_get_a_clear_message_and_change_nothing(app: Page) -> None:
    """A corrupt file and a 20000x20000 image: a message each, memories kept, Run still works."""
    navigate_to_page(app, "Playground")
    ui.setup_builtin(app, "Shapes", 3)
    ui.choose_segment(app, ui.KEYS["mem_source"], "Upload")

    _upload(app, CORRUPT)
    error = app.get_by_test_id("stAlert").filter(has_text="corrupt.png")
    expect(error).to_contain_text("is not an image this app can read")
    expect(error).to_contain_text("memories are unchanged")
    expect(_store_button(app)).to_be_disabled()
    expect(ui.stored_count(app)).to_contain_text("Stored: 3")
    expect_no_exception(app)
    screenshot(app, "story4-corrupt-upload")

    _upload(app, HUGE)
    error = app.get_by_test_id("stAlert").filter(has_text="huge.png")
    expect(error).to_contain_text("400 megapixels")
    expect(error).to_contain_text("limit")
    expect(_store_button(app)).to_be_disabled()
    expect(ui.stored_count(app)).to_contain_text("Stored: 3")
    expect(ui.gallery_items(app)).to_have_count(3)
    expect_no_exception(app)
    screenshot(app, "story4-huge-upload")

    # The app still works: recall from the first shape.
    ui.press_run(app)
    expect(app.get_by_test_id("stAlert").filter(has_text="Whole run")).to_be_visible()
    ui.wait_for_playback_end(app)
    expect_no_exception(app)
    screenshot(app, "story4-still-works")
