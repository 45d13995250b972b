"""A drawing grid: paint, erase, toggle single cells, clear and invert a bipolar pattern.

Built on streamlit-drawable-canvas (0.13.0, a components-v2 widget). The
pattern itself lives in ``st.session_state`` (``state.DRAWING``), shown on
the canvas as its background picture. The canvas keeps its own list of the
objects drawn on it and reports the whole list (debounced) after every change,
its own toolbar's Undo, Redo, trash and edit-mode moves and deletes included.
The ``on_change`` callback sets the pattern to the epoch's base (the pattern
when the canvas was last emptied) with the current objects applied in order,
each with the tool that drew it, so the cells always match the canvas. The
strokes stay on the canvas as half-tone traces over the solid cells.

The canvas's ``initial_drawing`` changes only on an explicit action (Clear,
Invert, another grid), never after a stroke: a new initial drawing makes the
widget reload its canvas, which throws away the strokes it has not reported
yet and gives a stroke in progress a fresh brush (its first cells were lost).
The initial drawing holds one invisible marker object numbering the epoch, so
a report that left the browser before a Clear is recognised and dropped
instead of painting the old strokes back. A canvas built anew (the panel was
left and opened again) mounts empty: it starts a new epoch whose base is the
pattern drawn so far.

- Brush / eraser: freehand strokes one cell wide; a cell becomes ink (+1) or
  background (-1) when the stroke covers at least ``COVER`` of it (its path is
  drawn at 8+ sub-pixels per cell and averaged over each cell).
- Toggle cells: each click flips the cell under the pointer.
- Rectangle: drag a box; the cells it covers become ink.
"""

from __future__ import annotations

import base64
import io
import numpy as np
import streamlit as st

from hopfield_app import state

__all__ = [
    "TOOLS",
    "COVER",
    "canvas_geometry",
    "background_png",
    "merge_strokes",
    "apply_objects",
    "drawing_panel_canvas",
]

TOOLS = {
    "brush": "Brush (ink)",
    "eraser": "Eraser",
    "toggle": "Toggle cells",
    "rect": "Rectangle",
}
_MODE = {"brush": "freedraw", "eraser": "freedraw", "toggle": "point", "rect": "rect"}
# The strokes stay on the canvas over the true pattern (its background picture): the
# eraser paints white, toggles and boxes are see-through, so what remains reads as cells.
# A stroke shows half-tone while drawn; the cells it covers turn solid at the next run.
_COLOR = {"brush": "rgba(0, 0, 0, 0.5)", "eraser": "rgba(255, 255, 255, 0.7)",
          "toggle": "rgba(37, 99, 235, 0.5)", "rect": "rgba(0, 0, 0, 0.3)"}
COVER = 0.3
_ORIGIN = {"left": 0.5, "top": 0.5, "center": 0.0, "right": -0.5, "bottom": -0.5}
_GEOMETRY = "playground.canvas_geometry"  # (canvas key, grid, cell) for the callback
_EPOCH = "playground.canvas_epoch"  # (nonce, grid, epoch number) of the canvas's contents
_BASE = "playground.canvas_base"  # (epoch number, pattern at its start, pattern last set)
_MARKER_LEFT = -64.0  # the marker sits off the canvas; its ``top`` is -64 - epoch
# The Playground's left column is about 275 px wide at 1280x720 and 230 px at 125 % zoom;
# the canvas is a fixed-size frame, so it must fit the narrowest (a wider one is cut off
# and its right-hand cells cannot be drawn).
CANVAS_PX = 224


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
    if tool in {"brush", "eraser"}:
        if image_rgba is not None:
            covered = _coverage(image_rgba, grid) >= COVER
        else:
            covered = np.zeros(grid, dtype=bool)
            for obj in objects:
                if str(obj.get("type", "")).lower() == "path":
                    covered |= _path_cells(obj, grid, cell)
        out[covered] = 1 if tool == "brush" else -1
    return out.ravel()


def _decode_data_url(url: str | None) -> np.ndarray | None:
    if not url or ";base64," not in url:
        return None
    from PIL import Image

    raw = base64.b64decode(url.split(";base64,", 1)[1])
    with Image.open(io.BytesIO(raw)) as img:
        return np.asarray(img.convert("RGBA"))


def _flatten(path: list) -> list[list[tuple[float, float]]]:
    """The polylines of a Fabric path's commands (M, L, Q, C; curves in 8 pieces)."""
    lines: list[list[tuple[float, float]]] = []
    cur = (0.0, 0.0)
    for cmd in path or []:
        if not cmd:
            continue
        op, args = str(cmd[0]).upper(), [float(v) for v in cmd[1:]]
        if op == "M" and len(args) >= 2:
            cur = (args[0], args[1])
            lines.append([cur])
            continue
        if not lines:
            lines.append([cur])
        if op == "L" and len(args) >= 2:
            cur = (args[0], args[1])
            lines[-1].append(cur)
        elif op == "Q" and len(args) >= 4:
            (x0, y0), (cx, cy), (x1, y1) = cur, args[0:2], args[2:4]
            for t in np.linspace(0.125, 1.0, 8):
                u = 1.0 - t
                lines[-1].append((u * u * x0 + 2 * u * t * cx + t * t * x1,
                                  u * u * y0 + 2 * u * t * cy + t * t * y1))
            cur = (x1, y1)
        elif op == "C" and len(args) >= 6:
            (x0, y0), (ax, ay), (bx, by), (x1, y1) = cur, args[0:2], args[2:4], args[4:6]
            for t in np.linspace(0.125, 1.0, 8):
                u = 1.0 - t
                lines[-1].append((u**3 * x0 + 3 * u * u * t * ax + 3 * u * t * t * bx + t**3 * x1,
                                  u**3 * y0 + 3 * u * u * t * ay + 3 * u * t * t * by + t**3 * y1))
            cur = (x1, y1)
    return lines


def _path_on_canvas(obj: dict) -> list[list[tuple[float, float]]]:
    """A path object's polylines in canvas pixels, after its move/scale/rotation.

    Fabric draws the path's own coordinates minus their bounding-box centre
    (``pathOffset``) around the object's centre; an untouched stroke maps onto itself.
    """
    lines = _flatten(obj.get("path") or [])
    pts = np.array([p for line in lines for p in line], dtype=np.float64).reshape(-1, 2)
    if len(pts) == 0:
        return []
    offset = (pts.min(axis=0) + pts.max(axis=0)) / 2.0
    sx = float(obj.get("scaleX", 1.0)) * (-1.0 if obj.get("flipX") else 1.0)
    sy = float(obj.get("scaleY", 1.0)) * (-1.0 if obj.get("flipY") else 1.0)
    stroke = float(obj.get("strokeWidth", 0.0))
    dims = np.array([(float(obj.get("width", 0.0)) + stroke) * abs(sx),
                     (float(obj.get("height", 0.0)) + stroke) * abs(sy)])
    theta = np.deg2rad(float(obj.get("angle", 0.0)))
    rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    to_centre = np.array([_ORIGIN.get(obj.get("originX", "left"), 0.0),
                          _ORIGIN.get(obj.get("originY", "top"), 0.0)]) * dims
    centre = np.array([float(obj.get("left", 0.0)), float(obj.get("top", 0.0))]) + rot @ to_centre
    out, k = [], 0
    for line in lines:
        seg = (pts[k:k + len(line)] - offset) * np.array([sx, sy])
        out.append([tuple(p) for p in (seg @ rot.T + centre)])
        k += len(line)
    return out


def _path_cells(obj: dict, grid: tuple[int, int], cell: int) -> np.ndarray:
    """Boolean (rows, cols): the cells a freehand stroke covers by at least ``COVER``."""
    from PIL import Image, ImageDraw

    rows, cols = grid
    scale = max(1, -(-8 // cell))  # at least 8 sub-pixels per cell side
    img = Image.new("L", (cols * cell * scale, rows * cell * scale), 0)
    pen = ImageDraw.Draw(img)
    width = max(1.0, float(obj.get("strokeWidth", 1.0)) * scale)
    for line in _path_on_canvas(obj):
        xy = [(x * scale, y * scale) for x, y in line]
        if len(xy) > 1:
            pen.line(xy, fill=255, width=int(round(width)), joint="curve")
        for x, y in (xy[0], xy[-1]):  # round caps
            pen.ellipse([x - width / 2, y - width / 2, x + width / 2, y + width / 2], fill=255)
    mask = np.asarray(img, dtype=np.float64) / 255.0
    side = cell * scale
    return mask.reshape(rows, side, cols, side).mean(axis=(1, 3)) >= COVER


def _kind(obj: dict) -> str | None:
    """Which tool drew ``obj`` (None for the marker and anything foreign)."""
    kind = str(obj.get("type", "")).lower()
    if kind == "path":
        return "eraser" if obj.get("stroke") == _COLOR["eraser"] else "brush"
    if kind in {"circle", "point"}:
        return "toggle"
    if kind == "rect" and obj.get("visible", True) is not False:
        return "rect"
    return None


def apply_objects(
    pattern: np.ndarray, grid: tuple[int, int], objects: list[dict], *, cell: int
) -> np.ndarray:
    """The pattern after the canvas objects, one after the other (pure, for tests).

    Each object is applied with the tool that drew it: a brush path inks the
    cells it covers (>= ``COVER``), an eraser path (white) clears them, a point
    flips its cell, a box inks the cells inside it.
    """
    out = np.asarray(pattern, dtype=np.int8).reshape(-1).copy()
    for obj in objects:
        tool = _kind(obj)
        if tool is None:
            continue
        out = merge_strokes(out, grid, tool, objects=[obj], cell=cell)
    return out


def _marker(epoch: int) -> dict:
    """An invisible object that numbers the canvas's contents (see the module docstring)."""
    return {"type": "Rect", "left": _MARKER_LEFT, "top": _MARKER_LEFT - epoch, "width": 1,
            "height": 1, "fill": "rgba(0, 0, 0, 0)", "strokeWidth": 0, "visible": False,
            "selectable": False, "evented": False, "originX": "left", "originY": "top"}


def _epoch_of(objects: list[dict]) -> int | None:
    if not objects:
        return None
    first = objects[0]
    if str(first.get("type", "")).lower() != "rect" or first.get("visible", True) is not False:
        return None
    if abs(float(first.get("left", 0.0)) - _MARKER_LEFT) > 1e-6:
        return None
    return int(round(_MARKER_LEFT - float(first.get("top", 0.0))))


def _on_canvas_change() -> None:
    """Set the pattern to the epoch's base with the canvas's current objects applied.

    The widget reports its whole object list after every change: a stroke, and
    also its own toolbar's Undo, Redo, "Reset canvas & history" and edit-mode
    moves and deletes. Replaying the list over the pattern the epoch started
    from makes the cells follow all of them; a report sent twice changes nothing.
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
    objects = list(raw.get("objects") or [])
    epoch = _epoch_of(objects)
    current = st.session_state.get(_EPOCH)
    base = st.session_state.get(_BASE)
    if (epoch is None or current is None or epoch != current[2] or base is None
            or base[0] != epoch or tuple(current[1]) != tuple(grid)):
        return  # sent before the canvas was emptied (Clear, Invert, another grid, rebuilt)
    pattern = apply_objects(base[1], grid, objects[1:], cell=cell)
    st.session_state[_BASE] = (epoch, base[1], pattern.copy())
    state.set_drawing(pattern, grid)


def _canvas_epoch(grid: tuple[int, int], key: str) -> int:
    """The epoch number of the canvas's contents, starting a new one (base = the
    pattern now) when the canvas is emptied or its objects no longer describe the
    pattern: Clear or Invert was pressed (the nonce), the grid changed, the canvas
    is being built anew (it was not on the page in the previous run, so it has no
    value in the session and mounts with only the marker), or the pattern was
    changed by something other than the canvas."""
    nonce = st.session_state.get(state.DRAW_NONCE, 0)
    current = st.session_state.get(_EPOCH)
    pattern = state.drawing(grid)
    base = st.session_state.get(_BASE)
    if (current is not None and current[0] == nonce and tuple(current[1]) == tuple(grid)
            and key in st.session_state and base is not None and base[0] == current[2]
            and np.array_equal(base[2], pattern)):
        return int(current[2])
    epoch = 0 if current is None else int(current[2]) + 1
    st.session_state[_EPOCH] = (nonce, tuple(grid), epoch)
    st.session_state[_BASE] = (epoch, pattern.copy(), pattern.copy())
    return epoch


def drawing_panel_canvas(grid: tuple[int, int], *, key: str = "playground.canvas") -> None:
    """Render the tool picker and the canvas for the drawing in ``state.DRAWING``."""
    # This line also keeps the canvas's floating toolbar (drawn just above the canvas)
    # off the widgets above it.
    st.caption(f"Paint on the {grid[0]}×{grid[1]} grid with the mouse; tools below.")
    tool = state.guard_choice(state.DRAW_TOOL, list(TOOLS), "brush")
    cell, width, height = canvas_geometry(grid)
    pattern = state.drawing(grid)
    epoch = _canvas_epoch(grid, key)
    st.session_state[_GEOMETRY] = (key, tuple(grid), cell)
    try:
        from streamlit_drawable_canvas import st_canvas
    except ImportError:  # pragma: no cover - the package is pinned in requirements.txt
        st.warning("The drawing widget (streamlit-drawable-canvas) is not installed.")
        return
    # Freehand strokes are one cell wide; dots and box outlines thin, so they do not
    # spill over the neighbouring cells.
    line = max(2, cell) if tool in {"brush", "eraser"} else max(1, cell // 8)
    st_canvas(
        fill_color=_COLOR[tool],
        stroke_width=line,
        stroke_color=_COLOR[tool],
        background_image=background_png(pattern, grid, cell),
        update_streamlit=True,
        width=width,
        height=height,
        drawing_mode=_MODE[tool],
        # Changes only with the epoch (Clear, Invert, grid): never under a stroke.
        initial_drawing={"objects": [_marker(epoch)]},
        point_display_radius=max(2, cell // 4),
        return_image_data=False,
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
