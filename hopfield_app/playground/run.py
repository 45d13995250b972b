"""The run: store the memories, run the network from the probe, judge the result."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app import budget, state, views
from hopfield_app.playground import tips
from hopfield_app.playground.keys import K


def _rule_params(settings: state.RunSettings) -> dict[str, Any]:
    if settings.rule == "dense":
        return {"degree": settings.degree}
    if settings.rule == "modern":
        return {"beta": settings.beta}
    return {}


def _fits(n: int, p: int, steps: int, fps: int, mode: str) -> tuple[bool, str]:
    """Whether a run of at most ``steps`` sweeps at ``fps`` frames per sweep fits the
    app's budget (``hopfield_app.budget``), and if not, what to change."""
    verdict = budget.check_run(n, p, steps=steps, frames_per_sweep=fps, mode=mode)
    return bool(verdict.ok), verdict.message


def plan(n_units: int, n_memories: int,
         settings: state.RunSettings) -> tuple[state.RunSettings, str]:
    """The settings a run will use and a note for the screen, decided before computing.

    A run that would record too much is recorded with fewer frames per sweep (the
    largest that fits) and the note says so; a run too big even at one frame per sweep
    raises ValueError with what to change (fewer steps, a smaller grid)."""
    mode = "sync" if settings.rule == "modern" else settings.mode
    ok, message = _fits(n_units, n_memories, settings.steps, settings.frames_per_sweep, mode)
    if ok:
        return settings, ""
    if mode != "sync":
        for fps in (32, 16, 8, 4, 2, 1):
            if fps < settings.frames_per_sweep and _fits(n_units, n_memories, settings.steps,
                                                         fps, mode)[0]:
                note = (f"Recorded {fps} frame{'s' if fps > 1 else ''} per sweep instead of "
                        f"{settings.frames_per_sweep}: at {settings.frames_per_sweep} this run "
                        "would record more than the page can hold. The dynamics are the same.")
                return settings.with_(frames_per_sweep=fps), note
    raise ValueError(message)


@st.cache_data(show_spinner=False, max_entries=8)
def _simulate(patterns: np.ndarray, probe: np.ndarray, rule: str, params: tuple,
              mode: str, steps: int, theta: float, temperature: float, seed: int,
              frames_per_sweep: int, order: str = "random") -> tuple[Any, np.ndarray]:
    """Store and run (pure, cached): the Trajectory and its overlaps with the memories."""
    net = hc.store(patterns, rule=rule, **dict(params))
    extra = {} if order == "random" else {"order": order}  # an engine without orders
    traj = hc.run(net, probe, mode=mode, steps=steps, theta=theta, temperature=temperature,
                  rng=seed, frames_per_sweep=frames_per_sweep, **extra)
    return traj, np.asarray(traj.overlaps(patterns), dtype=np.float64)


def compute_run(memories: list[state.Memory], probe: np.ndarray,
                settings: state.RunSettings, *, source: int | None = None) -> state.RunRecord:
    """Run ``settings`` on the memories from ``probe``; raises ValueError from the core.

    ``source`` is the memory (0-based) the probe was made from; without it, a probe equal
    to a stored memory counts as made from that memory. Ending on another memory is then
    called a recall error."""
    if not memories:
        raise ValueError("No memories are stored: add a built-in set, a drawing or a picture "
                         "in the Memories tab, then press Run.")
    grid = memories[0].grid
    patterns = np.stack([m.pattern for m in memories]).astype(np.int8)
    probe = np.asarray(probe)
    if probe.size != patterns.shape[1]:
        raise ValueError(f"The probe has {probe.size} units but the memories have "
                         f"{patterns.shape[1]} ({grid[0]}×{grid[1]}). Choose the probe again "
                         "so that it has the memories' size.")
    if settings.rule == "modern":  # all units at once, no temperature: the mode is moot
        settings = settings.with_(mode="sync")
    settings, note = plan(patterns.shape[1], patterns.shape[0], settings)
    mode = "async" if settings.mode == "stochastic" else settings.mode
    temperature = settings.temperature if settings.mode == "stochastic" else 0.0
    fps = 1 if mode == "sync" else settings.frames_per_sweep
    traj, overlaps = _simulate(patterns, probe.astype(np.int8) if probe.dtype != np.float64
                               else probe, settings.rule,
                               tuple(sorted(_rule_params(settings).items())), mode,
                               settings.steps, settings.theta, temperature, settings.seed, fps,
                               getattr(settings, "order", "random"))
    labels = tuple(m.name for m in memories)
    if source is None or not 0 <= source < len(memories):
        same = np.flatnonzero(np.all(patterns == probe.reshape(1, -1), axis=1))
        source = int(same[0]) if same.size else None
    text = views.verdict(traj, patterns, labels=labels, mode=settings.mode, source=source)
    return state.RunRecord(traj=traj, patterns=patterns, labels=labels, grid=grid,
                           settings=settings, probe=probe.copy(), overlaps=overlaps,
                           verdict=text, source=source, note=note)


def run_button() -> bool:
    """The big Run button (also pressed once automatically after a demo is loaded)."""
    # No tooltip: after a click the pointer rests on the button, and a tooltip would
    # cover the controls like a popup (the summary line above says what will run).
    pressed = st.button("Run", key=K.RUN, type="primary", width="stretch",
                        icon=":material/play_arrow:")
    return pressed or bool(st.session_state.pop(K.AUTORUN, False))


def start(memories: list[state.Memory], choice: Any, settings: state.RunSettings) -> bool:
    """Run after a press of Run: store the new run and return True, or say on screen what
    is missing or wrong (the previous run stays) and return False."""
    if not memories:
        st.warning("No memories are stored yet, so there is nothing to recall. Open "
                   "① Memories and add a built-in set (quickest), a drawing or a picture.")
        return False
    if choice.pattern is None:
        st.warning(f"There is no probe to start from. {choice.problem} (see ② Probe)")
        return False
    try:
        with st.spinner("Storing the memories and running the network…"):
            record = compute_run(memories, choice.pattern, settings, source=choice.memory)
            state.set_last_run(replace(record, tip=tips.suggestion(record)))
    except ValueError as exc:  # the core says what was wrong
        st.error(f"The run could not start: {exc}")
        return False
    return True
