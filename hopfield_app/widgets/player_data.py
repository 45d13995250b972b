"""The frame player's data: one JSON-ready dict per run (or pair of runs), checked.

Built by :func:`player_payload` (one run) and :func:`lockstep` (two runs on
one timeline, for ``frame_player(compare=...)``); the options ``why=`` and
``plane=`` are checked here too. See hopfield_app/widgets/player.py for the
page side.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from typing import Any, Sequence

import numpy as np

from hopfield_app.widgets.frame_coding import encode_bit_frames

__all__ = ["player_payload", "lockstep", "MAX_PAYLOAD_BYTES"]

# Above this many bytes of packed frames the page would take seconds to
# receive and decode them; the caller is asked to record fewer frames.
MAX_PAYLOAD_BYTES = 48 * 1024 * 1024

# Playback speeds offered in the page (frames per second).
_MIN_FPS, _MAX_FPS = 1, 120



def _finite_list(values: np.ndarray, digits: int = 6) -> list[float | None]:
    """Floats rounded to ``digits`` significant digits; NaN and inf become None.

    JSON has no NaN or Infinity, and the page's JSON parser rejects them.
    """
    out: list[float | None] = []
    for v in np.asarray(values, dtype=np.float64).ravel().tolist():
        out.append(float(f"{v:.{digits}g}") if math.isfinite(v) else None)
    return out


def _check_grid(grid: Any, n_units: int) -> tuple[int, int]:
    try:
        rows, cols = (int(g) for g in grid)
    except (TypeError, ValueError):
        raise ValueError(
            f"grid must be a pair (rows, cols) of positive integers, got {grid!r}"
        ) from None
    if rows < 1 or cols < 1:
        raise ValueError(f"grid must have positive sides, got {rows}x{cols}")
    if rows * cols != n_units:
        raise ValueError(
            f"grid {rows}x{cols} has {rows * cols} cells but the trajectory's states have "
            f"{n_units} units; pass the grid the memories were stored with"
        )
    return rows, cols


def _check_fps(fps: Any) -> float:
    try:
        value = float(fps)
    except (TypeError, ValueError):
        value = float("nan")
    if not (_MIN_FPS <= value <= _MAX_FPS):
        raise ValueError(f"fps must be between {_MIN_FPS} and {_MAX_FPS}, got {fps!r}")
    return value


def _series(traj: Any, name: str, count: int, fallback: np.ndarray | None) -> np.ndarray:
    """A per-frame 1-D attribute of ``traj`` of length ``count`` (or ``fallback``)."""
    value = getattr(traj, name, None)
    if value is None:
        if fallback is None:
            raise ValueError(f"the trajectory has no {name!r}; expected an array of {count} values")
        return fallback
    arr = np.asarray(value, dtype=np.float64)
    if arr.shape != (count,):
        raise ValueError(
            f"trajectory.{name} has shape {arr.shape}, expected ({count},): one value per frame "
            f"(the states have {count} frames)"
        )
    return arr


def player_payload(
    traj: Any,
    grid: Sequence[int],
    *,
    patterns: np.ndarray | None = None,
    labels: Sequence[str] | None = None,
    autoplay: bool = False,
    fps: float = 30,
) -> dict[str, Any]:
    """Everything the page needs to play ``traj``, as one JSON-ready dict.

    Parameters
    ----------
    traj : Trajectory
        A run of ``hopfield_core.run``: ``states`` of shape (T+1, N) (``np.int8``
        in {-1, +1}, or ``np.float64`` in [-1, 1] for the continuous "modern"
        rule), ``energies`` and ``sweeps`` of shape (T+1,), ``frame_unit``,
        ``stopped`` and ``overlaps(patterns)``.
    grid : (rows, cols)
        The picture shape; ``rows * cols`` must equal N.
    patterns : ndarray of shape (P, N), optional
        The stored memories, for the overlap curves.
    labels : sequence of P str, optional
        Legend names of the memories (default "memory 1", "memory 2", ...).
    autoplay : bool
        Start playing from frame 0 as soon as the player appears.
    fps : float
        Initial playback speed in frames per second, in [1, 120].

    Returns
    -------
    dict
        Keys ``id`` (a content hash of the run), ``rows``, ``cols``,
        ``count`` (T+1), ``kind`` ("bits" or "gray"), ``stride`` (bytes per
        packed frame), ``frames`` (base64: for "bits" the stream of
        :func:`frame_coding.encode_bit_frames`, for "gray" the raw frames),
        ``energies``,
        ``sweeps``, ``overlaps`` (P lists of T+1 values), ``labels``,
        ``frame_unit``, ``time_unit`` ("step" for synchronous runs, whose
        frames are whole steps, else "sweep"; names the time axis and the
        counter), ``stopped``, ``autoplay`` and ``fps``.

    Raises
    ------
    ValueError
        When the states are not a non-empty (T+1, N) array, the grid does not
        have N cells, a per-frame series has the wrong length, the patterns or
        labels do not match, fps is out of range, or the packed frames would
        exceed ``MAX_PAYLOAD_BYTES``.

    Notes
    -----
    Bits are packed row-major with ``np.packbits`` (big-endian bit order: unit
    i of a frame is bit ``7 - i % 8`` of byte ``i // 8``); a set bit is +1
    (ink); after the first frame only flips are sent. Grey frames store ``g = round(255 (1 - s) / 2)``, so s = +1 is
    black (0) and s = -1 is white (255). The page marks a unit as changed
    when its sign differs from the previous frame (for grey frames: when it
    crossed the middle grey), so ``traj.changed`` is not sent.
    """
    states = getattr(traj, "states", None)
    if states is None:
        raise ValueError("frame_player needs a Trajectory (an object with .states), got "
                         f"{type(traj).__name__}")
    states = np.asarray(states)
    if states.ndim != 2 or states.shape[0] < 1 or states.shape[1] < 1:
        raise ValueError(
            f"trajectory.states must have shape (T+1, N) with at least one frame and one unit, "
            f"got shape {states.shape}"
        )
    count, n_units = states.shape
    rows, cols = _check_grid(grid, n_units)

    fps_value = _check_fps(fps)

    bipolar = bool(np.all(np.abs(states) == 1))
    continuous = bool(np.issubdtype(states.dtype, np.floating)) and not bipolar
    if not continuous and not bipolar:
        raise ValueError("trajectory.states must be bipolar (-1 or +1), or float for the "
                         "continuous 'modern' rule")

    stride = n_units if continuous else (n_units + 7) // 8
    if count * stride > MAX_PAYLOAD_BYTES:
        raise ValueError(
            f"this run has {count} frames of {n_units} units ({count * stride / 2**20:.0f} MiB "
            f"unpacked in the page), more than the player can hold "
            f"({MAX_PAYLOAD_BYTES / 2**20:.0f} MiB); record fewer frames "
            "(fewer frames per sweep or fewer steps)"
        )
    if continuous:
        # one grey byte per unit: s = +1 -> 0 (black ink), s = -1 -> 255 (white paper)
        grey = np.rint((1.0 - np.clip(np.nan_to_num(states, nan=0.0), -1.0, 1.0)) * 127.5)
        raw = grey.astype(np.uint8).tobytes()
    else:
        # the first frame, then the units that flipped (see frame_coding)
        raw, stride = encode_bit_frames(states)

    energies = _series(traj, "energies", count, None)
    sweeps = _series(traj, "sweeps", count, np.arange(count, dtype=np.float64))

    overlaps: list[list[float | None]] = []
    names: list[str] = []
    if patterns is not None:
        pats = np.asarray(patterns)
        if pats.ndim == 1:
            pats = pats[None, :]
        if pats.ndim != 2 or pats.shape[1] != n_units:
            raise ValueError(
                f"patterns must have shape (P, {n_units}) like the states, got {pats.shape}"
            )
        if hasattr(traj, "overlaps"):
            m = np.asarray(traj.overlaps(pats), dtype=np.float64)
        else:
            m = states.astype(np.float64) @ pats.T.astype(np.float64) / n_units
        if m.shape != (count, pats.shape[0]):
            raise ValueError(
                f"trajectory.overlaps(patterns) has shape {m.shape}, expected "
                f"({count}, {pats.shape[0]})"
            )
        overlaps = [_finite_list(m[:, j], 4) for j in range(m.shape[1])]
        if labels is None:
            names = [f"memory {j + 1}" for j in range(pats.shape[0])]
        else:
            names = [str(x) for x in labels]
            if len(names) != pats.shape[0]:
                raise ValueError(
                    f"labels has {len(names)} names but there are {pats.shape[0]} patterns; "
                    "give one label per pattern"
                )
    elif labels is not None and len(labels) > 0:
        raise ValueError("labels were given without patterns; pass patterns=... as well")

    energies_list = _finite_list(energies)
    sweeps_list = _finite_list(sweeps)
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{rows}x{cols}:{count}:{states.dtype}".encode())
    digest.update(raw)
    frame_unit = str(getattr(traj, "frame_unit", "") or "")
    stopped = str(getattr(traj, "stopped", "") or "")
    # Every field the player shows goes into the id: the page keeps a player's data
    # while the id is the same (a label would go stale otherwise).
    digest.update(json.dumps([energies_list, sweeps_list, overlaps, names, frame_unit, stopped,
                              "gray" if continuous else "bits", int(stride)]).encode())

    return {
        "id": digest.hexdigest(),
        "rows": rows,
        "cols": cols,
        "count": int(count),
        "kind": "gray" if continuous else "bits",
        "stride": int(stride),
        "frames": base64.b64encode(raw).decode("ascii"),
        "energies": energies_list,
        "sweeps": sweeps_list,
        "overlaps": overlaps,
        "labels": names,
        "frame_unit": frame_unit,
        "time_unit": "step" if "synchronous" in frame_unit.lower() else "sweep",
        "stopped": stopped,
        "autoplay": bool(autoplay),
        "fps": fps_value,
    }


def _check_why(why: Any) -> Any:
    if why is None:
        return None
    if not isinstance(why, dict):
        raise ValueError(f"why must be a dict (JSON-able) or None, got {type(why).__name__}")
    try:
        json.dumps(why, allow_nan=False)
    except (TypeError, ValueError) as err:
        raise ValueError(f"why must be JSON-able (no arrays, NaN or objects): {err}") from None
    return why


def _check_plane(plane: Any, n_memories: int) -> dict | None:
    """The overlap-plane chart's settings, checked; None when not drawn."""
    if plane is None:
        return None
    if not isinstance(plane, dict):
        raise ValueError(f"plane must be a dict or None, got {type(plane).__name__}")
    if n_memories == 0:
        raise ValueError("plane needs the memories: pass patterns=... as well")
    out = dict(plane)
    for name in ("a", "b"):
        index = out.get(name)
        if isinstance(index, bool) or not isinstance(index, (int, np.integer)) \
                or not 0 <= int(index) < n_memories:
            raise ValueError(f"plane[{name!r}] must be the index of a memory, 0 to "
                             f"{n_memories - 1}; got {index!r}")  # fmt: skip
        out[name] = int(index)
    try:
        extent = [float(v) for v in out.get("extent", (-1, 1, -1, 1))]
    except (TypeError, ValueError):
        extent = []
    if len(extent) != 4 or not all(math.isfinite(v) for v in extent) \
            or extent[1] <= extent[0] or extent[3] <= extent[2]:
        raise ValueError(f"plane['extent'] must be [x0, x1, y0, y1] with x0 < x1 and y0 < y1, "
                         f"got {out.get('extent')!r}")  # fmt: skip
    out["extent"] = extent
    png = out.get("surface_png")
    if png is not None and not (isinstance(png, str) and png.startswith("data:image/")):
        raise ValueError("plane['surface_png'] must be a data URL (data:image/png;base64,...) "
                         "or None")
    for name in ("x_label", "y_label", "note"):
        out[name] = str(out.get(name) or "")
    return out


def lockstep(a: dict[str, Any], b: dict[str, Any], titles: Sequence[str] | None = None
             ) -> dict[str, Any]:
    """One payload playing runs ``a`` and ``b`` (payloads of one grid) in lockstep.

    The timeline is the union of both runs' sweep counts; at time t each run
    shows its last frame recorded at or before t (its first before it starts,
    its last after it ends). ``index`` and ``compare.index`` map a timeline
    frame to each run's own frame; the energies and overlaps are given per
    timeline frame, so the charts need nothing else.
    """
    if (a["rows"], a["cols"]) != (b["rows"], b["cols"]):
        raise ValueError(f"compare must have the grid of the run ({a['rows']}x{a['cols']}), "
                         f"got {b['rows']}x{b['cols']}")  # fmt: skip
    names = ["run A", "run B"] if titles is None else [str(t) for t in titles]
    if len(names) != 2:
        raise ValueError(f"titles must name the two runs, got {len(names)} names")

    def times(p: dict[str, Any]) -> np.ndarray:
        return np.array([np.nan if v is None else v for v in p["sweeps"]], dtype=np.float64)

    ta, tb = times(a), times(b)
    timeline = np.union1d(ta[np.isfinite(ta)], tb[np.isfinite(tb)])
    if timeline.size == 0:
        timeline = np.arange(max(a["count"], b["count"]), dtype=np.float64)
        ta, tb = np.arange(a["count"], dtype=np.float64), np.arange(b["count"], dtype=np.float64)

    def index(t: np.ndarray) -> list[int]:
        return np.clip(np.searchsorted(np.nan_to_num(t, nan=-np.inf), timeline, "right") - 1,
                       0, len(t) - 1).tolist()  # fmt: skip

    ia, ib = index(ta), index(tb)

    def pick(values: list, idx: list[int]) -> list:
        return [values[i] for i in idx]

    out = dict(a)
    out.update(
        count=int(timeline.size),
        frames_count=a["count"],
        sweeps=_finite_list(timeline),
        index=ia,
        energies=pick(a["energies"], ia),
        overlaps=[pick(m, ia) for m in a["overlaps"]],
        titles=names,
        compare={
            "kind": b["kind"], "stride": b["stride"], "count": b["count"], "frames": b["frames"],
            "index": ib, "energies": pick(b["energies"], ib),
            "overlaps": [pick(m, ib) for m in b["overlaps"]], "stopped": b["stopped"],
            "frame_unit": b["frame_unit"],
        },
        id=hashlib.blake2b(f"{a['id']}|{b['id']}|{names}".encode(), digest_size=12).hexdigest(),
    )
    return out
