"""A small stroke font for the built-in digits and letters (private).

Each glyph is a list of strokes (polylines) in a unit box: x runs from 0 (left)
to 1 (right), y from 0 (top) to 1 (bottom). Curves are polylines sampled from
elliptic arcs. A glyph is drawn on a grid by inking every cell whose centre lies
within half a stroke width of the skeleton, so it stays clean at any size, and the
stroke width grows with the grid (bold at 50x50, still connected at 8x8).
"""

from __future__ import annotations

import numpy as np

__all__ = ["GLYPHS", "render_glyph"]

Point = tuple[float, float]
Stroke = list[Point]


def _arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float) -> Stroke:
    """Points of an elliptic arc from angle a0 to a1 (degrees, 0 = right, 90 = up)."""
    n = max(4, int(abs(a1 - a0) / 10) + 1)
    ang = np.deg2rad(np.linspace(a0, a1, n))
    return [(cx + rx * np.cos(a), cy - ry * np.sin(a)) for a in ang]


def _join(*parts: Stroke) -> Stroke:
    out: Stroke = []
    for part in parts:
        out.extend(part)
    return out


# Width of each glyph's box relative to its height (default _ASPECT).
_ASPECT = 0.72
_WIDE = {"M": 0.9, "W": 0.95, "O": 0.82, "Q": 0.82, "C": 0.78, "G": 0.8, "D": 0.78}

GLYPHS: dict[str, list[Stroke]] = {
    # ---- digits
    "0": [_arc(0.5, 0.5, 0.4, 0.5, 0, 360)],
    "1": [[(0.22, 0.24), (0.56, 0.0), (0.56, 1.0)], [(0.22, 1.0), (0.9, 1.0)]],
    "2": [_join(_arc(0.5, 0.28, 0.48, 0.28, 160, -35), [(0.0, 1.0), (1.0, 1.0)])],
    "3": [
        _arc(0.5, 0.25, 0.44, 0.25, 150, -90),
        _arc(0.5, 0.73, 0.5, 0.27, 90, -155),
    ],
    "4": [[(0.76, 1.0), (0.76, 0.0), (0.0, 0.68), (1.0, 0.68)]],
    "5": [
        _join([(0.92, 0.0), (0.12, 0.0), (0.06, 0.48)], _arc(0.5, 0.68, 0.48, 0.32, 140, -150))
    ],
    "6": [_arc(0.5, 0.68, 0.5, 0.68, 60, 180), _arc(0.5, 0.68, 0.5, 0.32, 0, 360)],
    "7": [[(0.0, 0.0), (1.0, 0.0), (0.34, 1.0)]],
    "8": [_arc(0.5, 0.25, 0.42, 0.25, 0, 360), _arc(0.5, 0.73, 0.5, 0.27, 0, 360)],
    "9": [_arc(0.5, 0.32, 0.5, 0.32, 0, 360), _arc(0.5, 0.32, 0.5, 0.68, 0, -120)],
    # ---- letters
    "A": [[(0.0, 1.0), (0.5, 0.0), (1.0, 1.0)], [(0.2, 0.64), (0.8, 0.64)]],
    "B": [
        _join([(0.0, 0.5), (0.0, 0.0), (0.58, 0.0)], _arc(0.58, 0.25, 0.36, 0.25, 90, -90),
              [(0.0, 0.5)]),
        _join([(0.0, 0.5), (0.0, 1.0), (0.62, 1.0)], _arc(0.62, 0.75, 0.38, 0.25, -90, 90),
              [(0.0, 0.5)]),
    ],
    "C": [_arc(0.5, 0.5, 0.5, 0.5, 45, 315)],
    "D": [_join([(0.0, 0.0), (0.0, 1.0), (0.45, 1.0)], _arc(0.45, 0.5, 0.55, 0.5, -90, 90),
                [(0.0, 0.0)])],
    "E": [[(1.0, 0.0), (0.0, 0.0), (0.0, 1.0), (1.0, 1.0)], [(0.0, 0.5), (0.8, 0.5)]],
    "F": [[(1.0, 0.0), (0.0, 0.0), (0.0, 1.0)], [(0.0, 0.5), (0.8, 0.5)]],
    "G": [_join(_arc(0.5, 0.5, 0.5, 0.5, 40, 360), [(1.0, 0.55), (0.55, 0.55)])],
    "H": [[(0.0, 0.0), (0.0, 1.0)], [(1.0, 0.0), (1.0, 1.0)], [(0.0, 0.5), (1.0, 0.5)]],
    "I": [[(0.5, 0.0), (0.5, 1.0)], [(0.15, 0.0), (0.85, 0.0)], [(0.15, 1.0), (0.85, 1.0)]],
    "J": [[(0.3, 0.0), (1.0, 0.0)], _join([(0.8, 0.0)], _arc(0.4, 0.7, 0.4, 0.3, 0, -180))],
    "K": [[(0.0, 0.0), (0.0, 1.0)], [(1.0, 0.0), (0.0, 0.62)], [(0.32, 0.42), (1.0, 1.0)]],
    "L": [[(0.0, 0.0), (0.0, 1.0), (1.0, 1.0)]],
    "M": [[(0.0, 1.0), (0.0, 0.0), (0.5, 0.62), (1.0, 0.0), (1.0, 1.0)]],
    "N": [[(0.0, 1.0), (0.0, 0.0), (1.0, 1.0), (1.0, 0.0)]],
    "O": [_arc(0.5, 0.5, 0.5, 0.5, 0, 360)],
    "P": [_join([(0.0, 1.0), (0.0, 0.0), (0.6, 0.0)], _arc(0.6, 0.27, 0.4, 0.27, 90, -90),
                [(0.0, 0.54)])],
    "Q": [_arc(0.5, 0.5, 0.5, 0.5, 0, 360), [(0.55, 0.62), (1.0, 1.0)]],
    "R": [
        _join([(0.0, 1.0), (0.0, 0.0), (0.6, 0.0)], _arc(0.6, 0.27, 0.4, 0.27, 90, -90),
              [(0.0, 0.54)]),
        [(0.42, 0.54), (1.0, 1.0)],
    ],
    "S": [_join(_arc(0.5, 0.25, 0.48, 0.25, 25, 270), _arc(0.5, 0.75, 0.5, 0.25, 90, -155))],
    "T": [[(0.0, 0.0), (1.0, 0.0)], [(0.5, 0.0), (0.5, 1.0)]],
    "U": [_join([(0.0, 0.0)], _arc(0.5, 0.62, 0.5, 0.38, 180, 360), [(1.0, 0.0)])],
    "V": [[(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)]],
    "W": [[(0.0, 0.0), (0.22, 1.0), (0.5, 0.3), (0.78, 1.0), (1.0, 0.0)]],
    "X": [[(0.0, 0.0), (1.0, 1.0)], [(1.0, 0.0), (0.0, 1.0)]],
    "Y": [[(0.0, 0.0), (0.5, 0.52), (1.0, 0.0)], [(0.5, 0.52), (0.5, 1.0)]],
    "Z": [[(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)]],
}


def _segments(strokes: list[Stroke]) -> tuple[np.ndarray, np.ndarray]:
    """Start and end points, each of shape (S, 2) as (x, y), of every segment."""
    starts, ends = [], []
    for stroke in strokes:
        pts = np.asarray(stroke, dtype=float)
        if len(pts) == 1:
            pts = np.vstack([pts, pts])
        starts.append(pts[:-1])
        ends.append(pts[1:])
    return np.vstack(starts), np.vstack(ends)


def _distance_to_segments(
    px: np.ndarray, py: np.ndarray, a: np.ndarray, b: np.ndarray
) -> np.ndarray:
    """Smallest distance from each point (px, py) to any segment a[k] -> b[k]."""
    best = np.full(px.shape, np.inf)
    for (ax, ay), (bx, by) in zip(a, b):
        dx, dy = bx - ax, by - ay
        len2 = dx * dx + dy * dy
        if len2 == 0.0:
            t = np.zeros_like(px)
        else:
            t = np.clip(((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0)
        d = np.hypot(px - (ax + t * dx), py - (ay + t * dy))
        np.minimum(best, d, out=best)
    return best


def _even(n: int) -> int:
    """Largest even number <= n (at least 0), so a box has a centre line of cells."""
    return max(n - n % 2, 0)


def render_glyph(char: str, rows: int, cols: int) -> np.ndarray:
    """Draw ``char`` on a rows x cols grid; True where the cell is ink.

    The glyph box keeps its aspect ratio, is centred and leaves a margin of
    about 7% of the grid on every side (none below 10 cells). The stroke width is
    about 15% of the box height (one cell below 12 rows).
    """
    strokes = GLYPHS[char]
    margin_r = max(1, round(0.07 * rows)) if rows >= 10 else 0
    margin_c = max(1, round(0.07 * cols)) if cols >= 10 else 0
    avail_h = rows - 2 * margin_r
    avail_w = cols - 2 * margin_c
    aspect = _WIDE.get(char, _ASPECT)
    box_h = min(float(avail_h), avail_w / aspect)
    box_w = min(float(avail_w), box_h * aspect)
    # thin one-cell strokes on small grids, where a bolder stroke would fill the box
    half = 0.075 * box_h if box_h >= 12 else 0.5
    # the skeleton sits inside the box by half a stroke, so the ink fills the box exactly
    if box_h >= 12:
        inner_w = max(box_w - 2 * half, 0.0)
        inner_h = max(box_h - 2 * half, 0.0)
        x0 = (cols - inner_w) / 2.0
        y0 = (rows - inner_h) / 2.0
    else:
        # one-cell strokes: put the skeleton's edges and middle on cell centres, so
        # a vertical or horizontal stroke is exactly one cell wide, never two
        inner_w = float(_even(round(box_w) - 1))
        inner_h = float(_even(round(box_h) - 1))
        x0 = (cols - inner_w - 1) // 2 + 0.5
        y0 = (rows - inner_h - 1) // 2 + 0.5
    a, b = _segments(strokes)
    scale = np.array([inner_w, inner_h])
    offset = np.array([x0, y0])
    a = a * scale + offset
    b = b * scale + offset
    py, px = np.mgrid[0:rows, 0:cols].astype(float)
    d = _distance_to_segments(px + 0.5, py + 0.5, a, b)
    ink = d <= half + 1e-9
    if not ink.any():  # a grid too small for the stroke: ink the nearest cell
        ink.flat[int(np.argmin(d))] = True
    return ink
