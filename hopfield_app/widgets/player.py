"""The frame player: a trajectory played in the browser, like a video.

The whole trajectory is sent to the page once: its first frame bit-packed
and then, frame by frame, the units that flipped (see ``frame_coding``; a
1,601-frame 256x256 stochastic run is ~130 KB instead of 13 MB), continuous
"modern" states as one greyscale byte per unit, with its energies, sweep
counts and overlaps. Reruns after a report send the same element again, which
Streamlit replaces by a reference to the copy the page already holds. A small script in the page draws
the frames on a ``<canvas>`` with ``requestAnimationFrame`` and offers
play / pause / step / scrub / speed / loop (and a click on a chart to jump
there) without any server round trip per frame. It reports the frame the user
is looking at back to Python only when playback stops (pause, step, scrub,
end of the run), because every report reruns the script (or the fragment the
player is in). With more than ten memories the overlap chart colours and lists
the ten that come closest to the state; the others are thin grey lines.

Built with ``st.components.v2.component`` (inline HTML, CSS and JavaScript, no
build step). The JavaScript and CSS live beside this module in
``player_assets/`` and are read once at import.

Test hooks (for the browser tests): the root element carries ``data-frame``
(the frame on screen), ``data-playing``, ``data-fps``, ``data-loop`` and
``data-changes``; the controls have ``data-testid`` attributes
("player-canvas", "player-frame-label", "player-play", "player-step-back",
"player-step-forward", "player-first", "player-last", "player-scrub",
"player-speed", "player-loop", "player-changes", "player-energy",
"player-overlap", "player-legend", "player-legend-item").

Timings: ``python bench/bench_player.py`` (playback fps, scrub latency).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import streamlit as st

from hopfield_app.widgets.frame_coding import encode_bit_frames

__all__ = ["frame_player", "player_payload", "lockstep", "PlayerView", "ACTIONS",
           "MAX_PAYLOAD_BYTES"]

_ASSETS = Path(__file__).with_name("player_assets")

# Above this many bytes of packed frames the page would take seconds to
# receive and decode them; the caller is asked to record fewer frames.
MAX_PAYLOAD_BYTES = 48 * 1024 * 1024

# Playback speeds offered in the page (frames per second).
_MIN_FPS, _MAX_FPS = 1, 120



def _read_asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


_COMPONENT = st.components.v2.component(
    "hopfield_explorer.frame_player",
    html=_read_asset("player.html"),
    css=_read_asset("player.css"),
    # why.js (the "why did this unit flip" panel) rides along as text, run by
    # the player with new Function, so an error in it cannot stop the player.
    js="const WHY_SOURCE = " + json.dumps(
        _read_asset("why.js") if (_ASSETS / "why.js").exists() else ""
    ) + ";\n" + _read_asset("player.js"),
)


def _ignore_view_change() -> None:
    """Streamlit needs a callback to accept the "view" state; the rerun is enough."""


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


class PlayerView(int):
    """What the page reports: the frame on screen, the selected unit, a key's action.

    An ``int`` (the frame), so callers that index ``traj.states[view]`` keep
    working; ``.frame`` is the same number. ``.unit`` is the unit the user
    selected in the state picture (None when none), ``.action`` is set only on
    the rerun caused by a page key: "run" (R), "next" (N), "previous" (P) or
    "presenter" (F); else None.
    """

    frame: int
    unit: int | None
    action: str | None

    def __new__(cls, frame: int, unit: int | None = None, action: str | None = None):
        view = super().__new__(cls, frame)
        view.frame = int(frame)
        view.unit = unit
        view.action = action
        return view

    def __repr__(self) -> str:
        return f"PlayerView(frame={self.frame}, unit={self.unit}, action={self.action!r})"

    def __str__(self) -> str:  # "3", as the int it stands for
        return str(self.frame)

    __format__ = int.__format__


ACTIONS = ("run", "next", "previous", "presenter")


def frame_player(
    traj: Any,
    grid: Sequence[int],
    *,
    patterns: np.ndarray | None = None,
    labels: Sequence[str] | None = None,
    key: str = "player",
    autoplay: bool = False,
    fps: float | None = None,
    compare: Any = None,
    label: str | None = None,
    compare_label: str | None = None,
    why: dict | None = None,
    plane: dict | None = None,
) -> PlayerView:
    """Play a trajectory in the page and return what the user is looking at.

    Shows the state as a crisp picture (+1 black ink, -1 white paper; units
    that changed since the previous frame coloured), the energy curve and the
    overlap of the state with every memory over time, each with a marker at
    the current frame, and one row of controls (first, step back, play/pause,
    step forward, last, a scrub slider, speed, loop, "?" for the keys). Keys
    work on the whole page (not while typing in a field): Space, B and Page
    Down play or pause, arrows and Page Up step, Home and End; R, N, P and F
    are reported as ``.action``. A click on a chart goes to that moment; a
    click (or arrows and Enter on the focused picture) selects a unit, which
    stays outlined. Frames play in the browser; the script reruns only when
    the user pauses, steps, scrubs, selects a unit, presses an action key or
    playback ends. The packed run is kept in ``st.session_state`` (under a
    private key derived from ``key``) while the same trajectory object comes
    back, so those reruns are cheap.

    Parameters
    ----------
    traj : Trajectory
        The run to play (see :func:`player_payload` for the fields used).
    grid : (rows, cols)
        Picture shape, ``rows * cols == N``.
    patterns : ndarray of shape (P, N), optional
        The stored memories; their overlaps m_mu(t) = (1/N) xi_mu . s(t) are drawn.
    labels : sequence of P str, optional
        Names of the memories in the legend.
    key : str
        Widget key; give each player on a page its own.
    autoplay : bool
        Start playing from frame 0 when the player appears.
    fps : float, optional
        Initial speed in frames per second (1 to 120). By default the whole
        run plays in about 4 s. A speed the user picks in the page is kept for
        the browser tab and wins over both.
    compare : Trajectory, optional
        A second run of the same N (same memories and probe, other settings),
        played in lockstep, aligned by sweep (or step) count: two pictures,
        both energies on one chart, the overlaps of each (the second dashed).
    label, compare_label : str, optional
        Names of the two runs when comparing (default "run A", "run B").
    why : dict, optional
        JSON-able data for ``window.HopfieldWhy.render(panel, why, frame,
        unit, states)`` of ``player_assets/why.js``, called with the frame of
        ``traj`` on screen, the selected unit (or null) and that frame's
        states (+-1, or the grey values in [-1, 1]) on every frame change and
        unit selection. Opaque to the player.
    plane : dict, optional
        The overlap plane: ``{"a": i, "b": j, "x_label", "y_label",
        "extent": [x0, x1, y0, y1], "surface_png": data URL or None, "note"}``;
        drawn as a third chart: the image over the extent, the path
        (m_a(t), m_b(t)) and a marker at the frame. Needs ``patterns``.

    Returns
    -------
    PlayerView
        An int, the frame on screen (of the combined timeline when comparing)
        as last reported by the page; before any report the last frame (0
        with ``autoplay``). ``.unit``: the selected unit or None. ``.action``:
        see :class:`PlayerView`.

    Raises
    ------
    ValueError
        On mismatched shapes or bad options, before anything is mounted
        (see :func:`player_payload`).
    """
    titles = None if compare is None else (label or "run A", compare_label or "run B")
    payload = _session_payload(traj, grid, patterns, labels, key, compare, titles)
    payload = {
        **payload,
        "autoplay": bool(autoplay),
        "fps": None if fps is None else _check_fps(fps),
        "why": _check_why(why),
        "plane": _check_plane(plane, len(payload["labels"])),
    }
    last = payload["count"] - 1
    result = _COMPONENT(
        key=key,
        data=payload,
        default={"view": None},
        on_view_change=_ignore_view_change,
        on_action_change=_ignore_view_change,
        width="stretch",
        height="content",
    )
    view = result.get("view") if result is not None else None
    action = result.get("action") if result is not None else None
    n_units = payload["rows"] * payload["cols"]
    return PlayerView(
        _shown_frame(view, payload["id"], last, autoplay),
        _shown_unit(view, payload["id"], n_units),
        action if action in ACTIONS else None,
    )


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


def _session_payload(
    traj: Any, grid: Sequence[int], patterns: Any, labels: Any, key: str,
    compare: Any = None, titles: Any = None,
) -> dict[str, Any]:
    """:func:`player_payload` for this user's player ``key``, built once per run.

    Every report from the page reruns the script (or its fragment); coding a
    long 256x256 run and computing its overlaps takes a fraction of a second,
    so the payload is kept in ``st.session_state`` while the same trajectory
    objects, grid, memories, labels and titles come back.
    """
    cache_key = f"_frame_player.payload.{key}"
    pats = None if patterns is None else np.asarray(patterns)
    signature = (repr(grid), None if labels is None else [str(x) for x in labels],
                 None if titles is None else [str(x) for x in titles])
    cached = st.session_state.get(cache_key)
    if (
        cached is not None
        and cached["traj"] is traj
        and cached["compare"] is compare
        and cached["signature"] == signature
        and (
            (pats is None and cached["patterns"] is None)
            or (pats is not None and cached["patterns"] is not None
                and np.array_equal(cached["patterns"], pats))
        )
    ):
        return cached["payload"]
    payload = player_payload(traj, grid, patterns=patterns, labels=labels)
    if compare is not None:
        other = player_payload(compare, grid, patterns=patterns, labels=labels)
        payload = lockstep(payload, other, titles)
    st.session_state[cache_key] = {
        "traj": traj,
        "compare": compare,
        "signature": signature,
        "patterns": None if pats is None else pats.copy(),
        "payload": payload,
    }
    return payload


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


def _shown_frame(view: Any, run_id: str, last: int, autoplay: bool) -> int:
    """The frame the page reported for this run, else the frame it starts on.

    ``view`` is the page's last report, ``{"id": run id, "frame": k}``; a
    report about another run (the one shown before this run replaced it)
    does not count.
    """
    if isinstance(view, dict) and view.get("id") == run_id:
        try:
            return min(max(int(view.get("frame", last)), 0), last)
        except (TypeError, ValueError):
            pass
    return 0 if (autoplay and last > 0) else last


def _shown_unit(view: Any, run_id: str, n_units: int) -> int | None:
    """The unit the page reported selected for this run, if any and in range."""
    if isinstance(view, dict) and view.get("id") == run_id:
        unit = view.get("unit")
        if isinstance(unit, int) and not isinstance(unit, bool) and 0 <= unit < n_units:
            return unit
    return None
