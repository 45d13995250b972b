"""② Probe: where the start state comes from, how it is corrupted, and its preview."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

import hopfield_core as hc
from hopfield_app import state, views
from hopfield_app.playground.keys import K

PROBE_SOURCES = {"memory": "A memory", "drawing": "The drawing", "upload": "The upload",
                 "halfway": "Halfway", "random": "Random state", "scenario": "From the demo"}


def make_probe(base: np.ndarray, grid: tuple[int, int], *, noise: float, occlusion: str,
               seed: int) -> np.ndarray:
    """``base`` with ``noise`` of its units flipped (seeded), then ``occlusion`` erased.

    An undecided unit (0, as in a halfway state) stays 0 when it is picked to flip."""
    probe = np.asarray(base).copy()
    if np.any(probe == 0):
        if noise > 0:
            n = probe.size
            flip = np.random.default_rng(seed).choice(n, size=int(round(noise * n)),
                                                      replace=False)
            probe[flip] = -probe[flip]
        if occlusion and occlusion != "none":
            erased = hc.occlude(np.ones(probe.size, dtype=np.int8), tuple(grid), occlusion) < 0
            probe[erased] = -1
        return probe
    if noise > 0:
        probe = hc.add_noise(probe, noise, rng=seed)
    if occlusion and occlusion != "none":
        probe = hc.occlude(probe, tuple(grid), occlusion)
    return probe


@dataclass(frozen=True)
class ProbeChoice:
    """The probe to run from (``None`` with ``problem`` saying why)."""

    pattern: np.ndarray | None
    description: str
    problem: str = ""
    memory: int | None = None  # the memory (0-based) the probe was made from, if any


def _probe_base(source: str, grid: tuple[int, int], mems: list[state.Memory],
                seed: int) -> tuple[np.ndarray | None, str, str]:
    n = grid[0] * grid[1]
    if source == "memory":
        if not mems:
            return None, "", "There are no memories to corrupt yet: add some first."
        i = state.as_int(st.session_state.get(K.PROBE_MEMORY), 0)
        i = min(max(i, 0), len(mems) - 1)
        return mems[i].pattern, f"memory {i + 1} ({mems[i].name})", ""
    if source == "drawing":
        dgrid = state.drawing_grid()
        if dgrid is not None and tuple(dgrid) != tuple(grid):
            return None, "", (f"The drawing is {dgrid[0]}×{dgrid[1]} but the memories are "
                              f"{grid[0]}×{grid[1]}: a probe must have one unit per memory "
                              "unit. Clear the drawing (① Memories → Draw) and draw again.")
        pattern = state.drawing(grid)
        if not np.any(pattern > 0):
            return None, "", ("The drawing is empty: paint something under ① Memories → Draw "
                              "first.")
        return pattern, "the drawing", ""
    if source == "upload":
        saved = st.session_state.get(K.UPLOAD_PATTERN)
        # The binarised picture outlives the uploader widget (which Streamlit forgets
        # while another memory source is shown).
        if saved is None:
            return None, "", ("No picture uploaded: upload one under ① Memories → Upload "
                              "first.")
        if tuple(saved[1]) != tuple(grid):
            return None, "", (f"The upload was binarised at {saved[1][0]}×{saved[1][1]}, the "
                              f"memories are {grid[0]}×{grid[1]}. Open ① Memories → Upload "
                              "again.")
        return saved[0], f"the upload ({saved[2]})", ""
    if source == "scenario":
        base = st.session_state.get(K.PROBE_BASE)
        if base is None:
            return None, "", "No demo probe is loaded: pick another probe source."
        if np.asarray(base).size != n:
            return None, "", (f"The probe has {np.asarray(base).size} units but the memories "
                              f"have {n} ({grid[0]}×{grid[1]}). Pick another probe source.")
        return np.asarray(base), "the demo's probe", ""
    if source == "halfway":
        if len(mems) < 2:
            return None, "", "The halfway state needs two memories: store at least two first."
        a = min(max(state.as_int(st.session_state.get(K.HALF_A), 0), 0), len(mems) - 1)
        b = min(max(state.as_int(st.session_state.get(K.HALF_B), 1), 0), len(mems) - 1)
        if a == b:
            return None, "", "Pick two different memories for the halfway state."
        zero = bool(st.session_state.get(K.HALF_ZERO, True))
        base = hc.halfway(mems[a].pattern, mems[b].pattern, rng=seed,
                          undecided="zero" if zero else "coin")
        how = "undecided units 0" if zero else "undecided units a coin flip"
        return base, f"halfway between memories {a + 1} and {b + 1} ({how})", ""
    return hc.random_states(1, n, rng=seed)[0], f"a random state (seed {seed})", ""


def _halfway_controls(mems: list[state.Memory]) -> None:
    """The two memories of the halfway state and what the units where they disagree hold."""
    labels = [f"{i + 1}: {m.name}" for i, m in enumerate(mems)]
    options = list(range(len(mems)))
    state.guard_choice(K.HALF_A, options, 0, labels=labels)
    state.guard_choice(K.HALF_B, options, min(1, len(mems) - 1), labels=labels)
    c1, c2 = st.columns(2)
    show = lambda i: labels[i] if 0 <= state.as_int(i, -1) < len(labels) else str(i)  # noqa: E731
    c1.selectbox("Between", options=options, format_func=show, key=K.HALF_A)
    c2.selectbox("and", options=options, format_func=show, key=K.HALF_B)
    st.toggle("Undecided units stay 0 until updated", key=K.HALF_ZERO,
              help="Where the two memories disagree the halfway state (a + b) / 2 is 0: "
                   "neither ink nor paper (grey in the picture). A unit set to 0 becomes "
                   "±1 when it is first updated. Off: each such unit is a fair coin flip.")


def probe_panel(grid: tuple[int, int], settings: state.RunSettings) -> ProbeChoice:
    """Where the probe comes from, how it is corrupted, and a preview of it."""
    mems = state.memories()
    sources = [s for s in PROBE_SOURCES if s != "scenario" or
               st.session_state.get(K.PROBE_BASE) is not None]
    state.guard_choice(K.PROBE_SOURCE, sources, "memory")
    st.segmented_control("Start from", options=sources, format_func=PROBE_SOURCES.get,
                         key=K.PROBE_SOURCE, required=True)
    source = st.session_state.get(K.PROBE_SOURCE) or "memory"
    if source == "memory" and mems:
        labels = [f"{i + 1}: {m.name}" for i, m in enumerate(mems)]
        state.guard_choice(K.PROBE_MEMORY, list(range(len(mems))), 0, labels=labels)
        st.selectbox("Memory", options=list(range(len(mems))),
                     format_func=lambda i: labels[i] if 0 <= state.as_int(i, -1) < len(labels)
                     else str(i), key=K.PROBE_MEMORY)
    if source == "halfway" and len(mems) >= 2:
        _halfway_controls(mems)
    c1, c2 = st.columns(2)
    c1.slider("Noise: units flipped", 0.0, 1.0, step=0.01, key=state.SETTING_KEYS["noise"],
              format="percent",
              help="Flips exactly this fraction of the units, chosen at random (seeded).")
    state.guard_choice(state.SETTING_KEYS["occlusion"], list(hc.OCCLUSION_REGIONS), "none")
    c2.selectbox("Occlusion", options=list(hc.OCCLUSION_REGIONS), key=state.SETTING_KEYS[
        "occlusion"], help="Erase a part of the picture (set it to background, −1).")
    base, description, problem = _probe_base(source, grid, mems, settings.seed)
    if base is None:
        st.info(problem)
        return ProbeChoice(None, "", problem)
    n = grid[0] * grid[1]
    if np.asarray(base).size != n:
        problem = (f"The probe has {np.asarray(base).size} units but the memories have {n}.")
        st.error(problem)
        return ProbeChoice(None, "", problem)
    try:
        probe = make_probe(base, grid, noise=settings.noise, occlusion=settings.occlusion,
                           seed=settings.seed)
    except ValueError as exc:
        st.error(str(exc))
        return ProbeChoice(None, "", str(exc))
    parts = [description]
    if settings.noise > 0:
        parts.append(f"{settings.noise:.0%} flipped")
    if settings.occlusion != "none":
        parts.append(f"{settings.occlusion} erased")
    text = ", ".join(parts)
    views.pattern_image(probe, grid, caption=f"Probe: {text}", width=150)
    state.set_probe(probe)
    memory = None
    if source == "memory":
        memory = min(max(state.as_int(st.session_state.get(K.PROBE_MEMORY), 0), 0), len(mems) - 1)
    return ProbeChoice(probe, text, memory=memory)
