"""The Capacity page's figures: recall quality against load, per rule, with the theory."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

import hopfield_core as hc
from hopfield_app import plots
from hopfield_app.explore.shared import nice, rule_color

__all__ = ["METRIC_TITLES", "capacity_figure", "capacity_summary"]

#: metric -> (short name, y-axis title), shared with the Basins page.
METRIC_TITLES = {
    "fixed": ("memories that are fixed points", "fraction of memories that are fixed points"),
    "overlap": ("mean final overlap", "mean final overlap m"),
    "recalled": ("probes recalled", "fraction of noisy probes recalled"),
    "exact": ("probes recalled exactly", "fraction recalled exactly"),
}



def _theory_lines(labels: Sequence[str], n_units: int, x_max: float, per_unit: bool) -> list:
    """(x, text, colour) of the literature's capacity for each rule shown, within the plot."""
    out = []
    scale = 1.0 / n_units if per_unit else 1.0
    for label in labels:
        rule = "dense" if label.startswith("dense") else label
        params = {"degree": int(label.split("=")[1].rstrip(")"))} if rule == "dense" else {}
        cap = hc.theory_capacity(rule, n_units, **params)
        if cap is None:
            continue
        names = {"hebbian": "AGS 0.138 N", "storkey": "Storkey N/√(2 ln N)",
                 "pseudoinverse": "pseudo-inverse P = N", "dense": "Krotov–Hopfield K"}
        if rule in names and cap * scale <= x_max:
            out.append((cap * scale, names[rule], rule_color(label)))
        if rule == "hebbian":
            mc = hc.mceliece_capacity(n_units)
            if mc * scale <= x_max:
                out.append((mc * scale, "McEliece N/(2 ln N)", rule_color(label)))
    return out


def capacity_figure(result: hc.CapacityResult, *, metric: str = "fixed",
                    per_unit: bool = True, theory: bool = True,
                    height: int = 440) -> go.Figure:
    """Recall quality against load, one line per rule, theory lines dashed."""
    values = getattr(result, metric)
    x = result.alpha if per_unit else result.n_patterns.astype(float)
    fig = go.Figure()
    done = slice(0, result.completed)
    for label in result.labels:
        fig.add_trace(go.Scatter(
            x=x[done], y=values[label][done], mode="lines+markers", name=nice(label),
            line=dict(color=rule_color(label), width=4), marker=dict(size=9),
            hovertemplate=("P/N = %{x:.3f}" if per_unit else "P = %{x:.0f}")
            + "<br>%{y:.3f}<extra>" + nice(label) + "</extra>",
        ))
    x_max = float(x[-1]) if len(x) else 1.0
    if theory and metric == "fixed" and "hebbian" in result.labels:
        ps = np.arange(1, int(result.n_patterns[-1]) + 1)
        est = 1.0 - np.asarray(hc.pattern_error_probability(result.n_units, ps))
        fig.add_trace(go.Scatter(
            x=ps / result.n_units if per_unit else ps, y=est, mode="lines",
            name="Hebbian, one-step theory", line=dict(color=rule_color("hebbian"), width=2,
                                                      dash="dot"),
            hovertemplate="(1 − p_bit)^N = %{y:.3f}<extra></extra>",
        ))
    if theory:
        for i, (xv, text, color) in enumerate(_theory_lines(result.labels, result.n_units,
                                                            x_max * 1.001, per_unit)):
            fig.add_vline(x=xv, line=dict(color=color, width=2, dash="dash"))
            fig.add_annotation(x=xv, y=0.03 + 0.5 * (i % 2), yref="paper", text=text,
                               textangle=-90, showarrow=False, xanchor="left", yanchor="bottom",
                               font=dict(color=plots.INK, size=15),
                               bgcolor="rgba(255,255,255,0.85)", bordercolor=color, borderwidth=2)
    fig.update_layout(
        xaxis_title="load P/N" if per_unit else "stored memories P",
        xaxis_range=[0, x_max * 1.03],
        yaxis_title=METRIC_TITLES[metric][1], yaxis_range=[-0.03, 1.05],
        legend=dict(orientation="h", yanchor="top", y=-0.16, x=0),
    )
    return plots.apply_theme(fig, height=height)


def capacity_summary(result: hc.CapacityResult, metric: str = "fixed") -> str:
    """One line per rule: the largest load up to which the curve stays high."""
    level = 0.95 if metric == "overlap" else 0.9
    values = getattr(result, metric)
    lines = []
    for label in result.labels:
        v = values[label][: result.completed]
        low = np.flatnonzero(~(v >= level))
        if low.size == 0:
            p = int(result.n_patterns[result.completed - 1]) if result.completed else 0
            lines.append(f"- **{nice(label)}**: still ≥ {level:g} at the largest load tried, "
                         f"P = {p} (P/N = {p / result.n_units:.2f})")
        elif low[0] == 0:
            lines.append(f"- **{nice(label)}**: below {level:g} from the smallest load")
        else:
            p = int(result.n_patterns[low[0] - 1])
            lines.append(f"- **{nice(label)}**: ≥ {level:g} up to P = {p} memories "
                         f"(P/N = {p / result.n_units:.2f})")
    return "\n".join(lines)

