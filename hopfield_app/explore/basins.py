"""The Basins page's figure: fraction of recalls against the fraction of flipped units."""

from __future__ import annotations

import plotly.graph_objects as go

import hopfield_core as hc
from hopfield_app import plots
from hopfield_app.explore.capacity import METRIC_TITLES
from hopfield_app.explore.shared import nice, rule_color

__all__ = ["basin_figure"]


def basin_figure(result: hc.BasinResult, *, metric: str = "recalled",
                 height: int = 440) -> go.Figure:
    """Fraction of successful recalls against the fraction of flipped units."""
    values = getattr(result, metric)
    fig = go.Figure()
    done = slice(0, result.completed)
    for label in result.labels:
        fig.add_trace(go.Scatter(
            x=result.noise[done], y=values[label][done], mode="lines+markers", name=nice(label),
            line=dict(color=rule_color(label), width=4), marker=dict(size=9),
            hovertemplate="noise %{x:.2f}<br>%{y:.3f}<extra>" + nice(label) + "</extra>",
        ))
    fig.add_vline(x=0.5, line=dict(color=plots.INK, width=2, dash="dot"))
    fig.add_annotation(x=0.5, y=1.03, yref="paper", text="half flipped: closer to the inverse",
                       showarrow=False, xanchor="left", font=dict(size=15))
    fig.update_layout(xaxis_title="fraction of units flipped in the probe",
                      yaxis_title=METRIC_TITLES[metric][1], yaxis_range=[-0.03, 1.05],
                      legend=dict(orientation="h", yanchor="top", y=-0.16, x=0))
    return plots.apply_theme(fig, height=height)

