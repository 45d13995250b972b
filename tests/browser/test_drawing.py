"""Fast strokes on the Playground's drawing grid: every cell the mouse went through is kept.

A person draws the strokes of a letter one after the other, 100-300 ms apart,
without waiting for the app to catch up. The widget reports strokes after a
short delay and the app reruns after each report, so a new stroke can start
while the previous one is still being merged; none of its cells may be lost,
neither on the drawing surface nor in what the Store button keeps.
"""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from hopfield_app.widgets import drawing_grid as drawing
from tests.browser import playground_ui as ui
from tests.browser.helpers import by_key, expect_no_exception, wait_for_app_run

ROWS = COLS = 10

# Non-overlapping horizontal strokes (row, first col, last col) of 6 cells each.
ROW_STROKES = [(1, 2, 7), (3, 1, 6), (5, 3, 8), (7, 2, 7), (9, 1, 6), (0, 4, 9)]


def _open_drawing(page: Page) -> None:
    ui.open_drawing(page, ROWS, COLS)


def _stroke(page: Page, r: int, c0: int, c1: int, *, steps: int = 8) -> None:
    """Drag through the centres of cells (r, c0) .. (r, c1)."""
    box = ui.drawing_surface(page).bounding_box()
    assert box is not None, "the drawing surface is not on screen"
    cw, ch = box["width"] / COLS, box["height"] / ROWS
    y = box["y"] + (r + 0.5) * ch
    page.mouse.move(box["x"] + (c0 + 0.5) * cw, y)
    page.mouse.down()
    page.mouse.move(box["x"] + (c1 + 0.5) * cw, y, steps=steps)
    page.mouse.up()


def _expected(strokes) -> np.ndarray:
    out = -np.ones((ROWS, COLS), dtype=int)
    for r, c0, c1 in strokes:
        out[r, c0:c1 + 1] = 1
    return out


def _shown(page: Page, expected: np.ndarray, timeout_ms: int = 10_000) -> np.ndarray:
    """The drawing surface's cells, polled until they equal ``expected`` or time runs out."""
    return ui.drawing_cells(page, ROWS, COLS, expected, timeout_ms)


def _stored(page: Page) -> np.ndarray:
    """Store the drawing and read the stored memory back from the gallery."""
    by_key(page, ui.KEYS["draw_store"]).get_by_role("button").click()
    wait_for_app_run(page)
    expect(ui.gallery_items(page)).to_have_count(1)
    return ui.picture_cells(ui.gallery_thumbnail(page, 0), ROWS, COLS)


def _missing(expected: np.ndarray, got: np.ndarray) -> list[tuple[int, int]]:
    return [tuple(int(v) for v in rc) for rc in np.argwhere((expected == 1) & (got != 1))]


@pytest.mark.parametrize("gap_ms", [100, 200, 300])
def test_fast_strokes_keep_every_cell(app: Page, gap_ms: int) -> None:
    """Six strokes, ``gap_ms`` apart: the surface and the stored memory hold all 36 cells."""
    _open_drawing(app)
    for r, c0, c1 in ROW_STROKES:
        _stroke(app, r, c0, c1)
        app.wait_for_timeout(gap_ms)  # a person's pause between strokes, not a wait on the app
    wait_for_app_run(app)
    expected = _expected(ROW_STROKES)
    shown = _shown(app, expected)
    assert not _missing(expected, shown), f"cells lost on the surface: {_missing(expected, shown)}"
    assert np.array_equal(shown, expected), f"the surface shows:\n{shown}"
    stored = _stored(app)
    assert np.array_equal(stored, expected), f"the stored memory is:\n{stored}"
    expect_no_exception(app)


def test_stroke_right_after_the_previous_run_keeps_its_first_cells(app: Page) -> None:
    """Each stroke starts as soon as the previous stroke's run has finished."""
    _open_drawing(app)
    done = []
    for r, c0, c1 in ROW_STROKES[:4]:
        _stroke(app, r, c0, c1, steps=20)
        done.append((r, c0, c1))
        wait_for_app_run(app, settle_ms=250, quiet_ms=50)
    wait_for_app_run(app)
    expected = _expected(done)
    shown = _shown(app, expected)
    assert np.array_equal(shown, expected), (
        f"cells lost on the surface: {_missing(expected, shown)}\n{shown}")
    assert np.array_equal(_stored(app), expected)


def _click_cell(page: Page, r: int, c: int) -> None:
    box = ui.drawing_surface(page).bounding_box()
    assert box is not None
    cw, ch = box["width"] / COLS, box["height"] / ROWS
    page.mouse.click(box["x"] + (c + 0.5) * cw, box["y"] + (r + 0.5) * ch)


def _drag_box(page: Page, r0: int, c0: int, r1: int, c1: int) -> None:
    """Drag a box from just inside cell (r0, c0) to just inside cell (r1, c1)."""
    box = ui.drawing_surface(page).bounding_box()
    assert box is not None
    cw, ch = box["width"] / COLS, box["height"] / ROWS
    page.mouse.move(box["x"] + (c0 + 0.15) * cw, box["y"] + (r0 + 0.15) * ch)
    page.mouse.down()
    page.mouse.move(box["x"] + (c1 + 0.85) * cw, box["y"] + (r1 + 0.85) * ch, steps=8)
    page.mouse.up()


def _expect_shown(page: Page, expected: np.ndarray) -> None:
    shown = _shown(page, expected)
    assert np.array_equal(shown, expected), f"the surface shows:\n{shown}\nexpected:\n{expected}"


def test_every_tool_keeps_working_with_fast_input(app: Page) -> None:
    """Brush, eraser, toggles, a box, Invert and Clear, each used quickly after the other."""
    _open_drawing(app)
    expected = _expected(ROW_STROKES[:3])
    for r, c0, c1 in ROW_STROKES[:3]:
        _stroke(app, r, c0, c1)
        app.wait_for_timeout(150)  # a person's pause
    wait_for_app_run(app)
    _expect_shown(app, expected)

    ui.choose_segment(app, ui.KEYS["draw_tool"], "Eraser")
    _stroke(app, 1, 2, 4)  # erase (1,2)..(1,4)
    app.wait_for_timeout(150)
    _stroke(app, 3, 4, 6)  # and (3,4)..(3,6)
    wait_for_app_run(app)
    expected[1, 2:5] = -1
    expected[3, 4:7] = -1
    _expect_shown(app, expected)

    ui.choose_segment(app, ui.KEYS["draw_tool"], "Toggle cells")
    for r, c in [(8, 8), (8, 9), (5, 3), (8, 8)]:  # (8, 8) twice: back to paper
        _click_cell(app, r, c)
        app.wait_for_timeout(150)
    wait_for_app_run(app)
    expected[8, 9] = 1
    expected[5, 3] = -1
    _expect_shown(app, expected)

    ui.choose_segment(app, ui.KEYS["draw_tool"], "Rectangle")
    _drag_box(app, 6, 0, 7, 1)
    wait_for_app_run(app)
    expected[6:8, 0:2] = 1
    _expect_shown(app, expected)

    by_key(app, "playground.draw_invert").get_by_role("button").click()
    wait_for_app_run(app)
    expected = -expected
    _expect_shown(app, expected)

    ui.choose_segment(app, ui.KEYS["draw_tool"], "Brush (ink)")
    _stroke(app, 0, 0, 2)  # after Invert: only this stroke is added, nothing old comes back
    wait_for_app_run(app)
    expected[0, 0:3] = 1
    _expect_shown(app, expected)

    by_key(app, ui.KEYS["draw_clear"]).get_by_role("button").click()
    wait_for_app_run(app)
    blank = -np.ones((ROWS, COLS), dtype=int)
    _expect_shown(app, blank)
    _stroke(app, 4, 4, 6)
    wait_for_app_run(app)
    blank[4, 4:7] = 1
    _expect_shown(app, blank)
    assert np.array_equal(_stored(app), blank)
    expect_no_exception(app)


def test_drawing_survives_leaving_the_canvas_and_coming_back(app: Page) -> None:
    """Strokes, then another memory source and back (the canvas is rebuilt), then more strokes."""
    _open_drawing(app)
    for r, c0, c1 in ROW_STROKES[:2]:
        _stroke(app, r, c0, c1)
        app.wait_for_timeout(150)
    wait_for_app_run(app)
    _expect_shown(app, _expected(ROW_STROKES[:2]))
    ui.choose_segment(app, ui.KEYS["mem_source"], "Built-in")
    ui.open_tab(app, "Probe")
    ui.open_tab(app, "Memories")
    ui.choose_segment(app, ui.KEYS["mem_source"], "Draw")
    expect(ui.drawing_surface(app)).to_be_visible()
    _expect_shown(app, _expected(ROW_STROKES[:2]))
    for r, c0, c1 in ROW_STROKES[2:4]:
        _stroke(app, r, c0, c1)
        app.wait_for_timeout(150)
    wait_for_app_run(app)
    expected = _expected(ROW_STROKES[:4])
    _expect_shown(app, expected)
    assert np.array_equal(_stored(app), expected)


def test_clear_right_after_a_stroke_leaves_nothing(app: Page) -> None:
    """A stroke, then Clear at once (before the stroke is reported): the grid ends blank."""
    _open_drawing(app)
    _stroke(app, 2, 1, 6)
    app.wait_for_timeout(600)
    wait_for_app_run(app)
    _stroke(app, 5, 1, 6)
    by_key(app, ui.KEYS["draw_clear"]).get_by_role("button").click()
    wait_for_app_run(app)
    app.wait_for_timeout(500)  # room for a late report of the stroke to arrive
    wait_for_app_run(app)
    blank = -np.ones((ROWS, COLS), dtype=int)
    _expect_shown(app, blank)
    # What is stored is blank too: Store refuses an empty drawing.
    by_key(app, ui.KEYS["draw_store"]).get_by_role("button").click()
    wait_for_app_run(app)
    expect(ui.gallery_items(app)).to_have_count(0)


def _toolbar(page: Page, name: str) -> None:
    """Click one of the canvas's own toolbar buttons (Undo, Redo, the trash)."""
    button = by_key(page, ui.KEYS["canvas"]).get_by_role("button", name=name, exact=True)
    expect(button).to_be_enabled()
    button.click()


def test_canvas_toolbar_undo_redo_and_trash_change_the_cells(app: Page) -> None:
    """Two strokes, Undo: only the first is stored; Redo brings the second back; the
    trash empties the grid."""
    _open_drawing(app)
    for r, c0, c1 in ROW_STROKES[:2]:
        _stroke(app, r, c0, c1)
        app.wait_for_timeout(150)
    wait_for_app_run(app)
    _expect_shown(app, _expected(ROW_STROKES[:2]))

    _toolbar(app, "Undo")
    wait_for_app_run(app)
    first = _expected(ROW_STROKES[:1])
    _expect_shown(app, first)
    assert np.array_equal(_stored(app), first)

    _toolbar(app, "Redo")
    wait_for_app_run(app)
    _expect_shown(app, _expected(ROW_STROKES[:2]))

    _toolbar(app, "Reset canvas & history")
    wait_for_app_run(app)
    blank = -np.ones((ROWS, COLS), dtype=int)
    _expect_shown(app, blank)
    _stroke(app, 4, 4, 6)  # drawing goes on after the trash
    wait_for_app_run(app)
    blank[4, 4:7] = 1
    _expect_shown(app, blank)
    expect_no_exception(app)


def test_undo_after_coming_back_keeps_the_strokes_from_before(app: Page) -> None:
    """Strokes, leave the canvas and come back, one more stroke, Undo: the strokes
    drawn before leaving stay."""
    _open_drawing(app)
    _stroke(app, *ROW_STROKES[0])
    wait_for_app_run(app)
    _expect_shown(app, _expected(ROW_STROKES[:1]))
    ui.choose_segment(app, ui.KEYS["mem_source"], "Built-in")
    ui.choose_segment(app, ui.KEYS["mem_source"], "Draw")
    expect(ui.drawing_surface(app)).to_be_visible()
    _stroke(app, *ROW_STROKES[1])
    wait_for_app_run(app)
    _expect_shown(app, _expected(ROW_STROKES[:2]))
    _toolbar(app, "Undo")
    wait_for_app_run(app)
    _expect_shown(app, _expected(ROW_STROKES[:1]))


# ------------------------------------------------ the merge itself (pure, no browser needed)


def _path(points, *, color="rgba(0, 0, 0, 0.5)", width=20.0, dx=0.0, dy=0.0) -> dict:
    """A freehand stroke as the canvas reports it (moved by dx, dy after drawing)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    cmds = [["M", *points[0]]] + [["L", *p] for p in points[1:]]
    return {"type": "Path", "path": cmds, "stroke": color, "strokeWidth": width,
            "left": min(xs) - width / 2 + dx, "top": min(ys) - width / 2 + dy,
            "width": max(xs) - min(xs), "height": max(ys) - min(ys),
            "originX": "left", "originY": "top"}


def test_apply_objects_replays_each_tool_in_order() -> None:
    grid, cell = (4, 4), 20
    blank = -np.ones(16, dtype=np.int8)
    row1 = _path([(10.0, 30.0), (70.0, 30.0)])  # through the centres of row 1
    erase = _path([(50.0, 30.0), (70.0, 30.0)], color=drawing._COLOR["eraser"])
    marker = drawing._marker(3)
    out = drawing.apply_objects(blank, grid, [marker, row1, erase], cell=cell).reshape(grid)
    assert out[1].tolist() == [1, 1, -1, -1] and (np.delete(out, 1, axis=0) == -1).all()
    assert drawing._epoch_of([marker, row1]) == 3 and drawing._epoch_of([row1]) is None


def test_a_moved_stroke_inks_the_cells_where_it_is_now() -> None:
    grid, cell = (4, 4), 20
    moved = _path([(10.0, 10.0), (10.0, 70.0)], dx=40.0)  # column 0, moved to column 2
    out = drawing.apply_objects(-np.ones(16, np.int8), grid, [moved], cell=cell).reshape(grid)
    assert np.argwhere(out == 1).tolist() == [[0, 2], [1, 2], [2, 2], [3, 2]]
