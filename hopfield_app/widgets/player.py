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
(the frame on screen), ``data-playing``, ``data-fps``, ``data-speed`` (the
speed option: "run", "sweep" or a frame rate), ``data-loop``,
``data-changes``, ``data-unit`` (the selected unit), ``data-action`` (the
last action key), ``data-payload-bytes`` (the size of the data the page
received) and ``data-decode-ms``; the controls have ``data-testid``
attributes ("player-canvas", "player-canvas-b", "player-cell",
"player-frame-label", "player-play", "player-step-back",
"player-step-forward", "player-first", "player-last", "player-scrub",
"player-speed", "player-loop", "player-changes", "player-help",
"player-help-panel", "player-energy", "player-overlap", "player-plane",
"player-plane-note", "player-why", "player-legend", "player-legend-item").
The markup is player_assets/player.html; the data is built in player_data.py.

Timings: ``python bench/bench_player.py`` (playback fps, scrub latency).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import streamlit as st

from hopfield_app.widgets.player_data import (
    MAX_PAYLOAD_BYTES,
    _check_fps,
    _check_plane,
    _check_why,
    lockstep,
    player_payload,
)

__all__ = ["frame_player", "player_payload", "lockstep", "PlayerView", "ACTIONS",
           "MAX_PAYLOAD_BYTES"]

_ASSETS = Path(__file__).with_name("player_assets")


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


def _session_payload(
    traj: Any, grid: Sequence[int], patterns: Any, labels: Any, key: str,
    compare: Any = None, titles: Any = None,
) -> dict[str, Any]:
    """:func:`player_payload` for this user's player ``key``, built once per run.

    Every report from the page reruns the script (or its fragment); coding a
    long 256x256 run and computing its overlaps takes a fraction of a second,
    so the payload is kept in ``st.session_state`` while the same trajectory
    objects, grid, memories, labels and titles come back. Callers must keep
    the trajectory object between reruns (in session state): a new object is
    a new run, which the page starts over.
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
    # A new trajectory object is a new run, even when it equals the last one (Run
    # pressed again with the same settings): the page must start it over, so the
    # id also counts the runs this player has been given.
    serial = cached["serial"] + 1 if cached is not None else 1
    payload = {**payload, "id": f"{payload['id']}.{serial}"}
    st.session_state[cache_key] = {
        "serial": serial,
        "traj": traj,
        "compare": compare,
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


def _shown_unit(view: Any, run_id: str, n_units: int) -> int | None:
    """The unit the page reported selected for this run, if any and in range."""
    if isinstance(view, dict) and view.get("id") == run_id:
        unit = view.get("unit")
        if isinstance(unit, int) and not isinstance(unit, bool) and 0 <= unit < n_units:
            return unit
    return None
