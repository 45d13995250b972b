"""The Weights page: W as a heatmap (block means beyond 512 units, from the factors),
one unit's receptive field, the distribution of the weights, the memories' correlations.

The computations are ``st.cache_data`` functions: each caller gets its own copy
of the arrays, so nothing one session does changes what another sees.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
import streamlit as st

import hopfield_core as hc
from hopfield_app import plots
from hopfield_app.explore.shared import DIVERGING

__all__ = [
    "MAX_CELLS",
    "weights_view",
    "weights_window",
    "unit_weights",
    "weights_figure",
    "receptive_field_figure",
    "histogram_figure",
    "correlation_figure",
    "MAX_WRITTEN",
]


#: Largest heatmap drawn cell by cell; larger matrices are shown block-averaged.
MAX_CELLS = 512


@st.cache_data(show_spinner=False, max_entries=8)
def weights_view(patterns: np.ndarray, rule: str, params: tuple = ()) -> dict[str, Any]:
    """Everything the Weights page draws of W, for one set of memories and a rule.

    Returns a dict with ``heat`` (W itself for N <= MAX_CELLS, else k x k block
    means), ``block`` (units per block side), ``hist`` (off-diagonal weights,
    sampled rows for large N) and ``n_units``. Beyond MAX_CELLS units the dense
    (N, N) matrix is never built: block means come from the factors W = U V^T - diag(d),

    mean_{i in a, j in b} W_ij = [(sum_{i in a} U_i) . (sum_{j in b} V_j) - [a = b] sum_{i in a} d_i]
    / (|a| |b|).
    """
    net = hc.store(patterns, rule=rule, **dict(params))
    n = net.n_units
    if n <= MAX_CELLS:
        w = net.weights()
        return {"heat": w, "block": 1, "n_units": n, **_histogram(w[np.triu_indices(n, 1)])}
    block = math.ceil(n / MAX_CELLS)
    u, v, d = net.factors()
    us, vs = _block_sums(u, block), _block_sums(v, block)
    counts = _block_sums(np.ones((n, 1)), block)[:, 0]
    heat = us @ vs.T
    heat[np.diag_indices_from(heat)] -= _block_sums(d[:, None], block)[:, 0]
    heat /= np.outer(counts, counts)
    # about 4 million sampled weights at most (64 rows at N = 65,536)
    rows = np.random.default_rng(0).choice(n, min(256, max(16, 2**22 // n)), replace=False)
    sample = u[rows] @ v.T
    sample[np.arange(rows.size), rows] = np.nan  # the zero diagonal is not a weight
    return {"heat": heat, "block": block, "n_units": n,
            **_histogram(sample[np.isfinite(sample)])}


def _histogram(values: np.ndarray, bins: int = 61) -> dict[str, Any]:
    """Counts of the weights in ``bins`` equal bins, with their mean and spread."""
    top = float(np.max(np.abs(values))) if values.size else 1.0
    top = top if top > 0 else 1.0
    counts, edges = np.histogram(values, bins=bins, range=(-top * 1.02, top * 1.02))
    return {"hist_counts": counts, "hist_edges": edges, "hist_mean": float(values.mean()),
            "hist_std": float(values.std())}


@st.cache_data(show_spinner=False, max_entries=16)
def weights_window(patterns: np.ndarray, rule: str, params: tuple, row0: int, col0: int,
                   size: int) -> np.ndarray:
    """The exact block W[row0:row0+size, col0:col0+size] from the factors (zero diagonal)."""
    net = hc.store(patterns, rule=rule, **dict(params))
    u, v, _d = net.factors()
    r1, c1 = min(row0 + size, net.n_units), min(col0 + size, net.n_units)
    w = u[row0:r1] @ v[col0:c1].T
    ii = np.arange(row0, r1)
    on_diag = (ii >= col0) & (ii < c1)
    w[ii[on_diag] - row0, ii[on_diag] - col0] = 0.0
    return w


@st.cache_data(show_spinner=False, max_entries=32)
def unit_weights(patterns: np.ndarray, rule: str, params: tuple, unit: int) -> np.ndarray:
    """Row ``unit`` of W, (N,), from the factors (no dense matrix)."""
    net = hc.store(patterns, rule=rule, **dict(params))
    u, v, d = net.factors()
    row = u[unit] @ v.T
    row[unit] = 0.0
    return row


def _block_sums(a: np.ndarray, block: int) -> np.ndarray:
    n = a.shape[0]
    pad = (-n) % block
    if pad:
        a = np.concatenate([a, np.zeros((pad, a.shape[1]))])
    return a.reshape(-1, block, a.shape[1]).sum(axis=1)


def _symmetric_range(values: np.ndarray) -> float:
    finite = np.asarray(values)[np.isfinite(values)]
    top = float(np.max(np.abs(finite))) if finite.size else 1.0
    return top if top > 0 else 1.0


def weights_figure(view: dict[str, Any], *, origin: tuple[int, int] = (0, 0)) -> go.Figure:
    """W as a heatmap, diverging colours centred at zero; hover shows (i, j, W_ij).

    ``view`` holds ``heat`` and ``block`` (see `weights_view`); ``origin`` the
    first row and column shown (for a zoomed window)."""
    heat, block = view["heat"], view["block"]
    top = _symmetric_range(heat)
    heat = np.asarray(heat, dtype=np.float32)  # half the bytes sent; far finer than a pixel
    idx = np.arange(heat.shape[0]) * block + origin[0]
    jdx = np.arange(heat.shape[1]) * block + origin[1]
    if block == 1:
        hover = "i = %{y}, j = %{x}<br>W<sub>ij</sub> = %{z:.4f}<extra></extra>"
    else:
        hover = (f"i = %{{y}}–%{{y}}+{block - 1}, j = %{{x}}–%{{x}}+{block - 1}"
                 "<br>mean W = %{z:.4f}<extra></extra>")
    fig = go.Figure(go.Heatmap(
        z=heat, x=jdx, y=idx, colorscale=DIVERGING, zmid=0.0, zmin=-top, zmax=top,
        hovertemplate=hover, colorbar=dict(title="W", thickness=18, exponentformat="power"),
    ))
    fig.update_yaxes(autorange="reversed", title="unit i", scaleanchor="x", constrain="domain")
    fig.update_xaxes(title="unit j", constrain="domain")
    return plots.apply_theme(fig, height=420, legend=False)


def receptive_field_figure(row: np.ndarray, grid: tuple[int, int], unit: int) -> go.Figure:
    """The weights W_ij of one unit i drawn on the grid of j, chosen unit ringed.

    Invisible markers over every cell make a click choose the unit (Streamlit's
    chart selection reports points, not heatmap cells)."""
    rows, cols = grid
    img = row.reshape(rows, cols)
    top = _symmetric_range(img)
    j = np.arange(rows * cols)
    clickable = rows * cols <= 4096
    hover = (f"i = {unit}, j = %{{customdata}} (row %{{y}}, col %{{x}})"
             "<br>W<sub>ij</sub> = %{z:.4f}<extra></extra>")
    fig = go.Figure(go.Heatmap(
        z=img, colorscale=DIVERGING, zmid=0.0, zmin=-top, zmax=top,
        customdata=j.reshape(rows, cols), hoverinfo="skip" if clickable else None,
        hovertemplate=None if clickable else hover,
        colorbar=dict(title="W", thickness=18, exponentformat="power"),
    ))
    if clickable:
        # Nearly invisible markers carry the hover text and make a click report the cell.
        rr, cc = np.divmod(j, cols)
        fig.add_trace(go.Scatter(
            x=cc, y=rr, mode="markers", showlegend=False,
            marker=dict(size=max(6, 300 // max(grid)), symbol="square", opacity=0.01,
                        color="#000000"),
            customdata=np.column_stack([j, row]),
            hovertemplate=(f"i = {unit}, j = %{{customdata[0]}} (row %{{y}}, col %{{x}})"
                           "<br>W<sub>ij</sub> = %{customdata[1]:.4f}<extra></extra>"),
        ))
    ur, uc = divmod(unit, cols)
    fig.add_trace(go.Scatter(x=[uc], y=[ur], mode="markers", showlegend=False, hoverinfo="skip",
                             marker=dict(symbol="square-open", size=max(10, 360 // max(grid)),
                                         color="#111827", line=dict(width=3))))
    fig.update_yaxes(autorange="reversed", scaleanchor="x", constrain="domain", showgrid=False,
                     title="row")
    fig.update_xaxes(constrain="domain", showgrid=False, title="column")
    return plots.apply_theme(fig, height=420, legend=False)


def histogram_figure(view: dict[str, Any]) -> go.Figure:
    """The distribution of the off-diagonal weights (``hist_*`` of `weights_view`)."""
    edges = view["hist_edges"]
    fig = go.Figure(go.Bar(x=0.5 * (edges[:-1] + edges[1:]), y=view["hist_counts"],
                           width=np.diff(edges), marker_color=plots.COLORWAY[0],
                           hovertemplate="W ≈ %{x:.4f}<br>%{y} weights<extra></extra>"))
    fig.update_layout(xaxis_title="weight W<sub>ij</sub> (i ≠ j)", yaxis_title="count", bargap=0.05)
    return plots.apply_theme(fig, height=360, legend=False)


#: Most memories whose correlations are written into the cells (16 px numbers need
#: about 55 px a cell; the chart spans the page's width on a 1280-px screen).
MAX_WRITTEN = 14


def correlation_figure(corr: np.ndarray, names: Sequence[str]) -> go.Figure:
    """The memories' correlation matrix C_{mu nu} = (1/N) xi_mu . xi_nu, values written in.

    The cells are not forced square: the chart takes the page's width, so the
    numbers (up to `MAX_WRITTEN` memories) stay large and apart on a projector.
    """
    labels = [str(n) for n in names]
    n = corr.shape[0]
    text = np.vectorize(lambda v: f"{v:+.2f}")(corr) if n <= MAX_WRITTEN else None
    fig = go.Figure(go.Heatmap(
        z=corr, x=labels, y=labels, colorscale=DIVERGING, zmid=0.0, zmin=-1, zmax=1,
        text=text, texttemplate="%{text}" if text is not None else None,
        textfont=dict(size=plots.FONT_SIZE - 2),
        hovertemplate="memories %{y} and %{x}<br>C = %{z:.3f}<extra></extra>",
        colorbar=dict(title="C", thickness=18),
    ))
    fig.update_yaxes(autorange="reversed", type="category", title="memory")
    fig.update_xaxes(type="category", title="memory", tickangle=0 if n <= MAX_WRITTEN else -90)
    return plots.apply_theme(fig, height=int(min(480, max(300, 34 * n + 140))), legend=False)
