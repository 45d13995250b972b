"""Patterns: image <-> bipolar conversion and the built-in pattern sets.

Display convention (everywhere in the app): a unit at +1 is dark ink (black), a
unit at -1 is background paper (white). So a grey level g in [0, 1] (0 black,
1 white) becomes +1 where it is darker than the threshold, and a pattern is
drawn back as the grey level (1 - s) / 2, i.e. as ``np.uint8`` 0 for +1 and 255
for -1 (:func:`pattern_to_image`).

Images here are numpy arrays only (no file I/O, no PIL): a grey image of shape
(rows, cols) or a colour image (rows, cols, 3|4), of dtype uint8, uint16, bool
or float in [0, 1]. Grids are ``(rows, cols)`` pairs (an int n means n x n);
patterns are flattened row-major to N = rows * cols units.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ._font import GLYPHS, render_glyph

__all__ = [
    "BUILTIN_SETS",
    "DIGIT_NAMES",
    "LETTER_NAMES",
    "SHAPE_NAMES",
    "MIN_GRID",
    "MAX_GRID",
    "as_grid",
    "to_grayscale",
    "otsu_threshold",
    "resize",
    "to_bipolar",
    "image_to_pattern",
    "pattern_to_image",
    "glyph",
    "digits",
    "letters",
    "shapes",
    "shape",
    "random_patterns",
    "builtin_set",
    "correlation_matrix",
]

BUILTIN_SETS: tuple[str, ...] = ("digits", "letters", "shapes", "random")
DIGIT_NAMES: tuple[str, ...] = tuple("0123456789")
LETTER_NAMES: tuple[str, ...] = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
SHAPE_NAMES: tuple[str, ...] = (
    "square",
    "circle",
    "triangle",
    "cross",
    "diamond",
    "ring",
    "x",
    "horizontal stripes",
    "vertical stripes",
    "checkerboard",
)
#: Smallest and largest grid sides the app offers (rows and columns each).
MIN_GRID = 2
MAX_GRID = 256

_METHODS = ("nearest", "area")
_MIN_CONTRAST = 0.06  # grey-level range below which an image counts as uniform


# ----------------------------------------------------------------------------- grids


def as_grid(grid: int | Sequence[int]) -> tuple[int, int]:
    """Normalise ``grid`` (an int n or a pair) to ``(rows, cols)``, or raise ValueError.

    Both sides must lie between :data:`MIN_GRID` and :data:`MAX_GRID` (2 and 256).
    """
    if isinstance(grid, (int, np.integer)) and not isinstance(grid, bool):
        pair = (int(grid), int(grid))
    else:
        try:
            values = list(grid)  # type: ignore[arg-type]
        except TypeError:
            values = []
        if len(values) != 2 or not all(
            isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in values
        ):
            raise ValueError(
                f"grid must be a pair (rows, cols) of whole numbers, such as (16, 16); "
                f"got {grid!r}."
            )
        pair = (int(values[0]), int(values[1]))
    rows, cols = pair
    if not (MIN_GRID <= rows <= MAX_GRID and MIN_GRID <= cols <= MAX_GRID):
        raise ValueError(
            f"grid sides must be between {MIN_GRID} and {MAX_GRID}; got {rows}x{cols}. "
            f"Pick a grid such as (16, 16) or (50, 50)."
        )
    return pair


# ----------------------------------------------------------------------------- images


def _as_image(image: object, name: str = "image") -> np.ndarray:
    try:
        arr = np.asarray(image)
    except Exception as exc:
        raise ValueError(f"{name} must be an array of pixels; could not read it ({exc}).")
    if arr.dtype == object or not (arr.dtype == bool or np.issubdtype(arr.dtype, np.number)):
        raise ValueError(
            f"{name} must hold numbers (grey or colour levels); got dtype {arr.dtype}."
        )
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise ValueError(f"{name} must be real-valued; got complex numbers.")
    if arr.ndim not in (2, 3) or (arr.ndim == 3 and arr.shape[2] not in (1, 2, 3, 4)):
        raise ValueError(
            f"{name} must have shape (rows, cols) or (rows, cols, 1|2|3|4 channels); "
            f"got {arr.shape}."
        )
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name} is empty ({arr.shape[0]}x{arr.shape[1]} pixels).")
    if np.issubdtype(arr.dtype, np.floating) and not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or infinite values; every pixel needs a grey level.")
    return arr


def _unit_range(arr: np.ndarray) -> np.ndarray:
    """Scale pixel values of any supported dtype to float64 in [0, 1]."""
    if arr.dtype == bool:
        return arr.astype(np.float64)
    if np.issubdtype(arr.dtype, np.integer):
        if arr.dtype == np.uint8:
            return arr / 255.0
        if arr.dtype == np.uint16:
            return arr / 65535.0
        top = float(arr.max()) if arr.size else 0.0
        if top <= 255 and arr.min() >= 0:
            return arr / 255.0
        if top <= 65535 and arr.min() >= 0:
            return arr / 65535.0
        lo = float(arr.min())
        span = top - lo
        return (arr - lo) / span if span > 0 else np.zeros(arr.shape)
    out = arr.astype(np.float64)
    lo, hi = float(out.min()), float(out.max())
    if lo >= 0.0 and hi <= 1.0:
        return out
    if lo >= 0.0 and hi <= 255.0:
        return out / 255.0
    span = hi - lo
    return (out - lo) / span if span > 0 else np.zeros(out.shape)


def to_grayscale(image: np.ndarray) -> np.ndarray:
    """Grey levels in [0, 1] (0 black, 1 white) of a grey or colour image.

    Parameters
    ----------
    image : ndarray of shape (rows, cols) or (rows, cols, C), C in {1, 2, 3, 4}
        uint8 (0..255), uint16 (0..65535), bool, or float in [0, 1]. Two
        channels are grey + alpha, four are RGBA; transparent pixels are
        composited on white paper. Floats within 0..255 are read as 8-bit
        levels; other ranges (and other integer types) are stretched from
        their minimum (black) to their maximum (white).

    Returns
    -------
    ndarray of np.float64, shape (rows, cols), values in [0, 1]

    Raises
    ------
    ValueError
        For an empty image, a wrong shape, non-numeric or non-finite pixels.

    Notes
    -----
    Colour uses the ITU-R BT.601 luma,

    .. math:: g = 0.299 R + 0.587 G + 0.114 B,

    and transparency is composited on white, :math:`g' = \\alpha g + (1 - \\alpha)`,
    where :math:`\\alpha \\in [0, 1]` is the opacity.
    """
    arr = _as_image(image)
    vals = _unit_range(arr)
    if vals.ndim == 2:
        return vals
    channels = vals.shape[2]
    if channels in (1, 2):
        gray = vals[..., 0]
    else:
        gray = vals[..., 0] * 0.299 + vals[..., 1] * 0.587 + vals[..., 2] * 0.114
    if channels in (2, 4):
        alpha = vals[..., -1]
        gray = alpha * gray + (1.0 - alpha)
    return np.clip(gray, 0.0, 1.0)


def otsu_threshold(gray: np.ndarray) -> float:
    """Otsu's automatic threshold of a grey image in [0, 1].

    Parameters
    ----------
    gray : ndarray of shape (rows, cols)
        Grey levels in [0, 1] (any image accepted by :func:`to_grayscale`).

    Returns
    -------
    float
        Threshold t in (0, 1]: pixels with ``gray < t`` form the dark class
        (ink). For a nearly uniform image (grey levels spanning less than
        0.06), 0.5: a blank white page stays paper, a black one ink.

    Notes
    -----
    Over a 256-bin histogram with bin probabilities :math:`p_i`, the split
    after bin k maximises the between-class variance

    .. math::

        \\sigma_B^2(k) = \\frac{(\\mu_T\\, \\omega(k) - \\mu(k))^2}
                               {\\omega(k)\\,(1 - \\omega(k))}

    where :math:`\\omega(k) = \\sum_{i \\le k} p_i`, :math:`\\mu(k) = \\sum_{i \\le k} i\\, p_i`
    and :math:`\\mu_T = \\mu(255)`. When several k tie (an image of exactly two
    grey levels), the middle of the tied range is used, so t falls halfway
    between the two classes.

    References
    ----------
    N. Otsu, "A threshold selection method from gray-level histograms",
    IEEE Trans. Systems, Man and Cybernetics 9(1), 62-66 (1979).
    """
    g = to_grayscale(gray)
    if float(g.max() - g.min()) < _MIN_CONTRAST:
        # a nearly uniform picture (a blank page with a little sensor or JPEG noise):
        # splitting it would turn the noise into speckle, so judge it as a whole
        return 0.5
    hist, _ = np.histogram(g, bins=256, range=(0.0, 1.0))
    p = hist / hist.sum()
    omega = np.cumsum(p)
    mu = np.cumsum(p * np.arange(256))
    mu_t = mu[-1]
    denom = omega * (1.0 - omega)
    with np.errstate(divide="ignore", invalid="ignore"):
        sigma = np.where(denom > 1e-12, (mu_t * omega - mu) ** 2 / denom, -1.0)
    best = sigma.max()
    if best <= 0.0:
        return 0.5
    ties = np.flatnonzero(sigma >= best * (1.0 - 1e-9))
    k = 0.5 * (ties[0] + ties[-1])
    return float((k + 1.0) / 256.0)


def _area_axis(arr: np.ndarray, n_out: int, axis: int) -> np.ndarray:
    """Resample one axis by averaging over each output cell's exact footprint."""
    n_in = arr.shape[axis]
    moved = np.moveaxis(arr, axis, 0)
    # cumulative integral F(x) of the piecewise-constant signal, at integer x
    cum = np.concatenate([np.zeros((1,) + moved.shape[1:]), np.cumsum(moved, axis=0)])
    edges = np.linspace(0.0, n_in, n_out + 1)
    lo = np.minimum(np.floor(edges).astype(np.int64), n_in - 1)
    frac = (edges - lo)[(...,) + (None,) * (moved.ndim - 1)]
    integral = cum[lo] + frac * moved[lo]  # F at each edge
    out = (integral[1:] - integral[:-1]) / (n_in / n_out)
    return np.moveaxis(out, 0, axis)


def resize(image: np.ndarray, grid: int | Sequence[int], method: str = "nearest") -> np.ndarray:
    """Resample a 2-D image to ``grid`` = (rows, cols), keeping its values' scale.

    Parameters
    ----------
    image : ndarray of shape (H, W) or (H, W, C)
        A 2-D array is resampled as it is (grey levels in [0, 1], a bipolar
        pattern in [-1, 1], a coverage map...: the output has the same scale,
        as float64). A colour image (H, W, C) is first converted to grey levels
        in [0, 1] by :func:`to_grayscale`.
    grid : int or (rows, cols)
        Output size, each side between 2 and 256; need not be square.
    method : {"nearest", "area"}, optional
        "nearest" takes the pixel under each cell's centre (crisp, may drop
        thin lines when shrinking); "area" averages every pixel under the cell,
        weighted by how much of it the cell covers (smooth, keeps thin lines
        as grey).

    Returns
    -------
    ndarray of np.float64, shape (rows, cols)
        Nearest: values taken from the input; area: averages of input values, so
        always within the input's range.

    Notes
    -----
    Nearest: output cell (r, c) takes input pixel
    :math:`(\\lfloor (r + 1/2) H / \\text{rows} \\rfloor,
    \\lfloor (c + 1/2) W / \\text{cols} \\rfloor)`.
    Area: :math:`g'_{rc} = \\frac{1}{|A_{rc}|} \\int_{A_{rc}} g`, with :math:`A_{rc}`
    the cell's footprint :math:`[r H/\\text{rows}, (r+1) H/\\text{rows}) \\times
    [c W/\\text{cols}, (c+1) W/\\text{cols})` in input pixel units.
    """
    arr = _as_image(image)
    gray = to_grayscale(arr) if arr.ndim == 3 else arr.astype(np.float64)
    rows, cols = as_grid(grid)
    m = str(method).lower()
    if m not in _METHODS:
        raise ValueError(f"method must be one of {', '.join(_METHODS)}; got {method!r}.")
    h, w = gray.shape
    if m == "nearest":
        ri = np.minimum(((np.arange(rows) + 0.5) * h / rows).astype(np.int64), h - 1)
        ci = np.minimum(((np.arange(cols) + 0.5) * w / cols).astype(np.int64), w - 1)
        return gray[np.ix_(ri, ci)].astype(np.float64)
    out = _area_axis(gray, rows, 0)
    out = _area_axis(out, cols, 1)
    # an average never leaves the input's range; clip away rounding error only
    return np.clip(out, gray.min(), gray.max())


def to_bipolar(
    gray: np.ndarray, threshold: float | None = None, invert: bool = False
) -> np.ndarray:
    """Binarise a grey image: dark pixels become +1 (ink), light ones -1 (paper).

    Parameters
    ----------
    gray : ndarray of shape (rows, cols)
        Grey levels in [0, 1] (or any image accepted by :func:`to_grayscale`).
    threshold : float in [0, 1], optional
        Pixels darker than this (``gray < threshold``) are ink. None (default)
        picks it automatically with :func:`otsu_threshold`.
    invert : bool, optional
        Swap ink and paper (for light drawings on a dark background).

    Returns
    -------
    ndarray of np.int8, shape (rows, cols), values in {-1, +1}

    Notes
    -----
    .. math:: s = \\begin{cases} +1 & g < t \\\\ -1 & g \\ge t \\end{cases}

    then :math:`s \\to -s` when ``invert`` is set.
    """
    g = to_grayscale(gray)
    if threshold is None:
        t = otsu_threshold(g)
    else:
        try:
            t = float(threshold)
        except (TypeError, ValueError):
            raise ValueError(
                f"threshold must be a number between 0 and 1 or None; got {threshold!r}."
            )
        if not (0.0 <= t <= 1.0):
            raise ValueError(
                f"threshold must be between 0 (nothing is ink) and 1 (all but pure white "
                f"is ink), or None for automatic; got {threshold!r}."
            )
    ink = g < t
    if invert:
        ink = ~ink
    return np.where(ink, 1, -1).astype(np.int8)


def image_to_pattern(
    image: np.ndarray,
    grid: int | Sequence[int],
    *,
    threshold: float | None = None,
    invert: bool = False,
    method: str = "area",
) -> np.ndarray:
    """Turn an image into a bipolar pattern on ``grid``: grey -> resize -> threshold.

    Parameters
    ----------
    image : ndarray of shape (H, W) or (H, W, C)
        Any image accepted by :func:`to_grayscale`.
    grid : int or (rows, cols)
    threshold : float in [0, 1], optional
        Manual threshold; None picks Otsu's threshold of the resized image.
    invert : bool, optional
    method : {"area", "nearest"}, optional

    Returns
    -------
    ndarray of np.int8, shape (rows * cols,)
        Row-major flattened, +1 for ink (dark), -1 for paper.
    """
    small = resize(to_grayscale(image), grid, method=method)
    return to_bipolar(small, threshold=threshold, invert=invert).ravel()


def pattern_to_image(pattern: np.ndarray, grid: int | Sequence[int]) -> np.ndarray:
    """Grey image of a pattern: +1 -> 0 (black ink), -1 -> 255 (white paper).

    Parameters
    ----------
    pattern : ndarray of shape (N,)
        Values in [-1, 1] (bipolar states, or the continuous states of the
        "modern" rule, drawn as shades of grey).
    grid : int or (rows, cols)
        With ``rows * cols == N``.

    Returns
    -------
    ndarray of np.uint8, shape (rows, cols)

    Notes
    -----
    .. math:: \\text{pixel} = \\mathrm{round}\\big(255 \\cdot (1 - s) / 2\\big)
    """
    rows, cols = as_grid(grid)
    try:
        s = np.asarray(pattern, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        raise ValueError("pattern must be an array of numbers between -1 and 1.")
    if s.size != rows * cols:
        raise ValueError(
            f"pattern has {s.size} units but grid {rows}x{cols} has {rows * cols} cells."
        )
    if not np.isfinite(s).all():
        raise ValueError("pattern contains NaN or infinite values.")
    s = np.clip(s, -1.0, 1.0)
    return np.round(255.0 * (1.0 - s) / 2.0).astype(np.uint8).reshape(rows, cols)


# ----------------------------------------------------------------------------- built-in sets


def glyph(char: str, grid: int | Sequence[int]) -> np.ndarray:
    """A digit 0-9 or letter A-Z drawn in the project's stroke font.

    Parameters
    ----------
    char : str
        One character, "0".."9" or "A".."Z" (lower case is accepted).
    grid : int or (rows, cols)

    Returns
    -------
    ndarray of np.int8, shape (rows * cols,)
        +1 on the strokes, -1 elsewhere. The glyph is centred with a margin of
        about 7% and a stroke about 15% of its height (bold at 50x50, one cell
        wide below 12 rows).
    """
    rows, cols = as_grid(grid)
    key = str(char).upper()
    if key not in GLYPHS:
        raise ValueError(
            f"glyph needs one character 0-9 or A-Z; got {char!r}."
        )
    return np.where(render_glyph(key, rows, cols), 1, -1).astype(np.int8).ravel()


def digits(grid: int | Sequence[int]) -> np.ndarray:
    """The ten digits 0-9 on ``grid``: ndarray of np.int8, shape (10, rows * cols).

    Row k is the digit k (names in :data:`DIGIT_NAMES`).
    """
    return np.stack([glyph(c, grid) for c in DIGIT_NAMES])


def letters(grid: int | Sequence[int]) -> np.ndarray:
    """The 26 capital letters A-Z on ``grid``: ndarray of np.int8, shape (26, rows * cols)."""
    return np.stack([glyph(c, grid) for c in LETTER_NAMES])


def shape(name: str, grid: int | Sequence[int]) -> np.ndarray:
    """One of :data:`SHAPE_NAMES` drawn on ``grid``: np.int8 (rows * cols,), +1 = ink.

    Shapes are scaled to the grid with a margin; stripes and the checkerboard
    have bands about a tenth of the grid wide (at least one cell), and the
    checkerboard squares about an eighth.
    """
    rows, cols = as_grid(grid)
    key = str(name).strip().lower()
    if key not in SHAPE_NAMES:
        raise ValueError(f"shape must be one of {', '.join(SHAPE_NAMES)}; got {name!r}.")
    # cell centres in coordinates where the drawing area is [-1, 1] x [-1, 1]
    m_r = max(1, round(0.1 * rows)) if rows >= 8 else 0
    m_c = max(1, round(0.1 * cols)) if cols >= 8 else 0
    yy, xx = np.mgrid[0:rows, 0:cols].astype(float) + 0.5
    y = (yy - rows / 2.0) / max((rows - 2 * m_r) / 2.0, 0.5)
    x = (xx - cols / 2.0) / max((cols - 2 * m_c) / 2.0, 0.5)
    # stroke thickness in these units: about 1/5 of the half-size, at least one cell
    t_r = max(0.36, 1.0 / max((rows - 2 * m_r) / 2.0, 0.5))
    t_c = max(0.36, 1.0 / max((cols - 2 * m_c) / 2.0, 0.5))
    t = max(t_r, t_c)
    inside = (np.abs(x) <= 1.0) & (np.abs(y) <= 1.0)
    r = np.hypot(x, y)
    if key == "square":
        ink = inside & ((np.abs(x) >= 1.0 - t_c) | (np.abs(y) >= 1.0 - t_r))
    elif key == "circle":
        ink = r <= 1.0
    elif key == "triangle":
        # apex at the top centre, base along the bottom
        ink = inside & (np.abs(x) <= (y + 1.0) / 2.0)
    elif key == "cross":
        ink = inside & ((np.abs(x) <= t_c * 0.8) | (np.abs(y) <= t_r * 0.8))
    elif key == "diamond":
        ink = np.abs(x) + np.abs(y) <= 1.0
    elif key == "ring":
        ink = (r <= 1.0) & (r >= 1.0 - t)
    elif key == "x":
        ink = inside & (np.minimum(np.abs(x - y), np.abs(x + y)) <= t * 0.75)
    else:
        half_r = max(1, round(rows / 10))  # stripe width in cells
        half_c = max(1, round(cols / 10))
        band_r = (np.arange(rows)[:, None] // half_r) % 2 == 0
        band_c = (np.arange(cols)[None, :] // half_c) % 2 == 0
        if key == "horizontal stripes":
            ink = np.broadcast_to(band_r, (rows, cols))
        elif key == "vertical stripes":
            ink = np.broadcast_to(band_c, (rows, cols))
        else:  # checkerboard
            side = max(1, round(min(rows, cols) / 8))
            ink = ((np.arange(rows)[:, None] // side + np.arange(cols)[None, :] // side) % 2) == 0
    ink = np.asarray(ink, dtype=bool)
    if not ink.any():
        ink = inside | ~inside  # degenerate tiny grid: all ink rather than a blank pattern
    return np.where(ink, 1, -1).astype(np.int8).ravel()


def shapes(grid: int | Sequence[int]) -> np.ndarray:
    """All :data:`SHAPE_NAMES` on ``grid``: ndarray of np.int8, shape (10, rows * cols)."""
    return np.stack([shape(name, grid) for name in SHAPE_NAMES])


def random_patterns(count: int, n_units: int, rng=None, bias: float = 0.0) -> np.ndarray:
    """Independent random bipolar patterns.

    Parameters
    ----------
    count : int
        Number of patterns P, at least 1.
    n_units : int
        Units per pattern N, at least 1.
    rng : {numpy.random.Generator, int}, optional
    bias : float in [-1, 1], optional
        Mean activity: each unit is +1 with probability (1 + bias) / 2, so
        bias 0 gives unbiased patterns (the textbook case).

    Returns
    -------
    ndarray of np.int8, shape (count, n_units)

    Notes
    -----
    .. math:: P(\\xi^\\mu_i = +1) = \\frac{1 + b}{2}, \\qquad \\langle \\xi^\\mu_i \\rangle = b
    """
    for label, v in (("count", count), ("n_units", n_units)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{label} must be a positive integer; got {v!r}.")
    try:
        b = float(bias)
    except (TypeError, ValueError):
        raise ValueError(f"bias must be a number between -1 and 1; got {bias!r}.")
    if not (-1.0 <= b <= 1.0):
        raise ValueError(f"bias must be between -1 (all -1) and 1 (all +1); got {bias!r}.")
    rng = np.random.default_rng(rng)
    return np.where(rng.random((int(count), int(n_units))) < (1.0 + b) / 2.0, 1, -1).astype(
        np.int8
    )


def builtin_set(
    name: str,
    grid: int | Sequence[int],
    *,
    count: int | None = None,
    rng=None,
) -> tuple[list[str], np.ndarray]:
    """A named built-in set of patterns on ``grid``.

    Parameters
    ----------
    name : {"digits", "letters", "shapes", "random"}
    grid : int or (rows, cols)
    count : int, optional
        How many patterns: the first ``count`` of the set (all when omitted);
        for "random", how many to draw (5 when omitted).
    rng : {numpy.random.Generator, int}, optional
        Used by "random" only.

    Returns
    -------
    names : list of str
        One label per pattern ("0", "A", "circle", "random 1", ...).
    patterns : ndarray of np.int8, shape (P, rows * cols)
    """
    key = str(name).strip().lower()
    if key not in BUILTIN_SETS:
        raise ValueError(f"built-in set must be one of {', '.join(BUILTIN_SETS)}; got {name!r}.")
    rows, cols = as_grid(grid)
    if count is not None and (
        isinstance(count, bool) or not isinstance(count, (int, np.integer)) or count < 1
    ):
        raise ValueError(f"count must be a positive integer or None; got {count!r}.")
    if key == "random":
        k = 5 if count is None else int(count)
        return [f"random {i + 1}" for i in range(k)], random_patterns(k, rows * cols, rng=rng)
    names = {"digits": DIGIT_NAMES, "letters": LETTER_NAMES, "shapes": SHAPE_NAMES}[key]
    if count is not None and count > len(names):
        raise ValueError(f"the {key} set has {len(names)} patterns; asked for {count}.")
    chosen = list(names if count is None else names[: int(count)])
    if key == "shapes":
        pats = np.stack([shape(n, (rows, cols)) for n in chosen])
    else:
        pats = np.stack([glyph(c, (rows, cols)) for c in chosen])
    return chosen, pats


def correlation_matrix(patterns: np.ndarray) -> np.ndarray:
    """Overlaps between every pair of patterns.

    Parameters
    ----------
    patterns : ndarray of shape (P, N)
        Values in [-1, 1] (bipolar patterns; continuous states work too).

    Returns
    -------
    ndarray of np.float64, shape (P, P)
        Symmetric, 1 on the diagonal for bipolar patterns.

    Notes
    -----
    .. math:: C_{\\mu\\nu} = \\frac{1}{N} \\sum_i \\xi^\\mu_i \\xi^\\nu_i

    the overlap m between patterns :math:`\\mu` and :math:`\\nu`: 1 for equal
    patterns, -1 for inverses, about :math:`\\pm 1/\\sqrt{N}` for independent random ones.
    Strongly correlated memories (large off-diagonal entries) interfere under the
    Hebbian rule.
    """
    try:
        x = np.asarray(patterns, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("patterns must be a 2-D numeric array of shape (P, N).")
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"patterns must be a non-empty 2-D array (P, N); got shape {x.shape}.")
    if not np.isfinite(x).all():
        raise ValueError("patterns contain NaN or infinite values.")
    return (x @ x.T) / x.shape[1]
