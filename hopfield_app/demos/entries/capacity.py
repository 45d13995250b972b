"""Demo 7, too many memories: the recall curve of a 100-unit Hebbian network."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

import hopfield_core as hc
from hopfield_app import plots
from hopfield_app.demos import common as c
from hopfield_app.demos.model import Claim, Demo, DemoText
from hopfield_app.state import Scenario

N = 100
LOADS = tuple(range(1, 31))
TRIALS = 20
NOISE = 0.05
SEED = 7
GRID = (10, 10)
DEMO_P = 20
DEMO_SEED = 70
TESTS = "tests/claims/test_capacity.py"

TEXT = DemoText(
    look="recall stays near perfect up to about 10 memories in a 100-unit network, then "
         "falls smoothly: at P = 0.138 N ≈ 14 about 85 % of the memories are still "
         "recalled, and half are lost only near P = 19–20 (the green line). The red line "
         "is the theory's limit for very large networks.",
    teaches=r"crosstalk between memories grows like $\sqrt{P/N}$: Amit, Gutfreund and "
            r"Sompolinsky (1985) put the Hebbian limit at $\alpha_c = P/N \approx 0.138$ "
            "for N → ∞. At finite N the transition is smeared out: a sharp drop at 0.138 N "
            "only appears in much larger networks.",
    now_try="in the Playground (20 memories), switch to the pseudo-inverse rule and run "
            "again: the memory comes back.",
)


def curve(seed: int = SEED, trials: int = TRIALS, loads: tuple[int, ...] = LOADS) -> np.ndarray:
    """Recall rate per load: ``trials`` sets of P random memories, each memory probed with
    5 % noise and recalled asynchronously (recalled = final overlap at least 0.95)."""
    res = hc.capacity_curve(N, list(loads), rules=("hebbian",), trials=trials, noise=NOISE,
                            mode="async", max_steps=30, success_overlap=0.95, rng=seed)
    label = res.labels[0]
    return np.asarray(res.recalled[label]), np.asarray(res.overlap[label])


def half_point(loads, rate) -> float:
    """The load where the recall rate first falls to 50 % (linear interpolation)."""
    loads, rate = np.asarray(loads, float), np.asarray(rate, float)
    below = np.flatnonzero(rate <= 0.5)
    if len(below) == 0:
        return float("nan")
    i = int(below[0])
    if i == 0:
        return float(loads[0])
    x0, x1, y0, y1 = loads[i - 1], loads[i], rate[i - 1], rate[i]
    return float(x0 + (y0 - 0.5) * (x1 - x0) / (y0 - y1))


def compute() -> dict:
    rate, overlap = curve()
    return {"loads": np.asarray(LOADS), "rate": rate, "mean_overlap": overlap,
            "theory": hc.AGS_ALPHA_C * N, "half": half_point(LOADS, rate), "n_units": N}


def figure(data: dict) -> go.Figure:
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=data["loads"], y=data["rate"], mode="lines+markers",
                             name="memories recalled (m ≥ 0.95)", marker=dict(size=10)))
    fig.add_trace(go.Scatter(x=data["loads"], y=data["mean_overlap"], mode="lines+markers",
                             name="mean final overlap", line=dict(dash="dot"), marker=dict(size=8)))
    fig.add_vline(x=data["theory"], line=dict(color="#DC2626", width=3, dash="dash"),
                  annotation_text=f"0.138 N = {data['theory']:.1f}",
                  annotation_position="top left", annotation_font=dict(size=18, color="#B91C1C"))
    fig.add_vline(x=data["half"], line=dict(color="#047857", width=3),
                  annotation_text=f"50 % at P ≈ {data['half']:.1f}",
                  annotation_position="top right", annotation_font=dict(size=18, color="#047857"))
    fig.update_layout(xaxis_title=f"number of memories P (N = {data['n_units']} units)",
                      yaxis_title="recall", yaxis_range=[0, 1.12])
    plots.apply_theme(fig, height=400)
    fig.update_layout(legend=dict(x=0.01, y=0.05, xanchor="left", yanchor="bottom"))
    return fig


def scenario() -> Scenario:
    pats = hc.random_patterns(DEMO_P, N, rng=DEMO_SEED)
    probe = hc.add_noise(pats[0], NOISE, rng=DEMO_SEED)
    return Scenario(
        memories=c.memories([f"#{i + 1}" for i in range(DEMO_P)], pats, GRID), probe=probe,
        settings=c.settings(rule="hebbian", mode="async", steps=30, frames_per_sweep=4,
                            seed=DEMO_SEED, noise=NOISE),
        title=f"Too many memories: {DEMO_P} random patterns in 100 units", note=TEXT.note())


def view(d: dict) -> None:
    left, right = st.columns([2.2, 1], gap="large")
    with left:
        st.plotly_chart(figure(d), key="demos.capacity.figure")
    with right:
        rows = [{"memories P": int(p), "recalled": f"{r:.0%}", "mean overlap": f"{m:.2f}"}
                for p, r, m in zip(d["loads"], d["rate"], d["mean_overlap"])
                if p in (5, 10, 14, 20, 25, 30)]
        st.table(rows, hide_index=True)
        st.caption(f"N = {d['n_units']} units; for each P, {TRIALS} sets of random "
                   f"memories, each memory probed with {NOISE:.0%} noise and recalled "
                   "asynchronously; recalled = final overlap ≥ 0.95. The recall rate "
                   f"crosses 50 % at P ≈ {d['half']:.1f}.")
    _crosstalk()


def _crosstalk() -> None:
    """Why it fails: the crosstalk view of the Capacity page, at this demo's N and P."""
    try:
        from hopfield_app.explore import crosstalk
    except ImportError:  # the view is optional: the curve tells the story without it
        return
    crosstalk.crosstalk_section("demos.capacity.crosstalk", n_units=N, n_patterns=DEMO_P)


DEMO = Demo(
    slug="capacity", order=7, title="Too many memories", short="Capacity",
    teaser="Store more and more patterns in 100 units: recall fades smoothly past about "
           "10 memories.",
    text=TEXT, scenario=scenario,
    thumbnail=lambda: (hc.random_patterns(1, N, rng=DEMO_SEED)[0], GRID),
    compute=compute, view=view,
    claims=(
        Claim("near perfect up to about 10 memories; about 85 % recalled at P ≈ 14; 50 % "
              "crossed near P = 19–20", f"{TESTS}::test_curve_shape_over_several_seeds"),
        Claim("now try: 20 memories, pseudo-inverse: the memory comes back",
              f"{TESTS}::test_now_try_pseudoinverse_recalls_the_20_memory_probe"),
    ),
)
