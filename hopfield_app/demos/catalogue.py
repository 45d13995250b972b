"""Lecture demos: every classic Hopfield experiment one click away.

Each demo is a :class:`Demo`: a title, a teaser, the explanation a lecturer
reads out (what to look at, what it teaches, one "now try"), a function that
builds its Playground :class:`~hopfield_app.state.Scenario`, and a pure
``compute_*`` function (fixed seeds, numpy + core only, so tests can check the
claim on the real output) whose result :mod:`hopfield_app.demos.render` draws on
the Demos page -- for the demos that are more than one run (the 6-unit graph,
the capacity sweep, the temperature series, the seeds of the halfway state...)
that page is where the lesson is.

The ``compute_*`` functions never touch Streamlit; the views call them through
``st.cache_data`` so a demo is computed once per server, not once per click.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import plotly.graph_objects as go

import hopfield_core as hc
from hopfield_app import plots, views
from hopfield_app.state import Memory, RunSettings, Scenario

__all__ = [
    "Demo",
    "DEMOS",
    "SLUGS",
    "get",
    "closest",
    "describe",
    "compute_six_neurons",
    "compute_two_digits",
    "compute_storkey_pictures",
    "compute_halfway",
    "compute_spurious",
    "compute_half_erased",
    "compute_capacity",
    "compute_sync_cycle",
    "compute_temperature",
    "compute_many_memories",
    "six_neuron_graph",
]

# --------------------------------------------------------------------------- helpers


def closest(state: np.ndarray, patterns: np.ndarray) -> tuple[int, float]:
    """``(index, signed overlap)`` of the memory nearest to ``state`` or to its inverse."""
    outcome = views.classify_state(state, patterns)
    return outcome.index, outcome.overlap


def describe(state: np.ndarray, patterns: np.ndarray, names: list[str]) -> str:
    """Plain words for where ``state`` is: a memory, an inverted memory, or neither."""
    outcome = views.classify_state(state, patterns)
    name = names[outcome.index] if 0 <= outcome.index < len(names) else "?"
    if outcome.kind == "memory":
        return f"memory “{name}”"
    if outcome.kind == "inverse":
        return f"the inverse of “{name}”"
    return f"no memory (closest “{name}”, m = {outcome.overlap:+.2f})"


def _memories(names: list[str], patterns: np.ndarray, grid: tuple[int, int]) -> tuple[Memory, ...]:
    return tuple(
        Memory(name=str(n), pattern=np.asarray(p, dtype=np.int8).copy(), grid=tuple(grid))
        for n, p in zip(names, patterns)
    )


def _int8(x: Any) -> np.ndarray:
    return np.asarray(x, dtype=np.int8)


def _pictures(grid: tuple[int, int], which: list[str] | list[int] | None = None):
    """The project's own pictures at ``grid``, optionally a named or numbered subset."""
    from hopfield_app import images  # owner PATTERNS; imported where used

    names, pats = images.load_pictures(grid)
    names = list(names)
    pats = _int8(pats)
    if which is None:
        return names, pats
    idx = [names.index(w) if isinstance(w, str) else int(w) for w in which]
    return [names[i] for i in idx], pats[idx]


def _row_noise(pattern: np.ndarray, grid: tuple[int, int], flips: int, rng) -> np.ndarray:
    """Flip exactly ``flips`` random units in every row of the picture."""
    rng = np.random.default_rng(rng)
    rows, cols = grid
    img = _int8(pattern).reshape(rows, cols).copy()
    for r in range(rows):
        img[r] = hc.add_noise(img[r], flips / cols, rng=rng)
    return img.ravel()


# --------------------------------------------------------------------------- 1 six neurons

SIX_PATTERN = _int8([1, -1, 1, -1, 1, -1])
SIX_PROBE = _int8([1, 1, 1, 1, -1, 1])


def compute_six_neurons() -> dict:
    """The 6-unit network: W, and one synchronous step computed unit by unit."""
    patterns = np.stack([SIX_PATTERN, -SIX_PATTERN])
    net = hc.store(patterns, rule="hebbian")
    w = net.weights()
    fields = w @ SIX_PROBE.astype(np.float64)
    new = np.where(fields > 0, 1, np.where(fields < 0, -1, SIX_PROBE)).astype(np.int8)
    traj = hc.run(net, SIX_PROBE, mode="sync", steps=1)
    return {
        "patterns": patterns,
        "weights": w,
        "probe": SIX_PROBE.copy(),
        "fields": fields,
        "new": new,
        "core_new": _int8(traj.states[1]),
        "energies": (float(net.energy(SIX_PROBE)), float(net.energy(new))),
    }


def six_neuron_graph(weights: np.ndarray, state: np.ndarray, *, title: str = "") -> go.Figure:
    """The weight matrix as a network: nodes coloured by state, signed edges.

    Positive weights are solid blue lines, negative ones dashed orange; the
    line width grows with :math:`|W_{ij}|`. A unit at +1 is drawn black (ink),
    at -1 white, as in every picture of the app.
    """
    n = len(state)
    angle = np.pi / 2 - 2 * np.pi * np.arange(n) / n
    x, y = np.cos(angle), np.sin(angle)
    fig = go.Figure()
    top = float(np.abs(weights).max()) or 1.0
    legend_done = {1: False, -1: False}
    for i in range(n):
        for j in range(i + 1, n):
            wij = float(weights[i, j])
            if wij == 0:
                continue
            sign = 1 if wij > 0 else -1
            fig.add_trace(go.Scatter(
                x=[x[i], x[j]], y=[y[i], y[j]], mode="lines",
                line=dict(color="#0072B2" if sign > 0 else "#D55E00",
                          width=2 + 6 * abs(wij) / top, dash="solid" if sign > 0 else "dash"),
                name=f"W = {wij:+.2f}".replace("-", "−"),
                legendgroup=str(sign), showlegend=not legend_done[sign],
                hoverinfo="text", text=f"W[{i + 1},{j + 1}] = {wij:+.3f}",
            ))
            legend_done[sign] = True
    fig.add_trace(go.Scatter(
        x=x, y=y, mode="markers+text", showlegend=False,
        marker=dict(size=54, color=["#111827" if s > 0 else "white" for s in state],
                    line=dict(color="#111827", width=3)),
        text=[f"{i + 1}" for i in range(n)],
        textfont=dict(size=22, color=["white" if s > 0 else "#111827" for s in state]),
        hovertext=[f"unit {i + 1}: s = {int(s):+d}" for i, s in enumerate(state)],
        hoverinfo="text",
    ))
    fig.update_layout(title=title)
    plots.apply_theme(fig, height=380)
    fig.update_xaxes(visible=False, range=[-1.35, 1.35])
    fig.update_yaxes(visible=False, range=[-1.3, 1.3], scaleanchor="x")
    fig.update_layout(legend=dict(orientation="h", y=-0.02, x=0.5, xanchor="center"))
    return fig


def scenario_six_neurons() -> Scenario:
    names = ["+−+−+−", "−+−+−+"]
    pats = np.stack([SIX_PATTERN, -SIX_PATTERN])
    return Scenario(
        memories=_memories(names, pats, (1, 6)),
        probe=SIX_PROBE.copy(),
        settings=RunSettings(rule="hebbian", mode="sync", steps=4, frames_per_sweep=1, seed=0,
                             noise=0.0),
        title="Six neurons",
        note=DEMO_TEXT["six-neurons"].note(),
    )


# --------------------------------------------------------------------------- 2 two digits

DIGIT_GRID = (50, 50)


def _two_digit_probes() -> tuple[list[str], np.ndarray, list[str], np.ndarray]:
    zero, one = hc.glyph("0", DIGIT_GRID), hc.glyph("1", DIGIT_GRID)
    pats = _int8(np.stack([zero, one]))
    n = pats.shape[1]
    white = -np.ones(n, dtype=np.int8)
    black = np.ones(n, dtype=np.int8)
    probes = np.stack([
        hc.add_noise(pats[0], 0.25, rng=20),
        hc.occlude(pats[0], DIGIT_GRID, "lower half"),
        hc.add_noise(pats[1], 0.25, rng=21),
        hc.occlude(pats[1], DIGIT_GRID, "upper half"),
        hc.add_noise(white, 0.05, rng=22),
        hc.add_noise(black, 0.05, rng=23),
    ])
    labels = ["“0”, 25 % noise", "“0”, lower half erased", "“1”, 25 % noise",
              "“1”, upper half erased", "almost all white", "almost all black"]
    return ["0", "1"], pats, labels, _int8(probes)


def compute_two_digits() -> dict:
    """“0” and “1” at 50x50, Hebbian; four probes, one synchronous step each."""
    names, pats, labels, probes = _two_digit_probes()
    net = hc.store(pats, rule="hebbian")
    finals, ends = [], []
    for p in probes:
        traj = hc.run(net, p, mode="sync", steps=1)
        finals.append(_int8(traj.states[1]))
        ends.append(closest(traj.states[1], pats))
    return {"names": names, "patterns": pats, "labels": labels, "probes": probes,
            "finals": np.stack(finals), "ends": ends, "grid": DIGIT_GRID}


def scenario_two_digits(k: int) -> Scenario:
    names, pats, labels, probes = _two_digit_probes()
    return Scenario(
        memories=_memories(names, pats, DIGIT_GRID),
        probe=probes[k],
        settings=RunSettings(rule="hebbian", mode="sync", steps=3, frames_per_sweep=1, seed=0,
                             noise=0.25 if k in (0, 2) else 0.0,
                             occlusion={1: "lower half", 3: "upper half"}.get(k, "none")),
        title=f"Two digits, one step: {labels[k]}",
        note=DEMO_TEXT["two-digits"].note(),
    )


# --------------------------------------------------------------------------- 3 Storkey pictures

STORKEY_GRID = (100, 100)
STORKEY_PICTURES = ["boat", "umbrella", "cat"]
STORKEY_FLIPS = 30  # per row of 100 pixels
STORKEY_SEED = 3


def _storkey_setup():
    names, pats = _pictures(STORKEY_GRID, STORKEY_PICTURES)
    probe = _row_noise(pats[0], STORKEY_GRID, STORKEY_FLIPS, rng=STORKEY_SEED)
    return names, pats, probe


def compute_storkey_pictures() -> dict:
    """Three pictures, Storkey rule, asynchronous recall from 30 flips per row."""
    names, pats, probe = _storkey_setup()
    net = hc.store(pats, rule="storkey")
    traj = hc.run(net, probe, mode="async", steps=20, rng=STORKEY_SEED, frames_per_sweep=8)
    return {"names": names, "patterns": pats, "probe": probe, "final": _int8(traj.final),
            "energies": np.asarray(traj.energies), "sweeps": np.asarray(traj.sweeps),
            "converged": bool(traj.converged), "end": closest(traj.final, pats),
            "grid": STORKEY_GRID}


def scenario_storkey_pictures() -> Scenario:
    names, pats, probe = _storkey_setup()
    return Scenario(
        memories=_memories(names, pats, STORKEY_GRID), probe=probe,
        settings=RunSettings(rule="storkey", mode="async", steps=20, frames_per_sweep=16,
                             seed=STORKEY_SEED, noise=STORKEY_FLIPS / STORKEY_GRID[1]),
        title="Pictures with Storkey", note=DEMO_TEXT["storkey-pictures"].note())


# --------------------------------------------------------------------------- 4 halfway

HALFWAY_GRID = (64, 64)
HALFWAY_PICTURES = ["boat", "umbrella"]
HALFWAY_SEEDS = tuple(range(8))


def compute_halfway(seeds: tuple[int, ...] = HALFWAY_SEEDS) -> dict:
    """Halfway states between two pictures, each seed its own coin flips and update order."""
    names, pats = _pictures(HALFWAY_GRID, HALFWAY_PICTURES)
    net = hc.store(pats, rule="hebbian")
    probes, finals, ends = [], [], []
    for seed in seeds:
        probe = hc.halfway(pats[0], pats[1], rng=seed)
        traj = hc.run(net, probe, mode="async", steps=30, rng=seed)
        probes.append(probe)
        finals.append(_int8(traj.final))
        ends.append(closest(traj.final, pats))
    return {"names": names, "patterns": pats, "seeds": list(seeds), "probes": np.stack(probes),
            "finals": np.stack(finals), "ends": ends, "grid": HALFWAY_GRID}


def _scenario_halfway(seed: int) -> Scenario:
    names, pats = _pictures(HALFWAY_GRID, HALFWAY_PICTURES)
    return Scenario(
        memories=_memories(names, pats, HALFWAY_GRID),
        probe=hc.halfway(pats[0], pats[1], rng=seed),
        settings=RunSettings(rule="hebbian", mode="async", steps=30, frames_per_sweep=16,
                             seed=seed, noise=0.0),
        title=f"Halfway between two memories (seed {seed})",
        note=DEMO_TEXT["halfway"].note())


# --------------------------------------------------------------------------- 5 spurious

SPURIOUS_GRID = (16, 16)
SPURIOUS_MIX = ("M", "O", "X")  # letters whose majority mixture is stored as a spurious state
DRIFT_LETTERS = ("F", "H", "T")  # correlated: under Hebb's rule "H" drifts into "F"
DRIFT_SEED = 5


def _letters(which: tuple[str, ...], grid: tuple[int, int] = SPURIOUS_GRID):
    names, pats = hc.builtin_set("letters", grid)
    names = list(names)
    idx = [names.index(c) for c in which]
    return [names[i] for i in idx], _int8(pats)[idx]


def compute_spurious() -> dict:
    """Three spurious stories: a stable inverse, a stable 3-mixture, a drifting memory."""
    out: dict[str, Any] = {"grid": SPURIOUS_GRID}
    names, pats = _letters(SPURIOUS_MIX)
    net = hc.store(pats, rule="hebbian")
    inverse = -pats[0]
    t_inv = hc.run(net, inverse, mode="async", steps=10, rng=0)
    mix = hc.mixture(pats, [0, 1, 2])
    t_mix = hc.run(net, mix, mode="async", steps=10, rng=0)
    out["mix"] = {"names": names, "patterns": pats, "inverse": inverse,
                  "inverse_final": _int8(t_inv.final),
                  "inverse_changed": int((t_inv.final != inverse).sum()),
                  "mixture": mix, "mixture_final": _int8(t_mix.final),
                  "mixture_changed": int((t_mix.final != mix).sum()),
                  "mixture_overlaps": (pats @ t_mix.final.astype(np.int64)) / pats.shape[1]}
    names, pats = _letters(DRIFT_LETTERS)
    drift: dict[str, Any] = {"names": names, "patterns": pats, "rules": {}}
    for rule in ("hebbian", "storkey", "pseudoinverse"):
        rnet = hc.store(pats, rule=rule)
        finals = []
        for mu in range(len(pats)):
            t = hc.run(rnet, pats[mu], mode="async", steps=30, rng=DRIFT_SEED)
            finals.append(_int8(t.final))
        finals = np.stack(finals)
        stays = (finals == pats).all(axis=1)
        drift["rules"][rule] = {"finals": finals, "stays": stays}
    heb = drift["rules"]["hebbian"]["stays"]
    drift["victim"] = int(np.flatnonzero(~heb)[0]) if (~heb).any() else 0
    drift["correlation"] = (pats.astype(np.float64) @ pats.T) / pats.shape[1]
    out["drift"] = drift
    return out


def _scenario_spurious(kind: str) -> Scenario:
    """``kind``: "drift" (a correlated memory leaves), "inverse" or "mixture" (both stay)."""
    if kind == "drift":
        names, pats = _letters(DRIFT_LETTERS)
        victim = _drift_victim()
        probe, title = pats[victim].copy(), f"Spurious: “{names[victim]}” drifts away (Hebbian)"
    else:
        names, pats = _letters(SPURIOUS_MIX)
        if kind == "inverse":
            probe, title = -pats[0], f"Spurious: the inverse of “{names[0]}” is stable"
        else:
            probe, title = hc.mixture(pats, [0, 1, 2]), "Spurious: the mixture of three is stable"
    return Scenario(
        memories=_memories(names, pats, SPURIOUS_GRID), probe=_int8(probe),
        settings=RunSettings(rule="hebbian", mode="async", steps=30, frames_per_sweep=16,
                             seed=DRIFT_SEED, noise=0.0),
        title=title, note=DEMO_TEXT["spurious"].note())


def _drift_victim() -> int:
    return compute_spurious()["drift"]["victim"]


# --------------------------------------------------------------------------- 6 half erased

ERASED_GRID = (50, 50)
ERASED_PICTURES = ["boat", "umbrella", "cat", "moon", "fish"]
ERASED_TARGET = 1
ERASED_SEED = 6


def _erased_setup():
    names, pats = _pictures(ERASED_GRID, ERASED_PICTURES)
    probe = hc.occlude(pats[ERASED_TARGET], ERASED_GRID, "lower half", value=-1)
    return names, pats, probe


def compute_half_erased() -> dict:
    """Five 50x50 pictures, Hebbian; the lower half of one set to -1 and recalled."""
    names, pats, probe = _erased_setup()
    net = hc.store(pats, rule="hebbian")
    traj = hc.run(net, probe, mode="async", steps=30, rng=ERASED_SEED)
    return {"names": names, "patterns": pats, "probe": probe, "final": _int8(traj.final),
            "target": ERASED_TARGET, "end": closest(traj.final, pats),
            "overlap": float(pats[ERASED_TARGET] @ traj.final.astype(np.int64)) / pats.shape[1],
            "grid": ERASED_GRID}


def scenario_half_erased() -> Scenario:
    names, pats, probe = _erased_setup()
    return Scenario(
        memories=_memories(names, pats, ERASED_GRID), probe=probe,
        settings=RunSettings(rule="hebbian", mode="async", steps=30, frames_per_sweep=16,
                             seed=ERASED_SEED, noise=0.0, occlusion="lower half"),
        title="Five pictures, half erased", note=DEMO_TEXT["half-erased"].note())


# --------------------------------------------------------------------------- 7 capacity

CAP_N = 100
CAP_LOADS = tuple(range(1, 31))
CAP_TRIALS = 20
CAP_NOISE = 0.05
CAP_SEED = 7
CAP_GRID = (10, 10)


def compute_capacity(loads: tuple[int, ...] = CAP_LOADS, trials: int = CAP_TRIALS) -> dict:
    """Recall rate against the number of random memories in a 100-unit Hebbian network.

    Uses :func:`hopfield_core.capacity_curve`: for each load P, ``trials``
    independent sets of P random patterns are stored; every memory is probed
    with 5 % noise and recalled asynchronously. A recall counts when the final
    overlap with the probed memory is at least 0.95.
    """
    res = hc.capacity_curve(CAP_N, list(loads), rules=("hebbian",), trials=trials, noise=CAP_NOISE,
                            mode="async", max_steps=30, success_overlap=0.95, rng=CAP_SEED)
    label = res.labels[0]
    return {"loads": np.asarray(res.n_patterns), "rate": np.asarray(res.recalled[label]),
            "mean_overlap": np.asarray(res.overlap[label]), "fixed": np.asarray(res.fixed[label]),
            "theory": hc.AGS_ALPHA_C * CAP_N, "n_units": CAP_N}


def capacity_figure(data: dict) -> go.Figure:
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=data["loads"], y=data["rate"], mode="lines+markers",
                             name="memories recalled (m ≥ 0.95)", marker=dict(size=10)))
    fig.add_trace(go.Scatter(x=data["loads"], y=data["mean_overlap"], mode="lines+markers",
                             name="mean final overlap", line=dict(dash="dot"), marker=dict(size=8)))
    fig.add_vline(x=data["theory"], line=dict(color="#DC2626", width=3, dash="dash"),
                  annotation_text=f"0.138 N = {data['theory']:.1f}",
                  annotation_position="top right",
                  annotation_font=dict(size=18, color="#DC2626"))
    fig.update_layout(xaxis_title=f"number of memories P (N = {data['n_units']} units)",
                      yaxis_title="recall", yaxis_range=[0, 1.05])
    plots.apply_theme(fig, height=420)
    fig.update_layout(legend=dict(x=0.01, y=0.05, xanchor="left", yanchor="bottom"))
    return fig


CAP_DEMO_P = 20
CAP_DEMO_SEED = 70


def scenario_capacity() -> Scenario:
    pats = hc.random_patterns(CAP_DEMO_P, CAP_N, rng=CAP_DEMO_SEED)
    probe = hc.add_noise(pats[0], CAP_NOISE, rng=CAP_DEMO_SEED)
    names = [f"#{i + 1}" for i in range(CAP_DEMO_P)]
    return Scenario(
        memories=_memories(names, pats, CAP_GRID), probe=probe,
        settings=RunSettings(rule="hebbian", mode="async", steps=30, frames_per_sweep=4,
                             seed=CAP_DEMO_SEED, noise=CAP_NOISE),
        title=f"Too many memories: {CAP_DEMO_P} random patterns in 100 units",
        note=DEMO_TEXT["capacity"].note())


# --------------------------------------------------------------------------- 8 sync 2-cycle

CYCLE_GRID = (16, 16)
CYCLE_LETTERS = ("A", "H")
CYCLE_REGION = "right half"  # inverted in the probe: zero overlap with both letters
CYCLE_SEED = 8


def _cycle_setup():
    names, pats = _letters(CYCLE_LETTERS, CYCLE_GRID)
    mask = hc.occlusion_mask(CYCLE_GRID, CYCLE_REGION).ravel()
    probe = pats[0].copy()
    probe[mask] = -probe[mask]
    return names, pats, _int8(probe)


def compute_sync_cycle() -> dict:
    """The same probe, synchronous (2-cycle) and asynchronous (fixed point)."""
    names, pats, probe = _cycle_setup()
    net = hc.store(pats, rule="hebbian")
    sync = hc.run(net, probe, mode="sync", steps=30)
    asyn = hc.run(net, probe, mode="async", steps=30, rng=CYCLE_SEED)
    return {"names": names, "patterns": pats, "probe": probe, "grid": CYCLE_GRID,
            "sync_states": _int8(sync.states[-2:]), "sync_cycle": int(sync.cycle),
            "sync_converged": bool(sync.converged), "sync_energies": np.asarray(sync.energies),
            "async_final": _int8(asyn.final), "async_converged": bool(asyn.converged),
            "async_cycle": int(asyn.cycle), "async_energies": np.asarray(asyn.energies),
            "async_end": closest(asyn.final, pats)}


def _scenario_cycle(mode: str) -> Scenario:
    names, pats, probe = _cycle_setup()
    return Scenario(
        memories=_memories(names, pats, CYCLE_GRID), probe=probe,
        settings=RunSettings(rule="hebbian", mode=mode, steps=12,
                             frames_per_sweep=1 if mode == "sync" else 16,
                             seed=CYCLE_SEED, noise=0.0),
        title=f"Synchronous oscillation ({'synchronous' if mode == 'sync' else 'asynchronous'})",
        note=DEMO_TEXT["sync-cycle"].note())


# --------------------------------------------------------------------------- 9 temperature

TEMP_GRID = (32, 32)
TEMP_PICTURES = ["boat", "umbrella", "heart"]
TEMPERATURES = (0.0, 0.3, 0.5, 0.7, 0.9, 2.0)
TEMP_NOISE = 0.2
TEMP_SEED = 9
TEMP_SWEEPS = 40


def _temperature_setup():
    names, pats = _pictures(TEMP_GRID, TEMP_PICTURES)
    probe = hc.add_noise(pats[0], TEMP_NOISE, rng=TEMP_SEED)
    return names, pats, probe


def compute_temperature(temperatures: tuple[float, ...] = TEMPERATURES) -> dict:
    """The same recall at increasing temperature (Glauber dynamics).

    Reports the final state and the overlap with the probed memory averaged
    over the last 10 sweeps (the state keeps fluctuating at T > 0).
    """
    names, pats, probe = _temperature_setup()
    net = hc.store(pats, rule="hebbian")
    finals, m_mean = [], []
    for t in temperatures:
        traj = hc.run(net, probe, mode="async", steps=TEMP_SWEEPS, temperature=float(t),
                      rng=TEMP_SEED)
        finals.append(_int8(traj.final))
        m = traj.overlaps(pats)[:, 0]
        # a T = 0 run stops at its fixed point; a hot one keeps fluctuating: average its tail
        m_mean.append(float(m[-1]) if traj.converged else float(np.mean(m[-10:])))
    return {"names": names, "patterns": pats, "probe": probe, "grid": TEMP_GRID,
            "temperatures": list(temperatures), "finals": np.stack(finals),
            "overlap": np.asarray(m_mean)}


def mean_field_overlap(temperature: float) -> float:
    """Solution of m = tanh(m / T) (alpha -> 0), by fixed-point iteration; 0 for T >= 1."""
    if temperature <= 0:
        return 1.0
    m = 1.0
    for _ in range(2000):
        m = float(np.tanh(m / temperature))
    return m


def temperature_figure(data: dict) -> go.Figure:
    ts = np.linspace(0.01, 2.1, 211)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=ts, y=[mean_field_overlap(t) for t in ts], mode="lines",
                             name="mean-field theory: m = tanh(m/T)",
                             line=dict(dash="dash", color="#DC2626")))
    fig.add_trace(go.Scatter(x=data["temperatures"], y=np.abs(data["overlap"]),
                             mode="lines+markers",
                             name="this network (3 pictures)", marker=dict(size=12),
                             line=dict(color="#0072B2")))
    fig.update_layout(xaxis_title="temperature T", yaxis_title="overlap |m| with the memory",
                      yaxis_range=[0, 1.05])
    plots.apply_theme(fig, height=360)
    fig.update_layout(legend=dict(x=0.01, y=0.05, xanchor="left", yanchor="bottom"))
    return fig


def scenario_temperature() -> Scenario:
    names, pats, probe = _temperature_setup()
    return Scenario(
        memories=_memories(names, pats, TEMP_GRID), probe=probe,
        settings=RunSettings(rule="hebbian", mode="stochastic", steps=TEMP_SWEEPS,
                             frames_per_sweep=4,
                             temperature=0.6, seed=TEMP_SEED, noise=TEMP_NOISE),
        title="Temperature: recall at T = 0.6", note=DEMO_TEXT["temperature"].note())


# --------------------------------------------------------------------------- 10 many memories

MANY_GRID = (32, 32)
MANY_COUNT = 40
MANY_SET_SEED = 10
MANY_TARGET = 0
MANY_NOISE = 0.2
MANY_SEED = 11
MANY_DEGREE = 5


def _many_setup():
    from hopfield_app import images

    names, pats = images.picture_set(MANY_GRID, MANY_COUNT, rng=MANY_SET_SEED)
    pats = _int8(pats)
    probe = hc.add_noise(pats[MANY_TARGET], MANY_NOISE, rng=MANY_SEED)
    return list(names), pats, probe


def compute_many_memories() -> dict:
    """40 pictures at 32x32: Hebbian and dense (degree 3) recall from the same probe."""
    names, pats, probe = _many_setup()
    out: dict[str, Any] = {"names": names, "patterns": pats, "probe": probe, "grid": MANY_GRID,
                           "target": MANY_TARGET}
    for rule, params in (("hebbian", {}), ("dense", {"degree": MANY_DEGREE})):
        net = hc.store(pats, rule=rule, **params)
        traj = hc.run(net, probe, mode="async", steps=30, rng=MANY_SEED)
        final = _int8(traj.final)
        out[rule] = {"final": final, "end": closest(final, pats),
                     "overlap": float(pats[MANY_TARGET] @ final.astype(np.int64)) / pats.shape[1],
                     "converged": bool(traj.converged)}
    return out


def _scenario_many(rule: str) -> Scenario:
    names, pats, probe = _many_setup()
    label = "Hebbian" if rule == "hebbian" else f"dense, degree {MANY_DEGREE}"
    return Scenario(
        memories=_memories(names, pats, MANY_GRID), probe=probe,
        settings=RunSettings(rule=rule, mode="async", steps=30, frames_per_sweep=8,
                             degree=MANY_DEGREE, seed=MANY_SEED, noise=MANY_NOISE),
        title=f"Many memories: 40 pictures, {label}", note=DEMO_TEXT["many-memories"].note())


# --------------------------------------------------------------------------- texts


@dataclass(frozen=True)
class DemoText:
    """What a lecturer says about a demo: look at, it teaches, now try."""

    look: str
    teaches: str
    now_try: str

    def note(self) -> str:
        return (f"**Look at:** {self.look}\n\n**What it teaches:** {self.teaches}\n\n"
                f"**Now try:** {self.now_try}")


DEMO_TEXT: dict[str, DemoText] = {
    "six-neurons": DemoText(
        look="the probe +1 +1 +1 +1 −1 +1 becomes −1 +1 −1 +1 −1 +1 in a single "
             "synchronous step: every unit takes the sign of its local field "
             r"$h_i = \sum_j W_{ij} s_j$.",
        teaches=r"the Hebbian weight $W_{ij} = \frac{1}{N}\sum_\mu \xi^\mu_i \xi^\mu_j$ is "
                "positive where the memories agree and negative where they disagree; storing "
                "a pattern and its inverse gives the same weights as storing the pattern "
                "alone (twice as strong).",
        now_try="in the Playground's Probe tab start from memory 1 with noise 0.17 (one of the "
                "six units flipped), predict where one step takes it, then press Run; change "
                "the seed (③ Settings) to flip another unit."),
    "two-digits": DemoText(
        look="one synchronous step cleans a noisy “0” and completes a half-erased “1”; the "
             "almost white probe lands on a memory and the almost black one on the inverse "
             "of a memory.",
        teaches=r"the weights store correlations $\xi_i \xi_j$, which do not change when "
                r"every sign flips: $E(-s) = E(s)$, so each memory comes with its inverse as a "
                "second attractor. A mostly white state is closest to the whiter memory; a "
                "mostly black one to its inverse.",
        now_try="raise the noise step by step. With only two memories one synchronous step "
                "is enough up to about 45 % noise; near 50 % the noisy “0” may land on “1”, "
                "and past 50 % it lands on the inverse of “0”, which it is then closer to."),
    "storkey-pictures": DemoText(
        look="30 of every 100 pixels in each row are flipped, yet one asynchronous sweep "
             "restores the picture while the energy falls at every frame; then nothing "
             "changes any more and the run stops at the memory.",
        teaches=r"asynchronous updates never raise the energy $E = -\tfrac12 s^\top W s$ "
                "(Hopfield 1982); the Storkey rule (1997) stores correlated pictures with less "
                "crosstalk than Hebb's rule.",
        now_try="switch the rule to Hebbian: with three pictures it recalls the boat too (its "
                "energies differ only because its weights differ). Then store eight pictures "
                "(Memories: Pictures, How many 8, Replace memories) and run each rule: Hebb's "
                "rule blends the boat, Storkey still recalls it."),
    "halfway": DemoText(
        look="the probe is the average of two memories: pixels where they agree are kept, the "
             "undecided ones are coin flips. Different seeds end in different memories.",
        teaches="the state sits on the ridge between two basins of attraction; tiny random "
                "differences (the coin flips and the update order) decide which valley it "
                "falls into.",
        now_try="change the seed in the Playground a few times and count how often each "
                "memory wins."),
    "spurious": DemoText(
        look="three kinds of unwanted attractors: the inverse of a memory stays put; the "
             "majority mixture of three memories stays put; and with correlated letters a "
             "stored memory is not even a fixed point under Hebb's rule: “H” drifts into “F”.",
        teaches=r"the energy landscape has more valleys than memories: inverses "
                r"($E(-s) = E(s)$), mixtures, and crosstalk from correlated memories. Storkey "
                "and the pseudo-inverse rule correct for correlations, so every memory becomes "
                "a fixed point again.",
        now_try="in the drift run, switch the rule to pseudo-inverse and run again: the letter "
                "stays."),
    "half-erased": DemoText(
        look="the lower half of a picture is blanked to white (−1); the missing half grows back "
             "from the half that is left.",
        teaches="a Hopfield network is content-addressable memory: part of a memory is enough "
                "to retrieve the whole.",
        now_try="in the Probe tab start from memory 2 (umbrella) and choose another "
                "occlusion: with the left half or the center "
                "erased the umbrella comes back too, but from the handle alone (upper half "
                "erased) it ends in a blend of pictures."),
    "capacity": DemoText(
        look="recall stays near perfect for a few memories and collapses as P passes about "
             "0.138 N = 14 in a 100-unit network; the red line is the theory.",
        teaches=r"crosstalk between memories grows like $\sqrt{P/N}$: Amit, Gutfreund and "
                r"Sompolinsky (1985) put the Hebbian limit at $\alpha_c = P/N \approx 0.138$. "
                "At finite N the drop is smooth.",
        now_try="in the Playground (20 memories), switch to the pseudo-inverse rule and run "
                "again."),
    "sync-cycle": DemoText(
        look="with synchronous updates every pixel flips at every step, so the picture "
             "alternates between two states forever and the energy never falls; with "
             "asynchronous updates from the same start it settles on a memory.",
        teaches="for a symmetric W, synchronous dynamics end in a fixed point or a 2-cycle "
                "(Goles and Olivos 1981); asynchronous updates lower the energy at every "
                "flip, so they always reach a fixed point (Hopfield 1982).",
        now_try="open the asynchronous run and compare its energy curve with the synchronous "
                "one."),
    "temperature": DemoText(
        look="the same noisy probe recalled at increasing temperature: clean at T = 0, grainy "
             "at T = 0.5–0.7, lost at T = 0.9 (the state drifts to a blob the pictures share) "
             "and pure noise at T = 2.",
        teaches="Glauber dynamics flip a unit against its field with probability "
                r"$1/(1 + e^{2|h|/T})$; for a few unbiased memories the mean-field overlap "
                r"solves $m = \tanh(m/T)$ and vanishes at $T_c = 1$ (the dashed line). "
                "Pictures share ink, so they melt a little earlier.",
        now_try="set the temperature to 0.7 and watch the picture flicker without settling."),
    "many-memories": DemoText(
        look="40 pictures at 32x32 and the same corrupted probe: the classic (Hebbian) network "
             r"ends in a blend of pictures, the dense network with $F(x) = x^5$ recalls the "
             "picture.",
        teaches="the dense associative memory of Krotov and Hopfield (2016), "
                r"$E = -\sum_\mu F(\xi^\mu \cdot s)$ with $F(x) = x^n$, raises each overlap to "
                "a power, so the best-matching memory dominates the field: capacity grows like "
                r"$N^{n-1}$ instead of 0.138 N, and correlated pictures interfere much less.",
        now_try="in the Playground lower the degree to 3: these pictures are so correlated "
                r"that $x^3$ still blends them; degree 2 is the classic network."),
}


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class Demo:
    """One lecture demo.

    ``scenario`` builds what "Open in Playground" queues; ``variants`` are extra
    Playground set-ups (label, builder) offered on the demo's page; ``thumbnail``
    returns ``(pattern, grid)`` for the gallery card; the demo's
    own results on the Demos page (see :mod:`hopfield_app.demos.render`).
    """

    slug: str
    title: str
    short: str  # for the navigation pills
    teaser: str
    scenario: Callable[[], Scenario]
    thumbnail: Callable[[], tuple[np.ndarray, tuple[int, int]]]
    variants: tuple[tuple[str, Callable[[], Scenario]], ...] = ()

    @property
    def text(self) -> DemoText:
        return DEMO_TEXT[self.slug]


def _thumb_six():
    return SIX_PROBE.copy(), (1, 6)


def _thumb_digits():
    return _two_digit_probes()[3][1], DIGIT_GRID


def _thumb_storkey():
    return _storkey_setup()[2], STORKEY_GRID


def _thumb_halfway():
    names, pats = _pictures(HALFWAY_GRID, HALFWAY_PICTURES)
    return hc.halfway(pats[0], pats[1], rng=0), HALFWAY_GRID


def _thumb_spurious():
    names, pats = _letters(SPURIOUS_MIX)
    return hc.mixture(pats, [0, 1, 2]), SPURIOUS_GRID


def _thumb_erased():
    return _erased_setup()[2], ERASED_GRID


def _thumb_capacity():
    return hc.random_patterns(1, 100, rng=CAP_DEMO_SEED)[0], CAP_GRID


def _thumb_cycle():
    return _cycle_setup()[2], CYCLE_GRID



def _thumb_temperature():
    return _temperature_setup()[2], TEMP_GRID


def _thumb_many():
    return _many_setup()[2], MANY_GRID


DEMOS: tuple[Demo, ...] = (
    Demo("six-neurons", "Six neurons", "Six neurons",
         "The smallest network: weights as a graph, one update unit by unit.",
         scenario_six_neurons, _thumb_six),
    Demo("two-digits", "Two digits, one step", "Two digits",
         "“0” and “1”: one synchronous step cleans noise; white and black probes find "
         "inverses.",
         lambda: scenario_two_digits(0), _thumb_digits,
         variants=(("“1”, upper half erased", lambda: scenario_two_digits(3)),
                   ("almost all white", lambda: scenario_two_digits(4)),
                   ("almost all black", lambda: scenario_two_digits(5)))),
    Demo("storkey-pictures", "Pictures with Storkey", "Storkey",
         "Three pictures, 30 flips per row, the energy falling as they come back.",
         scenario_storkey_pictures, _thumb_storkey),
    Demo("halfway", "Halfway between two memories", "Halfway",
         "Start exactly between two pictures: the seed decides which one wins.",
         lambda: _scenario_halfway(HALFWAY_SEEDS[0]), _thumb_halfway,
         variants=((f"seed {HALFWAY_SEEDS[2]}", lambda: _scenario_halfway(HALFWAY_SEEDS[2])),)),
    Demo("spurious", "Spurious memories", "Spurious",
         "Inverses, mixtures, and a memory that drifts away when the memories are correlated.",
         lambda: _scenario_spurious("drift"), _thumb_spurious,
         variants=(("inverse of a memory", lambda: _scenario_spurious("inverse")),
                   ("mixture of three", lambda: _scenario_spurious("mixture")))),
    Demo("half-erased", "Five pictures, half erased", "Half erased",
         "Blank the lower half of a picture; the network paints it back.",
         scenario_half_erased, _thumb_erased),
    Demo("capacity", "Too many memories", "Capacity",
         "Store more and more patterns in 100 units: recall collapses near 0.138 N.",
         scenario_capacity, _thumb_capacity),
    Demo("sync-cycle", "Synchronous oscillation", "2-cycle",
         "All units at once can flip-flop forever; one at a time always settles.",
         lambda: _scenario_cycle("sync"), _thumb_cycle,
         variants=(("asynchronous run", lambda: _scenario_cycle("async")),)),
    Demo("temperature", "Temperature", "Temperature",
         "The same recall, hotter and hotter: from a clean picture to noise.",
         scenario_temperature, _thumb_temperature),
    Demo("many-memories", "Many memories", "Many memories",
         "40 pictures: the classic network blends them, a dense network recalls.",
         lambda: _scenario_many("dense"), _thumb_many,
         variants=(("Hebbian network", lambda: _scenario_many("hebbian")),)),
)

SLUGS: tuple[str, ...] = tuple(d.slug for d in DEMOS)
_BY_SLUG = {d.slug: d for d in DEMOS}


def get(slug: str | None) -> Demo | None:
    """The demo called ``slug``, or ``None`` for an unknown or missing name."""
    return _BY_SLUG.get(slug or "")
