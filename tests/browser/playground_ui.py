"""Steps a person takes on the Playground, for the browser stories and bench/bench_browser.py.

Widget keys come from hopfield_app/playground/keys.py (``K``) and hopfield_app/state.py
(``SETTING_KEYS``); the player's test ids from hopfield_app/widgets/player.py.
"""

from __future__ import annotations

import re

import numpy as np
from playwright.sync_api import Locator, Page, expect

from tests.browser.helpers import by_key, navigate_to_page, wait_for_app_run

__all__ = [
    "KEYS",
    "open_playground",
    "open_tab",
    "set_number",
    "choose_segment",
    "choose_option",
    "run_button",
    "press_run",
    "wait_for_playback_end",
    "setup_builtin",
    "setup_random_memories",
    "stored_count",
    "gallery_items",
    "gallery_thumbnail",
    "picture_cells",
    "player",
    "frame_of",
    "canvas_data_url",
]

# Keys of the Playground widgets (hopfield_app.playground.keys.K, hopfield_app.state.SETTING_KEYS).
KEYS = {
    "rows": "playground.rows",
    "cols": "playground.cols",
    "mem_source": "playground.mem_source",
    "builtin": "playground.builtin",
    "builtin_count": "playground.builtin_count",
    "builtin_add": "playground.builtin_add",
    "builtin_replace": "playground.builtin_replace",
    "upload": "playground.upload",
    "upload_store": "playground.upload_store",
    "canvas": "playground.canvas",
    "draw_tool": "playground.draw_tool",
    "draw_clear": "playground.draw_clear",
    "draw_store": "playground.draw_store",
    "clear_memories": "playground.clear_memories",
    "gallery": "playground.gallery",
    "probe_source": "playground.probe_source",
    "probe_memory": "playground.probe_memory",
    "noise": "playground.noise",
    "occlusion": "playground.occlusion",
    "rule": "playground.rule",
    "mode": "playground.mode",
    "steps": "playground.steps",
    "frames_per_sweep": "playground.frames_per_sweep",
    "seed": "playground.seed",
    "run": "playground.run",
    "player": "playground.player",
}


def open_playground(page: Page, url: str) -> None:
    """Open the app at its home page and go to the Playground through the navigation."""
    page.goto(url)
    wait_for_app_run(page)
    navigate_to_page(page, "Playground")


def open_tab(page: Page, label: str) -> None:
    """Show the Playground tab whose name contains ``label`` (Memories, Probe, Settings)."""
    page.get_by_role("tab", name=re.compile(re.escape(label))).click()
    expect(page.get_by_role("tab", name=re.compile(re.escape(label)))).to_have_attribute(
        "aria-selected", "true"
    )


def set_number(page: Page, key: str, value: float) -> None:
    """Type ``value`` into the number input with ``key`` and commit it (Enter)."""
    box = by_key(page, key).locator("input")
    box.fill(str(value))
    box.press("Enter")
    wait_for_app_run(page)


def choose_segment(page: Page, key: str, label: str) -> None:
    """Click the option named ``label`` of the segmented control with ``key``."""
    # Streamlit draws a segmented control as a radio group of buttons.
    by_key(page, key).get_by_role("radio", name=label, exact=True).click()
    wait_for_app_run(page)


def choose_option(page: Page, key: str, label: str) -> None:
    """Pick the option shown as ``label`` in the selectbox with ``key``."""
    by_key(page, key).get_by_role("combobox").click()
    page.get_by_role("option", name=label, exact=True).click()
    wait_for_app_run(page)


def run_button(page: Page) -> Locator:
    return by_key(page, KEYS["run"]).get_by_role("button")


def press_run(page: Page) -> None:
    """Press Run and wait until the run is on screen (player mounted)."""
    run_button(page).click()
    wait_for_app_run(page)
    expect(player(page)).to_be_visible()


def wait_for_playback_end(page: Page) -> None:
    """Wait until the player has stopped (the run plays once by itself after Run)."""
    # A few seconds of playback at most, plus a loaded CI machine's slack.
    expect(player(page)).to_have_attribute("data-playing", "false", timeout=30_000)
    page.mouse.move(1, 1)  # no tooltip over the end-state screenshot


def stored_count(page: Page) -> Locator:
    """The "Stored: N (rows×cols)" line above the gallery."""
    return page.get_by_text(re.compile(r"^Stored: \d+"))


def setup_builtin(page: Page, set_label: str, count: int, *, rows: int | None = None,
                  cols: int | None = None) -> None:
    """Memories tab: optionally set the grid, then replace the memories by a built-in set."""
    open_tab(page, "Memories")
    if rows is not None:
        set_number(page, KEYS["rows"], rows)
    if cols is not None:
        set_number(page, KEYS["cols"], cols)
    choose_segment(page, KEYS["mem_source"], "Built-in")
    choose_option(page, KEYS["builtin"], set_label)
    set_number(page, KEYS["builtin_count"], count)
    by_key(page, KEYS["builtin_replace"]).get_by_role("button").click()
    wait_for_app_run(page)
    expect(stored_count(page)).to_contain_text(f"Stored: {count}")


def setup_random_memories(page: Page, *, grid: int, count: int) -> None:
    """``count`` random memories on a ``grid`` x ``grid`` grid, probe: memory 1 (30% noise)."""
    setup_builtin(page, "Random patterns", count, rows=grid, cols=grid)


def gallery_items(page: Page) -> Locator:
    """One remove button per stored memory under the gallery's thumbnails."""
    return page.locator("[class*='st-key-playground-gallery-remove-']").get_by_role("button")


def gallery_thumbnail(page: Page, index: int) -> Locator:
    """The picture of stored memory ``index`` (0-based) in the gallery."""
    remove = page.locator(f".st-key-playground-gallery-remove-{index}")
    column = page.get_by_test_id("stColumn").filter(has=remove).last
    return column.get_by_test_id("stImage").locator("img")


def picture_cells(picture: Locator, rows: int, cols: int) -> np.ndarray:
    """Read a shown picture of a rows x cols pattern back: +1 where a cell's centre is dark.

    Works for an ``<img>`` or a ``<canvas>``; the picture must be drawn at a whole
    number of pixels per cell (the app's pictures and drawing surface are).
    """
    values = picture.evaluate(
        """(el, [rows, cols]) => {
          const w = el.naturalWidth || el.width, h = el.naturalHeight || el.height;
          const c = document.createElement('canvas');
          c.width = w; c.height = h;
          const g = c.getContext('2d');
          g.drawImage(el, 0, 0);
          const px = g.getImageData(0, 0, w, h).data;
          const out = [];
          for (let r = 0; r < rows; r++) for (let k = 0; k < cols; k++) {
            const x = Math.floor((k + 0.5) * w / cols), y = Math.floor((r + 0.5) * h / rows);
            out.push(px[(y * w + x) * 4] < 128 ? 1 : -1);
          }
          return out;
        }""",
        [rows, cols],
    )
    return np.array(values, dtype=int).reshape(rows, cols)


def player(page: Page) -> Locator:
    """The frame player's root element (attributes data-frame, data-playing, ...)."""
    return page.get_by_test_id("player-root")


def frame_of(page: Page) -> int:
    """The frame the player shows now."""
    return int(player(page).get_attribute("data-frame") or -1)


def canvas_data_url(page: Page, test_id: str) -> str:
    """The pixels of one of the player's canvases, as a PNG data URL (to compare two moments)."""
    return page.get_by_test_id(test_id).evaluate("(c) => c.toDataURL('image/png')")


# --------------------------------------------------------------------------- drawing grid


def drawing_surface(page: Page) -> Locator:
    """The top canvas of the drawing widget: the one that receives the mouse."""
    return by_key(page, KEYS["canvas"]).locator("canvas.upper-canvas")


def drawing_background(page: Page) -> Locator:
    """The drawing widget's background canvas: it holds the pattern as cells."""
    return by_key(page, KEYS["canvas"]).locator("canvas.dc-background-canvas")


def open_drawing(page: Page, rows: int, cols: int) -> None:
    """Playground -> Memories -> a rows x cols grid -> Draw, with the surface on screen."""
    navigate_to_page(page, "Playground")
    open_tab(page, "Memories")
    set_number(page, KEYS["rows"], rows)
    set_number(page, KEYS["cols"], cols)
    choose_segment(page, KEYS["mem_source"], "Draw")
    expect(drawing_surface(page)).to_be_visible()


def drawing_cells(page: Page, rows: int, cols: int, expected: np.ndarray | None = None,
                  timeout_ms: int = 10_000) -> np.ndarray:
    """The cells the drawing surface shows; with ``expected``, polled until they equal it
    or ``timeout_ms`` runs out (the new background picture decodes after a run)."""
    shown = picture_cells(drawing_background(page), rows, cols)
    waited = 0
    while expected is not None and not np.array_equal(shown, expected) and waited < timeout_ms:
        page.wait_for_timeout(100)  # poll interval: the new background picture is decoding
        waited += 100
        shown = picture_cells(drawing_background(page), rows, cols)
    return shown
