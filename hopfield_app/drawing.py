"""A drawing grid: paint, erase, toggle single cells, clear and invert a bipolar pattern.

Built on streamlit-drawable-canvas (0.13.0, a components-v2 widget). The
pattern itself lives in ``st.session_state`` (``state.DRAWING``), shown on
the canvas as its background picture; each stroke the user makes is merged
into the pattern in the canvas's ``on_change`` callback, then the canvas is
emptied again (a new ``initial_drawing``), so the strokes never pile up and
the canvas always shows the true pattern.

- Brush / eraser: freehand strokes one cell wide; a cell becomes ink (+1) or
  background (-1) when the stroke covers at least ``COVER`` of it (the stroke's
  coverage is downsampled to the grid by area averaging).
- Toggle cells: each click flips the cell under the pointer.
- Rectangle: drag a box; the cells it covers become ink.
"""

from __future__ import annotations

import base64
import io
import json

import numpy as np
import streamlit as st

from hopfield_app import state

__all__ = [
    "TOOLS",
    "COVER",
    "canvas_geometry",
    "background_png",
    "merge_strokes",
    "drawing_panel_canvas",
]

TOOLS = {
    "brush": "Brush (ink)",
    "eraser": "Eraser",
    "toggle": "Toggle cells",
    "rect": "Rectangle",
}
_MODE = {"brush": "freedraw", "eraser": "freedraw", "toggle": "point", "rect": "rect"}
_COLOR = {"brush": "#000000", "eraser": "#ef4444", "toggle": "#2563eb", "rect": "#000000"}
COVER = 0.3
_ORIGIN = {"left": 0.5, "top": 0.5, "center": 0.0, "right": -0.5, "bottom": -0.5}
_GEOMETRY = "playground.canvas_geometry"  # (canvas key, grid, cell) for the callback
_SEEN = "playground.canvas_seen"  # signature of the last stroke batch merged
CANVAS_PX = 300


def canvas_geometry(grid: tuple[int, int], *, max_px: int = CANVAS_PX) -> tuple[int, int, int]:
    """``(cell, width, height)`` in CSS pixels: every cell an integer square."""
    rows, cols = grid
    cell = max(1, max_px // max(rows, cols))
    return cell, cell * cols, cell * rows


def background_png(pattern: np.ndarray, grid: tuple[int, int], cell: int) -> bytes:
    """The pattern as a PNG at ``cell`` pixels per unit, with faint grid lines
    where the cells are large enough to see them."""
    from PIL import Image

    rows, cols = grid
    ink = np.asarray(pattern).reshape(rows, cols) > 0
    rgb = np.where(ink[..., None], np.uint8(17), np.uint8(255)).astype(np.uint8)
    rgb = np.repeat(rgb, 3, axis=2)
    rgb = np.repeat(np.repeat(rgb, cell, axis=0), cell, axis=1)
    if cell >= 6:
        line = np.array([203, 213, 225], dtype=np.uint8)
        rgb[::cell, :, :] = np.where(ink.repeat(cell, 0)[::cell, :, None].repeat(cell, 1),
                                     rgb[::cell, :, :], line)
        rgb[:, ::cell, :] = np.where(ink.repeat(cell, 1)[:, ::cell, None].repeat(cell, 0),
                                     rgb[:, ::cell, :], line)
    buf = io.BytesIO()
    Image.fromarray(rgb, mode="RGB").save(buf, format="PNG")
    return buf.getvalue()


def _coverage(image_rgba: np.ndarray, grid: tuple[int, int]) -> np.ndarray:
    """Fraction of each grid cell covered by strokes, from the canvas's RGBA picture."""
    import hopfield_core as hc

    alpha = np.asarray(image_rgba)[..., 3].astype(np.float64) / 255.0
    try:
        return np.asarray(hc.resize(alpha, grid, method="area"), dtype=np.float64)
    except (AttributeError, ValueError):
        rows, cols = grid
        h, w = alpha.shape
        r_idx = (np.arange(h) * rows) // h
        c_idx = (np.arange(w) * cols) // w
        sums = np.zeros(grid)
        counts = np.zeros(grid)
        np.add.at(sums, (r_idx[:, None], c_idx[None, :]), alpha)
        np.add.at(counts, (r_idx[:, None], c_idx[None, :]), 1.0)
        return sums / np.maximum(counts, 1.0)


def merge_strokes(
    pattern: np.ndarray,
    grid: tuple[int, int],
    tool: str,
    *,
    objects: list[dict] | None = None,
    image_rgba: np.ndarray | None = None,
    cell: int = 1,
) -> np.ndarray:
    """The pattern after one batch of canvas input (pure, for tests).

    ``tool`` "toggle" flips the cell under each point object of ``objects``;
    "rect" inks the cells inside each rectangle; "brush"/"eraser" set the cells
    the strokes in ``image_rgba`` cover (>= ``COVER``) to +1 / -1.
    """
    rows, cols = grid
    out = np.asarray(pattern, dtype=np.int8).reshape(rows, cols).copy()
    objects = objects or []
    if tool == "toggle":
        for obj in objects:
            if obj.get("type", "").lower() not in {"circle", "point"}:
                continue
            # Point objects are centred on the click (originX/Y "center") in this widget
            # version; fall back to left/top + radius otherwise.
            # Fabric positions an object by its origin corner, and its box includes
            # the stroke: the click is the centre of that box.
            stroke = float(obj.get("strokeWidth", 0.0))
            box_w = float(obj.get("width", 0.0)) * float(obj.get("scaleX", 1.0)) + stroke
            box_h = float(obj.get("height", 0.0)) * float(obj.get("scaleY", 1.0)) + stroke
            x = float(obj.get("left", 0.0)) + _ORIGIN.get(obj.get("originX", "left"), 0.0) * box_w
            y = float(obj.get("top", 0.0)) + _ORIGIN.get(obj.get("originY", "top"), 0.0) * box_h
            r, c = int(y // cell), int(x // cell)
            if 0 <= r < rows and 0 <= c < cols:
                out[r, c] = -out[r, c]
        return out.ravel()
    if tool == "rect" and objects:
        for obj in objects:
            if obj.get("type", "").lower() != "rect":
                continue
            w = float(obj.get("width", 0)) * float(obj.get("scaleX", 1))
            h = float(obj.get("height", 0)) * float(obj.get("scaleY", 1))
            left, top = float(obj.get("left", 0)), float(obj.get("top", 0))
            if obj.get("originX") == "center":
                left -= w / 2
            if obj.get("originY") == "center":
                top -= h / 2
            c0, c1 = int(np.floor(left / cell + 0.5)), int(np.ceil((left + w) / cell - 0.5))
            r0, r1 = int(np.floor(top / cell + 0.5)), int(np.ceil((top + h) / cell - 0.5))
            c0, r0 = max(c0, 0), max(r0, 0)
            if c1 <= c0:
                c1 = c0 + 1
            if r1 <= r0:
                r1 = r0 + 1
            out[r0:min(r1, rows), c0:min(c1, cols)] = 1
        return out.ravel()
    if image_rgba is not None and tool in {"brush", "eraser"}:
        covered = _coverage(image_rgba, grid) >= COVER
        out[covered] = 1 if tool == "brush" else -1
    return out.ravel()


def _decode_data_url(url: str | None) -> np.ndarray | None:
    if not url or ";base64," not in url:
        return None
    from PIL import Image

    raw = base64.b64decode(url.split(";base64,", 1)[1])
    with Image.open(io.BytesIO(raw)) as img:
        return np.asarray(img.convert("RGBA"))


def _on_canvas_change() -> None:
    """Merge what the user just drew into the pattern, then empty the canvas.

    A module-level function (not a fresh lambda per run): the canvas registers its
    callback on every run, and distinct callables pile up and fire once each.
    """
    canvas_key, grid, cell = st.session_state[_GEOMETRY]
    value = st.session_state.get(canvas_key)
    drawing = None
    if value is not None:
        drawing = value.get("drawing") if hasattr(value, "get") else getattr(value, "drawing", None)
    if not drawing:
        return
    raw = drawing.get("raw") or {}
    objects = raw.get("objects") or []
    if not objects:
        return
    # The widget can deliver one stroke several times; apply each batch once.
    signature = (st.session_state.get(state.DRAW_NONCE, 0), json.dumps(objects, sort_keys=True))
    if st.session_state.get(_SEEN) == signature:
        return
    st.session_state[_SEEN] = signature
    tool = st.session_state.get(state.DRAW_TOOL)
    tool = tool if tool in TOOLS else "brush"
    current = state.drawing(grid)
    image = _decode_data_url(drawing.get("data")) if tool in {"brush", "eraser"} else None
    state.set_drawing(merge_strokes(current, grid, tool, objects=objects, image_rgba=image,
                                    cell=cell), grid)
    st.session_state[state.DRAW_NONCE] = st.session_state.get(state.DRAW_NONCE, 0) + 1


def drawing_panel_canvas(grid: tuple[int, int], *, key: str = "playground.canvas") -> None:
    """Render the tool picker and the canvas for the drawing in ``state.DRAWING``."""
    # This line also keeps the canvas's floating toolbar (drawn just above the canvas)
    # off the widgets above it.
    st.caption(f"Paint on the {grid[0]}×{grid[1]} grid with the mouse; tools below.")
    tool = state.guard_choice(state.DRAW_TOOL, list(TOOLS), "brush")
    cell, width, height = canvas_geometry(grid)
    pattern = state.drawing(grid)
    nonce = st.session_state.get(state.DRAW_NONCE, 0)
    st.session_state[_GEOMETRY] = (key, tuple(grid), cell)
    try:
        from streamlit_drawable_canvas import st_canvas
    except ImportError:  # pragma: no cover - the package is pinned in requirements.txt
        st.warning("The drawing widget (streamlit-drawable-canvas) is not installed.")
        return
    st_canvas(
        fill_color=_COLOR[tool],
        stroke_width=max(2, cell),
        stroke_color=_COLOR[tool],
        background_image=background_png(pattern, grid, cell),
        update_streamlit=True,
        width=width,
        height=height,
        drawing_mode=_MODE[tool],
        # A new initial drawing (the nonce) empties the canvas after each merge.
        initial_drawing={"objects": [], "nonce": nonce},
        point_display_radius=max(2, cell // 2),
        return_image_data=tool in {"brush", "eraser"},
        key=key,
        on_change=_on_canvas_change,
    )
    # Below the canvas: the canvas's own toolbar floats over whatever is above it.
    st.segmented_control(
        "Tool", options=list(TOOLS), format_func=TOOLS.get, key=state.DRAW_TOOL,
        help="Brush paints ink, the eraser paints background, 'Toggle cells' flips "
             "each cell you click, 'Rectangle' inks a box you drag.",
        label_visibility="collapsed", required=True,
    )
