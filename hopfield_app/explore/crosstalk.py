"""Why capacity runs out: the crosstalk of the other memories against a memory's own signal.

At a stored memory nu of a Hebbian network the field of unit i, taken along the memory's
own value, splits into the signal and the crosstalk of the other P - 1 memories:

.. math::

    \\xi_i^\\nu h_i = \\underbrace{\\tfrac{N-1}{N}}_{\\text{signal}}
      + \\underbrace{\\xi_i^\\nu \\sum_{\\mu \\ne \\nu} \\xi_i^\\mu
        \\tfrac1N \\sum_{j \\ne i} \\xi_j^\\mu \\xi_j^\\nu}_{C_i,\\ \\text{crosstalk}}

For random memories C_i is a sum of (P - 1)(N - 1) independent +-1/N terms: mean 0,
variance (P - 1)(N - 1)/N^2 ~ (P - 1)/N, close to a Gaussian. Unit i flips out of the
memory when C_i < -(N - 1)/N, the crosstalk outweighing the signal; with P/N = 0.138 that
happens to about 0.4 % of the units, and the errors then snowball (Amit, Gutfreund and
Sompolinsky 1985). The same split, unit by unit and frame by frame, is the Playground's
"why" panel (:mod:`hopfield_core.explain`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from hopfield_app import plots

__all__ = ["Crosstalk", "crosstalk_at_memory", "crosstalk_figure", "unit_figure",
           "crosstalk_section"]

_SIGNAL_BLUE = "#1f6fd1"
_CROSS_RED = "#d9534f"


@dataclass(frozen=True)
class Crosstalk:
    """The split of every unit's field at memory ``memory`` (see the module docstring).

    ``terms`` (N, P): memory mu's term of unit i along xi^nu, the self part removed
    (column ``memory`` is the signal, (N - 1)/N); ``crosstalk`` (N,) the sum of the other
    columns; ``flips`` (N,) bool where the crosstalk outweighs the signal.
    """

    n_units: int
    n_patterns: int
    memory: int
    terms: np.ndarray
    crosstalk: np.ndarray
    signal: float
    flips: np.ndarray

    @property
    def variance(self) -> float:
        """(P - 1)/N, the Gaussian drawn over the histogram."""
        return (self.n_patterns - 1) / self.n_units

    @property
    def expected_fraction(self) -> float:
        """Phi(-signal / sd): the Gaussian's share of units beyond the signal."""
        if self.n_patterns < 2:
            return 0.0
        return 0.5 * math.erfc(self.signal / math.sqrt(2 * self.variance))

    def worst_unit(self) -> int:
        """The unit whose crosstalk pulls hardest against its signal."""
        return int(np.argmin(self.crosstalk))


def crosstalk_at_memory(patterns: np.ndarray, memory: int = 0) -> Crosstalk:
    """The signal and crosstalk of every unit at stored memory ``memory`` (Hebbian).

    Parameters
    ----------
    patterns : (P, N) array of +-1
    memory : int
        0-based index of the memory the network sits in.

    Raises
    ------
    ValueError
        For patterns that are not a (P, N) +-1 array or a memory out of range.
    """
    X = np.asarray(patterns)
    if X.ndim != 2 or X.shape[0] < 1 or X.shape[1] < 2 or not np.all(np.abs(X) == 1):
        raise ValueError("patterns must be a (P, N) array of -1 and +1 with N >= 2")
    P, N = X.shape
    if not 0 <= int(memory) < P:
        raise ValueError(f"memory must be from 0 to {P - 1}; found {memory}")
    Xf = X.astype(np.float64)
    xi = Xf[memory]
    # overlap of each memory with xi^nu leaving unit i out: (xi^mu . xi^nu - xi_i^mu xi_i^nu)/N
    q = Xf @ xi  # (P,)
    m_wo = (q[None, :] - Xf.T * xi[:, None]) / N  # (N, P)
    terms = xi[:, None] * Xf.T * m_wo  # along xi^nu
    signal = (N - 1) / N
    others = np.ones(P, dtype=bool)
    others[memory] = False
    cross = terms[:, others].sum(axis=1)
    return Crosstalk(N, P, int(memory), terms, cross, signal, cross < -signal)


def crosstalk_figure(ct: Crosstalk, *, height: int = 320) -> go.Figure:
    """Histogram of all units' crosstalk, the Gaussian of variance (P - 1)/N over it, and
    the line beyond which a unit flips (the crosstalk outweighs the signal)."""
    fig = go.Figure()
    c = ct.crosstalk
    sd = math.sqrt(max(ct.variance, 1e-12))
    lo = min(float(c.min()), -ct.signal) - sd
    hi = max(float(c.max()), sd) + sd
    fig.add_trace(go.Histogram(x=c, histnorm="probability density", name="units",
                               marker_color="#8a8f98", nbinsx=40,
                               hovertemplate="crosstalk %{x}<br>density %{y:.2f}<extra></extra>"))
    x = np.linspace(lo, hi, 200)
    if ct.n_patterns > 1:
        g = np.exp(-x**2 / (2 * sd**2)) / (sd * math.sqrt(2 * math.pi))
        fig.add_trace(go.Scatter(x=x, y=g, mode="lines", name="Gaussian, variance (P − 1)/N",
                                 line=dict(color="#222", width=2)))
    fig.add_vrect(x0=lo, x1=-ct.signal, fillcolor=_CROSS_RED, opacity=0.12, line_width=0)
    fig.add_vline(x=-ct.signal, line=dict(color=_CROSS_RED, dash="dash"),
                  annotation_text="flips: crosstalk beats signal", annotation_position="top left")
    n_flip = int(ct.flips.sum())
    fig.update_layout(
        title=f"Crosstalk at memory {ct.memory + 1}: P = {ct.n_patterns}, N = {ct.n_units} "
              f"(P/N = {ct.n_patterns / ct.n_units:.2f}); {n_flip} of {ct.n_units} units flip",
        xaxis_title="crosstalk C along the memory (signal = +1)", yaxis_title="density",
        xaxis_range=[lo, hi], bargap=0.02)
    return plots.apply_theme(fig, height=height)


def unit_figure(ct: Crosstalk, unit: int | None = None, *, shown: int = 12,
                height: int = 320) -> go.Figure:
    """One unit's field, memory by memory: the signal bar, the largest crosstalk terms,
    the rest summed, and the total along the memory (negative: the unit flips)."""
    i = ct.worst_unit() if unit is None else int(unit)
    row = ct.terms[i]
    others = [mu for mu in range(ct.n_patterns) if mu != ct.memory]
    others.sort(key=lambda mu: row[mu])  # most negative (against the signal) first
    top, rest = others[:shown], others[shown:]
    names = [f"signal: memory {ct.memory + 1}"] + [f"memory {mu + 1}" for mu in top]
    values = [ct.signal] + [float(row[mu]) for mu in top]
    colours = [_SIGNAL_BLUE] + [_CROSS_RED] * len(top)
    if rest:
        names.append(f"{len(rest)} other memories")
        values.append(float(row[rest].sum()))
        colours.append(_CROSS_RED)
    total = ct.signal + float(ct.crosstalk[i])
    names.append("total along the memory")
    values.append(total)
    colours.append("#222")
    fig = go.Figure(go.Bar(x=values, y=names, orientation="h", marker_color=colours,
                           hovertemplate="%{y}: %{x:.3f}<extra></extra>"))
    verdict = "flips out of the memory" if total < 0 else "stays"
    fig.update_layout(title=f"Unit {i}: signal {ct.signal:.2f}, crosstalk "
                            f"{ct.crosstalk[i]:+.2f}, so it {verdict}",
                      yaxis=dict(autorange="reversed"), xaxis_title="contribution to the field")
    return plots.apply_theme(fig, height=height, legend=False)


def crosstalk_section(key: str = "capacity.crosstalk", *, n_units: int = 100,
                      n_patterns: int = 40) -> None:
    """The Capacity page's "Why it fails" block: sliders for N and P, the histogram with
    its Gaussian, and the unit whose crosstalk outweighs its signal the most."""
    import streamlit as st

    st.subheader("Why it fails: crosstalk against signal")
    c1, c2, c3 = st.columns(3)
    with c1:
        n = st.slider("Units N", 20, 1000, n_units, step=10, key=f"{key}.n")
    with c2:
        p = st.slider("Memories P", 1, 400, n_patterns, key=f"{key}.p")
    with c3:
        seed = st.number_input("Seed", 0, 10_000, 0, key=f"{key}.seed")
    rng = np.random.default_rng(int(seed))
    X = rng.choice(np.array([-1, 1], dtype=np.int8), size=(int(p), int(n)))
    ct = crosstalk_at_memory(X, 0)
    left, right = st.columns(2)
    with left:
        st.plotly_chart(crosstalk_figure(ct), key=f"{key}.hist", theme=None, width="stretch")
    with right:
        st.plotly_chart(unit_figure(ct), key=f"{key}.unit", theme=None, width="stretch")
    st.markdown(
        f"The network sits exactly in memory 1. Each unit feels the memory's own **signal** "
        f"(+{ct.signal:.2f}) plus the **crosstalk** of the other {ct.n_patterns - 1} memories, "
        f"roughly a Gaussian of variance (P − 1)/N = {ct.variance:.3f}. Where the crosstalk "
        f"is below −{ct.signal:.2f} it outweighs the signal and the unit flips: here "
        f"{int(ct.flips.sum())} of {ct.n_units} units; the Gaussian predicts "
        f"{100 * ct.expected_fraction:.1f} % on average. Raise P and the Gaussian widens past "
        "the line; that is the whole reason for the 0.138 N limit."
    )
