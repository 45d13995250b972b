"""Demo 9, temperature: the same recall, hotter and hotter, over 20 runs per temperature."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

import hopfield_core as hc
from hopfield_app import plots
from hopfield_app.demos import common as c
from hopfield_app.demos import ui
from hopfield_app.demos.model import Claim, Demo, DemoText
from hopfield_app.state import Scenario

GRID = (32, 32)
PICTURES = ["boat", "umbrella", "heart"]
TEMPERATURES = (0.0, 0.3, 0.5, 0.7, 0.9, 1.2, 2.0)
NOISE = 0.2
SEED = 9
SEEDS = tuple(range(20))  # each: its own noisy probe, update order and Glauber draws
SWEEPS = 40
TAIL = 10  # sweeps averaged at the end (a hot state keeps fluctuating)
TESTS = "tests/claims/test_temperature.py"

TEXT = DemoText(
    look="the same noisy boat recalled at increasing temperature, 20 runs each: the boat at "
         "T = 0–0.3, grainy but still the boat at T = 0.5–0.7, and at T = 0.9 the boat is "
         "gone in every run: the state falls into the mixture of the umbrella and the heart "
         "(the two pictures that share most pixels, overlap 0.52), which is still there at "
         "T = 1.2; at T = 2 only noise is left.",
    teaches="Glauber dynamics flip a unit against its field with probability "
            r"$1/(1 + e^{2|h|/T})$; for a few unbiased memories the mean-field overlap "
            r"solves $m = \tanh(m/T)$ and vanishes at $T_c = 1$ (the dashed line). Two "
            "correlated pictures act together: their mixture is like one memory of strength "
            "1 + 0.52, so in mean-field theory it melts only near T ≈ 1.5, and when it is "
            "hot the state prefers it to the boat.",
    now_try="set the temperature to 0.7 and watch the picture flicker without settling.",
)


def setup(seed: int = SEED):
    names, pats = c.pictures(GRID, PICTURES)
    return names, pats, hc.add_noise(pats[0], NOISE, rng=seed)


def classify(m: np.ndarray) -> str:
    """Name the end of a hot run from its mean overlaps |m| with boat, umbrella, heart."""
    m = np.abs(m)
    if m[0] > 0.5:
        return "boat"
    if min(m[1], m[2]) > 0.4:
        return "umbrella-heart mixture"
    return "noise" if m.max() < 0.3 else "other"


def tail_overlaps(traj, pats) -> np.ndarray:
    """Overlaps with every memory: at the fixed point, or averaged over the last sweeps."""
    m = traj.overlaps(pats)
    return m[-1] if traj.converged else m[-TAIL:].mean(axis=0)


def compute(temperatures=TEMPERATURES, seeds=SEEDS) -> dict:
    names, pats, probe = setup()
    net = hc.store(pats, rule="hebbian")
    finals, shown, ms, spreads = [], [], [], []
    for t in temperatures:
        per_seed = []
        for k, seed in enumerate(seeds):
            p = hc.add_noise(pats[0], NOISE, rng=seed)
            traj = hc.run(net, p, mode="async", steps=SWEEPS, temperature=float(t), rng=seed)
            per_seed.append(tail_overlaps(traj, pats))
            if k == 0:
                finals.append(c.int8(traj.final))
        per_seed = np.abs(np.asarray(per_seed))
        ms.append(per_seed.mean(axis=0))
        spreads.append(c.spread(classify(m) for m in per_seed))
    return {"names": names, "patterns": pats, "probe": probe, "grid": GRID,
            "temperatures": list(temperatures), "finals": np.stack(finals),
            "mean_abs_overlaps": np.asarray(ms), "spreads": spreads, "n_runs": len(seeds)}


def mean_field_overlap(temperature: float) -> float:
    """Solution of m = tanh(m / T) (alpha -> 0), by fixed-point iteration; 0 for T >= 1."""
    if temperature <= 0:
        return 1.0
    m = 1.0
    for _ in range(2000):
        m = float(np.tanh(m / temperature))
    return m


def figure(data: dict) -> go.Figure:
    ts = np.linspace(0.01, 2.1, 211)
    m = data["mean_abs_overlaps"]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=ts, y=[mean_field_overlap(t) for t in ts], mode="lines",
                             name="mean-field theory: m = tanh(m/T)",
                             line=dict(dash="dash", color="#DC2626")))
    fig.add_trace(go.Scatter(x=data["temperatures"], y=m[:, 0], mode="lines+markers",
                             name="|m| with the boat (mean of 20 runs)", marker=dict(size=12),
                             line=dict(color="#0072B2")))
    fig.add_trace(go.Scatter(x=data["temperatures"], y=m[:, 1:].mean(axis=1),
                             mode="lines+markers", name="|m| with umbrella and heart",
                             marker=dict(size=10), line=dict(color="#B45309", dash="dot")))
    fig.update_layout(xaxis_title="temperature T", yaxis_title="overlap |m|",
                      yaxis_range=[0, 1.05])
    plots.apply_theme(fig, height=360)
    fig.update_layout(legend=dict(x=0.99, y=0.99, xanchor="right", yanchor="top"))
    return fig


def scenario() -> Scenario:
    names, pats, probe = setup()
    return Scenario(
        memories=c.memories(names, pats, GRID), probe=probe,
        settings=c.settings(rule="hebbian", mode="stochastic", steps=SWEEPS, frames_per_sweep=4,
                            temperature=0.6, seed=SEED, noise=NOISE),
        title="Temperature: recall at T = 0.6, compared with T = 0.9", note=TEXT.note(),
        extra={"compare": "temperature:0.9"})


def view(d: dict) -> None:
    grid, ts, n = d["grid"], d["temperatures"], d["n_runs"]
    cols = st.columns(len(ts), gap="small")
    for col, t, final, m, sp in zip(cols, ts, d["finals"], d["mean_abs_overlaps"], d["spreads"]):
        with col:
            ui.pic(final, grid, caption=f"T = {t:g}: |m| = {m[0]:.2f}", width=130)
            st.caption(", ".join(f"{label} {k}" for label, k in sp))
    left, right = st.columns([2, 1], gap="large")
    with left:
        st.plotly_chart(figure(d), key="demos.temperature.figure")
    with right:
        ui.spread_line(f"where each of {n} runs ends (its own noisy probe, update order and "
                       "random draws), per temperature, under each picture.")
        st.caption(f"Each run starts from the boat with {NOISE:.0%} noise and makes {SWEEPS} "
                   "Glauber sweeps; |m| is the size of the overlap averaged over the last "
                   f"{TAIL} sweeps (a memory and its inverse count alike). The pictures show "
                   "the first run.")


DEMO = Demo(
    slug="temperature", order=9, title="Temperature", short="Temperature",
    teaser="The same recall, hotter and hotter: the boat, a mixture, then noise.",
    text=TEXT, scenario=scenario, thumbnail=lambda: (setup()[2], GRID),
    compute=compute, view=view,
    claims=(
        Claim("boat at T = 0–0.3 and (grainy) at 0.5–0.7; at T = 0.9 gone in every run, "
              "into the umbrella-heart mixture, still there at T = 1.2; noise at T = 2",
              f"{TESTS}::test_series_boat_then_mixture_then_noise"),
        Claim("umbrella and heart overlap 0.52, the most of any pair",
              f"{TESTS}::test_umbrella_and_heart_share_most_pixels"),
        Claim("mean-field: m = tanh(m/T) vanishes at T_c = 1; the two-picture mixture melts "
              "only near T ≈ 1.5", f"{TESTS}::test_mean_field_melting_points"),
        Claim("now try: at T = 0.7 the picture flickers without settling",
              f"{TESTS}::test_now_try_t07_flickers_without_settling"),
    ),
)
