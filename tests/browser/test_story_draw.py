"""Story 2: draw two patterns with the mouse, store them, recall the first from a noisy copy."""

from __future__ import annotations

import re

import numpy as np
from playwright.sync_api import Page, expect

from tests.browser import playground_ui as ui
from tests.browser.helpers import (
    by_key,
    expect_no_exception,
    screenshot,
    wait_for_app_run,
)

ROWS = COLS = 10  # 10x10 cells of 34 px on the 340 px drawing surface: easy to aim at

# Strokes in cell coordinates (row, col), drawn through the centres of the cells.
# Drawing 1: a capital L; drawing 2: a T. Their overlap is small, so either is a clear memory.
STROKES_1 = [[(1, 2), (8, 2)], [(8, 2), (8, 7)]]
STROKES_2 = [[(1, 1), (1, 8)], [(1, 5), (8, 5)]]


def _expected(strokes: list[list[tuple[int, int]]]) -> np.ndarray:
    """The cells the strokes pass through: +1 ink, -1 paper."""
    out = -np.ones((ROWS, COLS), dtype=int)
    for (r0, c0), (r1, c1) in strokes:
        out[min(r0, r1):max(r0, r1) + 1, min(c0, c1):max(c0, c1) + 1] = 1
    return out


def _draw(page: Page, strokes: list[list[tuple[int, int]]]) -> None:
    """Drag the mouse along each stroke (button down, 12 moves, button up).

    After each stroke, wait until the surface shows it as cells, as a person
    would: the widget is redrawn after every stroke, and a stroke started
    during that redraw loses its beginning.
    """
    box = ui.drawing_surface(page).bounding_box()
    assert box is not None, "the drawing surface is not on screen"
    cell_w, cell_h = box["width"] / COLS, box["height"] / ROWS

    def to_xy(r: int, c: int) -> tuple[float, float]:
        return box["x"] + (c + 0.5) * cell_w, box["y"] + (r + 0.5) * cell_h

    for done, ((r0, c0), (r1, c1)) in enumerate(strokes, start=1):
        page.mouse.move(*to_xy(r0, c0))
        page.mouse.down()
        page.mouse.move(*to_xy(r1, c1), steps=12)
        page.mouse.up()
        wait_for_app_run(page)
        _expect_drawing(page, _expected(strokes[:done]))


def _expect_drawing(page: Page, expected: np.ndarray, timeout_ms: int = 10_000) -> None:
    """Poll the drawing surface until it shows ``expected`` (its picture loads after a run)."""
    shown = ui.drawing_cells(page, ROWS, COLS, expected, timeout_ms)
    assert np.array_equal(shown, expected), (
        f"the drawing on screen is not the cells the mouse went through:\n{shown}"
    )


def _draw_and_store(page: Page, strokes, expected_count: int) -> np.ndarray:
    expected = _expected(strokes)
    _draw(page, strokes)  # checks that each stroke became cells on the surface
    by_key(page, ui.KEYS["draw_store"]).get_by_role("button").click()
    wait_for_app_run(page)
    expect(ui.stored_count(page)).to_contain_text(f"Stored: {expected_count}")
    return expected


def test_draw_two_patterns_store_them_and_recall_the_first(app: Page) -> None:
    """Draw an L and a T with the mouse, store both, then recall the L from a 30%-noise copy."""
    ui.open_drawing(app, ROWS, COLS)

    first = _draw_and_store(app, STROKES_1, 1)
    by_key(app, ui.KEYS["draw_clear"]).get_by_role("button").click()
    wait_for_app_run(app)
    _expect_drawing(app, -np.ones((ROWS, COLS), dtype=int))  # Clear leaves no ink
    second = _draw_and_store(app, STROKES_2, 2)

    # The gallery shows exactly what was drawn.
    expect(ui.gallery_items(app)).to_have_count(2)
    assert np.array_equal(ui.picture_cells(ui.gallery_thumbnail(app, 0), ROWS, COLS), first)
    assert np.array_equal(ui.picture_cells(ui.gallery_thumbnail(app, 1), ROWS, COLS), second)

    ui.open_tab(app, "Probe")
    ui.choose_segment(app, ui.KEYS["probe_source"], "A memory")
    ui.choose_option(app, ui.KEYS["probe_memory"], "1: drawing 1")
    expect(by_key(app, ui.KEYS["noise"])).to_contain_text("30%")
    ui.press_run(app)

    verdict = app.get_by_test_id("stAlert").filter(has_text="Whole run")
    expect(verdict).to_contain_text(re.compile(r"converged in .+ to memory 1 \(drawing 1\)"))
    ui.wait_for_playback_end(app)
    expect_no_exception(app)
    screenshot(app, "story2-draw-store-recall")
