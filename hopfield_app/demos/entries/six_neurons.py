"""Demo 1, six neurons: the weight matrix as a graph and one synchronous step, unit by unit."""

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

PATTERN = c.int8([1, -1, 1, -1, 1, -1])
PROBE = c.int8([1, 1, 1, 1, -1, 1])
TESTS = "tests/claims/test_six_neurons.py"

TEXT = DemoText(
    look="the probe +1 +1 +1 +1 −1 +1 becomes −1 +1 −1 +1 −1 +1 in a single "
         "synchronous step: every unit takes the sign of its local field "
         r"$h_i = \sum_j W_{ij} s_j$.",
    teaches=r"the Hebbian weight $W_{ij} = \frac{1}{N}\sum_\mu \xi^\mu_i \xi^\mu_j$ is "
            "positive where the memories agree and negative where they disagree; storing "
            "a pattern and its inverse gives the same weights as storing the pattern "
            "alone (twice as strong).",
    now_try="in the Playground's Probe tab start from memory 1 with noise 0.17 (one of the "
            "six units flipped), predict where one step takes it, then press Run; change "
            "the seed (③ Settings) to flip another unit.",
)


def compute() -> dict:
    """The 6-unit network: W, and one synchronous step computed unit by unit."""
    patterns = np.stack([PATTERN, -PATTERN])
    net = hc.store(patterns, rule="hebbian")
    w = net.weights()
    fields = w @ PROBE.astype(np.float64)
    new = np.where(fields > 0, 1, np.where(fields < 0, -1, PROBE)).astype(np.int8)
    traj = hc.run(net, PROBE, mode="sync", steps=1)
    return {"patterns": patterns, "weights": w, "probe": PROBE.copy(), "fields": fields,
            "new": new, "core_new": c.int8(traj.states[1]),
            "energies": (float(net.energy(PROBE)), float(net.energy(new)))}


def graph(weights: np.ndarray, state: np.ndarray, *, title: str = "") -> go.Figure:
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


def scenario() -> Scenario:
    return Scenario(
        memories=c.memories(["+−+−+−", "−+−+−+"], np.stack([PATTERN, -PATTERN]), (1, 6)),
        probe=PROBE.copy(),
        settings=c.settings(rule="hebbian", mode="sync", steps=4, frames_per_sweep=1, seed=0,
                            noise=0.0),
        title="Six neurons", note=TEXT.note())


def view(d: dict) -> None:
    w, s, h, new = d["weights"], d["probe"], d["fields"], d["new"]
    left, mid, right = st.columns([1, 2, 1], gap="small")
    with left:
        st.plotly_chart(graph(w, s, title="probe s"), key="demos.six.before")
    with right:
        st.plotly_chart(graph(w, new, title="after one step"), key="demos.six.after")
    with mid:
        st.markdown(r"**One synchronous step, unit by unit:** $h_i = \sum_j W_{ij} s_j$, "
                    r"then $s_i \leftarrow \operatorname{sign}(h_i)$")
        rows = []
        for i in range(len(s)):
            terms = " ".join(f"{ui.fmt(w[i, j])}·({ui.sgn(s[j])})" for j in range(len(s)) if j != i)
            rows.append({"unit": i + 1, "s_i": ui.sgn(s[i]), "h_i = Σ_j W_ij s_j": terms,
                         "h_i": ui.fmt(h[i]), "new s_i": ui.sgn(new[i]),
                         "flipped": "yes" if new[i] != s[i] else ""})
        st.table(rows, hide_index=True)
        e0, e1 = d["energies"]
        st.markdown(f"Energy E = −½ sᵀWs: **{e0:.2f} → {e1:.2f}**. The new state "
                    f"{' '.join(ui.sgn(v) for v in new)} is the stored inverse "
                    "−+−+−+, a fixed point.")


DEMO = Demo(
    slug="six-neurons", order=1, title="Six neurons", short="Six neurons",
    teaser="The smallest network: weights as a graph, one update unit by unit.",
    text=TEXT, scenario=scenario, thumbnail=lambda: (PROBE.copy(), (1, 6)),
    compute=compute, view=view,
    claims=(
        Claim("+1 +1 +1 +1 −1 +1 becomes −1 +1 −1 +1 −1 +1 in one synchronous step; the new "
              "state is the stored inverse, a fixed point; the energy falls",
              f"{TESTS}::test_one_step_lands_on_the_stored_inverse"),
        Claim("storing a pattern and its inverse gives the same weights as the pattern alone, "
              "twice as strong", f"{TESTS}::test_pattern_and_inverse_give_twice_the_weights"),
        Claim("now try: noise 0.17 flips one of the six units and one step brings it back",
              f"{TESTS}::test_now_try_one_flipped_unit_returns_in_one_step"),
    ),
)
