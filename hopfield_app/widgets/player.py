"""The frame player: a trajectory played in the browser, like a video.

The whole trajectory is sent to the page once (the states bit-packed, a 64x64
frame is 512 bytes; continuous "modern" states as one greyscale byte per unit)
with its energies, sweep counts and overlaps. A small script in the page draws
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

__all__ = ["frame_player", "player_payload", "MAX_PAYLOAD_BYTES"]

_ASSETS = Path(__file__).with_name("player_assets")

# Above this many bytes of packed frames the page would take seconds to
# receive and decode them; the caller is asked to record fewer frames.
MAX_PAYLOAD_BYTES = 48 * 1024 * 1024

# Playback speeds offered in the page (frames per second).
_MIN_FPS, _MAX_FPS = 1, 120

_HTML = """
<div class="hp-root" data-testid="player-root" tabindex="0" data-frame="0"
     data-playing="false" aria-label="Frame player: space plays or pauses, arrows step">
  <div class="hp-main">
    <figure class="hp-stage">
      <canvas class="hp-state" data-testid="player-canvas" aria-label="network state"></canvas>
      <figcaption class="hp-key" data-testid="player-key">
        <span><i class="hp-sw hp-sw-ink"></i>+1</span>
        <span><i class="hp-sw hp-sw-paper"></i>&minus;1</span>
        <button type="button" class="hp-toggle" data-testid="player-changes" data-act="changes"
                aria-pressed="true" title="Colour the units that flipped since the previous frame"
                >Changes</button>
        <span class="hp-key-changes"><i class="hp-sw hp-sw-on"></i>flipped to +1</span>
        <span class="hp-key-changes"><i class="hp-sw hp-sw-off"></i>flipped to &minus;1</span>
      </figcaption>
    </figure>
    <div class="hp-side">
      <div class="hp-chart">
        <div class="hp-chart-title">
          <span>Energy <var>E</var></span>
          <span class="hp-value" data-testid="player-energy-value"></span>
        </div>
        <canvas class="hp-plot" data-testid="player-energy"></canvas>
      </div>
      <div class="hp-chart hp-overlap-block">
        <div class="hp-chart-title"><span>Overlap <var>m</var> with each memory</span></div>
        <canvas class="hp-plot" data-testid="player-overlap"></canvas>
        <div class="hp-legend" data-testid="player-legend"></div>
      </div>
    </div>
  </div>
  <div class="hp-status">
    <span class="hp-counter" data-testid="player-frame-label">frame 0 / 0</span>
    <span class="hp-unit" data-testid="player-frame-unit"></span>
  </div>
  <div class="hp-controls" role="toolbar" aria-label="playback">
    <button type="button" class="hp-btn" data-testid="player-first" data-act="first"
            title="First frame (Home)" aria-label="first frame">
      <svg viewBox="0 0 24 24"><rect x="4" y="5" width="3" height="14"/><path d="M20 5v14L8 12z"/>
      </svg>
    </button>
    <button type="button" class="hp-btn" data-testid="player-step-back" data-act="back"
            title="Step back (Left arrow)" aria-label="step back">
      <svg viewBox="0 0 24 24"><rect x="15" y="5" width="3" height="14"/><path d="M14 5v14L4 12z"/>
      </svg>
    </button>
    <button type="button" class="hp-btn hp-play" data-testid="player-play" data-act="play"
            title="Play / pause (Space)" aria-label="play">
      <svg class="hp-icon-play" viewBox="0 0 24 24"><path d="M7 4v16l13-8z"/></svg>
      <svg class="hp-icon-pause" viewBox="0 0 24 24">
        <rect x="6" y="4" width="4" height="16"/><rect x="14" y="4" width="4" height="16"/>
      </svg>
    </button>
    <button type="button" class="hp-btn" data-testid="player-step-forward" data-act="forward"
            title="Step forward (Right arrow)" aria-label="step forward">
      <svg viewBox="0 0 24 24"><rect x="6" y="5" width="3" height="14"/><path d="M10 5v14l10-7z"/>
      </svg>
    </button>
    <button type="button" class="hp-btn" data-testid="player-last" data-act="last"
            title="Last frame (End)" aria-label="last frame">
      <svg viewBox="0 0 24 24"><path d="M4 5v14l12-7z"/><rect x="17" y="5" width="3" height="14"/>
      </svg>
    </button>
    <input type="range" class="hp-scrub" data-testid="player-scrub" min="0" max="0" value="0"
           step="1" aria-label="frame">
    <label class="hp-speed-label">speed
      <select class="hp-speed" data-testid="player-speed" aria-label="playback speed"></select>
    </label>
    <button type="button" class="hp-toggle" data-testid="player-loop" data-act="loop"
            aria-pressed="false" title="Play again from the start when the run ends">Loop</button>
  </div>
</div>
"""


def _read_asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


_COMPONENT = st.components.v2.component(
    "hopfield_explorer.frame_player",
    html=_HTML,
    css=_read_asset("player.css"),
    js=_read_asset("player.js"),
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
        frame), ``frames`` (base64), ``energies``,
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
    (ink). Grey frames store ``g = round(255 (1 - s) / 2)``, so s = +1 is
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

    if continuous:
        # one grey byte per unit: s = +1 -> 0 (black ink), s = -1 -> 255 (white paper)
        grey = np.rint((1.0 - np.clip(np.nan_to_num(states, nan=0.0), -1.0, 1.0)) * 127.5)
        frames = grey.astype(np.uint8)
        stride = n_units
    else:
        frames = np.packbits(states > 0, axis=1)
        stride = frames.shape[1]
    if frames.nbytes > MAX_PAYLOAD_BYTES:
        raise ValueError(
            f"this run has {count} frames of {n_units} units ({frames.nbytes / 2**20:.0f} MiB "
            f"packed), more than the player can send to the page "
            f"({MAX_PAYLOAD_BYTES / 2**20:.0f} MiB); record fewer frames "
            "(fewer frames per sweep or fewer steps)"
        )
    raw = frames.tobytes()

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


def frame_player(
    traj: Any,
    grid: Sequence[int],
    *,
    patterns: np.ndarray | None = None,
    labels: Sequence[str] | None = None,
    key: str = "player",
    autoplay: bool = False,
    fps: float = 30,
) -> int:
    """Play a trajectory in the page and return the frame the user is looking at.

    Shows the state as a crisp picture (+1 black ink, -1 white paper; units
    that changed since the previous frame coloured), the energy curve and the
    overlap of the state with every memory over time, each with a marker at
    the current frame, and transport controls (first, step back, play/pause,
    step forward, last, a scrub slider, speed, loop; keys: space, arrows,
    Home, End; a click on a chart goes to that moment). Frames play in the
    browser; the script reruns only when the user pauses, steps, scrubs or
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
    fps : float
        Initial playback speed, frames per second (1 to 120).

    Returns
    -------
    int
        The frame on screen as last reported by the page: after a pause,
        step, scrub or the end of playback. Before any report it is the last
        frame (T), or 0 with ``autoplay``.

    Raises
    ------
    ValueError
        On mismatched shapes or bad options, before anything is mounted
        (see :func:`player_payload`).
    """
    payload = _session_payload(traj, grid, patterns, labels, key)
    payload = {**payload, "autoplay": bool(autoplay), "fps": _check_fps(fps)}
    last = payload["count"] - 1
    result = _COMPONENT(
        key=key,
        data=payload,
        default={"view": None},
        on_view_change=_ignore_view_change,
        width="stretch",
        height="content",
    )
    view = result.get("view") if result is not None else None
    return _shown_frame(view, payload["id"], last, autoplay)


def _session_payload(
    traj: Any, grid: Sequence[int], patterns: Any, labels: Any, key: str
) -> dict[str, Any]:
    """:func:`player_payload` for this user's player ``key``, built once per run.

    Every report from the page reruns the script (or its fragment); packing a
    long 256x256 run and computing its overlaps takes a second or more, so the
    payload is kept in ``st.session_state`` while the same trajectory object,
    grid, memories and labels come back.
    """
    cache_key = f"_frame_player.payload.{key}"
    pats = None if patterns is None else np.asarray(patterns)
    signature = (repr(grid), None if labels is None else [str(x) for x in labels])
    cached = st.session_state.get(cache_key)
    if (
        cached is not None
        and cached["traj"] is traj
        and cached["signature"] == signature
        and (
            (pats is None and cached["patterns"] is None)
            or (pats is not None and cached["patterns"] is not None
                and np.array_equal(cached["patterns"], pats))
        )
    ):
        return cached["payload"]
    payload = player_payload(traj, grid, patterns=patterns, labels=labels)
    st.session_state[cache_key] = {
        "traj": traj,
        "signature": signature,
        "patterns": None if pats is None else pats.copy(),
        "payload": payload,
    }
    return payload


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
