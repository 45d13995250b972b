"""The Attractors page: where random starts settle, and one recall path in the overlap plane."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
import streamlit as st

import hopfield_core as hc
from hopfield_app import plots

__all__ = ["attractor_counts_figure", "path_figure", "recall_path"]


_KIND_COLORS = {"memory": plots.COLORWAY[2], "inverse": plots.COLORWAY[1],
                "mixture": plots.COLORWAY[3], "other": "#6b7280"}


def attractor_counts_figure(result: hc.AttractorResult) -> go.Figure:
    counts = result.counts_by_kind()
    kinds = list(counts)
    fig = go.Figure(go.Bar(
        x=[counts[k] / result.n_starts for k in kinds],
        y=["memories", "inverted memories", "mixtures", "other"],
        orientation="h", marker_color=[_KIND_COLORS[k] for k in kinds],
        text=[f"{counts[k]}" for k in kinds], textposition="auto",
        hovertemplate="%{y}: %{x:.1%} of the starts<extra></extra>",
    ))
    fig.update_layout(xaxis_title="fraction of random starts", xaxis_range=[0, 1])
    fig.update_yaxes(autorange="reversed")
    return plots.apply_theme(fig, height=300, legend=False)


def path_figure(m_a: np.ndarray, m_b: np.ndarray, energies: np.ndarray, names: tuple[str, str],
                attractors: Sequence[tuple[float, float, str]] = ()) -> go.Figure:
    """The recall path in the plane of the overlaps with two memories, coloured by energy."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=m_a, y=m_b, mode="lines", line=dict(color="#9ca3af", width=2),
                             hoverinfo="skip", showlegend=False))
    fig.add_trace(go.Scatter(
        x=m_a, y=m_b, mode="markers", showlegend=False,
        marker=dict(size=11, color=energies, colorscale="Viridis",
                    colorbar=dict(title="energy", thickness=18), line=dict(width=0)),
        customdata=np.column_stack([np.arange(len(energies)), energies]),
        hovertemplate=("frame %{customdata[0]}<br>m(" + names[0] + ") = %{x:.3f}<br>m("
                       + names[1] + ") = %{y:.3f}<br>E = %{customdata[1]:.3f}<extra></extra>"),
    ))
    # Each label on the side away from the other point, so a short path (or one that
    # ends where it started) never prints "start" over "end".
    end_below = float(m_b[-1]) <= float(m_b[0])
    start_pos, end_pos = ("top center", "bottom center") if end_below else \
        ("bottom center", "top center")
    fig.add_trace(go.Scatter(x=[m_a[0]], y=[m_b[0]], mode="markers+text", text=["start"],
                             textposition=start_pos, showlegend=False, hoverinfo="skip",
                             marker=dict(size=16, symbol="circle-open", color="#111827",
                                         line=dict(width=3))))
    fig.add_trace(go.Scatter(x=[m_a[-1]], y=[m_b[-1]], mode="markers+text", text=["end"],
                             textposition=end_pos, showlegend=False, hoverinfo="skip",
                             marker=dict(size=18, symbol="star", color="#DC2626")))
    if attractors:
        xs, ys, texts = zip(*attractors)
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="markers+text", text=texts,
                                 textposition="middle right", showlegend=False, hoverinfo="skip",
                                 marker=dict(size=10, symbol="x", color="#374151")))
    fig.update_xaxes(range=[-1.1, 1.1], title=f"overlap with {names[0]}", zeroline=True,
                     zerolinecolor="#9ca3af")
    fig.update_yaxes(range=[-1.1, 1.1], title=f"overlap with {names[1]}", zeroline=True,
                     zerolinecolor="#9ca3af", scaleanchor="x")
    return plots.apply_theme(fig, height=560, legend=False)


@st.cache_data(show_spinner=False, max_entries=16)
def recall_path(patterns: np.ndarray, rule: str, params: tuple, a: int, b: int, start: str,
                noise: float, mode: str, seed: int) -> tuple:
    """One recall from a start near memories ``a``/``b``, as overlaps with both and energies.

    ``start``: "halfway ..." (agreeing units of a and b kept, the rest random), "a noisy ..."
    (memory a with ``noise`` flipped) or anything else (a random state). Returns
    (m_a, m_b, energies, n_sweeps, converged, final overlaps with every memory).
    """
    rng = np.random.default_rng(seed)
    net = hc.store(patterns, rule=rule, **dict(params))
    if start.startswith("halfway"):
        s0 = hc.halfway(patterns[a], patterns[b], rng=rng)
    elif start.startswith("a noisy"):
        s0 = hc.add_noise(patterns[a], noise, rng=rng)
    else:
        s0 = hc.random_states(1, patterns.shape[1], rng=rng)[0]
    traj = hc.run(net, s0, mode=mode, steps=50, rng=rng, frames_per_sweep=16)
    m = traj.overlaps(patterns)
    return m[:, a], m[:, b], traj.energies, traj.n_sweeps, traj.converged, m[-1]
