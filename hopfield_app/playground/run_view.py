"""The stage of the Playground: the empty stage, the demo banner, and the run view
(the verdict, the frame player and the verdict of the frame on screen)."""

from __future__ import annotations

import streamlit as st

import numpy as np

from hopfield_app.lecture import presenter
from hopfield_app.views import (classify_state, frame_verdict, pattern_image, rule_name,
                                time_unit)

_MODE_WORDS = {"sync": "synchronous", "async": "asynchronous", "stochastic": "stochastic"}


def run_summary(memories, grid, choice, settings) -> None:
    """One line above the Run button: what will run."""
    mems = f"**{len(memories)} memor{'y' if len(memories) == 1 else 'ies'}**" if memories \
        else "**no memories**"
    probe = f"from {choice.description}" if choice.pattern is not None else "**no probe**"
    mode = "sync" if settings.rule == "modern" else settings.mode
    extra = f", T = {settings.temperature:g}" if mode == "stochastic" else ""
    how = "all units at once" if settings.rule == "modern" else _MODE_WORDS.get(mode, mode)
    order = {"sequential": ", units in turn", "replacement": ", drawn with replacement"}.get(
        getattr(settings, "order", "random"), "") if mode != "sync" else ""
    st.caption(f"{mems} of {grid[0]}×{grid[1]} · {probe} · {rule_name(settings.rule)}, "
               f"{how}{order}{extra}, ≤ {time_unit(mode, settings.steps)}")


def scenario_banner(banner) -> None:
    """The loaded demo's title and its first paragraph ("Look at: ..."); the rest of the
    note (what it teaches, now try) in an expander, so the player stays on screen."""
    if not banner:
        return
    title, note = banner
    paragraphs = [p.strip() for p in (note or "").split("\n\n") if p.strip()]
    head = f"**Demo: {title}**" if title else "**Demo**"
    st.markdown(f"{head} · {paragraphs[0]}" if paragraphs else head)
    if len(paragraphs) > 1:
        with st.expander("What it teaches · now try", expanded=False):
            st.markdown("\n\n".join(paragraphs[1:]))


def empty_stage(choice, grid, *, memories=None) -> None:
    """The centre before the first run: the probe, large, and what to do next.

    Without a probe: with ``memories`` already stored, say what the probe lacks (the
    "start here" steps would ask for memories that are there); else the first steps."""
    if choice.pattern is None and memories:
        problem = getattr(choice, "problem", "") or "There is no probe to start from."
        st.info(f"**Next: a probe.** {problem} Or open ② Probe and start from *A memory*, "
                "then press **Run**.")
        return
    if choice.pattern is None:
        st.info("**Start here.** ① Memories: press *Add to memories* (five pictures), or draw "
                "or upload your own. ② Probe: pick a memory and corrupt it with noise. "
                "Then press **Run** and watch the network clean it up.")
        return
    c1, c2 = st.columns([1, 1])
    with c1:
        pattern_image(choice.pattern, grid, caption=f"Probe: {choice.description}", width=360)
    with c2:
        st.info("This is the state the network starts from. Press **Run**: every unit then "
                "looks at the others through the learned weights and flips when that lowers "
                "the energy, until nothing changes.")


def _fallback_player(record) -> int:
    """Frame slider, picture and Plotly curves: used where the page player is unavailable."""
    from hopfield_app import plots

    traj = record.traj
    last = len(traj.states) - 1
    frame = st.slider("Frame", 0, max(last, 1), value=last, key="playground.frame",
                      disabled=last == 0)
    frame = min(frame, last)
    c1, c2 = st.columns([1, 1])
    with c1:
        pattern_image(traj.states[frame], record.grid, width=380)
    with c2:
        x = getattr(traj, "sweeps", None)
        unit = "step" if record.settings.mode == "sync" else "sweep"
        st.plotly_chart(plots.energy_figure(traj.energies, x, frame=frame, height=220,
                                            x_title=unit),
                        key="playground.energy_chart")
        st.plotly_chart(plots.overlap_figure(record.overlaps, x, record.labels, frame=frame,
                                             height=220, x_title=unit),
                        key="playground.overlap_chart")
    return frame


class _GreyStates:
    """A Trajectory whose states are handed over as floats, so undecided (0) units of a
    halfway start are drawn grey; every other attribute is the run's own."""

    def __init__(self, traj) -> None:
        self._traj = traj
        self.states = np.asarray(traj.states, dtype=np.float64)

    def __getattr__(self, name):
        return getattr(self._traj, name)


def _shown(traj):
    """The run as the player takes it: integer states holding 0 go as grey levels."""
    states = np.asarray(traj.states)
    if np.issubdtype(states.dtype, np.integer) and not np.all(np.abs(states) == 1):
        return _GreyStates(traj)
    return traj


def _player(record, autoplay: bool) -> int:
    try:
        from hopfield_app.widgets.player import frame_player
    except ImportError:
        return _fallback_player(record)
    from hopfield_app.playground.why import player_extras

    return frame_player(_shown(record.traj), record.grid, patterns=record.patterns,
                        labels=list(record.labels), key="playground.player", autoplay=autoplay,
                        **player_extras(record))


@st.fragment
def run_view(record, *, autoplay: bool = False) -> None:
    """The player and, under it, the verdict for the whole run and for the frame on screen.

    A fragment: when the player reports a new frame only this part reruns.
    """
    mode = record.settings.mode
    outcome = classify_state(record.traj.final, record.patterns)
    source = getattr(record, "source", None)
    recalled = outcome.kind == "memory" and (source is None or source == outcome.index)
    box = st.success if record.traj.converged and recalled else st.warning
    box(f"**Whole run:** {record.verdict}.")
    frame = _player(record, autoplay)
    presenter.follow_action(getattr(frame, "action", None))  # F: presenter mode on/off
    st.markdown(frame_verdict(record.traj, record.patterns, frame, overlaps=record.overlaps,
                              labels=record.labels, mode=mode))
    # Under the player: the verdict, picture, charts and transport fill the first screen.
    if getattr(record, "note", ""):
        st.caption(record.note)
    unvisited = unvisited_fraction(record.traj)
    if unvisited is not None and getattr(record.settings, "order", "") == "replacement":
        st.caption(f"Drawn with replacement, a sweep of N updates leaves about 37 % of the "
                   f"units unvisited ((1 − 1/N)ᴺ ≈ 1/e); in this run {unvisited:.0%} per "
                   "sweep on average.")
    if getattr(record, "tip", ""):  # checked by re-running: see playground/tips.py
        st.caption(record.tip)



def unvisited_fraction(traj) -> float | None:
    """The mean fraction of units a whole sweep left unvisited (from the Trajectory's
    ``visited``, read at the end of each sweep), or None without such sweeps."""
    visited = getattr(traj, "visited", None)
    sweeps = getattr(traj, "sweeps", None)
    if visited is None or sweeps is None or len(visited) < 2:
        return None
    visited = np.asarray(visited, dtype=np.float64)
    sweeps = np.asarray(sweeps, dtype=np.float64)
    ends = (sweeps > 0) & (np.abs(sweeps - np.round(sweeps)) < 1e-9)
    if not np.any(ends):
        return None
    return float(np.mean(1.0 - visited[ends]))
