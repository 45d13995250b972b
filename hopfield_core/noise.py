"""Probes for recall: noisy, occluded, mixed and halfway states.

Every function here returns a new ``np.int8`` array with values in {-1, +1}
and never mutates its inputs. Random choices come from ``rng`` (an int seed or
a ``numpy.random.Generator``), normalised once with ``np.random.default_rng``,
so the same seed always gives the same probe.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

__all__ = [
    "OCCLUSION_REGIONS",
    "add_noise",
    "occlude",
    "occlusion_mask",
    "mixture",
    "halfway",
    "random_states",
]

#: Named regions understood by :func:`occlude` ("none" leaves the pattern as it is).
OCCLUSION_REGIONS: tuple[str, ...] = (
    "none",
    "lower half",
    "upper half",
    "left half",
    "right half",
    "center",
)

_REGION_ALIASES = {
    "centre": "center",
    "middle": "center",
    "bottom half": "lower half",
    "top half": "upper half",
}


def _as_bipolar(x: object, name: str, *, ndim: tuple[int, ...] = (1,)) -> np.ndarray:
    """Return ``x`` as a new int8 array with values in {-1, +1}, or raise ValueError."""
    try:
        arr = np.asarray(x)
    except Exception as exc:  # ragged nested lists and the like
        raise ValueError(f"{name} must be an array of -1/+1 values; could not read it ({exc}).")
    if arr.dtype == object:
        raise ValueError(
            f"{name} must be a regular numeric array of -1/+1 values; "
            "got ragged or non-numeric data."
        )
    if arr.ndim not in ndim:
        want = " or ".join(f"{d}-D" for d in ndim)
        raise ValueError(f"{name} must be {want}; got an array of shape {arr.shape}.")
    if arr.size == 0:
        raise ValueError(f"{name} is empty; it needs at least one unit.")
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise ValueError(f"{name} must hold the numbers -1 and +1; got dtype {arr.dtype}.")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise ValueError(f"{name} must be real-valued -1/+1; got complex numbers.")
    ok = (arr == 1) | (arr == -1)
    if not ok.all():
        bad = arr[~ok].ravel()[:3]
        raise ValueError(
            f"{name} must be bipolar (every value -1 or +1); found {bad.tolist()} "
            f"({int((~ok).sum())} value(s) outside {{-1, +1}}). Convert 0/1 data with 2*x - 1."
        )
    return arr.astype(np.int8, copy=True)


def _check_fraction(fraction: object) -> float:
    try:
        f = float(fraction)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"fraction must be a number between 0 and 1; got {fraction!r}.")
    if not np.isfinite(f) or f < 0.0 or f > 1.0:
        raise ValueError(
            f"fraction must be between 0 and 1 (0.1 flips 10% of the units); got {fraction!r}."
        )
    return f


def add_noise(pattern: np.ndarray, fraction: float, rng=None) -> np.ndarray:
    """Flip exactly ``round(fraction * N)`` distinct units chosen at random.

    Parameters
    ----------
    pattern : ndarray of shape (N,) or (B, N)
        Bipolar state(s), values in {-1, +1}. For a 2-D batch every row gets
        its own independent choice of units.
    fraction : float
        Fraction of units to flip, in [0, 1].
    rng : {numpy.random.Generator, int}, optional
        Source of randomness; the same seed gives the same flips.

    Returns
    -------
    ndarray of np.int8, same shape as ``pattern``
        A new array; ``pattern`` is not modified.

    Raises
    ------
    ValueError
        If ``fraction`` lies outside [0, 1] or ``pattern`` is not bipolar.

    Notes
    -----
    With :math:`k = \\mathrm{round}(f N)` (Python's ``round``, halves to even)
    and :math:`S` a uniformly random set of :math:`k` distinct units,

    .. math:: \\tilde s_i = -s_i \\; (i \\in S), \\qquad \\tilde s_i = s_i \\; (i \\notin S),

    so the overlap with the original is exactly :math:`m = 1 - 2k/N`.

    Examples
    --------
    >>> s = add_noise(np.ones(10, dtype=np.int8), 0.3, rng=0)
    >>> int((s == -1).sum())
    3
    """
    arr = _as_bipolar(pattern, "pattern", ndim=(1, 2))
    f = _check_fraction(fraction)
    rng = np.random.default_rng(rng)
    n = arr.shape[-1]
    k = int(round(f * n))
    if k == 0:
        return arr
    if arr.ndim == 1:
        idx = rng.choice(n, size=k, replace=False)
        arr[idx] = -arr[idx]
        return arr
    # one independent subset of k units per row: the k smallest of N uniform keys
    keys = rng.random(arr.shape)
    if k < n:
        idx = np.argpartition(keys, k - 1, axis=1)[:, :k]
    else:
        idx = np.broadcast_to(np.arange(n), arr.shape)
    rows = np.arange(arr.shape[0])[:, None]
    arr[rows, idx] = -arr[rows, idx]
    return arr


def _check_grid(grid: object, n: int | None) -> tuple[int, int]:
    try:
        rows, cols = (int(v) for v in grid)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        raise ValueError(f"grid must be a pair (rows, cols) of positive integers; got {grid!r}.")
    if rows < 1 or cols < 1:
        raise ValueError(f"grid must have at least one row and one column; got {grid!r}.")
    if n is not None and rows * cols != n:
        raise ValueError(
            f"grid {rows}x{cols} has {rows * cols} cells but the pattern has {n} units; "
            "pass the grid the pattern was made on."
        )
    return rows, cols


def occlusion_mask(grid: tuple[int, int], region: str | Sequence[int]) -> np.ndarray:
    """Boolean mask of shape ``grid`` that is True on the occluded cells.

    Parameters
    ----------
    grid : (rows, cols)
        Grid the pattern lives on.
    region : str or (row0, row1, col0, col1)
        One of :data:`OCCLUSION_REGIONS` ("centre" is accepted too) or a
        half-open rectangle of rows ``row0:row1`` and columns ``col0:col1``.

    Returns
    -------
    ndarray of bool, shape (rows, cols)

    Notes
    -----
    A half is exactly ``rows // 2`` rows (or ``cols // 2`` columns) at the
    named side, so an odd grid keeps its middle line. "center" is the block of
    rows ``rows//4 : rows - rows//4`` and columns ``cols//4 : cols - cols//4``
    (about a quarter of the picture).
    """
    rows, cols = _check_grid(grid, None)
    mask = np.zeros((rows, cols), dtype=bool)
    if isinstance(region, str):
        name = " ".join(region.strip().lower().replace("_", " ").replace("-", " ").split())
        name = _REGION_ALIASES.get(name, name)
        if name == "none":
            pass
        elif name == "lower half":
            mask[rows - rows // 2 :, :] = True
        elif name == "upper half":
            mask[: rows // 2, :] = True
        elif name == "left half":
            mask[:, : cols // 2] = True
        elif name == "right half":
            mask[:, cols - cols // 2 :] = True
        elif name == "center":
            mask[rows // 4 : rows - rows // 4, cols // 4 : cols - cols // 4] = True
        else:
            raise ValueError(
                f"region must be one of {', '.join(OCCLUSION_REGIONS)} or a tuple "
                f"(row0, row1, col0, col1); got {region!r}."
            )
        return mask
    try:
        r0, r1, c0, c1 = (int(v) for v in region)
    except (TypeError, ValueError):
        raise ValueError(
            f"region must be one of {', '.join(OCCLUSION_REGIONS)} or a tuple "
            f"(row0, row1, col0, col1); got {region!r}."
        )
    if not (0 <= r0 < r1 <= rows and 0 <= c0 < c1 <= cols):
        raise ValueError(
            f"rectangle (row0, row1, col0, col1) = {(r0, r1, c0, c1)} must satisfy "
            f"0 <= row0 < row1 <= {rows} and 0 <= col0 < col1 <= {cols} on a {rows}x{cols} grid."
        )
    mask[r0:r1, c0:c1] = True
    return mask


def occlude(
    pattern: np.ndarray,
    grid: tuple[int, int],
    region: str | Sequence[int],
    *,
    value: int = -1,
) -> np.ndarray:
    """Set a region of the picture to one value (the "half the image erased" probe).

    Parameters
    ----------
    pattern : ndarray of shape (N,)
        Bipolar state, an image of shape ``grid`` flattened row-major.
    grid : (rows, cols)
        With ``rows * cols == N``.
    region : str or (row0, row1, col0, col1)
        "lower half", "upper half", "left half", "right half", "center"
        (or "none"), or a half-open rectangle; see :func:`occlusion_mask`.
    value : {-1, +1}, optional
        What the region is set to; -1 (white paper) by default.

    Returns
    -------
    ndarray of np.int8, shape (N,)
        A new array; ``pattern`` is not modified.

    Raises
    ------
    ValueError
        For a non-bipolar pattern, a grid that does not match N, an unknown
        region, a rectangle outside the grid, or a value other than -1/+1.

    Notes
    -----
    .. math:: \\tilde s_i = v \\; (i \\in R), \\qquad \\tilde s_i = s_i \\; (i \\notin R)

    where :math:`R` is the set of cells in the region and :math:`v` is ``value``.
    """
    arr = _as_bipolar(pattern, "pattern")
    _check_grid(grid, arr.size)
    if value not in (-1, 1) or isinstance(value, bool):
        raise ValueError(f"value must be -1 (white) or +1 (black); got {value!r}.")
    mask = occlusion_mask(grid, region).ravel()
    arr[mask] = value
    return arr


def mixture(patterns: np.ndarray, indices: Sequence[int] | None = None) -> np.ndarray:
    """Majority vote of an odd number of patterns (a classic spurious state).

    Parameters
    ----------
    patterns : ndarray of shape (P, N)
        Bipolar patterns.
    indices : sequence of int, optional
        Which rows to mix (an odd number of them); all rows when omitted.

    Returns
    -------
    ndarray of np.int8, shape (N,)

    Raises
    ------
    ValueError
        For an even number of patterns (the vote could tie), an index out of
        range, or non-bipolar patterns.

    Notes
    -----
    .. math:: s^{\\mathrm{mix}}_i = \\operatorname{sign}\\Big(\\sum_{\\mu \\in M} \\xi^\\mu_i\\Big)

    where :math:`M` is the chosen odd set of patterns, so the sum never vanishes.
    For three random patterns the mixture has overlap 1/2 with each (Amit,
    Gutfreund and Sompolinsky 1985) and is a stable state of the Hebbian network
    at low load.
    """
    pats = _as_bipolar(patterns, "patterns", ndim=(2,))
    p = pats.shape[0]
    if indices is None:
        idx = np.arange(p)
    else:
        try:
            idx = np.asarray(list(indices), dtype=np.int64).ravel()
        except (TypeError, ValueError):
            raise ValueError(f"indices must be a list of pattern numbers; got {indices!r}.")
        if idx.size and (idx.min() < 0 or idx.max() >= p):
            raise ValueError(
                f"indices must lie between 0 and {p - 1} (there are {p} patterns); "
                f"got {idx.tolist()}."
            )
    if idx.size % 2 == 0:
        raise ValueError(
            f"a majority mixture needs an odd number of patterns (1, 3, 5, ...) so no vote ties; "
            f"got {idx.size}. Add or drop one pattern."
        )
    total = pats[idx].astype(np.int64).sum(axis=0)
    return np.where(total > 0, 1, -1).astype(np.int8)


def halfway(a: np.ndarray, b: np.ndarray, rng=None, *, undecided: str = "coin") -> np.ndarray:
    """A state halfway between two patterns: agreeing units kept, the rest random (or 0).

    Parameters
    ----------
    a, b : ndarray of shape (N,)
        Bipolar patterns of the same length.
    rng : {numpy.random.Generator, int}, optional
        Fills the undecided units; the same seed gives the same state.
    undecided : {"coin", "zero"}, optional
        "coin" (default): each unit where the patterns disagree is a fair coin flip.
        "zero": it is left 0, exactly the average (a + b) / 2 of the Storkey notebook's
        "halfway" state; the engine (``run``, ``recall_batch``, energies) accepts such
        a start state and sets a 0 unit to +-1 when it updates it. ``rng`` is unused.

    Returns
    -------
    ndarray of np.int8, shape (N,)

    Raises
    ------
    ValueError
        If the lengths differ or a pattern is not bipolar.

    Notes
    -----
    The average :math:`(a + b)/2` is :math:`a_i` where the patterns agree and
    0 where they disagree; each 0 is replaced by an independent fair coin:

    .. math::

        s_i = a_i \\; (a_i = b_i), \\qquad
        s_i = \\pm 1 \\text{ with probability } 1/2 \\; (a_i \\ne b_i).
    """
    x = _as_bipolar(a, "a")
    y = _as_bipolar(b, "b")
    if x.shape != y.shape:
        raise ValueError(f"a and b must have the same length; got {x.size} and {y.size} units.")
    if undecided not in ("coin", "zero"):
        raise ValueError(f"undecided must be 'coin' (a fair coin per disagreeing unit) or "
                         f"'zero' (leave it 0, the average of the two); got {undecided!r}.")
    if undecided == "zero":
        return ((x.astype(np.int16) + y) // 2).astype(np.int8)
    rng = np.random.default_rng(rng)
    undecided = x != y
    coins = np.where(rng.random(int(undecided.sum())) < 0.5, -1, 1).astype(np.int8)
    x[undecided] = coins
    return x


def random_states(count: int, n_units: int, rng=None) -> np.ndarray:
    """Uniformly random bipolar states.

    Parameters
    ----------
    count : int
        Number of states, at least 1.
    n_units : int
        Units per state N, at least 1.
    rng : {numpy.random.Generator, int}, optional

    Returns
    -------
    ndarray of np.int8, shape (count, n_units)
        Each unit independently -1 or +1 with probability 1/2.
    """
    for label, v in (("count", count), ("n_units", n_units)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{label} must be a positive integer; got {v!r}.")
    rng = np.random.default_rng(rng)
    return np.where(rng.random((int(count), int(n_units))) < 0.5, -1, 1).astype(np.int8)
