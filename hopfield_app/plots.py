"""Plotly figures with one look for the whole app: large fonts, high contrast, for projectors.

Figure builders are pure (data in, figure out); pages render them with
``st.plotly_chart(fig, key=...)``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

__all__ = [
    "FONT_SIZE",
    "COLORWAY",
    "apply_theme",
    "energy_figure",
    "overlap_figure",
]

FONT_SIZE = 18
INK = "#111827"
GRID_COLOR = "#d1d5db"
# Colour-blind-safe palette (Okabe-Ito), strong enough for a washed-out projector.
COLORWAY = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
    "#56B4E9", "#000000", "#F0E442",
)


def apply_theme(fig: go.Figure, *, height: int | None = None, legend: bool = True) -> go.Figure:
    """Give ``fig`` the app's look (in place) and return it.

    White background, dark ink, 18 px fonts, thick lines, a colour-blind-safe
    colour cycle and tight margins, so a plot stays readable from the back of
    a lecture hall.
    """
    fig.update_layout(
        template="plotly_white",
        font=dict(size=FONT_SIZE, color=INK,
                  family="Inter, Segoe UI, Helvetica, Arial, sans-serif"),
        title_font=dict(size=FONT_SIZE + 2),
        colorway=list(COLORWAY),
        margin=dict(l=10, r=10, t=40 if fig.layout.title.text else 10, b=10),
        paper_bgcolor="white",
        plot_bgcolor="white",
        showlegend=legend,
        legend=dict(font=dict(size=FONT_SIZE - 2), bgcolor="rgba(255,255,255,0.8)"),
        hoverlabel=dict(font_size=FONT_SIZE - 2),
    )
    if height is not None:
        fig.update_layout(height=height)
    axis = dict(
        showline=True, linewidth=2, linecolor=INK, gridcolor=GRID_COLOR,
        ticks="outside", tickfont=dict(size=FONT_SIZE - 2), title_font=dict(size=FONT_SIZE),
        zeroline=False,
    )
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)
    fig.update_traces(selector=dict(type="scatter"), line=dict(width=3))
    return fig


def _frame_marker(fig: go.Figure, x: float | None) -> None:
    if x is not None:
        fig.add_vline(x=x, line=dict(color="#DC2626", width=3, dash="dot"))


def energy_figure(
    energies: np.ndarray,
    x: np.ndarray | None = None,
    *,
    frame: int | None = None,
    x_title: str = "sweep",
    height: int = 300,
) -> go.Figure:
    """Energy against time with a marker at ``frame``.

    Parameters
    ----------
    energies : ndarray of shape (T+1,)
        E at every recorded frame.
    x : ndarray of shape (T+1,), optional
        Time of each frame (sweeps or steps); default ``0..T``.
    frame : int, optional
        Index of the frame the user is looking at; drawn as a dot and a line.
    """
    energies = np.asarray(energies, dtype=np.float64)
    x = np.arange(len(energies)) if x is None else np.asarray(x, dtype=np.float64)
    fig = go.Figure(go.Scatter(x=x, y=energies, mode="lines", name="energy",
                               hovertemplate="%{x}: E = %{y:.1f}<extra></extra>"))
    if frame is not None and 0 <= frame < len(energies):
        fig.add_trace(go.Scatter(x=[x[frame]], y=[energies[frame]], mode="markers",
                                 marker=dict(size=14, color="#DC2626"), name="now",
                                 hoverinfo="skip"))
        _frame_marker(fig, float(x[frame]))
    fig.update_layout(xaxis_title=x_title, yaxis_title="energy E")
    fig.update_yaxes(exponentformat="none", separatethousands=False)  # -10000, not -10k
    return apply_theme(fig, height=height, legend=False)


def overlap_figure(
    overlaps: np.ndarray,
    x: np.ndarray | None = None,
    labels: Sequence[str] | None = None,
    *,
    frame: int | None = None,
    x_title: str = "sweep",
    height: int = 300,
    max_lines: int = 12,
) -> go.Figure:
    """Overlap m_mu = (1/N) xi_mu . s of the state with every memory over time.

    With more than ``max_lines`` memories only the ``max_lines`` with the
    largest final |m| are drawn (the rest would be an unreadable tangle).
    """
    overlaps = np.asarray(overlaps, dtype=np.float64)
    n_frames, n_memories = overlaps.shape
    x = np.arange(n_frames) if x is None else np.asarray(x, dtype=np.float64)
    labels = list(labels) if labels is not None else [str(i + 1) for i in range(n_memories)]
    order = np.argsort(-np.abs(overlaps[-1]), kind="stable")[:max_lines]
    fig = go.Figure()
    for mu in sorted(order):
        fig.add_trace(go.Scatter(x=x, y=overlaps[:, mu], mode="lines", name=labels[mu],
                                 hovertemplate=f"{labels[mu]}: m = %{{y:.2f}}<extra></extra>"))
    if frame is not None and 0 <= frame < n_frames:
        _frame_marker(fig, float(x[frame]))
    fig.update_layout(xaxis_title=x_title, yaxis_title="overlap m", yaxis_range=[-1.05, 1.05])
    return apply_theme(fig, height=height)
